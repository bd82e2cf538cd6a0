"""Every page the site generates, as plain data: which file, which template, what it shows.

`site_pages(board, site_url)` is the whole public site except the hand-written docs; the
MkDocs adapter only turns these specs into files. Only published notices (Board.placed())
are consulted, so nothing unpublished can appear in a page, a link or a count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import PurePosixPath

from noticeboard import urls
from noticeboard.load.board import Board
from noticeboard.load.history import Publication
from noticeboard.model import DISCLOSURE_LABELS, Feedback, Registry, effective_feedback
from noticeboard.publish import listings
from noticeboard.publish.compliance import CompliancePages
from noticeboard.publish.ledger import Cell, FeedbackState, board_feedback, board_ledger
from noticeboard.publish.lifecycle import INTERNAL_LABEL, Placed, State, all_labels, labels_for
from noticeboard.publish.print_layout import css_string
from noticeboard.publish.qrcode import qr_svg
from noticeboard.publish.sanitize import plain_title
from noticeboard.publish.statistics import ChartFile, StatisticsPage
from noticeboard.publish.text import zh_date, zh_month, zh_period, zh_year
from noticeboard.publish.views import (
    AccountabilityPage,
    AttachmentView,
    Banner,
    BoardPrint,
    Column,
    CommitView,
    CorrectionView,
    FeedbackView,
    Item,
    Link,
    Listing,
    Live,
    NoticeView,
    PrintSheet,
    RecordView,
    Row,
    Section,
    SignOff,
)

NOTICE_TEMPLATE = "notice.html"
LISTING_TEMPLATE = "listing.html"
BOARD_PRINT_TEMPLATE = "board-print.html"
ACCOUNTABILITY_TEMPLATE = "accountability.html"

PageView = NoticeView | Listing | BoardPrint | AccountabilityPage
"""What a generated page's template is given as `nb`."""


@dataclass(frozen=True)
class PageSpec:
    """One generated page: MkDocs source path, title, template, view, Markdown body."""

    src_uri: str
    title: str
    template: str
    view: PageView
    body: str = ""
    in_nav: bool = False
    notice_id: str | None = None  # set on notice pages: the source file is notices/<id>.md
    # False keeps the page out of the sitemap (the printable boards: copies of notices that
    # have their own permanent pages)
    in_sitemap: bool = True


def human_size(size: int) -> str:
    """File sizes as residents read them: 812 B, 1.2 KB, 3.4 MB (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# The first number written (digits, with the separators people put in them), and an extension
# after it (0550-5203118 转 8001): the extension follows a pause (`,`), which phones dial once
# the call is answered. A second number (…或 0550-7654321) is not run into the first.
_DIALLED = re.compile(r"(\+?\d(?:[ \-.()]*\d)*)(?:\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6}))?", re.I)


def tel_href(phone: str) -> str | None:
    """tel: link to the number a phone dials (full-width digits count), or None when the text
    holds no number of three digits or more (then it is shown without a link)."""
    found = _DIALLED.search(unicodedata.normalize("NFKC", phone))
    if found is None:
        return None
    number = re.sub(r"[^\d+]", "", found.group(1))
    if sum(c.isdigit() for c in number) < 3:
        return None
    extension = f",{found.group(2)}" if found.group(2) else ""
    return f"tel:{number}{extension}"


def feedback_view(
    own: Feedback | None, branch_name: str, inherited: Feedback | None
) -> FeedbackView | None:
    """The notice's own channel, else its branch's; None when neither has anything."""
    chosen = effective_feedback(own, inherited)
    if chosen is None:
        return None
    from_branch = None if chosen is own else branch_name
    return FeedbackView(
        phone=chosen.phone,
        phone_href=tel_href(chosen.phone) if chosen.phone else None,
        email=chosen.email,
        email_href=urls.mailto_url(chosen.email) if chosen.email else None,
        address=chosen.address,
        person=chosen.person,
        from_branch=from_branch,
    )


def disclosure_word(disclosure: str) -> str:
    """公示 for an ad-hoc notice that invites objections; 公开 for a periodic or standing one."""
    return "公示" if disclosure == "ad-hoc" else "公开"


def notice_noun(disclosure: str) -> str:
    """What a banner calls the notice: 公示, or 公开事项 for a disclosure."""
    return "公示" if disclosure == "ad-hoc" else "公开事项"


def date_banners(placed: Placed) -> dict[str, str]:
    """The banner for each state the dates can give this notice (the browser picks one)."""
    n = placed.notice
    word = disclosure_word(n.disclosure)
    banners = {State.STANDING.value: ""}
    if n.end is not None:
        banners[State.ACTIVE.value] = (
            f"{word}期为{zh_period(n.start, n.end)}。如有意见，请在{word}期内通过下方渠道反馈。"
        )
        banners[State.CLOSED.value] = f"{word}期已于{zh_date(n.end)}届满。"
    if n.expires is not None:
        banners[State.ARCHIVED.value] = (
            f"本{notice_noun(n.disclosure)}已于{zh_date(n.expires)}到期，现存档备查。"
        )
    return banners


def live(placed: Placed, timezone: str) -> Live:
    n = placed.notice
    return Live(
        state=placed.state.value,
        label=placed.label,
        start=n.start.isoformat(),
        end=n.end.isoformat() if n.end else "",
        expires=n.expires.isoformat() if n.expires else "",
        timezone=timezone,
        banners=date_banners(placed) if placed.state is not State.SUPERSEDED else {},
        labels={state.value: text for state, text in labels_for(n.disclosure).items()},
    )


def banner(placed: Placed, links_to_newer: tuple[Link, ...]) -> Banner | None:
    """GOV.UK-style plain words for the state; None where nothing needs saying (standing)."""
    if placed.state is State.SUPERSEDED:
        noun = notice_noun(placed.notice.disclosure)
        return Banner(
            placed.state.value, f"本{noun}已被", links_to_newer, f"替代，请以新{noun}为准。"
        )
    text = date_banners(placed).get(placed.state.value)
    return Banner(placed.state.value, text) if text else None


def issuer_name(placed: Placed, registry: Registry) -> str:
    """Who signs the notice (落款): its `issuer` body, else its branch (Registry.issuer_name)."""
    return registry.issuer_name(placed.notice.branch, placed.notice.issuer)


def signoff_day(placed: Placed, published: date | None) -> date:
    """The day under the 落款: the published date (from git), else period.start."""
    return published or placed.notice.start


def signoff(placed: Placed, registry: Registry, published: date | None = None) -> SignOff:
    day = signoff_day(placed, published)
    return SignOff(issuer_name(placed, registry), zh_date(day), day.isoformat())


class SiteBuilder:
    """Builds the page specs for one board; holds the lookups every page needs."""

    def __init__(
        self,
        board: Board,
        site_url: str | None,
        repo_url: str | None = None,
        with_qr: bool = True,
    ) -> None:
        self.board = board
        self.with_qr = with_qr
        self.repo_url = repo_url
        self.publications = board.publications()
        self.cells = board_ledger(board)
        self.feedback = board_feedback(board)
        self.charts: list[ChartFile] = []
        self.registry: Registry = board.registry
        self.placed: dict[str, Placed] = board.placed()
        self.site_url = (site_url or "").rstrip("/")
        self.built = zh_date(board.today)
        self.built_iso = board.today.isoformat()
        self._items: dict[str, Item] = {}

    # -- small lookups ------------------------------------------------------------------
    def branch_name(self, branch_id: str) -> str:
        branch = self.registry.branch(branch_id)
        return branch.name if branch else branch_id

    def category_name(self, category_id: str) -> str:
        category = self.registry.category(category_id)
        return category.name if category else category_id

    def link(self, notice_id: str) -> Link | None:
        """A link to a published notice; None for anything unpublished (it must not show)."""
        placed = self.placed.get(notice_id)
        if placed is None:
            return None
        return Link(plain_title(placed.notice.title), urls.notice_url(notice_id))

    def links(self, ids: Iterable[str]) -> tuple[Link, ...]:
        return tuple(link for link in (self.link(i) for i in ids) if link is not None)

    def item(self, placed: Placed) -> Item:
        """A notice's line in a listing; made once per notice (it is in three to five
        listings, and every listing is built every build)."""
        made = self._items.get(placed.notice.id)
        if made is None:
            made = self._items[placed.notice.id] = self._item(placed)
        return made

    def _item(self, placed: Placed) -> Item:
        n = placed.notice
        return Item(
            url=urls.notice_url(n.id),
            title=plain_title(n.title),
            live=live(placed, self.registry.timezone),
            branch=self.branch_name(n.branch),
            category=self.category_name(n.category),
            period=zh_period(n.start, n.end),
            start_iso=n.start.isoformat(),
            number=n.number,
            issuer=self.registry.issuer_name(n.branch, n.issuer) if n.issuer else None,
            internal=INTERNAL_LABEL if n.scope == "internal" else None,
        )

    def items(self, placed: Iterable[Placed]) -> tuple[Item, ...]:
        return tuple(self.item(p) for p in placed)

    # -- notice pages -------------------------------------------------------------------
    def notice_view(self, placed: Placed) -> NoticeView:
        n = placed.notice
        owner = self.registry.feedback_owner(n.branch, n.category)
        newer = self.links(placed.superseded_by)
        canonical = f"{self.site_url}/{urls.notice_url(n.id)}" if self.site_url else None
        return NoticeView(
            id=n.id,
            title=plain_title(n.title),
            number=n.number,
            branch=Link(self.branch_name(n.branch), urls.branch_url(n.branch)),
            issuer=self.registry.issuer_name(n.branch, n.issuer),
            category=Link(self.category_name(n.category), urls.category_url(n.category)),
            disclosure=f"{DISCLOSURE_LABELS[n.disclosure]}公开",
            period=zh_period(n.start, n.end),
            start_iso=n.start.isoformat(),
            end_iso=n.end.isoformat() if n.end else "",
            expires=zh_date(n.expires) if n.expires else None,
            expires_iso=n.expires.isoformat() if n.expires else "",
            live=live(placed, self.registry.timezone),
            banner=banner(placed, newer),
            reviewed_by=n.reviewed_by,
            approved_by=n.approved_by if n.major else None,
            feedback=feedback_view(
                n.feedback,
                owner.name if owner else n.branch,
                owner.feedback if owner else None,
            ),
            attachments=tuple(
                AttachmentView(
                    PurePosixPath(a.path).name, urls.attachment_url(a.path), human_size(a.size)
                )
                for a in n.attachments
            ),
            tags=n.tags,
            supersedes=self.links(n.supersedes),
            superseded_by=newer,
            responds_to=self.link(n.responds_to) if n.responds_to else None,
            answered_by=self.links(placed.answered_by),
            record=self.record(placed),
            canonical_url=canonical,
            qr_svg=qr_svg(canonical) if canonical and self.with_qr else None,
            signoff=signoff(
                placed, self.registry, self.publications.get(n.id, Publication(None)).day
            ),
            period_word=f"{disclosure_word(n.disclosure)}期",
            internal=INTERNAL_LABEL if n.scope == "internal" else None,
        )

    def record(self, placed: Placed) -> RecordView:
        """发布于 / 录入, the later commits (修改记录), declared corrections, feedback status."""
        n = placed.notice
        pub = self.publications.get(n.id, Publication(None))
        state: FeedbackState | None = self.feedback.get(n.id)
        return RecordView(
            published_label=("录入" if pub.imported else "发布于") if pub.day else None,
            published=zh_date(pub.day) if pub.day else None,
            published_iso=pub.day.isoformat() if pub.day else None,
            edits=tuple(
                CommitView(
                    zh_date(c.day),
                    c.day.isoformat(),
                    c.subject,
                    c.sha[:7],
                    urls.commit_url(self.repo_url, c.sha) if self.repo_url else None,
                )
                for c in reversed(pub.edits)
            ),
            corrections=tuple(
                CorrectionView(zh_date(c.date), c.date.isoformat(), c.note)
                for c in sorted(n.corrections, key=lambda c: c.date, reverse=True)
            ),
            feedback_status=state.label if state else None,
            feedback_state=state.status.value if state else None,
            replies=self.links(state.replies) if state else (),
            opinions=n.opinions_received,
        )

    # -- accountability -----------------------------------------------------------------
    def accountability_pages(self) -> list[PageSpec]:
        pages = CompliancePages(
            self.registry, self.cells, self.feedback, self.placed, self.board.today
        ).pages()
        view, self.charts = StatisticsPage(
            self.registry, self.placed, self.cells, self.feedback, self.board.today
        ).build()
        specs = [
            PageSpec(
                urls.source_of(p.url), p.title, ACCOUNTABILITY_TEMPLATE, p.view, in_nav=p.in_nav
            )
            for p in pages
        ]
        specs.append(
            PageSpec(
                urls.source_of(urls.STATISTICS_URL),
                view.title,
                ACCOUNTABILITY_TEMPLATE,
                view,
                in_nav=True,
            )
        )
        return specs

    def notice_pages(self) -> list[PageSpec]:
        return [
            PageSpec(
                urls.notice_source(nid),
                plain_title(p.notice.title),
                NOTICE_TEMPLATE,
                self.notice_view(p),
                body=p.notice.body,
                notice_id=nid,
            )
            for nid, p in self.placed.items()
        ]

    # -- listings -----------------------------------------------------------------------
    def listing(
        self,
        kind: str,
        url: str,
        title: str,
        lead: str,
        *,
        crumbs: tuple[Link, ...] = (),
        summary: tuple[Row, ...] = (),
        jump: tuple[Row, ...] = (),
        sections: tuple[Section, ...] = (),
        rows_heading: str | None = None,
        rows: tuple[Row, ...] = (),
        feedback: FeedbackView | None = None,
        feed: Link | None = None,
        in_nav: bool = False,
        columns: tuple[Column, ...] = (),
        print_link: Link | None = None,
    ) -> PageSpec:
        view = Listing(
            kind=kind,
            title=title,
            lead=lead,
            crumbs=crumbs,
            summary=summary,
            jump=jump,
            sections=sections,
            rows_heading=rows_heading,
            rows=rows,
            feedback=feedback,
            built=self.built if in_nav else "",
            built_iso=self.built_iso if in_nav else "",
            feed=feed,
            columns=columns,
            print_link=print_link,
        )
        return PageSpec(urls.source_of(url), title, LISTING_TEMPLATE, view, in_nav=in_nav)

    def columns(self, placed: list[Placed], prefix: str) -> tuple[Column, ...]:
        """The current board in the registry's columns: open, standing, then closed folded."""
        out = []
        for col in listings.columns(placed, self.registry):
            anchor = f"{prefix}{col.key}"
            shown: list[Section] = []
            folded: Section | None = None
            for state, items in col.states:
                if not items:
                    continue
                heading = "、".join(dict.fromkeys(p.label for p in items))
                section = Section(heading, f"{anchor}-{state.value}", self.items(items))
                if state is State.CLOSED:
                    folded = section
                else:
                    shown.append(section)
            out.append(Column(col.name, anchor, tuple(shown), folded, col.count))
        return tuple(out)

    def month_sections(self, placed: list[Placed], year: int) -> tuple[Section, ...]:
        return tuple(
            Section(f"{zh_year(year)}{zh_month(g.key)}", f"m{g.key}", self.items(g.items))
            for g in listings.by_month(placed)
        )

    def count_text(self, placed: list[Placed]) -> str:
        now = len(listings.current(placed))
        return f"当前{now}条 · 共{len(placed)}条"

    def board_page(self) -> PageSpec:
        all_placed = list(self.placed.values())
        now = listings.current(all_placed)
        columns = self.columns(all_placed, "col-")
        summary = (
            tuple(Row(c.heading, f"#{c.anchor}", f"{c.count}条") for c in columns if c.heading)
            if len(columns) > 1
            else ()
        )
        jump = tuple(
            Row(b.name, urls.branch_url(b.id), f"{len(listings.in_branch(now, b.id))}条")
            for b in self.registry.branches
        )
        return self.listing(
            "board",
            urls.BOARD_URL,
            "公开栏",
            f"截至{self.built}，公开栏上共有{len(now)}条：{label_counts(now)}。",
            summary=summary,
            jump=jump,
            columns=columns,
            in_nav=True,
        )

    def scope_pages(
        self,
        kind: str,
        scope_id: str,
        name: str,
        placed: list[Placed],
        url_of: Callable[..., str],
        index: Link,
        feedback: FeedbackView | None = None,
        note: str | None = None,
        feed: Link | None = None,
        in_columns: bool = False,
        print_link: Link | None = None,
    ) -> list[PageSpec]:
        """A branch's or a category's page (current + past) and one page per year.

        A branch page shows its current board in the registry's columns, as the board does."""
        now = listings.current(placed)
        old = listings.past(placed)
        here = Link(name, url_of(scope_id))
        columns = self.columns(placed, "now-") if in_columns else ()
        sections = (
            []
            if in_columns
            else [Section("当前公示", "current", self.items(now), empty="当前没有公示。")]
        )
        if listings.inline_archive(old):
            sections += [
                Section(
                    f"{zh_year(g.key)}往期公示",
                    f"y{g.key}",
                    self.items(g.items),
                    url=url_of(scope_id, g.key),
                )
                for g in listings.by_year(old)
            ]
        rows = tuple(
            Row(zh_year(g.key), url_of(scope_id, g.key), f"{g.count}条")
            for g in listings.by_year(placed)
        )
        lead = f"当前公示{len(now)}条，历年共发布{len(placed)}条。{note or ''}"
        pages = [
            self.listing(
                kind,
                here.url,
                name,
                lead,
                crumbs=(index,),
                sections=tuple(sections),
                rows_heading="按年份查看",
                rows=rows,
                feedback=feedback,
                feed=feed,
                columns=columns,
                print_link=print_link,
            )
        ]
        for year in listings.years(placed):
            in_year = listings.in_year(placed, year)
            pages.append(
                self.listing(
                    f"{kind}-year",
                    url_of(scope_id, year),
                    f"{name} · {zh_year(year)}",
                    f"{name}{zh_year(year)}共发布{len(in_year)}条公示，按月份排列，新的在前。",
                    crumbs=(index, here),
                    sections=self.month_sections(in_year, year),
                    feed=feed,
                )
            )
        return pages

    def branch_pages(self) -> list[PageSpec]:
        all_placed = list(self.placed.values())
        index = Link("党组织", urls.BRANCHES_URL)
        rows = []
        for b in self.registry.branches:
            mine = listings.in_branch(all_placed, b.id)
            parent = self.registry.branch(b.parent) if b.parent else None
            rows.append(
                Row(
                    b.name,
                    urls.branch_url(b.id),
                    self.count_text(mine),
                    note=f"上级：{parent.name}" if parent else None,
                    level=1 if parent else 0,
                )
            )
        pages = [
            self.listing(
                "branches",
                urls.BRANCHES_URL,
                "党组织",
                f"共{len(rows)}个党组织。点击名称查看其当前公示和历年公示。",
                rows_heading="全部党组织",
                rows=tuple(rows),
                in_nav=True,
            )
        ]
        for b in self.registry.branches:
            parent = self.registry.branch(b.parent) if b.parent else None
            pages += self.scope_pages(
                "branch",
                b.id,
                b.name,
                listings.in_branch(all_placed, b.id),
                urls.branch_url,
                index,
                feedback=feedback_view(None, b.name, b.feedback),
                note=f"上级党组织：{parent.name}。" if parent else None,
                feed=Link(f"{b.name}公示", urls.branch_feed_url(b.id)),
                in_columns=True,
                print_link=Link("打印本支部公开栏", urls.branch_print_url(b.id)),
            )
            pages.append(self.board_print_page(b.id))
        return pages

    def board_print_page(self, branch_id: str) -> PageSpec:
        """/branches/<id>/print/: every notice on the branch's current board, one per sheet,
        in the order of its columns (open, standing, closed), after a cover listing them."""
        name = self.branch_name(branch_id)
        mine = listings.in_branch(list(self.placed.values()), branch_id)
        cover: list[Section] = []
        sheets: list[PrintSheet] = []
        for col in listings.columns(mine, self.registry):
            in_column = [p for _, items in col.states for p in items]
            if not in_column and col.name is not None:
                continue
            cover.append(Section(col.name or "当前公开", f"c-{col.key}", self.items(in_column)))
            for p in in_column:
                sheets.append(PrintSheet(col.name, self.notice_view(p), f"s{len(sheets) + 1}-"))
        page = urls.branch_url(branch_id)
        absolute = f"{self.site_url}/{page}" if self.site_url else None
        title = f"{name}公开栏"
        header = (
            f"@page {{ @top-left {{ content: {css_string(title)}; font-size: 9pt; }} "
            f"@top-right {{ content: {css_string(f'{self.built}打印')}; font-size: 9pt; }} }}"
        )
        view = BoardPrint(
            title=title,
            branch=Link(name, page),
            lead=(
                f"截至{self.built}，本支部公开栏上共有{len(sheets)}份，按栏目排列，每份另起一页。"
                if sheets
                else f"截至{self.built}，本支部公开栏上没有公开事项。"
            ),
            printed=self.built,
            printed_iso=self.built_iso,
            cover=tuple(cover),
            sheets=tuple(sheets),
            branch_page_url=absolute,
            qr_svg=qr_svg(absolute) if absolute else None,
            page_header_css=header,
            built=self.built,
            built_iso=self.built_iso,
        )
        return PageSpec(
            urls.source_of(urls.branch_print_url(branch_id)),
            plain_title(f"打印：{title}"),
            BOARD_PRINT_TEMPLATE,
            view,
            in_sitemap=False,
        )

    def category_pages(self) -> list[PageSpec]:
        all_placed = list(self.placed.values())
        index = Link("公开类别", urls.CATEGORIES_URL)
        rows = tuple(
            Row(
                c.name,
                urls.category_url(c.id),
                self.count_text(listings.in_category(all_placed, c.id)),
                note=c.description,
            )
            for c in self.registry.categories
        )
        pages = [
            self.listing(
                "categories",
                urls.CATEGORIES_URL,
                "公开类别",
                f"共{len(rows)}个公开类别，各党组织的公示按类别汇总于此。",
                rows_heading="全部类别",
                rows=rows,
                in_nav=True,
            )
        ]
        for c in self.registry.categories:
            pages += self.scope_pages(
                "category",
                c.id,
                c.name,
                listings.in_category(all_placed, c.id),
                urls.category_url,
                index,
                note=f"{c.description}。" if c.description else None,
                feed=Link(f"{c.name}公示", urls.category_feed_url(c.id)),
            )
        return pages

    def archive_pages(self) -> list[PageSpec]:
        all_placed = list(self.placed.values())
        index = Link("归档", urls.ARCHIVE_URL)
        groups = listings.by_year(all_placed)
        rows = tuple(Row(zh_year(g.key), urls.archive_url(g.key), f"{g.count}条") for g in groups)
        pages = [
            self.listing(
                "archive",
                urls.ARCHIVE_URL,
                "归档",
                f"历年共发布{len(all_placed)}条公示，按年份归档，已到期和已被替代的公示也在其中。",
                rows_heading="按年份查看",
                rows=rows,
                in_nav=True,
            )
        ]
        for g in groups:
            year = g.key
            pages.append(
                self.listing(
                    "archive-year",
                    urls.archive_url(year),
                    f"{zh_year(year)}归档",
                    f"{zh_year(year)}共发布{g.count}条公示，按月份排列，新的在前。",
                    crumbs=(index,),
                    sections=self.month_sections(list(g.items), year),
                )
            )
        return pages


def label_counts(placed: Iterable[Placed]) -> str:
    """公示中2条，公开中1条，… in the order of the labels; labels with none left out."""
    counts: dict[str, int] = {}
    for p in placed:
        counts[p.label] = counts.get(p.label, 0) + 1
    parts = [f"{text}{counts[text]}条" for _, text, _ in all_labels() if counts.get(text)]
    return "，".join(parts) or "暂无"


@dataclass(frozen=True)
class Site:
    """Every generated page, and the files drawn beside them (the statistics charts)."""

    pages: list[PageSpec]
    charts: list[ChartFile]
    cells: list[Cell]


def build_site(
    board: Board, site_url: str | None, repo_url: str | None = None, with_qr: bool = True
) -> Site:
    """Every generated page, listings first (they are in the nav), then one per notice.

    `with_qr=False` leaves the QR codes out of the notice views (`with_qr_code` draws one when
    the page is really rendered): a page copied from the page cache never pays for its code."""
    b = SiteBuilder(board, site_url, repo_url, with_qr)
    pages = [
        b.board_page(),
        *b.branch_pages(),
        *b.category_pages(),
        *b.archive_pages(),
        *b.accountability_pages(),
        *b.notice_pages(),
    ]
    return Site(pages, b.charts, b.cells)


def site_pages(board: Board, site_url: str | None, repo_url: str | None = None) -> list[PageSpec]:
    return build_site(board, site_url, repo_url).pages


def qr_url(view: PageView) -> str | None:
    """The URL whose QR code the page still needs drawn (a notice's canonical URL), if any."""
    if isinstance(view, NoticeView) and view.canonical_url and view.qr_svg is None:
        return view.canonical_url
    return None


def with_qr_code(view: PageView, draw: Callable[[str], str] = qr_svg) -> PageView:
    """A notice view with the QR code of its canonical URL drawn in; anything else as it is."""
    url = qr_url(view)
    if url is None or not isinstance(view, NoticeView):
        return view
    return replace(view, qr_svg=draw(url))


def attachments_to_publish(placed: Mapping[str, Placed]) -> list[str]:
    """Attachment paths (relative to notices/) of published notices only, each once, sorted."""
    return sorted({a.path for p in placed.values() for a in p.notice.attachments})


def source_date_epoch(today: date) -> int:
    """Midnight UTC of the build's today: the timestamp MkDocs writes into sitemap files."""
    return int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp())
