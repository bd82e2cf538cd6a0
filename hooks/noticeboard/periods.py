"""Reporting periods of the schedule (month, quarter, half-year, year): one owner for their
keys (`2026-07`, `2026Q3`, `2026H1`, `2026`), their Chinese names and their arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# months per period of each kind; `standing` has no periods
MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
_KEY = re.compile(r"^(\d{4})(?:Q([1-4])|H([12])|-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A whole period, first and last day inclusive."""

    start: date
    end: date
    every: str

    @property
    def key(self) -> str:
        y, m = self.start.year, self.start.month
        match self.every:
            case "month":
                return f"{y}-{m:02d}"
            case "quarter":
                return f"{y}Q{(m - 1) // 3 + 1}"
            case "half-year":
                return f"{y}H{(m - 1) // 6 + 1}"
        return str(y)

    @property
    def zh(self) -> str:
        """2026年7月, 2026年第3季度, 2026年上半年, 2026年 (as printed notices name them)."""
        y, m = self.start.year, self.start.month
        match self.every:
            case "month":
                return f"{y}年{m}月"
            case "quarter":
                return f"{y}年第{(m - 1) // 3 + 1}季度"
            case "half-year":
                return f"{y}年{'上' if m <= 6 else '下'}半年"
        return f"{y}年"

    @property
    def short_zh(self) -> str:
        """Column heads: 7月, 第3季度 (Q3), 上半年, 全年."""
        m = self.start.month
        match self.every:
            case "month":
                return f"{m}月"
            case "quarter":
                return f"第{(m - 1) // 3 + 1}季度"
            case "half-year":
                return "上半年" if m <= 6 else "下半年"
        return "全年"

    def following(self) -> Period:
        return period_of(self.every, self.end + timedelta(days=1))

    def preceding(self) -> Period:
        return period_of(self.every, self.start - timedelta(days=1))


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_of(every: str, day: date) -> Period:
    """The period of kind `every` that contains `day`."""
    size = MONTHS[every]
    first = (day.month - 1) // size * size + 1
    return Period(date(day.year, first, 1), _month_end(day.year, first + size - 1), every)


def latest_ended_before(every: str, day: date) -> Period:
    """The latest period that ended before `day`: what a notice starting that day reports on."""
    return period_of(every, day).preceding()


def parse_period(text: str) -> Period | None:
    """`2026` → year, `2026H1` → half-year, `2026Q3` → quarter, `2026-07` → month; else None."""
    found = _KEY.match(text.strip())
    if not found:
        return None
    year, quarter, half, month = found.groups()
    y = int(year)
    if quarter:
        return period_of("quarter", date(y, (int(quarter) - 1) * 3 + 1, 1))
    if half:
        return period_of("half-year", date(y, (int(half) - 1) * 6 + 1, 1))
    if month:
        return period_of("month", date(y, int(month), 1))
    return period_of("year", date(y, 1, 1))


def periods_from(every: str, first_day: date, last_day: date) -> list[Period]:
    """Every period of kind `every` that overlaps [first_day, last_day], oldest first."""
    out: list[Period] = []
    if last_day < first_day:
        return out
    current = period_of(every, first_day)
    while current.start <= last_day:
        out.append(current)
        current = current.following()
    return out


def due_date(period: Period, within_days: int) -> date:
    """The last day a period's disclosure is on time: `within_days` after its last day."""
    return period.end + timedelta(days=within_days)
