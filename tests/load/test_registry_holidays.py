"""The registry's holidays and per-category minimum periods: bad values stop at their line."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REGISTRY
from noticeboard.load.registry import read_registry

HOLIDAYS = """\
holidays:
  2027:
    off: [2027-01-01, 2027-02-11, 2027-02-12]
    work:
      - 2027-02-07
"""


def test_holidays_are_read_per_year(repo):
    registry, problems = read_registry(repo(registry=REGISTRY + HOLIDAYS))
    assert problems == []
    year = registry.holidays[2027]
    assert date(2027, 2, 11) in year.off and year.work == {date(2027, 2, 7)}


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("2027-02-12]", "2028-02-12]", 27, ["2028-02-12", "不在 2027 年内", "holidays.2028"]),
        ("- 2027-02-07", "- 2027-02-11", 29, ["2027-02-11 同时出现在放假日期", "只保留"]),
        ("  2027:", "  next:", 26, ["holidays.next", "四位数字"]),
        ("off: [2027-01-01,", "off: ['2027-01-01',", 27, ["YYYY-MM-DD"]),
        ("    work:\n      - 2027-02-07\n", "    wrok: []\n", 28, ["wrok"]),
        ("off: [2027-01-01, 2027-02-11, 2027-02-12]", "off: 2027-01-01", 27, ["日期列表"]),
    ],
)
def test_bad_holidays_are_chinese_errors_at_their_line(repo, chinese, old, new, line, words):
    _, problems = read_registry(repo(registry=REGISTRY + HOLIDAYS.replace(old, new)))
    assert [(p.path, p.line) for p in problems] == [("notices/_board.yml", line)]
    for word in words:
        assert word in problems[0].message


@pytest.mark.parametrize("value", ["0", "-5", "2.5", "五", "true"])
def test_a_minimum_period_must_be_a_positive_whole_number(repo, chinese, value):
    text = REGISTRY.replace(
        "    name: 组织建设\n", f"    name: 组织建设\n    min_working_days: {value}\n"
    )
    _, problems = read_registry(repo(registry=text))
    assert [p.line for p in problems] == [16]
    assert "categories[0].min_working_days 应为正整数天数" in problems[0].message


def test_minimum_periods_are_read(repo):
    text = REGISTRY.replace(
        "    name: 组织建设\n", "    name: 组织建设\n    min_working_days: 5\n    min_days: 7\n"
    )
    registry, problems = read_registry(repo(registry=text))
    assert problems == []
    assert (
        registry.category("organisation").min_working_days,
        registry.category("organisation").min_days,
    ) == (5, 7)
