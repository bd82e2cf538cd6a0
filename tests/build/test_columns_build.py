"""The demo site (built once per session): the combined board's columns and the guide's labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def words(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def test_demo_board_has_the_three_columns_in_registry_order(built_site: Path) -> None:
    board = soup_of(built_site, "")
    heads = [words(h) for h in board.select(".nb-column > h2")]
    assert [re.sub(r"（\d+条）", "", h) for h in heads] == ["党务公开", "村务公开", "财务公开"]
    for column in board.select(".nb-column"):
        # closed items only inside the fold; the fold comes last
        for item in column.select(".nb-label--closed"):
            assert item.find_parent("details", class_="nb-fold") is not None
        fold = column.select_one("details.nb-fold")
        if fold is not None:
            assert not fold.has_attr("open")
            assert column.select("h3, details")[-1] is fold
            assert re.fullmatch(r".+：展开 \d+ 条", words(fold.summary))


def test_demo_finance_notices_say_gongkai_not_gongshi(built_site: Path) -> None:
    board = soup_of(built_site, "")
    finance = board.select(".nb-column")[2]
    labels = {words(x) for x in finance.select(".nb-label")}
    assert labels and labels <= {"公开中", "公开期满", "长期公开"}


def test_guide_lists_every_label_the_site_shows(built_site: Path) -> None:
    guide = soup_of(built_site, "guide")
    table = next(t for t in guide.select("table") if "标签" in words(t.select_one("tr")))
    shown = [words(row.select_one("td")) for row in table.select("tbody tr")]
    assert shown == ["公示中", "公开中", "公示期满", "公开期满", "长期公开", "已归档", "已被替代"]
