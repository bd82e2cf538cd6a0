"""What `noticeboard new` fills in when the writer does not say: decided by the registry.

Pure: from the registry, the branch, the category, the start day and the options given, to the
disclosure, the period, the schedule entry fulfilled and the issuer, each with the reason shown
to the writer (in the current language).

The schedule period is the one a bare `fulfils: ENTRY` means (SPEC): the latest period that
ended before the start, from the ledger's own period arithmetic (noticeboard.periods).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from noticeboard.i18n import _
from noticeboard.load.workdays import Holidays, end_after_days, end_after_working_days
from noticeboard.model import DISCLOSURE_LABELS, Body, Branch, Category, Registry, ScheduleEntry
from noticeboard.periods import MONTHS, latest_ended_before

DEFAULT_WORKING_DAYS = 5
_QUARTERS = ("一", "二", "三", "四")


@dataclass(frozen=True)
class Period:
    """One period of a schedule entry: `code` as `fulfils: ENTRY@CODE` writes it, `zh` as
    residents read it."""

    code: str
    zh: str


@dataclass(frozen=True)
class Plan:
    disclosure: str
    end: date | None
    length_zh: str | None
    fulfils: tuple[ScheduleEntry, Period] | None
    issuer: Body | None
    reasons: tuple[str, ...]


def due_period(every: str, day: date) -> Period | None:
    """The latest period of an `every` schedule that ended before `day` (the ledger's own
    arithmetic, noticeboard.periods); None for a standing obligation."""
    if every not in MONTHS:
        return None
    period = latest_ended_before(every, day)
    year, month = period.start.year, period.start.month
    if every == "quarter":
        return Period(period.key, f"{year}年第{_QUARTERS[(month - 1) // 3]}季度")
    return Period(period.key, period.zh)


def entries_for(registry: Registry, branch: Branch, category: Category) -> list[ScheduleEntry]:
    return [
        e
        for e in registry.schedule
        if e.category == category.id and (e.branches is None or branch.id in e.branches)
    ]


def plan_notice(
    registry: Registry,
    branch: Branch,
    category: Category,
    start: date,
    *,
    disclosure: str | None = None,
    days: int | None = None,
    working_days: int | None = None,
    issuer: Body | None = None,
    holidays: Holidays | None = None,
) -> Plan:
    """The defaults for a new notice; CalendarRangeError when working days cannot be counted."""
    reasons: list[str] = []
    entries = entries_for(registry, branch, category)
    periodic = [e for e in entries if due_period(e.every, start) is not None]
    standing = [e for e in entries if e.every == "standing"]
    if disclosure is None:
        if standing:
            disclosure = "standing"
        elif periodic:
            disclosure = "periodic"
        else:
            disclosure = "ad-hoc"
        entry = next(iter(standing or periodic), None)
        if entry is not None:
            reasons.append(
                _(
                    "disclosure: {label} ({value}), because the registry's schedule entry "
                    "'{entry}' ({name}) needs this category"
                ).format(
                    label=DISCLOSURE_LABELS[disclosure],
                    value=disclosure,
                    entry=entry.id,
                    name=entry.name,
                )
            )
        else:
            reasons.append(
                _(
                    "disclosure: 随时 (ad-hoc), because no schedule entry of the registry asks "
                    "for this category; give --disclosure to choose another"
                )
            )

    end, length_zh = None, None
    calendar = holidays if holidays is not None else registry.holidays
    if disclosure != "standing":
        if days is None and working_days is None:
            if category.min_working_days:
                working_days = category.min_working_days
                reasons.append(
                    _(
                        "period: {count} working days, the minimum the registry sets for "
                        "'{category}' (min_working_days)"
                    ).format(count=working_days, category=category.name)
                )
            elif category.min_days:
                days = category.min_days
                reasons.append(
                    _(
                        "period: {count} days, the minimum the registry sets for "
                        "'{category}' (min_days)"
                    ).format(count=days, category=category.name)
                )
            else:
                working_days = DEFAULT_WORKING_DAYS
                reasons.append(
                    _(
                        "period: {count} working days (the usual length; the registry sets "
                        "no minimum for '{category}'); give --days or --working-days to change it"
                    ).format(count=working_days, category=category.name)
                )
        if days is not None:
            end, length_zh = end_after_days(start, days), f"{days}天"
        else:
            assert working_days is not None
            end = end_after_working_days(start, working_days, calendar)
            length_zh = f"{working_days}个工作日"

    fulfils = None
    if disclosure == "periodic" and periodic:
        entry = periodic[0]
        period = due_period(entry.every, start)
        assert period is not None
        fulfils = (entry, period)
        reasons.append(
            _(
                "fulfils: {entry} for {period}, the latest period of '{name}' that ended "
                "before {start}; correct it if this notice is for another period"
            ).format(entry=entry.id, period=period.zh, name=entry.name, start=start)
        )

    if issuer is None:
        issuer = branch.body(category.issuer)
        if issuer is not None:
            reasons.append(
                _(
                    "issuer: {name}, who issues '{category}' notices (the category's 'issuer' "
                    "in the registry)"
                ).format(name=issuer.name, category=category.name)
            )
    return Plan(disclosure, end, length_zh, fulfils, issuer, tuple(reasons))
