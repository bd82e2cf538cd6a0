"""The accountability pages of the built demo: the ledger matrix, a branch's 公开目录, the CSV,
the statistics with their charts, and a notice's 公开记录 (read back with an HTML parser)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def test_nav_lists_the_ledger_and_the_statistics(built_site: Path) -> None:
    nav = page(built_site, "").select(".md-nav--primary .md-nav__link")
    assert {"公开台账", "统计"} <= {text(a) for a in nav}


def test_the_matrix_has_a_row_per_branch_and_words_in_every_cell(built_site: Path) -> None:
    soup = page(built_site, "compliance")
    tables = soup.select("table.nb-ledger")
    assert len(tables) == 5  # one per schedule entry of the demo registry
    dues = soup.find("h2", id="e-dues-quarterly").find_next("table")
    rows = dues.select("tbody tr")
    assert [text(r.th) for r in rows] == [
        "金铺镇党委",
        "金铺村党支部",
        "余套村党支部",
        "石孙村党支部",
        "魏岗村党支部",
        "余营村党支部",
    ]
    heads = [text(th) for th in dues.select("thead tr")[-1].find_all("th")]
    # this year only: nothing was owed in 2025 (the demo's ledger starts on 1 January 2026)
    assert heads == ["党组织", "第1季度", "第2季度", "第3季度", "第4季度"]
    appraisal = soup.find("h2", id="e-appraisal-yearly").find_next("table")
    assert [text(th) for th in appraisal.select("thead th[scope=colgroup]")] == ["2026年", "2025年"]
    for cell in dues.select("td.nb-cell"):
        assert text(cell)  # colour is never alone
    # every linked cell leads to a notice page that was built
    links = [a["href"] for a in soup.select("td.nb-cell a")]
    assert links
    for href in links:
        assert (built_site / "compliance" / href / "index.html").resolve().is_file(), href
    region = dues.find_parent("div")
    assert region["tabindex"] == "0" and region["role"] == "region"


def test_a_branch_directory_lists_obligations_and_feedback(built_site: Path) -> None:
    soup = page(built_site, "compliance/weigang")
    headings = [text(h) for h in soup.select("h2")]
    assert "村级财务收支情况公开" in headings and "待答复的意见" in headings
    finance = soup.find("h2", id="e-village-finance-quarterly").find_next("table")
    q2 = next(r for r in finance.select("tbody tr") if text(r.th) == "2026年第2季度")
    assert "未公开" in text(q2)
    yuying = page(built_site, "compliance/yuying")
    awaiting = yuying.find("h2", id="nb-awaiting-h").find_parent("section")
    assert "收益分配" in text(awaiting) and "待答复" in text(awaiting)


def test_the_csv_opens_in_excel_and_wps(built_site: Path) -> None:
    data = (built_site / "compliance" / "ledger.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "branch",
        "entry",
        "period",
        "due",
        "status",
        "days late",
        "notice id",
        "published",
        "url",
    ]
    weigang_q2 = [r for r in rows if r[0] == "魏岗村党支部" and r[2] == "2026Q2"]
    assert ["村级财务收支情况公开", "2026-07-15", "未公开"] in [r[1:2] + r[3:5] for r in weigang_q2]
    linked = [r for r in rows[1:] if r[6]]
    assert linked and all(
        r[8] == f"https://example.org/noticeboard/notices/{r[6]}/" for r in linked
    )


def test_statistics_charts_have_a_title_a_text_alternative_and_the_numbers(
    built_site: Path,
) -> None:
    soup = page(built_site, "statistics")
    charts = soup.select("section.nb-chart")
    assert len(charts) == 3
    for chart in charts:
        img = chart.find("img")
        assert text(chart.h2) and len(img["alt"]) > 20
        svg = (built_site / "statistics" / img["src"]).resolve()
        assert svg.is_file() and svg.read_bytes().startswith(b"<?xml")
        assert b"<script" not in svg.read_bytes()
        table = chart.find("table")
        assert len(table.select("tbody tr")) == 6


def test_a_notice_page_tells_its_record(built_site: Path) -> None:
    soup = page(built_site, "notices/yutao/2026/caiwu-2026-q3")
    record = soup.find("section", class_="nb-record")
    if record is None:
        pytest.skip("built without the repository's git history")
    words = text(record)
    assert "录入" in words and "2026年10月12日" in words  # an imported record
    assert "更正说明" in words and "准确" in words
    assert "修改记录" in words
    answered = text(
        page(built_site, "notices/yutao/2026/jidongdi-fabao-fangan").find(
            "section", class_="nb-record"
        )
    )
    assert "收到意见3条，已答复" in answered and "答复" in answered
