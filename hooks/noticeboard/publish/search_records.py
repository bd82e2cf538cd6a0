"""What the search index holds: one record per published notice, with its filters and meta.

Pure: built from `Board.placed()` (drafts, internal and upcoming notices are never placed, so
they can never reach the index) and the registry. Writing the index is `search_index.py`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from noticeboard import urls
from noticeboard.model import DISCLOSURE_LABELS, Registry
from noticeboard.publish.body import plain_text
from noticeboard.publish.lifecycle import Placed
from noticeboard.publish.text import iso_period

LANGUAGE = "zh"
# The filters the /search/ page offers, in the order it shows them. Their values are display
# labels (金铺村党支部, 2023, 公示中), so a shared URL reads as it shows: ?branch=金铺村党支部.
FILTERS: dict[str, str] = {
    "branch": "党组织",
    "category": "类别",
    "year": "年份",
    "state": "状态",
    "disclosure": "公开形式",
}


@dataclass(frozen=True)
class SearchRecord:
    """One entry of the Pagefind index (the arguments of `add_custom_record`)."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]
    language: str = LANGUAGE


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
        "period": iso_period(notice.start, notice.end),
        "state": placed.label,
        "disclosure": disclosure,
        "date": notice.start.isoformat(),
    }
    if issuer:
        meta["issuer"] = issuer
    if notice.number:
        meta["number"] = notice.number
    return SearchRecord(
        url=urls.rooted(urls.notice_url(notice.id)),
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
