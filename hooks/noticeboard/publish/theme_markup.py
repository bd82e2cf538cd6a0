"""Small corrections to the theme's own markup so every page passes the W3C Nu checker."""

from __future__ import annotations

import re

# Material 9.8 writes `autocomplete="off"` on its two checkbox toggles (drawer, search); HTML
# allows that attribute only on text-like inputs. Browsers do not restore toggles anyway.
_THEME_TOGGLES = (
    ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"'),
    ('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"'),
)


# The table of contents' title is a <label for="__toc">, but Material writes the `__toc` toggle
# only into the nav item of a page that is in the nav; notice pages and translations are not.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def valid_theme_markup(html: str) -> str:
    for invalid, valid in _THEME_TOGGLES:
        html = html.replace(invalid, valid, 1)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
