"""Ends of disclosure periods: calendar days, and China's official working days."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.load.workdays import (
    CalendarRangeError,
    end_after_days,
    end_after_working_days,
    is_working_day,
    known_years,
)


def test_days_are_inclusive_a_five_day_period_from_monday_ends_friday() -> None:
    monday = date(2026, 11, 23)
    assert monday.weekday() == 0
    assert end_after_days(monday, 5) == date(2026, 11, 27)
    assert end_after_days(monday, 1) == monday


def test_an_empty_period_is_refused() -> None:
    with pytest.raises(ValueError):
        end_after_days(date(2026, 1, 5), 0)
    with pytest.raises(ValueError):
        end_after_working_days(date(2026, 1, 5), 0)


def test_a_period_past_the_last_representable_day_is_refused() -> None:
    with pytest.raises(ValueError, match="9999"):
        end_after_days(date(9999, 12, 30), 5)


def test_golden_week_2024_facts_as_the_package_records_them() -> None:
    # National Day 2024: 1-7 October off; Sunday 29 September and Saturday 12 October worked.
    assert all(not is_working_day(date(2024, 10, d)) for d in range(1, 8))
    assert is_working_day(date(2024, 9, 29)) and date(2024, 9, 29).weekday() == 6
    assert is_working_day(date(2024, 10, 12)) and date(2024, 10, 12).weekday() == 5
    assert not is_working_day(date(2024, 10, 13))  # an ordinary Sunday


def test_working_days_skip_the_golden_week() -> None:
    # Mon 30 Sep counts, 1-7 Oct do not, then 8, 9, 10, 11 Oct.
    assert end_after_working_days(date(2024, 9, 30), 5) == date(2024, 10, 11)


def test_a_start_on_a_holiday_counts_from_the_next_working_day() -> None:
    # 3 Oct is a holiday: 8, 9, 10, 11 and the make-up Saturday 12 Oct.
    assert end_after_working_days(date(2024, 10, 3), 5) == date(2024, 10, 12)


def test_a_make_up_sunday_counts_as_the_first_day() -> None:
    assert end_after_working_days(date(2024, 9, 29), 1) == date(2024, 9, 29)
    assert end_after_working_days(date(2024, 9, 29), 2) == date(2024, 9, 30)


def test_national_day_2026() -> None:
    first = date(2026, 10, 1)
    holiday = [first + timedelta(days=i) for i in range(7)]
    assert all(chinese_calendar.is_holiday(day) for day in holiday)  # the package's own data
    assert all(not is_working_day(day) for day in holiday)
    assert end_after_working_days(date(2026, 9, 30), 2) > holiday[-1]


@settings(deadline=None)  # a loaded CI machine must not fail it
@given(
    st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31)),
    st.integers(min_value=1, max_value=20),
)
def test_the_end_is_the_nth_working_day_from_the_start(start: date, count: int) -> None:
    workdays = chinese_calendar.get_workdays(start, start + timedelta(days=60))
    assert end_after_working_days(start, count) == workdays[count - 1]


def test_known_years_are_the_packages() -> None:
    first, last = known_years()
    assert first == 2004
    assert last >= 2026


def test_counting_past_the_known_years_says_what_to_do_instead() -> None:
    _, last = known_years()
    late_december = date(last, 12, 28)
    with pytest.raises(CalendarRangeError) as info:
        end_after_working_days(late_december, 10)
    message = str(info.value)
    assert f"2004–{last}" in message
    assert f"'holidays:' → '{last + 1}:'" in message
    assert "upgrade" in message
    assert info.value.year == last + 1


def test_a_start_before_the_known_years_is_refused() -> None:
    with pytest.raises(CalendarRangeError):
        end_after_working_days(date(2003, 6, 2), 5)
