"""The ledger's CSV and charts: bytes Excel/WPS open, formulas neutralised, charts identical."""

from __future__ import annotations

import csv
import io
from datetime import date

from noticeboard.load.history import Publication
from noticeboard.model import Branch, Category, Notice, Registry, ScheduleEntry
from noticeboard.publish.compliance import CompliancePages, ledger_csv
from noticeboard.publish.ledger import build_ledger, feedback_states
from noticeboard.publish.lifecycle import place
from noticeboard.publish.statistics import StatisticsPage, on_time_rates

DUES = ScheduleEntry("dues", "=党费+收缴", "quarter", 15, None, "dues")
REGISTRY = Registry(
    branches=(Branch("jinpu", "@金铺<script>"), Branch("yutao", "余套")),
    categories=(Category("dues", "党费"),),
    schedule=(DUES,),
    since=date(2026, 1, 1),
)
TODAY = date(2026, 7, 20)


def notice(id_: str, start: date) -> Notice:
    return Notice(
        id=id_,
        title=f"{id_}<b>",
        branch=id_.split("/")[0],
        category="dues",
        disclosure="periodic",
        start=start,
        end=start,
        expires=start,
        body="",
        body_line=1,
        fulfils=("dues",),
    )


def ledger():
    notices = [
        notice("jinpu/2026/q1", date(2026, 4, 10)),
        notice("yutao/2026/q1", date(2026, 4, 20)),
    ]
    placed = place(notices, TODAY)
    pubs = {n.id: Publication(n.start) for n in notices}
    cells = build_ledger(REGISTRY, notices, placed, pubs, TODAY)
    return notices, placed, cells, feedback_states(REGISTRY, notices, placed, pubs, TODAY)


def test_csv_has_a_bom_and_neutralises_formula_like_names() -> None:
    _, _, cells, _ = ledger()
    data = ledger_csv(REGISTRY, cells, "https://e.example/board/")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    first = rows[1]
    assert first[0] == "'@金铺<script>" and first[1] == "'=党费+收缴"
    assert first[2:6] == ["2026Q1", "2026-04-15", "按时", ""]
    assert first[8] == "https://e.example/board/notices/jinpu/2026/q1/"
    late = next(r for r in rows if r[0] == "余套" and r[2] == "2026Q1")
    assert late[4:6] == ["逾期5天", "5"]


def test_on_time_rate_counts_only_settled_cells() -> None:
    _, _, cells, _ = ledger()
    # jinpu: Q1 on time, Q2 still due (15 July passed: missing) → 1 of 2
    assert on_time_rates(REGISTRY, cells) == {"jinpu": (1, 2), "yutao": (0, 2)}


def test_charts_are_byte_identical_and_carry_no_script_or_timestamp() -> None:
    _, placed, cells, feedback = ledger()
    first = StatisticsPage(REGISTRY, placed, cells, feedback, TODAY).build()[1]
    second = StatisticsPage(REGISTRY, placed, cells, feedback, TODAY).build()[1]
    assert [c.data for c in first] == [c.data for c in second]
    for chart in first:
        assert b"<script" not in chart.data and b"<!--" not in chart.data
        assert b"&lt;script&gt;" in chart.data  # names are text in the SVG, never markup


def test_matrix_cells_keep_words_and_links_as_data() -> None:
    _, placed, cells, feedback = ledger()
    index = CompliancePages(REGISTRY, cells, feedback, placed, TODAY).index()
    (table,) = index.view.tables
    # only 2026: nothing was owed in 2025 (before the board's since)
    assert table.columns == ("第1季度", "第2季度", "第3季度", "第4季度")
    assert [g.heading for g in table.groups] == ["2026年"]
    jinpu = table.rows[0]
    assert jinpu.branch.title == "@金铺<script>"  # escaped by the template, not here
    labels = [c.label for c in jinpu.cells]
    assert labels == ["按时", "未公开", "待公开（剩87天）", "—"]
    assert jinpu.cells[0].url == "notices/jinpu/2026/q1/"
