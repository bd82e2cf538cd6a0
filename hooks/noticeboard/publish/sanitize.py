"""What of a notice body may reach a resident's browser: an allow-list, enforced by nh3.

Bodies are written by branch staff and may contain raw HTML. Only tags a printed notice needs
survive; no script, no event handlers, no `javascript:` or `data:` URLs, no styles or classes
that could imitate the site's own state banners.
"""

from __future__ import annotations

from collections.abc import Callable

import nh3

AttributeFilter = Callable[[str, str, str], str | None]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
        "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
        "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    **{h: {"id"} for h in _HEADINGS},
}
# Markdown's admonition extension marks its boxes with classes; nothing else may set a class.
ALLOWED_CLASSES: dict[str, set[str]] = {
    "div": {"admonition", "note", "info", "tip", "warning", "danger", "important"},
    "p": {"admonition-title"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})


def clean_body(html: str, attribute_filter: AttributeFilter | None = None) -> str:
    """The rendered body with everything outside the allow-list removed.

    `attribute_filter(tag, attribute, value)` may rewrite what survives (the printable board
    moves bodies to another page and rebases their links)."""
    return nh3.clean(
        html,
        attribute_filter=attribute_filter,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # no target= is allowed, so no rel is needed; a bare <a> stays valid
        strip_comments=True,
    )


_PLAIN = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂"})


def plain_title(text: str) -> str:
    """A title safe wherever the theme prints it unescaped (header, <title>, search index).

    Material writes page titles into markup without escaping, so the characters that make
    markup are replaced by their full-width forms, which read the same in Chinese text.
    """
    return text.translate(_PLAIN)
