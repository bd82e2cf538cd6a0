"""Labels by disclosure type, the board's columns (registry groups) and the 落款."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from noticeboard.load.board import Board
from noticeboard.model import Branch, Category, Group, Notice, Registry
from noticeboard.publish import listings
from noticeboard.publish.lifecycle import State, all_labels, label, place
from noticeboard.publish.pages import SiteBuilder, signoff, site_pages
from noticeboard.publish.search_records import (
    filter_values,
    filters_document,
    record_states,
    search_records,
)

TODAY = date(2026, 11, 26)
GROUPED = Registry(
    branches=(Branch("jinpu", "金铺村党支部"),),
    categories=(
        Category("organisation", "组织建设", group="party"),
        Category("finance", "村级财务", group="money"),
        Category("affairs", "村务", group="village"),
    ),
    groups=(Group("party", "党务公开"), Group("village", "村务公开"), Group("money", "财务公开")),
)


def make(nid: str, category: str = "organisation", disclosure: str = "ad-hoc", **kw) -> Notice:
    start = kw.pop("start", date(2026, 11, 20))
    end = kw.pop("end", start + timedelta(days=6))
    return Notice(
        id=nid,
        title=f"标题{nid}",
        branch="jinpu",
        category=category,
        disclosure=disclosure,
        start=start,
        end=end,
        expires=kw.pop("expires", end),
        body="正文",
        body_line=1,
        reviewed_by="r",
        **kw,
    )


def test_labels_by_disclosure_type() -> None:
    assert [label(s, "ad-hoc") for s in (State.ACTIVE, State.CLOSED)] == ["公示中", "公示期满"]
    assert [label(s, "periodic") for s in (State.ACTIVE, State.CLOSED)] == ["公开中", "公开期满"]
    assert label(State.STANDING, "standing") == "长期公开"
    assert [text for _, text, _ in all_labels()] == [
        "公示中", "公开中", "公示期满", "公开期满", "长期公开", "已归档", "已被替代",
    ]  # fmt: skip


def test_placed_label_and_search_and_feeds_agree() -> None:
    notices = [
        make("jinpu/2026/adhoc"),
        make("jinpu/2026/money", "finance", "periodic"),
        make("jinpu/2026/old-money", "finance", "periodic", start=date(2026, 11, 1),
             expires=date(2026, 12, 31)),
    ]  # fmt: skip
    placed = place(notices, TODAY)
    assert {nid: p.label for nid, p in placed.items()} == {
        "jinpu/2026/adhoc": "公示中",
        "jinpu/2026/money": "公开中",
        "jinpu/2026/old-money": "公开期满",
    }
    records = search_records(placed, GROUPED)
    # the state filter holds the state id (SPEC search URLs); results show each notice's own
    # label, in the words nb-filters.json gives for the record's disclosure type
    states = record_states(placed)
    assert [states[r.url] for r in records] == ["active", "active", "closed"]
    words = filters_document(filter_values(placed, GROUPED))["labels"]
    assert isinstance(words, dict)
    shown = [words[r.meta["kind"]][states[r.url]] for r in records]
    assert shown == ["公示中", "公开中", "公开期满"]
    # the search page lists states in the lifecycle's order, with the words its notices carry
    states = filter_values(placed, GROUPED)["state"]
    assert [(v.id, v.label, v.count) for v in states] == [
        ("active", "公示中/公开中", 2),
        ("closed", "公开期满", 1),
    ]


def test_columns_follow_the_registry_groups_open_then_standing_then_closed() -> None:
    notices = [
        make("jinpu/2026/closed", start=date(2026, 11, 1), expires=date(2026, 12, 31)),
        make("jinpu/2026/open"),
        make("jinpu/2020/duties", end=None, expires=None, start=date(2020, 1, 1),
             disclosure="standing"),
        make("jinpu/2026/q3", "finance", "periodic"),
        make("jinpu/2024/archived", start=date(2024, 1, 1)),
    ]  # fmt: skip
    cols = listings.columns(place(notices, TODAY).values(), GROUPED)
    assert [(c.key, c.name, c.count) for c in cols] == [
        ("party", "党务公开", 3),
        ("village", "村务公开", 0),
        ("money", "财务公开", 1),
    ]
    assert [(s, [p.notice.id for p in items]) for s, items in cols[0].states] == [
        (State.ACTIVE, ["jinpu/2026/open"]),
        (State.STANDING, ["jinpu/2020/duties"]),
        (State.CLOSED, ["jinpu/2026/closed"]),
    ]


def test_board_view_folds_closed_items_and_keeps_one_column_without_groups() -> None:
    notices = (
        make("jinpu/2026/closed", start=date(2026, 11, 1), expires=date(2026, 12, 31)),
        make("jinpu/2026/open"),
    )
    grouped = {s.src_uri: s for s in site_pages(Board(Path("/x"), GROUPED, notices, TODAY), None)}
    board = grouped["index.md"].view
    assert [c.heading for c in board.columns] == ["党务公开", "村务公开", "财务公开"]
    party = board.columns[0]
    assert [(s.heading, s.count) for s in party.sections] == [("公示中", 1)]
    assert (party.folded.heading, party.folded.count) == ("公示期满", 1)
    assert [(r.title, r.url, r.counts) for r in board.summary] == [
        ("党务公开", "#col-party", "2条"),
        ("村务公开", "#col-village", "0条"),
        ("财务公开", "#col-money", "0条"),
    ]
    plain = replace(GROUPED, groups=(), categories=(Category("organisation", "组织建设"),))
    single = {s.src_uri: s for s in site_pages(Board(Path("/x"), plain, notices, TODAY), None)}
    (column,) = single["index.md"].view.columns
    assert column.heading is None and column.count == 2 and single["index.md"].view.summary == ()


def test_signoff_is_the_branch_and_the_start_day_in_chinese() -> None:
    n = make("jinpu/2026/open", start=date(2026, 11, 23))
    b = SiteBuilder(Board(Path("/x"), GROUPED, (n,), TODAY), None)
    view = b.notice_view(b.placed[n.id])
    assert (view.signoff.issuer, view.signoff.date, view.signoff.date_iso) == (
        "金铺村党支部",
        "2026年11月23日",
        "2026-11-23",
    )
    assert view.period_word == "公示期"
    assert view.live.labels["active"] == "公示中" and view.live.labels["closed"] == "公示期满"


def test_signoff_dates_the_notice_by_its_publication_else_its_period_start() -> None:
    placed = place([make("jinpu/2026/adhoc")], TODAY)["jinpu/2026/adhoc"]
    published = signoff(placed, GROUPED, date(2026, 11, 23))
    assert (published.date, published.date_iso) == ("2026年11月23日", "2026-11-23")
    unknown = signoff(placed, GROUPED, None)  # no git history: the day the period starts
    assert (unknown.date, unknown.date_iso) == ("2026年11月20日", "2026-11-20")
    assert unknown.issuer == "金铺村党支部"
