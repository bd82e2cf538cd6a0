"""What each branch must publish soon and what is overdue (`noticeboard due`, the reminders):
pure functions of the ledger, the feedback states and today."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from noticeboard.model import Registry
from noticeboard.publish.ledger import Cell, FeedbackState, Reply, Status
from noticeboard.publish.lifecycle import Placed
from noticeboard.publish.text import zh_date

DEFAULT_WITHIN = 14
REMINDER_TITLE = "待公开事项提醒"


@dataclass
class BranchDuties:
    branch: str
    name: str
    maintainers: tuple[str, ...]
    due: list[Cell] = field(default_factory=list)  # due within N days, soonest first
    overdue: list[Cell] = field(default_factory=list)  # missing, oldest first
    replies_due: list[tuple[str, FeedbackState]] = field(default_factory=list)
    replies_overdue: list[tuple[str, FeedbackState]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.due or self.overdue or self.replies_due or self.replies_overdue)


def duties(
    registry: Registry,
    cells: list[Cell],
    feedback: Mapping[str, FeedbackState],
    placed: Mapping[str, Placed],
    today: date,
    within: int = DEFAULT_WITHIN,
) -> list[BranchDuties]:
    """One entry per branch (registry order), empty ones included (a reminder then closes)."""
    out = {b.id: BranchDuties(b.id, b.name, b.maintainers) for b in registry.branches}
    for c in cells:
        if c.branch not in out:
            continue
        if c.status is Status.DUE and c.days is not None and c.days <= within:
            out[c.branch].due.append(c)
        elif c.status is Status.MISSING:
            out[c.branch].overdue.append(c)
    for nid, state in sorted(feedback.items()):
        p = placed.get(nid)
        if p is None or p.notice.branch not in out:
            continue
        title = p.notice.title
        if state.status is Reply.OVERDUE:
            out[p.notice.branch].replies_overdue.append((title, state))
        elif (
            state.status is Reply.AWAITING
            and state.reply_due is not None
            and (state.reply_due - today).days <= within
        ):
            out[p.notice.branch].replies_due.append((title, state))
    for d in out.values():
        d.due.sort(key=lambda c: (c.due or today, c.entry.id))
        d.overdue.sort(key=lambda c: (c.due or today, c.entry.id))
    return list(out.values())


def _cell_line(c: Cell, today: date) -> str:
    period = c.period.zh if c.period else "长期公开"
    if c.status is Status.MISSING and c.due is not None:
        return f"- {c.entry.name}（{period}）：截止{zh_date(c.due)}，已逾期{(today - c.due).days}天"
    due = f"截止{zh_date(c.due)}，" if c.due else ""
    return f"- {c.entry.name}（{period}）：{due}{c.label}"


def _cell_key(kind: str, c: Cell) -> str:
    return f"{kind}:{c.entry.id}@{c.period.key if c.period else 'standing'}"


def duty_items(d: BranchDuties, today: date) -> list[tuple[str, str]]:
    """Each thing the branch must do as (key, line): the key names the item and its status, so a
    reminder can tell what is new since its last update (a due item turning overdue is news)."""
    return [
        *((_cell_key("overdue", c), _cell_line(c, today)) for c in d.overdue),
        *((_cell_key("due", c), _cell_line(c, today)) for c in d.due),
        *((f"reply-overdue:{s.notice_id}", f"- 《{t}》：{s.label}") for t, s in d.replies_overdue),
        *((f"reply-due:{s.notice_id}", f"- 《{t}》：{s.label}") for t, s in d.replies_due),
    ]


def mention_line(d: BranchDuties) -> str:
    # a space before each @: GitHub only links a mention that follows a non-word character
    return "请 " + " ".join(f"@{m}" for m in d.maintainers) + " 关注。"


def reminder_text(d: BranchDuties, today: date, within: int, site_url: str | None = None) -> str:
    """The Markdown a branch reads (the reminder issue's body, `due`'s text output)."""
    lines = [f"## {d.name}", ""]
    if d.maintainers:
        lines += [mention_line(d), ""]
    if d.overdue:
        lines += ["**已逾期，尚未公开：**", *(_cell_line(c, today) for c in d.overdue), ""]
    if d.due:
        lines += [f"**{within}天内到期：**", *(_cell_line(c, today) for c in d.due), ""]
    if d.replies_overdue:
        lines += ["**逾期未答复的意见：**"]
        lines += [f"- 《{t}》：{s.label}" for t, s in d.replies_overdue] + [""]
    if d.replies_due:
        lines += ["**待答复的意见：**"]
        lines += [f"- 《{t}》：{s.label}" for t, s in d.replies_due] + [""]
    if d.empty:
        lines += [f"截至{zh_date(today)}，没有逾期或{within}天内到期的公开事项。", ""]
    if site_url:
        lines += [f"公开目录：{site_url.rstrip('/')}/compliance/{d.branch}/", ""]
    lines.append(f"（截至{zh_date(today)}，由 noticeboard due 生成）")
    return "\n".join(lines)
