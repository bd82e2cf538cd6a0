"""Pure decisions behind the listing and notice pages: order, groups, counts, Chinese dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from noticeboard.load.board import Board
from noticeboard.model import Attachment, Branch, Category, Feedback, Notice, Registry
from noticeboard.publish import listings
from noticeboard.publish.lifecycle import State, place
from noticeboard.publish.pages import (
    SiteBuilder,
    attachments_to_publish,
    feedback_view,
    human_size,
    site_pages,
    source_date_epoch,
    tel_href,
)
from noticeboard.publish.text import zh_date, zh_period
from noticeboard.publish.views import Listing, NoticeView

TODAY = date(2026, 11, 26)
REGISTRY = Registry(
    branches=(
        Branch("town", "镇党委", feedback=Feedback(phone="0550-1234567")),
        Branch("jinpu", "金铺村党支部", parent="town", feedback=Feedback(person="支部书记")),
    ),
    categories=(Category("organisation", "组织建设"), Category("finance", "财务公开")),
)


def make(nid: str = "jinpu/2024/a", **kw) -> Notice:
    start = kw.pop("start", date(2024, 6, 12))
    end = kw.pop("end", start + timedelta(days=6))
    base = dict(
        id=nid,
        title=f"标题{nid}",
        branch=nid.split("/")[0],
        category="organisation",
        disclosure="ad-hoc",
        start=start,
        end=end,
        expires=kw.pop("expires", end),
        body="正文",
        body_line=1,
        reviewed_by="r",
    )
    base.update(kw)
    return Notice(**base)


def board(*notices: Notice, today: date = TODAY) -> Board:
    return Board(Path("/x"), REGISTRY, tuple(notices), today)


# -- dates in Chinese -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 6, 12), date(2024, 6, 18), "2024年6月12日至6月18日"),
        (date(2024, 6, 28), date(2024, 7, 4), "2024年6月28日至7月4日"),
        (date(2024, 12, 29), date(2025, 1, 4), "2024年12月29日至2025年1月4日"),
        (date(2024, 6, 12), date(2024, 6, 12), "2024年6月12日"),
        (date(2024, 6, 12), None, "2024年6月12日起"),
    ],
)
def test_period_in_chinese(start: date, end: date | None, expected: str) -> None:
    assert zh_period(start, end) == expected


def test_dates_have_no_leading_zeros() -> None:
    assert zh_date(date(2024, 1, 5)) == "2024年1月5日"


# -- order and groups ---------------------------------------------------------------------------
def test_newest_first_by_start_then_id() -> None:
    placed = place(
        [
            make("jinpu/2024/b", start=date(2024, 3, 1)),
            make("jinpu/2024/a", start=date(2024, 3, 1)),
            make("jinpu/2024/c", start=date(2024, 5, 1)),
            make("jinpu/2023/z", start=date(2023, 12, 31)),
        ],
        TODAY,
    )
    order = [p.notice.id for p in listings.newest_first(placed.values())]
    assert order == ["jinpu/2024/c", "jinpu/2024/b", "jinpu/2024/a", "jinpu/2023/z"]


def test_current_and_past_split_by_state() -> None:
    placed = place(
        [
            make("jinpu/2026/open", start=date(2026, 11, 20), end=date(2026, 11, 30)),
            make("jinpu/2026/closed", start=date(2026, 11, 1), expires=date(2026, 12, 31)),
            make("jinpu/2020/standing", start=date(2020, 1, 1), end=None, disclosure="standing"),
            make("jinpu/2024/old"),
            make("jinpu/2026/wrong", start=date(2026, 11, 2), expires=date(2026, 12, 31)),
            make(
                "jinpu/2026/fixed",
                start=date(2026, 11, 3),
                expires=date(2026, 12, 31),
                supersedes=("jinpu/2026/wrong",),
            ),
        ],
        TODAY,
    )
    now = [p.notice.id for p in listings.current(placed.values())]
    assert now == [
        "jinpu/2026/open",
        "jinpu/2026/fixed",
        "jinpu/2026/closed",
        "jinpu/2020/standing",
    ]
    old = [p.notice.id for p in listings.past(placed.values())]
    assert old == ["jinpu/2026/wrong", "jinpu/2024/old"]
    groups = listings.by_state(placed.values())
    assert [(s, [p.notice.id for p in g]) for s, g in groups] == [
        (State.ACTIVE, ["jinpu/2026/open"]),
        (State.STANDING, ["jinpu/2020/standing"]),
        (State.CLOSED, ["jinpu/2026/fixed", "jinpu/2026/closed"]),
    ]


def test_years_and_months_newest_first() -> None:
    placed = place(
        [
            make("jinpu/2024/jun", start=date(2024, 6, 1)),
            make("jinpu/2024/jan", start=date(2024, 1, 9)),
            make("jinpu/2022/x", start=date(2022, 3, 1)),
        ],
        TODAY,
    ).values()
    assert [(g.key, g.count) for g in listings.by_year(placed)] == [(2024, 2), (2022, 1)]
    in_2024 = listings.in_year(placed, 2024)
    assert [g.key for g in listings.by_month(in_2024)] == [6, 1]
    assert listings.years(placed) == [2024, 2022]


# -- what never shows ---------------------------------------------------------------------------
def test_unpublished_notices_are_in_no_page_link_or_count() -> None:
    published = make(
        "jinpu/2026/pub",
        start=date(2026, 11, 20),
        end=date(2026, 11, 30),
        supersedes=("jinpu/2026/draft",),
        responds_to="jinpu/2026/internal",
    )
    hidden = [
        make("jinpu/2026/draft", draft=True, start=date(2026, 11, 1)),
        make("jinpu/2026/internal", scope="internal", start=date(2026, 11, 1)),
        make(
            "jinpu/2026/upcoming",
            start=date(2026, 12, 1),
            supersedes=("jinpu/2026/pub",),
            attachments=(Attachment("jinpu/2026/secret.csv", 10),),
        ),
    ]
    specs = site_pages(board(published, *hidden), "https://e.example/")
    everything = repr(specs)
    for h in hidden:
        assert h.id not in everything and h.title not in everything
    view = next(s.view for s in specs if isinstance(s.view, NoticeView))
    assert view.live.state == "active" and view.supersedes == () and view.responds_to is None
    assert attachments_to_publish(board(published, *hidden).placed()) == []
    branches = next(s.view for s in specs if s.src_uri == "branches/index.md")
    assert [r.counts for r in branches.rows] == ["当前0条 · 共0条", "当前1条 · 共1条"]


# -- scale: one branch with 1,000 notices -------------------------------------------------------
@pytest.mark.slow
def test_a_large_branch_gets_one_page_per_year() -> None:
    notices = [
        make(f"jinpu/{2021 + i % 5}/n{i:04d}", start=date(2021 + i % 5, 1 + i % 12, 1 + i % 28))
        for i in range(1000)
    ]
    specs = {s.src_uri: s for s in site_pages(board(*notices), "https://e.example/")}
    branch: Listing = specs["branches/jinpu/index.md"].view
    assert branch.sections == ()  # the past is not inlined; the current board is in columns
    assert [c.anchor for c in branch.columns] == ["now-all"]
    assert [(r.title, r.counts) for r in branch.rows] == [
        (f"{y}年", "200条") for y in (2025, 2024, 2023, 2022, 2021)
    ]
    year: Listing = specs["branches/jinpu/2023/index.md"].view
    assert sum(s.count for s in year.sections) == 200
    assert max(len(s.items) for s in year.sections) < 200  # split by month
    listing_pages = sorted(u for u in specs if not u.startswith("notices/"))
    years = [f"{y}/index.md" for y in range(2021, 2026)]
    assert listing_pages == sorted(
        ["index.md", "branches/index.md", "branches/town/index.md", "branches/jinpu/index.md"]
        + ["branches/town/print/index.md", "branches/jinpu/print/index.md"]
        + [f"branches/jinpu/{y}" for y in years]
        + ["categories/index.md", "categories/organisation/index.md"]
        + [f"categories/organisation/{y}" for y in years]
        + ["categories/finance/index.md", "archive/index.md"]
        + [f"archive/{y}" for y in years]
        + ["compliance/index.md", "compliance/town/index.md", "compliance/jinpu/index.md"]
        + ["statistics/index.md"]
    )


def test_a_small_branch_lists_its_past_inline() -> None:
    notices = [make(f"jinpu/2024/n{i}", start=date(2024, 3, 1 + i)) for i in range(3)]
    specs = {s.src_uri: s for s in site_pages(board(*notices), None)}
    view = specs["branches/jinpu/index.md"].view
    assert [(s.anchor, s.count) for s in view.sections] == [("y2024", 3)]
    assert [(c.anchor, c.count) for c in view.columns] == [("now-all", 0)]


# -- notice view --------------------------------------------------------------------------------
def notice_view(*notices: Notice, nid: str, site_url: str | None = "https://e.example/b/"):
    b = SiteBuilder(board(*notices), site_url)
    return b.notice_view(b.placed[nid])


def test_banners_in_plain_words() -> None:
    n = make(
        "jinpu/2024/a", start=date(2024, 6, 12), end=date(2024, 6, 18), expires=date(2024, 6, 30)
    )
    archived = notice_view(n, nid=n.id)
    assert (archived.banner.prefix, archived.live.label) == (
        "本公示已于2024年6月30日到期，现存档备查。",
        "已归档",
    )
    assert archived.live.banners["closed"] == "公示期已于2024年6月18日届满。"
    assert archived.live.banners["active"].startswith("公示期为2024年6月12日至6月18日。")
    newer = make(
        "jinpu/2024/b", start=date(2024, 6, 20), supersedes=("jinpu/2024/a",), title="更正后的公示"
    )
    superseded = notice_view(n, newer, nid=n.id)
    assert superseded.live.label == "已被替代"
    assert (superseded.banner.prefix, superseded.banner.suffix) == (
        "本公示已被",
        "替代，请以新公示为准。",
    )
    assert [(link.title, link.url) for link in superseded.banner.links] == [
        ("更正后的公示", "notices/jinpu/2024/b/")
    ]


def test_standing_notice_has_no_banner() -> None:
    n = make("town/2020/org", start=date(2020, 1, 1), end=None, disclosure="standing")
    view = notice_view(n, nid=n.id)
    assert view.banner is None and view.disclosure == "长期公开" and view.period == "2020年1月1日起"


def test_canonical_url_and_qr_need_a_site_url() -> None:
    n = make("jinpu/2024/a")
    assert notice_view(n, nid=n.id).canonical_url == "https://e.example/b/notices/jinpu/2024/a/"
    assert notice_view(n, nid=n.id).qr_svg.startswith("<svg")
    bare = notice_view(n, nid=n.id, site_url=None)
    assert bare.canonical_url is None and bare.qr_svg is None


def test_feedback_prefers_the_notice_then_the_branch() -> None:
    own = feedback_view(Feedback(email="a@b.example"), "金铺村党支部", Feedback(phone="1"))
    assert (own.email_href, own.phone, own.from_branch) == ("mailto:a@b.example", None, None)
    inherited = feedback_view(Feedback(), "金铺村党支部", Feedback(phone="0550 123-4567"))
    assert (inherited.phone_href, inherited.from_branch) == ("tel:05501234567", "金铺村党支部")
    assert feedback_view(None, "x", None) is None


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (812, "812 B"), (1023, "1023 B"), (1229, "1.2 KB"), (3_565_158, "3.4 MB")],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("+86 0550-123 4567", "tel:+8605501234567"),
        ("(0550) 5203118", "tel:05505203118"),
        ("０５５０－５２０３１１８", "tel:05505203118"),  # full-width, as typed in an IME
        ("0550-5203118 转 8001", "tel:05505203118,8001"),  # the extension after a pause
        ("0550-5203118分机8001", "tel:05505203118,8001"),
        ("0550-5203118 ext. 12", "tel:05505203118,12"),
        ("0550-1234567 或 0550-7654321", "tel:05501234567"),  # not one long number
        ("12345", "tel:12345"),  # the government hotline
        ("村部值班室", None),
        ("第3号", None),
    ],
)
def test_tel_href_dials_the_first_number_and_its_extension(phone: str, href: str | None) -> None:
    assert tel_href(phone) == href


def test_source_date_epoch_is_midnight_utc_of_today() -> None:
    assert source_date_epoch(date(2026, 11, 26)) == 1795651200
