"""The disclosure ledger (公开台账) and the feedback loop: pure functions of the registry, the
notices, their publication days and today (SPEC "The ledger").

One cell per schedule entry × branch it applies to × period from `since` up to today. The
ledger as of a day counts only what had been published by that day, so `report --today D`
for a past D gives the ledger as it stood then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from noticeboard.load.accountability import board_since, claims, entry_since
from noticeboard.load.history import Publication
from noticeboard.model import Notice, Registry, ScheduleEntry
from noticeboard.periods import Period, due_date, periods_from
from noticeboard.publish.lifecycle import Placed, State
from noticeboard.publish.text import zh_date

if TYPE_CHECKING:
    from noticeboard.load.board import Board

# SPEC: an ad-hoc notice with no `opinions_received` 10 days after its end is listed.
OPINIONS_RECORD_DAYS = 10


class Status(StrEnum):
    ON_TIME = "on-time"
    LATE = "late"
    RETROACTIVE = "retroactive"
    MISSING = "missing"
    DUE = "due"
    UNVERIFIED = "unverified"
    HELD = "held"  # a standing obligation met today


def status_label(status: Status, days: int | None = None, since: date | None = None) -> str:
    """The words a cell shows (colour never alone): 按时, 逾期N天, 待公开（剩N天）…"""
    match status:
        case Status.ON_TIME:
            return "按时"
        case Status.LATE:
            return f"逾期{days}天"
        case Status.RETROACTIVE:
            return "补录"
        case Status.DUE:
            return f"待公开（剩{days}天）"
        case Status.UNVERIFIED:
            return "未核实"
        case Status.HELD:
            return "在公开"
    if since is not None:
        return f"未公开（自{zh_date(since)}起）"
    return "未公开"


@dataclass(frozen=True)
class Cell:
    """One obligation of one branch for one period (`period` None: a standing obligation).

    `notice_id` links the newest notice of the fulfilling chain; `published` and `effective`
    are those of the chain's first notice (a correction keeps the original's day). `days` is
    the days late (LATE), left (DUE) or, for a standing gap, since the gap opened."""

    branch: str
    entry: ScheduleEntry
    period: Period | None
    due: date | None
    status: Status
    days: int | None = None
    notice_id: str | None = None
    published: date | None = None
    effective: date | None = None
    gap_since: date | None = None

    @property
    def label(self) -> str:
        return status_label(self.status, self.days, self.gap_since)

    @property
    def period_key(self) -> str:
        return self.period.key if self.period else "standing"

    @property
    def days_late(self) -> int | None:
        return self.days if self.status is Status.LATE else None


@dataclass(frozen=True)
class _Holder:
    notice: Notice
    published: date | None
    effective: date | None


def _holders(
    registry: Registry,
    placed: Mapping[str, Placed],
    publications: Mapping[str, Publication],
    today: date,
) -> dict[tuple[str, str, str], list[_Holder]]:
    """(branch, entry, period key) → the published notices that fulfil it as of today."""
    out: dict[tuple[str, str, str], list[_Holder]] = {}
    for p in placed.values():
        n = p.notice
        pub = publications.get(n.id, Publication(None))
        if pub.day is not None and pub.day > today:
            continue  # not yet public on this day
        effective = max(n.start, pub.day) if pub.day is not None else None
        for c in claims(n, registry):
            if c.problem or c.period is None or not c.entry.applies_to(n.branch):
                continue
            out.setdefault((n.branch, c.entry.id, c.period.key), []).append(
                _Holder(n, pub.day, effective)
            )
    return out


def _chain_cell(
    branch: str,
    entry: ScheduleEntry,
    period: Period,
    due: date,
    held: list[_Holder],
    placed: Mapping[str, Placed],
) -> Cell:
    """A fulfilled cell: judged by the chain's first notice, linking its newest."""
    first = min(held, key=lambda h: (h.effective is None, h.effective or date.max, h.notice.id))
    current = [h for h in held if not any(s in placed for s in placed[h.notice.id].superseded_by)]
    newest = max(current or held, key=lambda h: (h.published or date.min, h.notice.id))
    nid, published, effective = newest.notice.id, first.published, first.effective
    if effective is None:
        return Cell(branch, entry, period, due, Status.UNVERIFIED, None, nid, published)
    n = first.notice
    if n.end is not None and published is not None and published > n.end:
        status, late = Status.RETROACTIVE, None
    elif effective <= due:
        status, late = Status.ON_TIME, None
    else:
        status, late = Status.LATE, (effective - due).days
    return Cell(branch, entry, period, due, status, late, nid, published, effective)


def _standing_cell(
    registry: Registry,
    branch: str,
    entry: ScheduleEntry,
    first_day: date,
    placed: Mapping[str, Placed],
    publications: Mapping[str, Publication],
    today: date,
) -> Cell:
    """Held while a current standing notice of the category is up; else missing since the
    gap opened (due within `within_days` of it)."""
    mine = [
        p
        for p in placed.values()
        if p.notice.branch == branch
        and p.notice.disclosure == "standing"
        and (
            p.notice.category == entry.category
            or any(c.entry.id == entry.id for c in claims(p.notice, registry))
        )
        and not _after(publications.get(p.notice.id), today)
    ]
    current = [p for p in mine if p.state is State.STANDING]
    if current:
        newest = max(current, key=lambda p: (p.notice.start, p.notice.id))
        pub = publications.get(newest.notice.id, Publication(None))
        return Cell(
            branch, entry, None, None, Status.HELD, notice_id=newest.notice.id, published=pub.day
        )
    ends = [p.notice.expires for p in mine if p.notice.expires is not None]
    gap = max([first_day, *(e + timedelta(days=1) for e in ends)])
    due = gap + timedelta(days=entry.within_days)
    if today <= due:
        return Cell(branch, entry, None, due, Status.DUE, (due - today).days, gap_since=gap)
    return Cell(branch, entry, None, due, Status.MISSING, (today - gap).days, gap_since=gap)


def _after(pub: Publication | None, today: date) -> bool:
    return pub is not None and pub.day is not None and pub.day > today


def build_ledger(
    registry: Registry,
    notices: Iterable[Notice],
    placed: Mapping[str, Placed],
    publications: Mapping[str, Publication],
    today: date,
) -> list[Cell]:
    """Every cell, in registry order: branch, then schedule entry, then period (oldest first)."""
    since = board_since(registry, notices)
    holders = _holders(registry, placed, publications, today)
    cells: list[Cell] = []
    for branch in registry.branches:
        for entry in registry.schedule:
            first_day = entry_since(entry, since)
            if first_day is None or not entry.applies_to(branch.id) or first_day > today:
                continue
            if entry.every == "standing":
                cells.append(
                    _standing_cell(
                        registry, branch.id, entry, first_day, placed, publications, today
                    )
                )
                continue
            for period in periods_from(entry.every, first_day, today):
                due = due_date(period, entry.within_days)
                held = holders.get((branch.id, entry.id, period.key))
                if held:
                    cells.append(_chain_cell(branch.id, entry, period, due, held, placed))
                elif today > due:
                    cells.append(Cell(branch.id, entry, period, due, Status.MISSING))
                else:
                    cells.append(
                        Cell(branch.id, entry, period, due, Status.DUE, (due - today).days)
                    )
    return cells


# --- the feedback loop ----------------------------------------------------------------------


class Reply(StrEnum):
    ANSWERED = "answered"  # 已答复
    AWAITING = "awaiting"  # 待答复（答复期限 D）
    OVERDUE = "overdue"  # 逾期未答复
    NONE_RECEIVED = "none-received"  # 未收到意见
    UNRECORDED = "unrecorded"  # 未登记意见情况 (ad-hoc, 10 days after the end)


@dataclass(frozen=True)
class FeedbackState:
    notice_id: str
    status: Reply
    reply_due: date | None = None
    replies: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        match self.status:
            case Reply.ANSWERED:
                return "已答复"
            case Reply.AWAITING:
                due = self.reply_due
                return f"待答复（答复期限{zh_date(due)}）" if due else "待答复"
            case Reply.OVERDUE:
                return "逾期未答复"
            case Reply.NONE_RECEIVED:
                return "未收到意见"
        return "未登记意见情况"


def feedback_state(
    p: Placed,
    registry: Registry,
    today: date,
    publications: Mapping[str, Publication] | None = None,
    since: date | None = None,
) -> FeedbackState | None:
    """The feedback status of one published notice; None when there is nothing to say yet."""
    n = p.notice
    replies = tuple(r for r in p.answered_by if not _after((publications or {}).get(r), today))
    if n.opinions_received is not None and n.opinions_received > 0:
        if replies:
            return FeedbackState(n.id, Reply.ANSWERED, replies=replies)
        if n.end is None:
            return FeedbackState(n.id, Reply.AWAITING)
        due = n.end + timedelta(days=registry.reply_within_days)
        return FeedbackState(n.id, Reply.OVERDUE if today > due else Reply.AWAITING, due)
    if n.opinions_received == 0:
        return FeedbackState(n.id, Reply.NONE_RECEIVED, replies=replies)
    if replies:
        return FeedbackState(n.id, Reply.ANSWERED, replies=replies)
    if (
        n.disclosure == "ad-hoc"
        and n.end is not None
        and today > n.end + timedelta(days=OPINIONS_RECORD_DAYS)
        and (since is None or n.end >= since)
    ):
        return FeedbackState(n.id, Reply.UNRECORDED)
    return None


def feedback_states(
    registry: Registry,
    notices: Iterable[Notice],
    placed: Mapping[str, Placed],
    publications: Mapping[str, Publication],
    today: date,
) -> dict[str, FeedbackState]:
    """The feedback status of every published notice that has one, by id."""
    since = board_since(registry, notices)
    out: dict[str, FeedbackState] = {}
    for nid, p in placed.items():
        if p.notice.responds_to is not None and p.notice.opinions_received is None:
            continue  # a reply is itself the end of a loop
        state = feedback_state(p, registry, today, publications, since)
        if state is not None:
            out[nid] = state
    return out


def board_ledger(board: Board) -> list[Cell]:
    """The ledger of a loaded board, as of its today."""
    return build_ledger(
        board.registry, board.notices, board.placed(), board.publications(), board.today
    )


def board_feedback(board: Board) -> dict[str, FeedbackState]:
    return feedback_states(
        board.registry, board.notices, board.placed(), board.publications(), board.today
    )


def cell_record(cell: Cell) -> dict[str, object]:
    """One cell as plain JSON values (`report --format json`, `due --format json`)."""
    return {
        "branch": cell.branch,
        "entry": cell.entry.id,
        "entry_name": cell.entry.name,
        "period": cell.period_key,
        "due": cell.due.isoformat() if cell.due else None,
        "status": cell.status.value,
        "label": cell.label,
        "days_late": cell.days_late,
        "notice": cell.notice_id,
        "published": cell.published.isoformat() if cell.published else None,
    }
