"""A notice body on its way to residents: Markdown → sanitised HTML → plain text.

One step each, used by every output: the page shows the sanitised HTML, feeds and the search
index take the plain text of that same HTML, so a feed excerpt or a search hit holds exactly the
words the page shows (and nothing the allow-list removed). Both are pure functions of the body,
so a caller that needs a body twice may cache them by the body text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from noticeboard.publish.sanitize import clean_body

# The Markdown extensions the site renders notices with (mkdocs.yml `markdown_extensions`,
# except `toc`, which only adds heading ids).
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("tables", "attr_list", "md_in_html", "admonition")

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "template"})
_SPACE = re.compile(r"\s+")


def body_html(markdown_text: str) -> str:
    """The body as the page shows it: rendered, then cut to the allow-list (`sanitize`)."""
    return clean_body(markdown.markdown(markdown_text, extensions=list(MARKDOWN_EXTENSIONS)))


class _TextExtractor(HTMLParser):
    """Collects the visible text of HTML, with a space wherever a block starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The words a reader sees in `html`, every run of white space made one space."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return _SPACE.sub(" ", "".join(extractor.parts)).strip()


def plain_text(markdown_text: str) -> str:
    """The words a reader sees in a notice body (feeds and search both use this)."""
    return html_text(body_html(markdown_text))


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, with `…` when it was cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "…"
