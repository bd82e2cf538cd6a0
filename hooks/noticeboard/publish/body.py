"""A notice body on its way to residents: Markdown → sanitised HTML → plain text.

One step each, used by every output: the page shows the sanitised HTML, feeds and the search
index take the plain text of that same HTML, so a feed excerpt or a search hit holds exactly the
words the page shows (and nothing the allow-list removed). Both are pure functions of the body,
so a caller that needs a body twice may cache them by the body text.
"""

from __future__ import annotations

import html
import re

import markdown

from noticeboard.publish.sanitize import clean_body

# The Markdown extensions the site renders notices with (mkdocs.yml `markdown_extensions`,
# except `toc`, which only adds heading ids).
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("tables", "attr_list", "md_in_html", "admonition")

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")


def body_html(markdown_text: str) -> str:
    """The body as the page shows it: rendered, then cut to the allow-list (`sanitize`)."""
    return clean_body(markdown.markdown(markdown_text, extensions=list(MARKDOWN_EXTENSIONS)))


# A tag as the sanitiser (nh3) writes it: a raw `<` or `>` never stands in text or in an
# attribute value (both come out as entities), and comments, scripts and styles are gone.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")


def _tag_gap(match: re.Match[str]) -> str:
    return " " if match.group(2).lower() in BLOCK_TAGS else ""


def html_text(clean_html: str) -> str:
    """The words a reader sees in sanitised HTML (`clean_body`'s output), every run of white
    space made one space, a space wherever a block starts or ends. A regular expression, not an
    HTML parser: the sanitiser's serialiser makes tags unambiguous, and this runs on every body of
    every build (the parser was a tenth of a cold build)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(_tag_gap, clean_html))).strip()


def plain_text(markdown_text: str) -> str:
    """The words a reader sees in a notice body (feeds and search both use this)."""
    return html_text(body_html(markdown_text))


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, with `…` when it was cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "…"
