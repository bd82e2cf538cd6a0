"""Reporting periods: keys, Chinese names, and the arithmetic at month/quarter/half/year ends."""

from __future__ import annotations

from datetime import date

import pytest

from noticeboard.periods import (
    due_date,
    latest_ended_before,
    parse_period,
    period_of,
    periods_from,
)


@pytest.mark.parametrize(
    ("key", "every", "start", "end", "zh"),
    [
        ("2026", "year", date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        ("2026H2", "half-year", date(2026, 7, 1), date(2026, 12, 31), "2026年下半年"),
        ("2026Q1", "quarter", date(2026, 1, 1), date(2026, 3, 31), "2026年第1季度"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),
        ("2026-12", "month", date(2026, 12, 1), date(2026, 12, 31), "2026年12月"),
    ],
)
def test_keys_round_trip(key: str, every: str, start: date, end: date, zh: str) -> None:
    period = parse_period(key)
    assert period is not None
    assert (period.every, period.start, period.end, period.key, period.zh) == (
        every,
        start,
        end,
        key,
        zh,
    )


@pytest.mark.parametrize("bad", ["2026Q5", "2026H3", "2026-13", "2026-7", "26Q1", "Q1", ""])
def test_malformed_keys(bad: str) -> None:
    assert parse_period(bad) is None


def test_latest_ended_before_at_boundaries() -> None:
    assert latest_ended_before("quarter", date(2026, 4, 1)).key == "2026Q1"
    assert latest_ended_before("quarter", date(2026, 3, 31)).key == "2025Q4"
    assert latest_ended_before("year", date(2026, 1, 1)).key == "2025"
    assert latest_ended_before("half-year", date(2026, 7, 1)).key == "2026H1"
    assert latest_ended_before("month", date(2026, 3, 1)).key == "2026-02"


def test_periods_from_overlap_both_ends_and_due_dates() -> None:
    keys = [p.key for p in periods_from("quarter", date(2025, 11, 15), date(2026, 4, 1))]
    assert keys == ["2025Q4", "2026Q1", "2026Q2"]
    assert due_date(period_of("quarter", date(2025, 12, 1)), 15) == date(2026, 1, 15)
    assert periods_from("year", date(2026, 1, 2), date(2026, 1, 1)) == []
