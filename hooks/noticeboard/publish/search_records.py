"""What the search index holds: one record per published notice, with its filters and meta.

Pure: built from `Board.placed()` (drafts, internal and upcoming notices are never placed, so
they can never reach the index) and the registry. Writing the index is `search_index.py`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from noticeboard.model import DISCLOSURE_LABELS, Notice, Registry
from noticeboard.publish.lifecycle import Placed

LANGUAGE = "zh"
# The filters the /search/ page offers, in the order it shows them. Their values are display
# labels (金铺村党支部, 2023, 公示中), so a shared URL reads as it shows: ?branch=金铺村党支部.
FILTERS: tuple[str, ...] = ("branch", "category", "year", "state", "disclosure")
# The Markdown extensions the site renders notices with (mkdocs.yml `markdown_extensions`).
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("tables", "attr_list", "md_in_html", "admonition")

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "template"})


@dataclass(frozen=True)
class SearchRecord:
    """One entry of the Pagefind index (the arguments of `add_custom_record`)."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    language: str = LANGUAGE


class _TextExtractor(HTMLParser):
    """Collects the visible text of rendered HTML, with a space wherever a block ends."""

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


def plain_text(markdown_text: str, extensions: Iterable[str] = MARKDOWN_EXTENSIONS) -> str:
    """The words a reader sees in a notice body: Markdown rendered, then every tag dropped."""
    html = markdown.markdown(markdown_text, extensions=list(extensions))
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return re.sub(r"\s+", " ", "".join(extractor.parts)).strip()


def period_text(notice: Notice) -> str:
    """The disclosure period as the site prints it: `2023-10-01 至 2023-10-15` or `… 起`."""
    if notice.end is None:
        return f"{notice.start.isoformat()} 起"
    return f"{notice.start.isoformat()} 至 {notice.end.isoformat()}"


def notice_url(notice_id: str) -> str:
    """The page of a notice relative to the site root (Pagefind prefixes the site's base)."""
    return f"/notices/{notice_id}/"


def record_for(placed: Placed, registry: Registry) -> SearchRecord:
    notice = placed.notice
    branch = registry.branch(notice.branch)
    category = registry.category(notice.category)
    branch_name = branch.name if branch else notice.branch
    category_name = category.name if category else notice.category
    disclosure = DISCLOSURE_LABELS.get(notice.disclosure, notice.disclosure)
    issuer = registry.issuer_name(notice.branch, notice.issuer) if notice.issuer else None
    content = " ".join(
        part for part in (notice.title, notice.number, issuer, plain_text(notice.body)) if part
    )
    meta = {
        "title": notice.title,
        "branch": branch_name,
        "category": category_name,
        "period": period_text(notice),
        "state": placed.label,
        "disclosure": disclosure,
        "date": notice.start.isoformat(),
    }
    if issuer:
        meta["issuer"] = issuer
    if notice.number:
        meta["number"] = notice.number
    return SearchRecord(
        url=notice_url(notice.id),
        content=content,
        meta=meta,
        filters={
            "branch": [branch_name],
            "category": [category_name],
            "year": [str(notice.year)],
            "state": [placed.label],
            "disclosure": [disclosure],
        },
        sort={"date": notice.start.isoformat()},
    )


def filter_counts(records: Iterable[SearchRecord]) -> dict[str, dict[str, int]]:
    """How many records carry each filter value, for the /search/ page's selects.

    Shipped as a small JSON file so the page need not fetch Pagefind's filter indexes (one per
    filter, 22 KB each at 10,000 notices) before anyone filters.
    """
    counts: dict[str, dict[str, int]] = {name: {} for name in FILTERS}
    for record in records:
        for name, values in record.filters.items():
            for value in values:
                counts.setdefault(name, {})[value] = counts.setdefault(name, {}).get(value, 0) + 1
    return {name: dict(sorted(values.items())) for name, values in counts.items()}


def search_records(placed: Mapping[str, Placed], registry: Registry) -> list[SearchRecord]:
    """One record per published notice, in id order (so two builds add them identically)."""
    return [record_for(placed[nid], registry) for nid in sorted(placed)]
