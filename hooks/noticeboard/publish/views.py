"""What the templates are given: plain values, already formatted in Chinese, already escaped of
any decision. Templates only lay these out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Live:
    """A state label the browser recomputes from the visitor's clock (overrides/assets/state.js).

    `banners` holds the banner text for each state the dates alone can produce, so the script
    only compares ISO dates and never formats Chinese text itself.
    """

    state: str
    label: str
    start: str
    end: str
    expires: str
    timezone: str
    banners: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Banner:
    """A plain-words state banner: `prefix` + linked titles + `suffix`."""

    state: str
    prefix: str
    links: tuple[Link, ...] = ()
    suffix: str = ""


@dataclass(frozen=True)
class FeedbackView:
    phone: str | None
    phone_href: str | None
    email: str | None
    email_href: str | None
    address: str | None
    person: str | None
    from_branch: str | None  # the branch's name when the notice uses the branch's channel


@dataclass(frozen=True)
class AttachmentView:
    name: str
    url: str
    size: str


@dataclass(frozen=True)
class Item:
    """One notice on a listing page."""

    url: str
    title: str
    live: Live
    branch: str
    category: str
    period: str
    start_iso: str
    number: str | None
    issuer: str | None = None  # set when a body of the branch issues it (村民委员会)
    internal: str | None = None  # "党内公开" on the members' site


@dataclass(frozen=True)
class NoticeView:
    id: str
    title: str
    number: str | None
    branch: Link
    issuer: str  # who issues it (落款): Registry.issuer_name
    category: Link
    disclosure: str
    period: str
    start_iso: str
    end_iso: str
    expires: str | None
    expires_iso: str
    live: Live
    banner: Banner | None
    reviewed_by: str | None
    approved_by: str | None
    feedback: FeedbackView | None
    attachments: tuple[AttachmentView, ...]
    tags: tuple[str, ...]
    supersedes: tuple[Link, ...]
    superseded_by: tuple[Link, ...]
    responds_to: Link | None
    answered_by: tuple[Link, ...]
    canonical_url: str | None
    qr_svg: str | None
    built: str
    built_iso: str
    internal: str | None = None  # "党内公开" on the members' site


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str
    items: tuple[Item, ...]
    url: str | None = None
    empty: str = "暂无。"

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Row:
    """A line linking to another listing, with its counts in words."""

    title: str
    url: str
    counts: str
    note: str | None = None
    level: int = 0


@dataclass(frozen=True)
class Listing:
    kind: str
    title: str
    lead: str
    crumbs: tuple[Link, ...]
    summary: tuple[Row, ...]
    jump: tuple[Row, ...]  # quick links near the top (the board: one per branch)
    sections: tuple[Section, ...]
    rows_heading: str | None
    rows: tuple[Row, ...]
    feedback: FeedbackView | None
    built: str
    built_iso: str
    feed: Link | None = None  # the Atom feed of this branch or category
