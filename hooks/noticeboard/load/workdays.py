"""The last day of a disclosure period, counted in calendar days or in China's working days.

Working days follow the official calendar (statutory holidays and the weekend days worked in
exchange, 调休), as published by the State Council and packaged by `chinese-calendar`. The
package only knows the years it was released with; past them we stop with an error rather than
guess, because a wrong end date would shorten a legally required disclosure period.

Counting rule (also shown by `noticeboard new --help`): periods are inclusive. With `days=N`
the end is `start + N - 1`, so a 5-day period starting on a Monday ends on Friday. With
`working_days=N` the start day counts as the first working day when it is one; when it is not
(a weekend or a holiday), counting begins at the next working day. The end is the N-th working
day counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import chinese_calendar


class CalendarRangeError(ValueError):
    """The working-day count runs past the years the installed calendar knows."""


@cache
def known_years() -> tuple[int, int]:
    """First and last year the installed chinese-calendar has official holiday data for."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


def _calendar_version() -> str:
    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - installed with the package
        return "(unknown version)"


def is_working_day(day: date) -> bool:
    """An official working day in mainland China; CalendarRangeError outside the known years."""
    first, last = known_years()
    if not first <= day.year <= last:
        raise CalendarRangeError(
            f"chinese-calendar {_calendar_version()} only knows {first}–{last}, so it cannot "
            f"count working days into {day.year}; give --days instead or upgrade the package"
        )
    return bool(chinese_calendar.is_workday(day))


def end_after_days(start: date, days: int) -> date:
    """Last day of a period of `days` calendar days, the start day included."""
    if days < 1:
        raise ValueError("a period lasts at least 1 day")
    try:
        return start + timedelta(days=days - 1)
    except OverflowError:
        raise ValueError(f"a period of {days} days from {start} ends after the year 9999") from None


def end_after_working_days(start: date, working_days: int) -> date:
    """Last day of a period of `working_days` official working days (see the module rule)."""
    if working_days < 1:
        raise ValueError("a period lasts at least 1 working day")
    day = start
    counted = 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == working_days:
                return day
        day += timedelta(days=1)
