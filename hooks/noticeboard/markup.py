"""Small corrections to the theme's own markup so every page passes the W3C Nu checker."""

from __future__ import annotations

# Material 9.8 writes `autocomplete="off"` on its two checkbox toggles (drawer, search); HTML
# allows that attribute only on text-like inputs. Browsers do not restore toggles anyway.
_THEME_TOGGLES = (
    ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"'),
    ('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"'),
)


def valid_theme_markup(html: str) -> str:
    for invalid, valid in _THEME_TOGGLES:
        html = html.replace(invalid, valid, 1)
    return html
