"""What each notice claims to fulfil (`fulfils: ENTRY@PERIOD`), and the rules on those claims
and on `corrections` that need the whole board and its git history (SPEC "The ledger").

`claims` is the one reading of `fulfils` that both the checks and the ledger use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.history import Publication
from noticeboard.model import Notice, Registry, ScheduleEntry
from noticeboard.periods import Period, latest_ended_before, parse_period
from noticeboard.problems import Problem, error

_EXAMPLE = {"month": "2026-07", "quarter": "2026Q3", "half-year": "2026H1", "year": "2026"}


@dataclass(frozen=True)
class Claim:
    """One `fulfils` value read: the entry, and the period (None for a standing entry, or
    when the value is unusable: `problem` then says why)."""

    index: int
    entry: ScheduleEntry
    period: Period | None
    explicit: bool
    problem: str | None = None


def board_since(registry: Registry, notices: Iterable[Notice]) -> date | None:
    """SPEC: the registry's `since`, else 1 January of the earliest published notice's year."""
    if registry.since is not None:
        return registry.since
    starts = [n.start for n in notices if not n.draft and n.scope == "public"]
    return date(min(starts).year, 1, 1) if starts else None


def entry_since(entry: ScheduleEntry, since: date | None) -> date | None:
    return entry.since or since


def claims(notice: Notice, registry: Registry) -> list[Claim]:
    """Every `fulfils` value of `notice` whose entry exists (unknown entries are reported by
    the cross-notice rules)."""
    out: list[Claim] = []
    for index, raw in enumerate(notice.fulfils):
        name, at, key = raw.partition("@")
        entry = registry.entry(name.strip())
        if entry is None:
            continue
        if entry.every == "standing":
            problem = (
                _(
                    "'{entry}' is a standing obligation (固定公开): it has no periods; write "
                    "just 'fulfils: {entry}'"
                ).format(entry=entry.id)
                if at
                else None
            )
            out.append(Claim(index, entry, None, bool(at), problem))
            continue
        period: Period | None
        if not at:
            period = latest_ended_before(entry.every, notice.start)
            out.append(Claim(index, entry, period, False))
            continue
        period = parse_period(key)
        problem = None
        if period is None:
            problem = _(
                "'{value}' has no readable period after '@': write the year (2026), half-year "
                "(2026H1), quarter (2026Q3) or month (2026-07), e.g. '{example}'"
            ).format(value=raw, example=f"{entry.id}@{_EXAMPLE[entry.every]}")
        elif period.every != entry.every:
            problem = _(
                "'{value}': '{entry}' is due every {every}, so its period is written like "
                "'{example}'"
            ).format(
                value=raw,
                entry=entry.id,
                every=entry.every,
                example=f"{entry.id}@{_EXAMPLE[entry.every]}",
            )
            period = None
        out.append(Claim(index, entry, period, True, problem))
    return out


def _line(notice: Notice, index: int) -> int:
    return notice.lines.get(f"fulfils[{index}]") or notice.line_of("fulfils")


def _supersession_groups(notices: Iterable[Notice]) -> dict[str, str]:
    """Notice id → a representative of its supersedes chain (union-find, both directions)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for n in notices:
        for old in n.supersedes:
            parent[find(old)] = find(n.id)
    return {n.id: find(n.id) for n in notices}


def claim_problems(registry: Registry, notices: Iterable[Notice]) -> list[Problem]:
    """Malformed or impossible `@PERIOD`, a period before `since`, an entry that does not
    apply to the branch, and one period fulfilled twice by a branch without a correction."""
    candidates = [n for n in notices if not n.draft and n.scope == "public"]
    since = board_since(registry, candidates)
    problems: list[Problem] = []
    groups = _supersession_groups(candidates)
    holders: dict[tuple[str, str, str], list[tuple[Notice, int]]] = {}
    for n in candidates:
        rel = urls.notice_source(n.id)
        seen: set[tuple[str, str]] = set()
        for c in claims(n, registry):
            line = _line(n, c.index)
            if c.problem:
                problems.append(error(rel, line, c.problem, "fulfils"))
                continue
            if not c.entry.applies_to(n.branch):
                problems.append(
                    error(
                        rel,
                        line,
                        _(
                            "'{entry}' ({name}) does not apply to branch '{branch}': the "
                            "registry's schedule names the branches it applies to"
                        ).format(entry=c.entry.id, name=c.entry.name, branch=n.branch),
                        "fulfils",
                    )
                )
                continue
            first = entry_since(c.entry, since)
            if c.period is not None and first is not None and c.period.end < first:
                if c.explicit:
                    problems.append(
                        error(
                            rel,
                            line,
                            _(
                                "'{value}': {period} ended before {since}, the day '{entry}' "
                                "applies from (the registry's 'since'); no disclosure is owed "
                                "for it"
                            ).format(
                                value=n.fulfils[c.index],
                                period=c.period.zh,
                                since=first,
                                entry=c.entry.id,
                            ),
                            "fulfils",
                        )
                    )
                continue  # an older record fulfils nothing the ledger counts
            key = c.period.key if c.period else ""
            if (c.entry.id, key) in seen:
                problems.append(
                    error(
                        rel,
                        line,
                        _("'{entry}' {period} is named twice here").format(
                            entry=c.entry.id, period=key
                        ),
                        "fulfils",
                    )
                )
                continue
            seen.add((c.entry.id, key))
            if c.period is not None:
                holders.setdefault((n.branch, c.entry.id, key), []).append((n, c.index))
    for (_branch, entry_id, key), held in sorted(holders.items()):
        by_group: dict[str, list[tuple[Notice, int]]] = {}
        for n, index in held:
            by_group.setdefault(groups[n.id], []).append((n, index))
        if len(by_group) < 2:
            continue
        ordered = sorted(by_group.values(), key=lambda g: min(n.id for n, _ in g))
        first_id = min(n.id for n, _ in ordered[0])
        for group in ordered[1:]:
            for n, index in group:
                problems.append(
                    error(
                        urls.notice_source(n.id),
                        _line(n, index),
                        _(
                            "'{entry}' {period} is already fulfilled by {other}: a branch "
                            "discloses a period once; if this notice corrects that one, add "
                            "'supersedes: {other}'"
                        ).format(entry=entry_id, period=key, other=first_id),
                        "fulfils",
                    )
                )
    return problems


def correction_problems(
    notices: Iterable[Notice], publications: Mapping[str, Publication]
) -> list[Problem]:
    """A correction is a change after publication: one dated before it is a mistake."""
    problems: list[Problem] = []
    for n in notices:
        published = publications.get(n.id)
        if published is None or published.day is None:
            continue
        for index, c in enumerate(n.corrections):
            if c.date < published.day:
                problems.append(
                    error(
                        urls.notice_source(n.id),
                        n.lines.get(f"corrections[{index}]") or n.line_of("corrections"),
                        _(
                            "'{key}' ({date}) is before the notice was published ({published}); "
                            "a correction records a change made after publication"
                        ).format(
                            key=f"corrections[{index}].date", date=c.date, published=published.day
                        ),
                        "corrections",
                    )
                )
    return problems
