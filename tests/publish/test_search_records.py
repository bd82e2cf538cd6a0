"""Search records: only published notices, with the filters and meta the /search/ page shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from noticeboard.load.board import load_board
from noticeboard.publish.lifecycle import place
from noticeboard.publish.search_index import record_page, record_path
from noticeboard.publish.search_records import (
    filter_values,
    filters_document,
    record_states,
    search_records,
)
from support.search_fixture import FIXTURE

TODAY = date(2026, 11, 26)


def fixture_board():
    result = load_board(FIXTURE, TODAY)
    assert result.ok, result.problems
    return result.board


def records_by_url():
    board = fixture_board()
    return {r.url: r for r in search_records(board.placed(), board.registry)}


def test_only_published_notices_become_records():
    assert sorted(records_by_url()) == [
        "/notices/jinpu/2023/dues-q3/",
        "/notices/jinpu/2024/dues-q1/",
        "/notices/town/2025/duties/",
        "/notices/yutao/2023/dues-q3/",
        "/notices/yutao/2026/new-member/",
    ]


def test_no_record_carries_a_hidden_notice_marker():
    text = " ".join(r.content + repr(r.meta) for r in records_by_url().values())
    for marker in ("标记草稿XJ7", "标记内部QK4", "标记未来ZP9"):
        assert marker not in text


def test_filters_hold_ids_and_meta_holds_display_labels():
    record = records_by_url()["/notices/jinpu/2023/dues-q3/"]
    assert record.filters == {
        "branch": ["jinpu"],
        "category": ["finance"],
        "year": ["2023"],
        "disclosure": ["periodic"],
        "date": ["2023-10-08"],  # the start, which browsing orders by (no sort key)
    }
    assert record.meta["branch"] == "金铺村党支部"
    assert record.meta["title"] == "金铺村党支部2023年第三季度党费收缴情况公示"
    assert record.meta["number"] == "金党〔2023〕5号"
    assert record.meta["period"] == "2023-10-08 至 2023-10-15"
    assert record.language == "zh"


def test_states_follow_today_apart_from_the_records():
    board = fixture_board()
    states = record_states(board.placed())
    assert states["/notices/yutao/2026/new-member/"] == "active"
    assert states["/notices/town/2025/duties/"] == "standing"
    assert states["/notices/jinpu/2023/dues-q3/"] == "archived"
    assert sorted(states) == sorted(records_by_url())


def test_records_hold_the_dates_a_label_is_computed_from_and_nothing_of_the_day():
    """The same records on two days (a kept bundle stays valid), with the dates, the type and
    the supersession from which /search/ labels a result as the pages do."""
    board = fixture_board()
    later = load_board(FIXTURE, date(2027, 3, 1)).board
    today = search_records(board.placed(), board.registry)
    on_later_day = {r.url: r for r in search_records(later.placed(), later.registry)}
    assert len(on_later_day) > len(today)  # the upcoming notice has started
    assert [on_later_day[r.url] for r in today] == today
    records = {r.url: r for r in today}
    dues = records["/notices/jinpu/2023/dues-q3/"].meta
    assert (dues["start"], dues["end"], dues["kind"]) == ("2023-10-08", "2023-10-15", "periodic")
    standing = records["/notices/town/2025/duties/"].meta
    assert standing["period"] == "2025-01-01 起" and standing["kind"] == "standing"
    assert "end" not in standing and "number" not in standing
    assert not any("superseded" in r.meta for r in today)
    assert not any("state" in r.meta or "state" in r.filters for r in today)


def test_a_superseded_notice_says_so_in_its_meta():
    board = fixture_board()
    placed = board.placed()
    old = placed["jinpu/2023/dues-q3"].notice
    newer = replace(placed["jinpu/2024/dues-q1"].notice, supersedes=(old.id,))
    others = [p.notice for p in placed.values() if p.notice.id != newer.id]
    replaced = place([*others, newer], TODAY)
    records = {r.url: r for r in search_records(replaced, board.registry)}
    assert records["/notices/jinpu/2023/dues-q3/"].meta["superseded"] == "1"
    assert record_states(replaced)["/notices/jinpu/2023/dues-q3/"] == "superseded"


def test_content_is_title_number_and_plain_body():
    content = records_by_url()["/notices/jinpu/2023/dues-q3/"].content
    assert content.startswith("金铺村党支部2023年第三季度党费收缴情况公示 金党〔2023〕5号 本季度")
    assert "**" not in content and "|" not in content and "<" not in content
    assert "7月 32 1,280.00" in content


def test_record_page_escapes_everything_it_is_given():
    record = records_by_url()["/notices/jinpu/2024/dues-q1/"]
    page = record_page(record)
    assert "资金 &lt; 5000 元 &amp; 已列支" in page
    assert 'data-pagefind-filter="branch">jinpu<' in page
    assert record_path(record) == "notices/jinpu/2024/dues-q1/index.html"


def test_filter_values_count_each_notice_once_with_labels_in_page_order():
    board = fixture_board()
    values = filter_values(board.placed(), board.registry)
    assert [(v.id, v.label, v.count) for v in values["year"]] == [
        ("2026", "2026年", 1),
        ("2025", "2025年", 1),
        ("2024", "2024年", 1),
        ("2023", "2023年", 2),
    ]
    assert [(v.id, v.count) for v in values["disclosure"]] == [
        ("standing", 1),
        ("periodic", 3),
        ("ad-hoc", 1),
    ]
    assert [(v.id, v.label) for v in values["state"]] == [
        ("active", "公示中"),
        ("standing", "长期公开"),
        ("archived", "已归档"),
    ]
    assert [v.id for v in values["branch"]] == ["town", "jinpu", "yutao"]  # registry order
    assert {v.id: v.label for v in values["branch"]}["jinpu"] == "金铺村党支部"


def test_the_filters_document_names_each_filter_with_its_label():
    board = fixture_board()
    doc = filters_document(filter_values(board.placed(), board.registry))
    assert [(f["name"], f["label"]) for f in doc["filters"]] == [
        ("branch", "党组织"),
        ("category", "类别"),
        ("year", "年份"),
        ("state", "状态"),
        ("disclosure", "公开形式"),
    ]
    category = doc["filters"][1]["values"]
    assert {"id": "finance", "label": "财务公开", "count": 3} in category
    # the words for each state of each disclosure type, for the results' labels
    assert doc["labels"]["periodic"]["active"] == "公开中"
    assert doc["labels"]["ad-hoc"]["active"] == "公示中"
    assert doc["labels"]["standing"]["standing"] == "长期公开"
