"""The last day of a disclosure period, counted in calendar days or in China's working days.

Working days follow the official calendar (statutory holidays and the weekend days worked in
exchange, 调休), as published by the State Council and packaged by `chinese-calendar`. The
package only knows the years up to its release; the State Council announces next year's
schedule each November, so the registry's `holidays` adds a year (and overrides the package
for that year). Where neither knows a year we stop with an error rather than guess, because a
wrong end date would shorten a legally required disclosure period.

Counting rule (also shown by `noticeboard new --help`): periods are inclusive. With `days=N`
the end is `start + N - 1`, so a 5-day period starting on a Monday ends on Friday. With
`working_days=N` the start day counts as the first working day when it is one; when it is not
(a weekend or a holiday), counting begins at the next working day. The end is the N-th working
day counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache

import chinese_calendar

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.model import HolidayYear

Holidays = Mapping[int, HolidayYear]
NO_HOLIDAYS: Holidays = {}


class CalendarRangeError(ValueError):
    """A working-day count needs a year neither the registry nor chinese-calendar knows."""

    def __init__(self, year: int) -> None:
        first, last = known_years()
        super().__init__(
            _(
                "no official holiday schedule for {year}: chinese-calendar {version} knows "
                "{first}–{last} only. Add the State Council's schedule for {year} to "
                "{registry} as 'holidays:' → '{year}:' with 'off: [dates]' and "
                "'work: [dates]', or upgrade chinese-calendar"
            ).format(
                year=year,
                version=_calendar_version(),
                first=first,
                last=last,
                registry=urls.REGISTRY_SOURCE,
            )
        )
        self.year = year


@cache
def known_years() -> tuple[int, int]:
    """First and last year the installed chinese-calendar has official holiday data for."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


@cache
def _bundled() -> tuple[frozenset[date], frozenset[date]]:
    """The package's days off and weekend working days as sets: its own `is_workday` costs
    about 0.2 ms a call, too slow for the minimum-period rule on 10,000 notices."""
    return frozenset(chinese_calendar.holidays), frozenset(chinese_calendar.workdays)


def _calendar_version() -> str:
    # imported here: importlib.metadata costs 13 ms of every start, for a rare message
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - installed with the package
        return "(unknown version)"


def is_working_day(day: date, holidays: Holidays = NO_HOLIDAYS) -> bool:
    """An official working day in mainland China: the registry's `holidays` for its year, else
    chinese-calendar; CalendarRangeError when neither knows the year."""
    year = holidays.get(day.year)
    if year is not None:
        return day in year.work or (day.weekday() < 5 and day not in year.off)
    first, last = known_years()
    if not first <= day.year <= last:
        raise CalendarRangeError(day.year)
    off, work = _bundled()
    return day in work or (day.weekday() < 5 and day not in off)


def end_after_days(start: date, days: int) -> date:
    """Last day of a period of `days` calendar days, the start day included."""
    if days < 1:
        raise ValueError(_("a period lasts at least 1 day"))
    try:
        return start + timedelta(days=days - 1)
    except OverflowError:
        raise ValueError(
            _(
                "a period of {days} days from {start} ends after the year 9999; give fewer days"
            ).format(days=days, start=start)
        ) from None


def end_after_working_days(
    start: date, working_days: int, holidays: Holidays = NO_HOLIDAYS
) -> date:
    """Last day of a period of `working_days` official working days (see the module rule)."""
    if working_days < 1:
        raise ValueError(_("a period lasts at least 1 working day"))
    day = start
    counted = 0
    while True:
        if is_working_day(day, holidays):
            counted += 1
            if counted == working_days:
                return day
        day += timedelta(days=1)


def working_days_between(
    start: date, end: date, holidays: Holidays = NO_HOLIDAYS, enough: int | None = None
) -> int:
    """Official working days from `start` to `end`, both included; counting stops at `enough`
    (a minimum-period check needs the exact count only when the period is too short)."""
    count = 0
    day = start
    while day <= end and (enough is None or count < enough):
        count += is_working_day(day, holidays)
        day += timedelta(days=1)
    return count
