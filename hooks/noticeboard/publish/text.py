"""Dates as residents read them: 2024年6月12日, and periods that drop a repeated year.

The one place a date or a period becomes text; pages, feeds, search and `new` all use it.
"""

from __future__ import annotations

from datetime import date


def zh_date(day: date) -> str:
    """2024年6月12日 (no leading zeros, as printed notices write it)."""
    return f"{day.year}年{day.month}月{day.day}日"


def zh_month_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def zh_period(start: date, end: date | None) -> str:
    """2024年6月12日至6月18日; the year is kept when the period crosses into a new year.

    A standing notice has no end: 2024年6月12日起.
    """
    if end is None:
        return f"{zh_date(start)}起"
    if end == start:
        return zh_date(start)
    second = zh_month_day(end) if end.year == start.year else zh_date(end)
    return f"{zh_date(start)}至{second}"


def iso_period(start: date, end: date | None) -> str:
    """The period in ISO dates, for feeds and search results: `2023-10-01 至 2023-10-15`, or
    `2023-10-01 起` for a standing notice."""
    if end is None:
        return f"{start.isoformat()} 起"
    return f"{start.isoformat()} 至 {end.isoformat()}"


def zh_year(year: int) -> str:
    return f"{year}年"


def zh_month(month: int) -> str:
    return f"{month}月"


# China has one time zone; these IANA names all mean it (Asia/Shanghai is the one to write).
_BEIJING_ZONES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC"})
_ZONE_NAMES = {"Asia/Hong_Kong": "香港时间", "Asia/Macau": "澳门时间", "Asia/Taipei": "台北时间"}


def zone_name(timezone: str, offset_minutes: int) -> str:
    """How the pages name the board's timezone: 北京时间, else the IANA name with its offset."""
    if timezone in _BEIJING_ZONES:
        return "北京时间"
    if timezone in _ZONE_NAMES:
        return _ZONE_NAMES[timezone]
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{timezone}（UTC{sign}{hours:02d}:{minutes:02d}）时间"
