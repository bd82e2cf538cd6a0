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
    labels: dict[str, str] = field(default_factory=dict)  # state -> label for this disclosure


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
    record: RecordView | None
    canonical_url: str | None
    qr_svg: str | None
    signoff: SignOff | None = None
    period_word: str = "公示期"  # 公示期 for ad-hoc notices, 公开期 for disclosures
    internal: str | None = None  # "党内公开" on the members' site


@dataclass(frozen=True)
class SignOff:
    """落款: who issues the notice and on which day, as the last lines of a printed sheet."""

    issuer: str
    date: str
    date_iso: str


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
class Column:
    """One column of the combined board: open sections first, closed items folded away."""

    heading: str | None  # the group's name; None on a board without groups
    anchor: str
    sections: tuple[Section, ...]  # open now, then standing; empty ones left out
    folded: Section | None  # closed items, behind 展开 N 条
    count: int
    empty: str = "当前没有公开事项。"


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
    # Today's date ("本页生成于…") only on pages rendered every build (the board in the nav):
    # an archive listing or a notice page is the same file night after night (page_cache).
    built: str = ""
    built_iso: str = ""
    feed: Link | None = None  # the Atom feed of this branch or category
    columns: tuple[Column, ...] = ()  # the current board in columns (board and branch pages)
    print_link: Link | None = None  # the branch's printable board


@dataclass(frozen=True)
class PrintSheet:
    """One notice of a printed board, starting a new sheet; its body is added at render time."""

    column: str | None
    notice: NoticeView
    anchor: str  # prefix for the ids inside this sheet (two notices never share an id)


@dataclass(frozen=True)
class BoardPrint:
    """A branch's current board laid out for the physical 公开栏: a cover, then one notice per
    sheet, grouped by column."""

    title: str
    branch: Link
    lead: str
    printed: str
    printed_iso: str
    cover: tuple[Section, ...]
    sheets: tuple[PrintSheet, ...]
    branch_page_url: str | None  # absolute, for the cover's QR code
    qr_svg: str | None
    page_header_css: (
        str  # `@page` margin-box rules naming the branch and the date (see print_layout.css_string)
    )
    built: str
    built_iso: str


# --- accountability: the ledger pages, statistics, and a notice's record --------------------


@dataclass(frozen=True)
class CommitView:
    """One later commit of a notice's file (修改记录); `url` when the repository is known."""

    date: str
    date_iso: str
    subject: str
    sha: str
    url: str | None


@dataclass(frozen=True)
class CorrectionView:
    date: str
    date_iso: str
    note: str


@dataclass(frozen=True)
class RecordView:
    """What a notice page says about its publication, edits and feedback loop."""

    published_label: str | None  # 发布于 / 录入; None when unknown
    published: str | None
    published_iso: str | None
    edits: tuple[CommitView, ...]
    corrections: tuple[CorrectionView, ...]
    feedback_status: str | None  # 已答复 / 待答复（答复期限 D） / 逾期未答复 / 未收到意见 …
    feedback_state: str | None
    replies: tuple[Link, ...]
    opinions: int | None


@dataclass(frozen=True)
class CellView:
    """One ledger cell: words (never colour alone), a status for colour, and its notice."""

    label: str
    status: str
    url: str | None
    describe: str  # the whole sentence, for print and for screen readers where needed


@dataclass(frozen=True)
class ColumnGroup:
    heading: str
    span: int


@dataclass(frozen=True)
class LedgerRow:
    branch: Link
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class LedgerTable:
    """One schedule entry as a matrix: branches × periods (the current and previous year)."""

    anchor: str
    caption: str
    note: str
    groups: tuple[ColumnGroup, ...]
    columns: tuple[str, ...]
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True)
class HistoryRow:
    period: str
    due: str
    cell: CellView
    notice: Link | None
    published: str


@dataclass(frozen=True)
class Obligation:
    """One obligation of one branch with its history, period by period (newest first)."""

    anchor: str
    name: str
    note: str
    rows: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class FeedbackRow:
    notice: Link
    status: str
    state: str
    period: str


@dataclass(frozen=True)
class LegendItem:
    status: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Chart:
    """A chart drawn at build time (`src`: the SVG file), its text alternative and numbers."""

    anchor: str
    title: str
    src: str
    alt: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AccountabilityPage:
    """/compliance/, /compliance/<branch>/ and /statistics/: one view, parts left empty."""

    kind: str
    title: str
    lead: str
    crumbs: tuple[Link, ...]
    built: str
    built_iso: str
    legend: tuple[LegendItem, ...] = ()
    summary: tuple[Row, ...] = ()
    tables: tuple[LedgerTable, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    awaiting: tuple[FeedbackRow, ...] = ()
    unrecorded: tuple[FeedbackRow, ...] = ()
    charts: tuple[Chart, ...] = ()
    csv: Link | None = None
    feed: Link | None = None
