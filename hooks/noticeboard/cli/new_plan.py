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
from noticeboard.periods import MONTHS, latest_ended_before, parse_period
from noticeboard.periods import Period as LedgerPeriod

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
    fulfils_written: str | None = None  # as the file says it: ENTRY, or ENTRY@PERIOD if chosen


def due_period(every: str, day: date) -> Period | None:
    """The latest period of an `every` schedule that ended before `day` (the ledger's own
    arithmetic, noticeboard.periods); None for a standing obligation."""
    if every not in MONTHS:
        return None
    return _named(latest_ended_before(every, day))


def _named(period: LedgerPeriod) -> Period:
    year, month = period.start.year, period.start.month
    if period.every == "quarter":
        return Period(period.key, f"{year}年第{_QUARTERS[(month - 1) // 3]}季度")
    return Period(period.key, period.zh)


def chosen_period(entry: ScheduleEntry, code: str, start: date) -> Period:
    """The period `code` names for `entry` (--period, or the answer to `new`'s question);
    ValueError says what to write when it is not one of the entry's periods up to `start`."""
    parsed = parse_period(code)
    if parsed is None or parsed.every != entry.every:
        raise ValueError(
            _(
                "'{code}' is not a period of '{name}', which is due every {every}; write it like "
                "{example}"
            ).format(
                code=code,
                name=entry.name,
                every=entry.every,
                example=latest_ended_before(entry.every, start).key,
            )
        )
    if parsed.start > start:
        raise ValueError(
            _(
                "the period {code} has not begun by the notice's first day {start}; a notice "
                "fulfils a period that has begun"
            ).format(code=code, start=start)
        )
    return _named(parsed)


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
    period: str | None = None,
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

    fulfils, fulfils_written = None, None
    if disclosure == "periodic" and periodic:
        entry = periodic[0]
        due = due_period(entry.every, start)
        assert due is not None
        if period is None or chosen_period(entry, period, start) == due:
            fulfils, fulfils_written = (entry, due), entry.id
            reasons.append(
                _(
                    "fulfils: {entry} for {period}, the latest period of '{name}' that ended "
                    "before {start}; give --period to choose another"
                ).format(entry=entry.id, period=due.zh, name=entry.name, start=start)
            )
        else:
            chosen = chosen_period(entry, period, start)
            fulfils, fulfils_written = (entry, chosen), f"{entry.id}@{chosen.code}"
            reasons.append(
                _("fulfils: {entry} for {period}, as chosen").format(
                    entry=entry.id, period=chosen.zh
                )
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
    return Plan(disclosure, end, length_zh, fulfils, issuer, tuple(reasons), fulfils_written)
