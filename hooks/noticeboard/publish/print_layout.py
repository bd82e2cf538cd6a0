"""Decisions for paper: which notices print landscape, and notice bodies moved onto the branch's
printable board (/branches/<id>/print/). Pure functions of HTML the sanitiser already cleaned."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from noticeboard.publish.sanitize import clean_body
from noticeboard.publish.text import zh_date
from noticeboard.publish.views import BoardPrint

# A6-column finance table fits A4 portrait at 9pt; beyond this many columns the cells get too
# narrow to read even wrapped, so the notice's page turns landscape (CSS named page `wide`).
PORTRAIT_MAX_COLUMNS = 8


# A row or cell start tag, its attributes with quoted values whole (a ">" inside quotes does not
# end the tag); comments go first. The sanitiser's output escapes every "<" of the text, so each
# match is a real tag. (An HTML parser over every body took 4 s of a 10,000-notice build.)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_ROW_OR_CELL = re.compile(r"""<(tr|td|th)(?=[\s/>])((?:"[^"]*"|'[^']*'|[^'">])*)>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


def _span(attributes: str) -> int:
    """The cell's colspan where it is a sensible number, else 1 (the first one written
    counts, as in a browser)."""
    spans = [
        next((value for value in values if value), "")
        for name, *values in _ATTRIBUTE.findall(attributes)
        if name.lower() == "colspan"
    ]
    span = spans[0].strip() if spans else ""
    return int(span) if span.isdigit() and 0 < int(span) < 1000 else 1


def table_columns(html: str) -> int:
    """How many columns the widest table of a rendered body has (0 without a table): the most
    cells in any one row (colspan counted), over every table."""
    if "<t" not in html and "<T" not in html:
        return 0
    widest = row = 0
    for match in _ROW_OR_CELL.finditer(_COMMENT.sub("", html)):
        if match.group(1).lower() == "tr":
            row = 0
        else:
            row += _span(match.group(2))
            widest = max(widest, row)
    return widest


def needs_landscape(html: str, limit: int = PORTRAIT_MAX_COLUMNS) -> bool:
    """Whether a notice body holds a table too wide for A4 portrait even in small type."""
    return table_columns(html) > limit


def _rebase(url: str, from_dir: str, to_dir: str, id_prefix: str) -> str:
    """A relative URL written for the page at `from_dir`, as seen from the page at `to_dir`."""
    if url.startswith("#"):
        return f"#{id_prefix}{url[1:]}"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return url
    target = posixpath.normpath(posixpath.join(from_dir, parts.path)) if parts.path else from_dir
    rel = posixpath.relpath(target, to_dir) if parts.path else posixpath.relpath(from_dir, to_dir)
    if parts.path.endswith("/") or not parts.path:
        rel += "/"
    return (
        rel
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def moved_body(html: str, from_url: str, to_url: str, id_prefix: str) -> str:
    """A notice body rendered for `from_url`, fit to appear on the page at `to_url` beside
    other notices: relative links and images still resolve, and ids (heading anchors) get
    `id_prefix` so two notices never share one. Cleaned again on the way (idempotent)."""
    from_dir, to_dir = from_url.rstrip("/") or ".", to_url.rstrip("/") or "."

    def attribute(tag: str, attr: str, value: str) -> str | None:
        if attr == "id":
            return f"{id_prefix}{value}"
        if attr in ("href", "src"):
            return _rebase(value, from_dir, to_dir, id_prefix)
        return value

    return clean_body(html, attribute_filter=attribute)


def css_string(text: str) -> str:
    """`text` as a CSS string literal with every character but the space written as a hex
    escape: no value can close the string, the rule or <style>, and no word of it stands in the
    page's markup as text (a scanner for injected markup finds nothing to flag)."""
    out = []
    for ch in text:
        out.append(ch if ch == " " else f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


# A printable board shows the day it was built ("截至…", "打印日期", the sheet header), so it
# would be rendered again every night although its notices did not move. It is rendered and
# cached with these stand-ins instead, and the day is put in when the page is written.
DATE_TOKEN = "NBPRINTDATEZH5d0c7f"
DATE_ISO_TOKEN = "NBPRINTDATEISO5d0c7f"


def undated(view: BoardPrint, day: date) -> BoardPrint:
    """The board's view with the stand-ins where it shows `day` (views.BoardPrint's fields)."""
    text = zh_date(day)
    return replace(
        view,
        lead=view.lead.replace(text, DATE_TOKEN),
        printed=DATE_TOKEN,
        printed_iso=DATE_ISO_TOKEN,
        built=DATE_TOKEN,
        built_iso=DATE_ISO_TOKEN,
        page_header_css=view.page_header_css.replace(_css_inner(text), _css_inner(DATE_TOKEN)),
    )


def dated(html: str, day: date) -> str:
    """A board rendered from `undated` with `day` put back, in text and in its CSS."""
    return (
        html.replace(_css_inner(DATE_TOKEN), _css_inner(zh_date(day)))
        .replace(DATE_ISO_TOKEN, day.isoformat())
        .replace(DATE_TOKEN, zh_date(day))
    )


def _css_inner(text: str) -> str:
    return css_string(text)[1:-1]
