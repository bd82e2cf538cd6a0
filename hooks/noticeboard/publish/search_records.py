"""What the search index holds: one record per published notice, with its filters and meta.

Pure: built from `Board.placed()` (drafts, internal and upcoming notices are never placed, so
they can never reach the index) and the registry. Writing the index is `search_index.py`'s job.

A record holds nothing that moves with the day, so a kept bundle stays valid from one night to
the next: the `state` filter is given apart (`record_states`) and added to the bundle at each
build, and the state's label is computed by /search/ from the notice's dates (`start`, `end`,
`expires` and `kind` in the meta, with `superseded` when a newer notice replaces it), as the
pages' labels are (state.js), in the words `filters_document` gives for each disclosure type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from noticeboard import urls
from noticeboard.model import DISCLOSURE_LABELS, Registry
from noticeboard.publish.body import plain_text
from noticeboard.publish.lifecycle import LABELS_BY_DISCLOSURE, Placed, State, all_labels
from noticeboard.publish.text import iso_period

LANGUAGE = "zh"
# The filters the /search/ page offers, in the order it shows them, with their labels. Their
# values are ids (SPEC: /search/?branch=jinpu&category=dues&year=2026&state=archived), so a
# shared URL survives a renamed branch; the page shows each id's label from nb-filters.json.
FILTERS: dict[str, str] = {
    "branch": "党组织",
    "category": "类别",
    "year": "年份",
    "state": "状态",
    "disclosure": "公开形式",
}
# A filter the page never offers: each record's start date. /search/ browses (no query) newest
# first by asking for one date at a time, newest first, with this filter. A Pagefind sort key
# would say the same, but a sort's page order sits in every bundle's meta file, which every
# query loads (2 bytes a notice: 20 KB of a first query at 10,000 notices); a filter's file is
# loaded only by a search that filters on it.
DATE_FILTER = "date"


@dataclass(frozen=True)
class SearchRecord:
    """One entry of the Pagefind index (the arguments of `add_custom_record`)."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    language: str = LANGUAGE


def record_for(placed: Placed, registry: Registry, text: str | None = None) -> SearchRecord:
    """`text` is the body as plain text when the caller has it (the page's own render)."""
    notice = placed.notice
    branch = registry.branch(notice.branch)
    category = registry.category(notice.category)
    branch_name = branch.name if branch else notice.branch
    category_name = category.name if category else notice.category
    disclosure = DISCLOSURE_LABELS.get(notice.disclosure, notice.disclosure)
    issuer = registry.issuer_name(notice.branch, notice.issuer) if notice.issuer else None
    content = " ".join(
        part
        for part in (
            notice.title,
            notice.number,
            issuer,
            plain_text(notice.body) if text is None else text,
        )
        if part
    )
    meta = {
        "title": notice.title,
        "branch": branch_name,
        "category": category_name,
        "period": iso_period(notice.start, notice.end),
        "disclosure": disclosure,
        "kind": notice.disclosure,
        "start": notice.start.isoformat(),
    }
    for key, value in (
        ("issuer", issuer),
        ("number", notice.number),
        ("end", notice.end.isoformat() if notice.end else None),
        ("expires", notice.expires.isoformat() if notice.expires else None),
        ("superseded", "1" if placed.state is State.SUPERSEDED else None),
    ):
        if value:
            meta[key] = value
    return SearchRecord(
        url=urls.rooted(urls.notice_url(notice.id)),
        content=content,
        meta=meta,
        filters={
            "branch": [notice.branch],
            "category": [notice.category],
            "year": [str(notice.year)],
            "disclosure": [notice.disclosure],
            DATE_FILTER: [notice.start.isoformat()],
        },
    )


@dataclass(frozen=True)
class FilterValue:
    """One choice of a search filter: the id the URL and the index hold, the label shown."""

    id: str
    label: str
    count: int


def filter_values(
    placed: Mapping[str, Placed], registry: Registry
) -> dict[str, tuple[FilterValue, ...]]:
    """Each filter's values that some published notice carries, in the order the page lists
    them: branches and categories as the registry lists them, newest year first, states in
    lifecycle order, disclosure types as DISCLOSURE_LABELS lists them."""
    counts: dict[str, dict[str, int]] = {name: {} for name in FILTERS}
    words: dict[str, set[str]] = {}  # the labels the notices in each state carry
    for p in placed.values():
        n = p.notice
        words.setdefault(p.state.value, set()).add(p.label)
        for name, value in (
            ("branch", n.branch),
            ("category", n.category),
            ("year", str(n.year)),
            ("state", p.state.value),
            ("disclosure", n.disclosure),
        ):
            counts[name][value] = counts[name].get(value, 0) + 1
    labels: dict[str, list[tuple[str, str]]] = {
        "branch": [(b.id, b.name) for b in registry.branches],
        "category": [(c.id, c.name) for c in registry.categories],
        "year": [(y, f"{y}年") for y in sorted(counts["year"], reverse=True)],
        "state": [
            (s.value, "/".join(text for _, text, _ in all_labels() if text in words.get(s, ())))
            for s in State
        ],
        "disclosure": list(DISCLOSURE_LABELS.items()),
    }
    return {
        name: tuple(
            FilterValue(value, label, counts[name][value])
            for value, label in labels[name]
            if value in counts[name]
        )
        for name in FILTERS
    }


def filters_document(values: Mapping[str, tuple[FilterValue, ...]]) -> dict[str, object]:
    """nb-filters.json: what the /search/ page's selects offer, so its script holds no labels
    and fetches no Pagefind filter index before anyone filters (22 KB each at 10,000 notices);
    and the state labels of each disclosure type, for the results' labels."""
    return {
        "labels": {
            kind: {state.value: text for state, text in labels.items()}
            for kind, labels in LABELS_BY_DISCLOSURE.items()
        },
        "filters": [
            {
                "name": name,
                "label": FILTERS[name],
                "values": [{"id": v.id, "label": v.label, "count": v.count} for v in values[name]],
            }
            for name in FILTERS
        ],
    }


def search_records(
    placed: Mapping[str, Placed], registry: Registry, texts: Mapping[str, str] | None = None
) -> list[SearchRecord]:
    """One record per published notice, in id order (so two builds add them identically).

    `texts` holds bodies as plain text by notice id, from the pages' own render, so a body is
    converted once per build; a notice missing from it is converted here."""
    texts = texts or {}
    return [record_for(placed[nid], registry, texts.get(nid)) for nid in sorted(placed)]


def record_start(record: SearchRecord) -> str:
    """The record's start date (ISO), from its date filter."""
    return record.filters[DATE_FILTER][0]


def record_states(placed: Mapping[str, Placed]) -> dict[str, str]:
    """Each record's `state` filter value today, by the record's URL."""
    return {urls.rooted(urls.notice_url(nid)): p.state.value for nid, p in placed.items()}
