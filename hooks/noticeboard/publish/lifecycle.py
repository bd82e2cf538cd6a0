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


# The one source of every state label (page, listings, search, feeds, the live-state script,
# 公开指南). An ad-hoc notice invites objections (公示); a periodic or standing disclosure only
# discloses (公开), so its open and closed states read 公开中 / 公开期满.
_COMMON_LABELS: dict[State, str] = {
    State.STANDING: "长期公开",
    State.ARCHIVED: "已归档",
    State.SUPERSEDED: "已被替代",
}
LABELS_BY_DISCLOSURE: dict[str, dict[State, str]] = {
    "ad-hoc": {State.ACTIVE: "公示中", State.CLOSED: "公示期满", **_COMMON_LABELS},
    "periodic": {State.ACTIVE: "公开中", State.CLOSED: "公开期满", **_COMMON_LABELS},
    "standing": {State.ACTIVE: "公开中", State.CLOSED: "公开期满", **_COMMON_LABELS},
}


def labels_for(disclosure: str) -> dict[State, str]:
    """Every label a notice of this disclosure type can carry, by state."""
    return LABELS_BY_DISCLOSURE.get(disclosure, LABELS_BY_DISCLOSURE["ad-hoc"])


def label(state: State, disclosure: str) -> str:
    """The label residents read for `state` on a notice of this disclosure type."""
    return labels_for(disclosure)[state]


def all_labels() -> list[tuple[State, str, tuple[str, ...]]]:
    """(state, label, the disclosure types that carry it): each distinct label once, in the
    order of the states, for 公开指南 and the search filters."""
    seen: dict[str, tuple[State, list[str]]] = {}
    for disclosure, labels in LABELS_BY_DISCLOSURE.items():
        for state, text in labels.items():
            seen.setdefault(text, (state, []))[1].append(disclosure)
    order = list(State)
    rows = [(state, text, tuple(kinds)) for text, (state, kinds) in seen.items()]
    return sorted(rows, key=lambda row: order.index(row[0]))


# The labels in lifecycle order (公示中, 公开中, 公示期满 …) and, for scripts that know no
# disclosure type, the ad-hoc wording; the pages carry each notice's own (data-label-*).
LABELS: dict[State, str] = dict(LABELS_BY_DISCLOSURE["ad-hoc"])


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
        return label(self.state, self.notice.disclosure)

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
