"""The registry's `holidays`: the State Council's schedule for years the bundled calendar lacks.

`holidays: {2027: {off: [dates], work: [dates]}}`. `off` are days off that would otherwise be
working days (statutory holidays), `work` weekend days worked in exchange (调休). YAML 1.1 reads
a bare `off` key as false, so that key is taken back as `off`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from noticeboard.i18n import _
from noticeboard.load.registry_reader import RegistryReader
from noticeboard.load.yamldoc import whole_number
from noticeboard.model import HolidayYear

HOLIDAY_KEYS = ("off", "work")


def read_holidays(r: RegistryReader, value: Any) -> dict[int, HolidayYear]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.err(
            "holidays",
            _(
                "'holidays' must list years, e.g. '2027:' with 'off:' and 'work:' date lists "
                "indented under it"
            ),
        )
        return {}
    years: dict[int, HolidayYear] = {}
    for raw_year, entry in value.items():
        where = f"holidays.{raw_year}"
        if whole_number(raw_year, 1900) is None:
            r.err(
                where,
                _("'{key}': a year in 'holidays' is written as four digits, e.g. 2027:").format(
                    key=where
                ),
            )
            continue
        year = _year(r, raw_year, entry, where)
        if year is not None:
            years[raw_year] = year
    return years


def _year(r: RegistryReader, year: int, entry: Any, where: str) -> HolidayYear | None:
    if not isinstance(entry, dict):
        r.err(
            where,
            _("'{key}' must have 'off:' and 'work:' date lists indented under it").format(
                key=where
            ),
        )
        return None
    entry = {"off" if k is False else k: v for k, v in entry.items()}
    r.unknown_keys(entry, HOLIDAY_KEYS, f"{where}.")
    off = _dates(r, year, entry.get("off"), f"{where}.off")
    work = _dates(r, year, entry.get("work"), f"{where}.work")
    if off is None or work is None:
        return None
    both = sorted(set(off) & set(work))
    for day in both:
        r.err(
            f"{where}.work[{work.index(day)}]",
            _(
                "{day} is both a day off ('{where}.off') and a working day ('{where}.work'); "
                "keep it in the one list the State Council's schedule puts it in"
            ).format(day=day, where=where),
        )
    return None if both else HolidayYear(frozenset(off), frozenset(work))


def _dates(r: RegistryReader, year: int, value: Any, key: str) -> list[date] | None:
    if value is None:
        return []
    if not isinstance(value, list):
        r.err(
            key,
            _("'{key}' must be a list of dates such as [{year}-01-01]").format(key=key, year=year),
        )
        return None
    days: list[date] = []
    ok = True
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, date) or isinstance(item, datetime):
            r.err(
                where,
                _(
                    "'{key}' must be a date written as YYYY-MM-DD without quotes, not '{value}'"
                ).format(key=where, value=item),
            )
            ok = False
        elif item.year != year:
            r.err(
                where,
                _(
                    "{day} in '{key}' is not in {year}; move it under '{year_found}:' or correct it"
                ).format(day=item, key=where, year=year, year_found=f"holidays.{item.year}"),
            )
            ok = False
        else:
            days.append(item)
    return days if ok else None
