"""The data every part of noticeboard shares: the registry and the notices, as plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

DISCLOSURES: tuple[str, ...] = ("standing", "periodic", "ad-hoc")
DISCLOSURE_ALIASES: dict[str, str] = {"长期": "standing", "定期": "periodic", "随时": "ad-hoc"}
DISCLOSURE_LABELS: dict[str, str] = {"standing": "长期", "periodic": "定期", "ad-hoc": "随时"}
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
class Body:
    """Another organisation of a village that issues notices on its branch's board
    (村民委员会, 村务监督委员会): by law 村务公开 is the village committee's duty."""

    id: str
    name: str
    feedback: Feedback | None = None


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    parent: str | None = None
    feedback: Feedback | None = None
    maintainers: tuple[str, ...] = ()
    bodies: tuple[Body, ...] = ()

    def body(self, id_: str | None) -> Body | None:
        return next((b for b in self.bodies if b.id == id_), None)


FEEDBACK_BY_BRANCH = "branch"


@dataclass(frozen=True)
class Group:
    """A column of a combined board (党务公开, 村务公开, 财务公开)."""

    id: str
    name: str


@dataclass(frozen=True)
class Category:
    """`min_days` / `min_working_days`: the shortest period a published notice may have;
    `feedback_by`: whose channel collects opinions by default (the branch, or a body id)."""

    id: str
    name: str
    description: str | None = None
    min_days: int | None = None
    min_working_days: int | None = None
    feedback_by: str = FEEDBACK_BY_BRANCH
    issuer: str = FEEDBACK_BY_BRANCH  # who issues its notices by default: branch or a body id
    group: str | None = None  # a registry group id; set on every category when groups exist


@dataclass(frozen=True)
class HolidayYear:
    """The State Council's schedule for one year, from the registry: days off that would be
    working days (holidays) and weekend days worked in exchange (调休)."""

    off: frozenset[date] = frozenset()
    work: frozenset[date] = frozenset()


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


def _ids_by_word(items: Iterable[Branch | Category]) -> dict[str, str]:
    """Each id and display name -> the id of the first item that has it."""
    found: dict[str, str] = {}
    for item in items:
        found.setdefault(item.id, item.id)
        found.setdefault(item.name, item.id)
    return found


@dataclass(frozen=True)
class Registry:
    timezone: str = "Asia/Shanghai"
    branches: tuple[Branch, ...] = ()
    categories: tuple[Category, ...] = ()
    schedule: tuple[ScheduleEntry, ...] = ()
    holidays: dict[int, HolidayYear] = field(default_factory=dict, hash=False)
    repository: str = "public"  # or "private": only a private one may hold internal notices
    since: date | None = None  # the day the board started; None: from the notices
    imported: date | None = None  # files first committed on or before it are imported records
    reply_within_days: int = DEFAULT_REPLY_WITHIN_DAYS
    groups: tuple[Group, ...] = ()

    def group(self, id_: str) -> Group | None:
        return next((g for g in self.groups if g.id == id_), None)

    def entry(self, id_: str) -> ScheduleEntry | None:
        return next((s for s in self.schedule if s.id == id_), None)

    def branch(self, id_: str) -> Branch | None:
        return self._branch_ids.get(id_)

    def category(self, id_: str) -> Category | None:
        return self._category_ids.get(id_)

    # Lookups by id, made once (every page asks; a scan each time was 0.3 s at 10,000
    # notices). The first of a repeated id wins, as a scan would find it.
    @cached_property
    def _branch_ids(self) -> dict[str, Branch]:
        return {b.id: b for b in reversed(self.branches)}

    @cached_property
    def _category_ids(self) -> dict[str, Category]:
        return {c.id: c for c in reversed(self.categories)}

    @cached_property
    def _branch_words(self) -> dict[str, str]:
        return _ids_by_word(self.branches)

    @cached_property
    def _category_words(self) -> dict[str, str]:
        return _ids_by_word(self.categories)

    def branch_id_for(self, value: str) -> str | None:
        """Accept a branch's id or its exact display name."""
        return self._branch_words.get(value)

    def category_id_for(self, value: str) -> str | None:
        return self._category_words.get(value)

    def issuer_name(self, branch_id: str, issuer: str | None) -> str:
        """Who issues a notice (落款): the body's name, else the branch's; the one place to ask.

        `issuer` is a notice's `issuer` (a body id of its branch, or None for the branch)."""
        branch = self.branch(branch_id)
        if branch is None:
            return branch_id
        body = branch.body(issuer)
        return body.name if body is not None else branch.name

    def feedback_owner(self, branch_id: str, category_id: str) -> Branch | Body | None:
        """Whose channel a notice uses when it names none: the category's `feedback_by` body
        of the notice's branch when that body has a channel, else the branch itself."""
        branch = self.branch(branch_id)
        if branch is None:
            return None
        category = self.category(category_id)
        body = branch.body(category.feedback_by) if category is not None else None
        return body if body is not None and has_channel(body.feedback) else branch

    def default_feedback(self, branch_id: str, category_id: str) -> Feedback | None:
        owner = self.feedback_owner(branch_id, category_id)
        return owner.feedback if owner is not None else None


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

    `id` is the path relative to `notices/` without `.md` (`jinpu/2023/new-member-li`): the
    file is `urls.notice_source(id)` from the repository's root. Dates are the values written;
    `expires` is already defaulted (period.end, or None for standing notices).
    """

    id: str
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
    issuer: str | None = None  # a body id of the branch; None: the branch itself
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
