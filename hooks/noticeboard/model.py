"""The data every part of noticeboard shares: the registry and the notices, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DISCLOSURES: tuple[str, ...] = ("standing", "periodic", "ad-hoc")
DISCLOSURE_ALIASES: dict[str, str] = {"长期": "standing", "定期": "periodic", "随时": "ad-hoc"}
DISCLOSURE_LABELS: dict[str, str] = {"standing": "长期", "periodic": "定期", "ad-hoc": "随时"}
SCOPES: tuple[str, ...] = ("public", "internal")
SCHEDULE_EVERY: tuple[str, ...] = ("month", "quarter", "half-year", "year", "standing")
DEFAULT_REPLY_WITHIN_DAYS = 10


@dataclass(frozen=True)
class Feedback:
    """A channel that collects residents' opinions on a notice (反馈)."""

    phone: str | None = None
    email: str | None = None
    address: str | None = None
    person: str | None = None

    def is_empty(self) -> bool:
        return not any((self.phone, self.email, self.address, self.person))


def has_channel(feedback: Feedback | None) -> bool:
    return feedback is not None and not feedback.is_empty()


def effective_feedback(own: Feedback | None, inherited: Feedback | None) -> Feedback | None:
    """SPEC: a notice's channel is its own, else its branch's; None when neither has one."""
    return own if has_channel(own) else inherited if has_channel(inherited) else None


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    parent: str | None = None
    feedback: Feedback | None = None
    maintainers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class ScheduleEntry:
    """A periodic disclosure the registry requires (e.g. quarterly party dues)."""

    id: str
    name: str
    every: str
    within_days: int
    branches: tuple[str, ...] | None = None  # None means every branch
    category: str | None = None
    since: date | None = None  # first day it applies; None: the registry's `since`

    def applies_to(self, branch_id: str) -> bool:
        return self.branches is None or branch_id in self.branches


@dataclass(frozen=True)
class Registry:
    timezone: str = "Asia/Shanghai"
    branches: tuple[Branch, ...] = ()
    categories: tuple[Category, ...] = ()
    schedule: tuple[ScheduleEntry, ...] = ()
    since: date | None = None  # the day the board started; None: from the notices
    imported: date | None = None  # files first committed on or before it are imported records
    reply_within_days: int = DEFAULT_REPLY_WITHIN_DAYS

    def entry(self, id_: str) -> ScheduleEntry | None:
        return next((s for s in self.schedule if s.id == id_), None)

    def branch(self, id_: str) -> Branch | None:
        return next((b for b in self.branches if b.id == id_), None)

    def category(self, id_: str) -> Category | None:
        return next((c for c in self.categories if c.id == id_), None)

    def branch_id_for(self, value: str) -> str | None:
        """Accept a branch's id or its exact display name."""
        return next((b.id for b in self.branches if value in (b.id, b.name)), None)

    def category_id_for(self, value: str) -> str | None:
        return next((c.id for c in self.categories if value in (c.id, c.name)), None)


@dataclass(frozen=True)
class Attachment:
    """A file published with a notice; `path` is relative to `notices/`."""

    path: str
    size: int


@dataclass(frozen=True)
class Correction:
    """A change made to a notice after it was published, declared in its front matter."""

    date: date
    note: str


@dataclass(frozen=True)
class Notice:
    """One notice as written, after its front matter passed the checks.

    `id` is the path relative to `notices/` without `.md` (`jinpu/2023/new-member-li`).
    Dates are the values written; `expires` is already defaulted (period.end, or None for
    standing notices).
    """

    id: str
    source: Path
    title: str
    branch: str
    category: str
    disclosure: str
    start: date
    end: date | None
    expires: date | None
    body: str
    body_line: int
    number: str | None = None
    reviewed_by: str | None = None
    major: bool = False
    approved_by: str | None = None
    scope: str = "public"
    draft: bool = False
    feedback: Feedback | None = None
    supersedes: tuple[str, ...] = ()
    responds_to: str | None = None
    fulfils: tuple[str, ...] = ()  # as written: `ENTRY` or `ENTRY@PERIOD`
    corrections: tuple[Correction, ...] = ()
    opinions_received: int | None = None
    attachments: tuple[Attachment, ...] = ()
    tags: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def slug(self) -> str:
        return self.id.rsplit("/", 1)[-1]

    def line_of(self, key: str) -> int:
        """Line of a front-matter key in the source file (1-based); the first line if unknown."""
        return self.lines.get(key, 1)
