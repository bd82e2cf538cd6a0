"""The ledger as residents and the township read it: /compliance/ (the matrix), one 公开目录 per
branch, and /compliance/ledger.csv. Pure: cells in, views and bytes out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from noticeboard import urls
from noticeboard.model import Registry, ScheduleEntry
from noticeboard.periods import Period, periods_from
from noticeboard.publish.ledger import Cell, FeedbackState, Reply, Status
from noticeboard.publish.lifecycle import Placed
from noticeboard.publish.sanitize import plain_title
from noticeboard.publish.text import zh_date, zh_period
from noticeboard.publish.views import (
    AccountabilityPage,
    CellView,
    ColumnGroup,
    FeedbackRow,
    HistoryRow,
    LedgerRow,
    LedgerTable,
    LegendItem,
    Link,
    Obligation,
    Row,
)

EVERY_ZH = {
    "month": "每月",
    "quarter": "每季度",
    "half-year": "每半年",
    "year": "每年",
    "standing": "长期",
}
LEGEND: tuple[LegendItem, ...] = (
    LegendItem(Status.ON_TIME, "按时", "在截止日期前（含当天）公开"),
    LegendItem(Status.LATE, "逾期N天", "已公开，但晚于截止日期N天"),
    LegendItem(Status.RETROACTIVE, "补录", "公示期结束后才提交上网的记录"),
    LegendItem(Status.MISSING, "未公开", "已过截止日期，仍未公开"),
    LegendItem(Status.DUE, "待公开（剩N天）", "尚未公开，距截止日期还有N天"),
    LegendItem(Status.UNVERIFIED, "未核实", "已公开，但无法从提交记录核实公开日期"),
    LegendItem(Status.HELD, "在公开", "长期公开事项现有有效公示"),
    LegendItem("none", "—", "该期尚未开始，或早于本公开栏开始登记的日期"),
)
NOT_OWED = CellView("—", "none", None, "该期尚未开始或不在登记范围内")


def _entry_note(entry: ScheduleEntry) -> str:
    if entry.every == "standing":
        return f"长期公开；出现空缺后{entry.within_days}天内须补上。"
    return f"{EVERY_ZH[entry.every]}公开一次，每期结束后{entry.within_days}天内公开。"


def cell_view(cell: Cell, branch_name: str) -> CellView:
    period = cell.period.zh if cell.period else "长期公开"
    due = f"，截止{zh_date(cell.due)}" if cell.due and cell.status is not Status.HELD else ""
    describe = f"{branch_name}{cell.entry.name}（{period}）：{cell.label}{due}"
    url = urls.notice_url(cell.notice_id) if cell.notice_id else None
    return CellView(cell.label, cell.status.value, url, describe)


@dataclass(frozen=True)
class AccountabilitySpec:
    """A page of this module: where it lives and what it shows (pages.py makes it a PageSpec)."""

    url: str
    title: str
    view: AccountabilityPage
    in_nav: bool = False


class CompliancePages:
    def __init__(
        self,
        registry: Registry,
        cells: list[Cell],
        feedback: Mapping[str, FeedbackState],
        placed: Mapping[str, Placed],
        today: date,
    ) -> None:
        self.registry = registry
        self.cells = cells
        self.feedback = feedback
        self.placed = placed
        self.today = today
        self.by_key = {(c.branch, c.entry.id, c.period_key): c for c in cells}
        # feedback states by branch, sorted once (a branch page asks twice)
        self.feedback_of: dict[str, list[tuple[str, FeedbackState]]] = {}
        for nid, state in sorted(feedback.items()):
            p = placed.get(nid)
            if p is not None:
                self.feedback_of.setdefault(p.notice.branch, []).append((nid, state))
        self.built, self.built_iso = zh_date(today), today.isoformat()

    def name(self, branch_id: str) -> str:
        b = self.registry.branch(branch_id)
        return b.name if b else branch_id

    def _page(self, **kw: Any) -> AccountabilityPage:
        return AccountabilityPage(built=self.built, built_iso=self.built_iso, **kw)

    # -- the matrix -------------------------------------------------------------------------
    def columns(self, entry: ScheduleEntry) -> list[Period]:
        """The periods of the current year, then of the previous one (what a phone shows first
        is this year); a year in which nothing was owed by any branch is left out."""
        if entry.every == "standing":
            return []
        year = self.today.year
        out: list[Period] = []
        for y in (year, year - 1):
            periods = periods_from(entry.every, date(y, 1, 1), date(y, 12, 31))
            owed = any(
                (b.id, entry.id, p.key) in self.by_key
                for b in self.registry.branches
                for p in periods
            )
            if owed or y == year:
                out += periods
        return out

    def table(self, entry: ScheduleEntry) -> LedgerTable:
        branches = [b for b in self.registry.branches if entry.applies_to(b.id)]
        if entry.every == "standing":
            groups: tuple[ColumnGroup, ...] = ()
            heads: tuple[str, ...] = ("现状",)
            rows = tuple(
                LedgerRow(
                    Link(b.name, urls.compliance_url(b.id)),
                    (self._cell(b.id, entry.id, "standing"),),
                )
                for b in branches
            )
        else:
            periods = self.columns(entry)
            years: dict[int, int] = {}
            for p in periods:
                years[p.start.year] = years.get(p.start.year, 0) + 1
            groups = tuple(ColumnGroup(f"{y}年", span) for y, span in years.items())
            heads = tuple(p.short_zh for p in periods)
            rows = tuple(
                LedgerRow(
                    Link(b.name, urls.compliance_url(b.id)),
                    tuple(self._cell(b.id, entry.id, p.key) for p in periods),
                )
                for b in branches
            )
        return LedgerTable(
            anchor=f"e-{entry.id}",
            caption=entry.name,
            note=_entry_note(entry),
            groups=groups,
            columns=heads,
            rows=rows,
        )

    def _cell(self, branch_id: str, entry_id: str, key: str) -> CellView:
        cell = self.by_key.get((branch_id, entry_id, key))
        return cell_view(cell, self.name(branch_id)) if cell else NOT_OWED

    def counts(self, cells: Iterable[Cell]) -> dict[Status, int]:
        out: dict[Status, int] = {}
        for c in cells:
            out[c.status] = out.get(c.status, 0) + 1
        return out

    def index(self) -> AccountabilitySpec:
        counts = self.counts(self.cells)
        awaiting = [f for f in self.feedback.values() if f.status is Reply.OVERDUE]
        lead = (
            f"截至{self.built}，各党组织应公开事项共{len(self.cells)}项："
            f"按时{counts.get(Status.ON_TIME, 0)}项，逾期{counts.get(Status.LATE, 0)}项，"
            f"补录{counts.get(Status.RETROACTIVE, 0)}项，未公开{counts.get(Status.MISSING, 0)}项，"
            f"待公开{counts.get(Status.DUE, 0)}项。逾期未答复的意见{len(awaiting)}件。"
            "点击单元格查看对应公示，点击党组织名称查看其公开目录。"
        )
        summary = tuple(
            Row(
                b.name,
                urls.compliance_url(b.id),
                self._branch_counts([c for c in self.cells if c.branch == b.id]),
            )
            for b in self.registry.branches
        )
        view = self._page(
            kind="compliance",
            title="公开台账",
            lead=lead,
            crumbs=(),
            legend=LEGEND,
            summary=summary,
            tables=tuple(self.table(e) for e in self.registry.schedule),
            csv=Link("下载台账（CSV，可用 Excel 或 WPS 打开）", urls.LEDGER_CSV_URL),
        )
        return AccountabilitySpec(urls.COMPLIANCE_URL, "公开台账", view, in_nav=True)

    def _branch_counts(self, cells: list[Cell]) -> str:
        counts = self.counts(cells)
        parts = [
            f"{label}{counts[s]}项"
            for s, label in (
                (Status.MISSING, "未公开"),
                (Status.LATE, "逾期"),
                (Status.RETROACTIVE, "补录"),
                (Status.DUE, "待公开"),
            )
            if counts.get(s)
        ]
        return "，".join(parts) if parts else "均已按时公开"

    # -- one branch's 公开目录 ---------------------------------------------------------------
    def branch(self, branch_id: str) -> AccountabilitySpec:
        name = self.name(branch_id)
        mine = [c for c in self.cells if c.branch == branch_id]
        obligations = []
        for entry in self.registry.schedule:
            if not entry.applies_to(branch_id):
                continue
            rows = tuple(
                HistoryRow(
                    period=c.period.zh if c.period else "长期公开",
                    due=zh_date(c.due) if c.due else "—",
                    cell=cell_view(c, name),
                    notice=self._link(c.notice_id),
                    published=zh_date(c.published) if c.published else "—",
                )
                for c in sorted(
                    (c for c in mine if c.entry.id == entry.id),
                    key=lambda c: c.period.start if c.period else date.min,
                    reverse=True,
                )
            )
            obligations.append(Obligation(f"e-{entry.id}", entry.name, _entry_note(entry), rows))
        waiting = self._feedback_rows(branch_id, (Reply.OVERDUE, Reply.AWAITING))
        unrecorded = self._feedback_rows(branch_id, (Reply.UNRECORDED,))
        lead = (
            f"{name}的公开目录：应公开的每一项事项及其历次公开情况（{self._branch_counts(mine)}），"
            f"待答复的意见{len(waiting)}件，未登记意见情况的公示{len(unrecorded)}条。"
        )
        view = self._page(
            kind="compliance-branch",
            title=f"{name}公开目录",
            lead=lead,
            crumbs=(Link("公开台账", urls.COMPLIANCE_URL),),
            legend=LEGEND,
            obligations=tuple(obligations),
            awaiting=waiting,
            unrecorded=unrecorded,
            feed=None,
        )
        return AccountabilitySpec(urls.compliance_url(branch_id), f"{name}公开目录", view)

    def _link(self, notice_id: str | None) -> Link | None:
        if notice_id is None or notice_id not in self.placed:
            return None
        return Link(plain_title(self.placed[notice_id].notice.title), urls.notice_url(notice_id))

    def _feedback_rows(self, branch_id: str, kinds: tuple[Reply, ...]) -> tuple[FeedbackRow, ...]:
        rows = []
        for nid, state in self.feedback_of.get(branch_id, []):
            p = self.placed[nid]
            if state.status not in kinds:
                continue
            link = self._link(nid)
            if link is not None:
                rows.append(
                    FeedbackRow(
                        link,
                        state.label,
                        state.status.value,
                        zh_period(p.notice.start, p.notice.end),
                    )
                )
        return tuple(rows)

    def pages(self) -> list[AccountabilitySpec]:
        return [self.index(), *(self.branch(b.id) for b in self.registry.branches)]


CSV_HEADER = (
    "branch",
    "entry",
    "period",
    "due",
    "status",
    "days late",
    "notice id",
    "published",
    "url",
)


def ledger_csv(registry: Registry, cells: Iterable[Cell], site_url: str | None) -> bytes:
    """UTF-8 with a BOM (so Excel and WPS read the Chinese), CRLF rows, one cell per row."""
    base = (site_url or "").rstrip("/")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for c in cells:
        branch = registry.branch(c.branch)
        url = urls.notice_url(c.notice_id) if c.notice_id else ""
        writer.writerow(
            _safe(
                branch.name if branch else c.branch,
                c.entry.name,
                c.period.key if c.period else "standing",
                c.due.isoformat() if c.due else "",
                c.label,
                "" if c.days_late is None else c.days_late,
                c.notice_id or "",
                c.published.isoformat() if c.published else "",
                f"{base}/{url}" if url and base else url,
            )
        )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _safe(*values: object) -> list[str]:
    """Spreadsheets run a cell that starts with = + - @ as a formula, and registry names come
    from many hands: such a value gets a leading apostrophe, as Excel itself writes it."""
    out = []
    for value in values:
        text = str(value)
        out.append(f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text)
    return out
