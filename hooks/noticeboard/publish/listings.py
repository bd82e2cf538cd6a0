"""Which published notices each listing page shows, in what order and groups: pure decisions.

Every function takes placed notices (published only, see `lifecycle.place`), so drafts,
internal and upcoming notices cannot reach a listing or a count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from noticeboard.publish.lifecycle import Placed, State

# The current board shows these states, in this order of sections.
BOARD_STATES: tuple[State, ...] = (State.ACTIVE, State.CLOSED, State.STANDING)
# A scope (a branch, a category) lists its past notices inline when there are at most this many;
# beyond that its page links to one page per year so no page grows without bound.
INLINE_ARCHIVE_LIMIT = 30


def newest_first(placed: Iterable[Placed]) -> list[Placed]:
    """Newest first: by period.start, then by id (both descending), so ties stay stable."""
    return sorted(placed, key=lambda p: (p.notice.start, p.notice.id), reverse=True)


def current(placed: Iterable[Placed]) -> list[Placed]:
    """The notices on the current board (active, closed, standing), newest first."""
    return newest_first(p for p in placed if p.on_current_board)


def past(placed: Iterable[Placed]) -> list[Placed]:
    """Notices off the current board (archived, superseded), newest first."""
    return newest_first(p for p in placed if not p.on_current_board)


def by_state(
    placed: Iterable[Placed], states: tuple[State, ...] = BOARD_STATES
) -> list[tuple[State, list[Placed]]]:
    """[(state, notices newest first)] for each of `states`, empty groups kept (shown as none)."""
    items = list(placed)
    return [(s, newest_first(p for p in items if p.state is s)) for s in states]


@dataclass(frozen=True)
class Group:
    """Notices sharing a year or a month (`key`: 2024, or 6 for June)."""

    key: int
    items: tuple[Placed, ...]

    @property
    def count(self) -> int:
        return len(self.items)


def group_by(placed: Iterable[Placed], key: Callable[[Placed], int]) -> list[Group]:
    """Groups in descending key order, each newest first."""
    groups: dict[int, list[Placed]] = {}
    for p in newest_first(placed):
        groups.setdefault(key(p), []).append(p)
    return [Group(k, tuple(v)) for k, v in sorted(groups.items(), reverse=True)]


def by_year(placed: Iterable[Placed]) -> list[Group]:
    """Groups by the year of period.start (the year folder of the notice), newest year first."""
    return group_by(placed, lambda p: p.notice.year)


def by_month(placed: Iterable[Placed]) -> list[Group]:
    return group_by(placed, lambda p: p.notice.start.month)


def in_branch(placed: Iterable[Placed], branch_id: str) -> list[Placed]:
    return [p for p in placed if p.notice.branch == branch_id]


def in_category(placed: Iterable[Placed], category_id: str) -> list[Placed]:
    return [p for p in placed if p.notice.category == category_id]


def in_year(placed: Iterable[Placed], year: int) -> list[Placed]:
    return [p for p in placed if p.notice.year == year]


def years(placed: Iterable[Placed]) -> list[int]:
    """Years that have at least one published notice, newest first."""
    return sorted({p.notice.year for p in placed}, reverse=True)


def state_counts(placed: Iterable[Placed]) -> Counter[State]:
    return Counter(p.state for p in placed)


def inline_archive(past_notices: list[Placed], limit: int = INLINE_ARCHIVE_LIMIT) -> bool:
    """Whether a scope's past notices fit on its own page rather than per-year pages."""
    return len(past_notices) <= limit
