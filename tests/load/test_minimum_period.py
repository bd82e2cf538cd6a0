"""A category's minimum period, counted in working days with the registry's holidays; and the
template's placeholder text, which must not be published."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from conftest import REGISTRY
from noticeboard.cli.notice_draft import NewNotice, render_notice
from noticeboard.load.board import load_board
from noticeboard.load.workdays import known_years

MIN_REGISTRY = REGISTRY.replace(
    "    name: 组织建设\n", "    name: 组织建设\n    min_working_days: 5\n"
).replace("    name: 财务公开\n", "    name: 财务公开\n    min_days: 7\n")
NOTICE = """\
---
title: 关于发展李某某同志为中共预备党员的公示
branch: jinpu
category: {category}
disclosure: ad-hoc
period: {{start: {start}, end: {end}}}
reviewed_by: 支委会
feedback: {{address: 村部}}
{extra}---
经支部委员会研究，拟发展李某某同志为中共预备党员，现予公示。
"""


def notice(start: date, end: date, category: str = "organisation", extra: str = "") -> str:
    return NOTICE.format(category=category, start=start, end=end, extra=extra)


def problems(repo, text: str, registry: str = MIN_REGISTRY, folder: int | None = None):
    year = folder or int(text.split("start: ")[1][:4])
    root = repo({f"jinpu/{year}/n.md": text}, registry=registry)
    return [(p.line, p.message) for p in load_board(root, "2026-11-30").problems]


def test_two_days_over_new_year_is_too_short_and_names_the_count(repo, chinese):
    start, end = date(2025, 12, 31), date(2026, 1, 2)
    official = chinese_calendar.get_workdays(start, start + timedelta(days=20))
    counted = sum(1 for d in official if d <= end)
    found = problems(repo, notice(start, end))
    assert [line for line, _ in found] == [6]
    message = found[0][1]
    assert f"只有 {counted} 个工作日" in message
    assert "“组织建设”类公示至少要 5 个工作日" in message
    assert f"end: {official[4]}" in message


def test_five_working_days_pass(repo):
    start = date(2026, 11, 23)
    fifth = chinese_calendar.get_workdays(start, start + timedelta(days=20))[4]
    assert problems(repo, notice(start, fifth)) == []
    assert problems(repo, notice(start, fifth - timedelta(days=1)))  # one short


def test_drafts_are_not_held_to_the_minimum(repo):
    start = date(2026, 11, 23)
    assert problems(repo, notice(start, start, extra="draft: true\n")) == []


def test_minimum_calendar_days(repo, chinese):
    start = date(2026, 11, 23)
    found = problems(repo, notice(start, start + timedelta(days=5), category="finance"))
    assert [line for line, _ in found] == [6]
    assert "只有 6 天" in found[0][1] and "end: 2026-11-29" in found[0][1]
    assert problems(repo, notice(start, start + timedelta(days=6), category="finance")) == []


def test_year_end_notice_into_an_unknown_year_names_the_registry_key(repo, chinese):
    last = known_years()[1]
    start, end = date(last, 12, 28), date(last + 1, 1, 8)
    found = problems(repo, notice(start, end))
    assert [line for line, _ in found] == [6]
    message = found[0][1]
    assert f"没有 {last + 1} 年的法定节假日安排" in message
    assert f"“holidays:” → “{last + 1}:”" in message
    assert "Traceback" not in message


def test_registry_holidays_extend_the_calendar_into_the_next_year(repo):
    last = known_years()[1]
    nxt = last + 1
    # Invented for the test: 1-3 January off, the Sunday after worked in exchange.
    holidays = f"holidays:\n  {nxt}:\n    off: [{nxt}-01-01, {nxt}-01-02, {nxt}-01-03]\n"
    start = date(last, 12, 30)
    expected = [start + timedelta(days=i) for i in range(20)]
    expected = [
        d
        for d in expected
        if (d.year == last and chinese_calendar.is_workday(d))
        or (d.year == nxt and d.weekday() < 5 and d.day > 3)
    ]
    fifth = expected[4]
    registry = MIN_REGISTRY + holidays
    assert problems(repo, notice(start, fifth), registry) == []
    found = problems(repo, notice(start, fifth - timedelta(days=1)), registry)
    assert [line for line, _ in found] == [6]
    assert "4 working day(s)" in found[0][1]


def test_registry_holidays_override_the_bundled_year(repo):
    """The registry wins for a year chinese-calendar knows, e.g. a late correction."""
    start = date(2026, 11, 23)  # Monday
    fifth = chinese_calendar.get_workdays(start, start + timedelta(days=20))[4]
    registry = MIN_REGISTRY + "holidays:\n  2026:\n    off: [2026-11-24]\n"
    found = problems(repo, notice(start, fifth), registry)
    assert "4 working day(s)" in found[0][1]


@pytest.mark.parametrize("where", ["title", "body"])
def test_the_placeholder_must_not_be_published(repo, chinese, where):
    written = render_notice(
        NewNotice(
            title="关于某某的公示",
            branch=load_board(repo(), "2026-11-30").board.registry.branch("jinpu"),
            category=load_board(repo(), "2026-11-30").board.registry.category("organisation"),
            disclosure="ad-hoc",
            start=date(2026, 11, 23),
            end=date(2026, 12, 1),
            reviewed_by="支委会",
            feedback=None,
        )
    )
    from noticeboard.load.fields import PLACEHOLDER

    good = notice(date(2026, 11, 23), date(2026, 12, 1))
    if where == "title":
        bad = good.replace("title: 关于", f"title: {PLACEHOLDER}关于")
        expected_line = 2
    else:
        assert PLACEHOLDER in written
        bad = good + "\n" + PLACEHOLDER + "\n"
        expected_line = 12
    found = problems(repo, bad)
    assert [line for line, _ in found] == [expected_line]
    assert "模板的提示文字" in found[0][1]
    assert problems(repo, bad.replace("---\n经", "draft: true\n---\n经")) == []
