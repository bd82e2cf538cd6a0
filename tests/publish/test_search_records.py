"""Search records: only published notices, with the filters and meta the /search/ page shows."""

from __future__ import annotations

from datetime import date

from noticeboard.load.board import load_board
from noticeboard.publish.search_index import record_page, record_path
from noticeboard.publish.search_records import filter_counts, search_records
from support.search_fixture import FIXTURE

TODAY = date(2026, 11, 26)


def records_by_url():
    result = load_board(FIXTURE, TODAY)
    assert result.ok, result.problems
    board = result.board
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


def test_filters_meta_and_sort_use_display_labels():
    record = records_by_url()["/notices/jinpu/2023/dues-q3/"]
    assert record.filters == {
        "branch": ["金铺村党支部"],
        "category": ["财务公开"],
        "year": ["2023"],
        "state": ["已归档"],
        "disclosure": ["定期"],
    }
    assert record.meta["title"] == "金铺村党支部2023年第三季度党费收缴情况公示"
    assert record.meta["number"] == "金党〔2023〕5号"
    assert record.meta["period"] == "2023-10-08 至 2023-10-15"
    assert record.sort == {"date": "2023-10-08"}
    assert record.language == "zh"


def test_states_follow_today():
    records = records_by_url()
    assert records["/notices/yutao/2026/new-member/"].filters["state"] == ["公示中"]
    standing = records["/notices/town/2025/duties/"]
    assert standing.filters["state"] == ["长期公开"]
    assert standing.meta["period"] == "2025-01-01 起"
    assert "number" not in standing.meta


def test_content_is_title_number_and_plain_body():
    content = records_by_url()["/notices/jinpu/2023/dues-q3/"].content
    assert content.startswith("金铺村党支部2023年第三季度党费收缴情况公示 金党〔2023〕5号 本季度")
    assert "**" not in content and "|" not in content and "<" not in content
    assert "7月 32 1,280.00" in content


def test_record_page_escapes_everything_it_is_given():
    record = records_by_url()["/notices/jinpu/2024/dues-q1/"]
    page = record_page(record)
    assert "资金 &lt; 5000 元 &amp; 已列支" in page
    assert 'data-pagefind-filter="branch">金铺村党支部<' in page
    assert record_path(record) == "notices/jinpu/2024/dues-q1/index.html"


def test_filter_counts_count_every_value_once_per_notice():
    counts = filter_counts(records_by_url().values())
    assert counts["year"] == {"2023": 2, "2024": 1, "2025": 1, "2026": 1}
    assert counts["disclosure"] == {"定期": 3, "长期": 1, "随时": 1}
    assert counts["category"] == {"组织建设": 2, "财务公开": 3}
