"""Where a notice stands on a given day (SPEC "Lifecycle"): pure functions of notices and today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from noticeboard.model import Notice


class State(StrEnum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    CLOSED = "closed"
    STANDING = "standing"
    ARCHIVED = "archived"
    SUPERSEDED = "superseded"


# What residents read for each state, in the order the search page lists them. The browser gets
# these too (publish.script_data), so a label is written here only.
LABELS: dict[State, str] = {
    State.ACTIVE: "公示中",
    State.CLOSED: "公示期满",
    State.STANDING: "长期公开",
    State.ARCHIVED: "已归档",
    State.SUPERSEDED: "已被替代",
}
INTERNAL_LABEL = "党内公开"
"""Marks an internal notice on the members' site (NOTICEBOARD_AUDIENCE=members)."""
ON_CURRENT_BOARD: frozenset[State] = frozenset({State.ACTIVE, State.CLOSED, State.STANDING})


def date_state(notice: Notice, today: date) -> State:
    """The state from dates alone, ignoring supersession."""
    if today < notice.start:
        return State.UPCOMING
    if notice.disclosure == "standing" and notice.end is None:
        return (
            State.STANDING if notice.expires is None or today <= notice.expires else State.ARCHIVED
        )
    if notice.end is not None and today <= notice.end:
        return State.ACTIVE
    if notice.expires is not None and today <= notice.expires:
        return State.CLOSED
    return State.ARCHIVED


def is_published(notice: Notice, today: date, members: bool = False) -> bool:
    """Published notices are the only ones that leave any trace in the site; internal ones
    only on the members' site (`members`, from a private repository)."""
    return not notice.draft and (notice.scope == "public" or members) and today >= notice.start


@dataclass(frozen=True)
class Placed:
    """A published notice with its state on one day and the links that depend on other notices."""

    notice: Notice
    state: State
    superseded_by: tuple[str, ...] = ()
    answered_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def on_current_board(self) -> bool:
        return self.state in ON_CURRENT_BOARD


def place(notices: Iterable[Notice], today: date, members: bool = False) -> dict[str, Placed]:
    """Every published notice by id, with its state; unpublished notices are left out entirely.

    Only a published notice can supersede or answer another, so nothing unpublished leaks
    through a link either.
    """
    published = {n.id: n for n in notices if is_published(n, today, members)}
    superseded_by: dict[str, list[str]] = {}
    answered_by: dict[str, list[str]] = {}
    for n in published.values():
        for old in n.supersedes:
            if old in published:
                superseded_by.setdefault(old, []).append(n.id)
        if n.responds_to in published:
            answered_by.setdefault(n.responds_to, []).append(n.id)
    placed: dict[str, Placed] = {}
    for nid, n in sorted(published.items()):
        newer = tuple(sorted(superseded_by.get(nid, ())))
        state = State.SUPERSEDED if newer else date_state(n, today)
        placed[nid] = Placed(n, state, newer, tuple(sorted(answered_by.get(nid, ()))))
    return placed
