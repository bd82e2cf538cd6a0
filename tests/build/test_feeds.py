"""Atom feeds: what a feed reader sees, parsed with feedparser from small boards written here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from noticeboard.load.board import Board, load_board
from noticeboard.publish.feeds import build_feeds, plain_excerpt
from support.demo_build import REPO_ROOT
from support.feedlinks import broken_feed_links
from support.server import site_path

SITE = "https://example.org/board/"
TODAY = date(2026, 11, 26)
ATOM = "{http://www.w3.org/2005/Atom}"


def notice(
    title: str,
    start: str,
    end: str | None = "2026-12-31",
    *,
    branch: str = "jinpu",
    category: str = "organisation",
    extra: str = "",
    body: str = "正文。",
) -> str:
    period = f"{{start: {start}, end: {end}}}" if end else f"{{start: {start}}}"
    disclosure = "ad-hoc" if end else "standing"
    return (
        "---\n"
        f"title: {title}\n"
        f"branch: {branch}\n"
        f"category: {category}\n"
        f"disclosure: {disclosure}\n"
        f"period: {period}\n"
        "reviewed_by: 支委会\n"
        'feedback: {phone: "0550-7654321"}\n'
        f"{extra}"
        "---\n"
        f"{body}\n"
    )


BOARD = {
    "jinpu/2026/member.md": notice(
        "发展党员公示",
        "2026-11-20",
        "2026-11-26",
        extra="number: 金支〔2026〕3号\n",
        body="经支部委员会研究，拟接收**李某**为预备党员。<script>alert('x')</script>",
    ),
    "jinpu/2026/dues.md": notice(
        "第三季度党费收缴", "2026-10-08", "2026-10-14", category="finance"
    ),
    "jinpu/2024/duties.md": notice("支部职责", "2024-01-01", None),
    "yutao/2026/budget.md": notice(
        "村级财务收支", "2026-11-20", "2026-11-30", branch="yutao", category="finance"
    ),
    "yutao/2025/old.md": notice("旧公示", "2025-03-01", "2025-03-07", branch="yutao"),
    "jinpu/2026/draft-plan.md": notice("草稿计划", "2026-11-01", extra="draft: true\n"),
    "jinpu/2026/internal-talk.md": notice("党内谈话", "2026-11-02", extra="scope: internal\n"),
    "yutao/2026/upcoming.md": notice("明年计划", "2026-12-01", "2026-12-07", branch="yutao"),
}
# Newest period.start first, then id: written out by hand from BOARD above.
PUBLISHED_ORDER = [
    "jinpu/2026/member",
    "yutao/2026/budget",
    "jinpu/2026/dues",
    "yutao/2025/old",
    "jinpu/2024/duties",
]
UNPUBLISHED = ["jinpu/2026/draft-plan", "jinpu/2026/internal-talk", "yutao/2026/upcoming"]


def load(repo: Callable[..., Path], notices: dict[str, str]) -> Board:
    result = load_board(repo(notices=notices), TODAY)
    assert result.ok, [p.text() for p in result.problems]
    assert result.board is not None
    return result.board


def feeds_of(board: Board) -> dict[str, bytes]:
    return build_feeds(board.placed(), board.registry, SITE, board.today)


def parse(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def ids(parsed: feedparser.FeedParserDict) -> list[str]:
    return [e.id.removeprefix(SITE + "notices/").rstrip("/") for e in parsed.entries]


@pytest.fixture
def feeds(repo: Callable[..., Path]) -> dict[str, bytes]:
    return feeds_of(load(repo, BOARD))


def test_one_feed_for_the_site_and_each_branch_and_category(feeds: dict[str, bytes]) -> None:
    assert sorted(feeds) == [
        "feeds/all.xml",
        "feeds/branch/jinpu.xml",
        "feeds/branch/town.xml",
        "feeds/branch/yutao.xml",
        "feeds/category/finance.xml",
        "feeds/category/organisation.xml",
    ]
    for data in feeds.values():
        parse(data)


def test_all_feed_lists_published_notices_newest_first(feeds: dict[str, bytes]) -> None:
    assert ids(parse(feeds["feeds/all.xml"])) == PUBLISHED_ORDER


def test_drafts_internal_and_upcoming_notices_leave_no_trace(feeds: dict[str, bytes]) -> None:
    for path, data in feeds.items():
        text = data.decode("utf-8")
        for nid in UNPUBLISHED:
            assert nid not in text, (path, nid)
        for title in ("草稿计划", "党内谈话", "明年计划"):
            assert title not in text, (path, title)


def test_branch_and_category_feeds_hold_only_their_own(feeds: dict[str, bytes]) -> None:
    assert ids(parse(feeds["feeds/branch/jinpu.xml"])) == [
        "jinpu/2026/member",
        "jinpu/2026/dues",
        "jinpu/2024/duties",
    ]
    assert ids(parse(feeds["feeds/branch/yutao.xml"])) == ["yutao/2026/budget", "yutao/2025/old"]
    assert ids(parse(feeds["feeds/category/finance.xml"])) == [
        "yutao/2026/budget",
        "jinpu/2026/dues",
    ]
    for entry in parse(feeds["feeds/branch/yutao.xml"]).entries:
        assert entry.author == "余套村党支部"


def test_entry_carries_link_dates_author_category_and_state(feeds: dict[str, bytes]) -> None:
    entry = parse(feeds["feeds/all.xml"]).entries[0]
    url = SITE + "notices/jinpu/2026/member/"
    assert entry.id == url
    assert entry.link == url
    assert entry.title == "发展党员公示"
    assert entry.author == "金铺村党支部"
    assert entry.published == "2026-11-20T00:00:00+08:00"
    assert entry.updated == "2026-11-20T00:00:00+08:00"
    assert [(t.term, t.label) for t in entry.tags] == [("organisation", "组织建设")]
    assert entry.summary.startswith("【公示中】")
    assert "金支〔2026〕3号" in entry.summary
    assert "2026-11-20 至 2026-11-26" in entry.summary
    assert "拟接收李某为预备党员" in entry.summary  # Markdown emphasis reduced to text


def test_states_are_labelled_in_the_summary(feeds: dict[str, bytes]) -> None:
    summaries = {e.title: e.summary for e in parse(feeds["feeds/all.xml"]).entries}
    assert summaries["旧公示"].startswith("【已归档】")
    assert summaries["支部职责"].startswith("【长期公开】")
    assert "2024-01-01 起" in summaries["支部职责"]


def test_summary_carries_no_markup_or_script(feeds: dict[str, bytes]) -> None:
    root = etree.fromstring(feeds["feeds/all.xml"])
    for summary in root.iter(f"{ATOM}summary"):
        assert summary.get("type") in (None, "text")
        assert "<" not in summary.text
        assert "alert" not in summary.text


def test_feed_level_title_links_language_and_updated(feeds: dict[str, bytes]) -> None:
    parsed = parse(feeds["feeds/branch/jinpu.xml"])
    assert parsed.feed.title == "金铺村党支部 · 党务公开"
    assert parsed.feed.id == SITE + "feeds/branch/jinpu.xml"
    assert parsed.feed.language == "zh"
    links = {(link.rel, link.href) for link in parsed.feed.links}
    assert ("self", SITE + "feeds/branch/jinpu.xml") in links
    assert ("alternate", SITE + "branches/jinpu/") in links
    assert parsed.feed.updated == parsed.entries[0].updated == "2026-11-20T00:00:00+08:00"
    site_links = {(x.rel, x.href) for x in parse(feeds["feeds/all.xml"]).feed.links}
    assert ("alternate", SITE) in site_links
    category = parse(feeds["feeds/category/finance.xml"]).feed
    assert ("alternate", SITE + "categories/finance/") in {(x.rel, x.href) for x in category.links}


def test_empty_feed_is_valid_and_dated_today(feeds: dict[str, bytes]) -> None:
    parsed = parse(feeds["feeds/branch/town.xml"])
    assert parsed.entries == []
    assert parsed.feed.updated == "2026-11-26T00:00:00+08:00"


def test_every_timestamp_comes_from_the_notices_not_the_clock(
    repo: Callable[..., Path],
) -> None:
    board = load(repo, BOARD)
    first = feeds_of(board)
    again = feeds_of(board)  # feedgen's defaults would differ here by the microsecond
    assert first == again
    allowed = {"2026-11-20", "2026-10-08", "2025-03-01", "2024-01-01"}
    for data in first.values():
        root = etree.fromstring(data)
        stamps = [el.text for tag in ("updated", "published") for el in root.iter(ATOM + tag)]
        assert stamps
        for stamp in stamps:
            day, clock = stamp.split("T")
            assert clock == "00:00:00+08:00"
            assert day in allowed | {"2026-11-26"}
        generators = [el.text for el in root.iter(ATOM + "generator")]
        assert generators == ["noticeboard"]  # no feedgen version baked in


def test_feed_keeps_the_newest_fifty(repo: Callable[..., Path]) -> None:
    many = {
        f"jinpu/2026/n{i:02d}.md": notice(
            f"公示{i:02d}", f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}"
        )
        for i in range(55)
    }
    many["yutao/2026/same-day.md"] = notice("同日公示", "2026-02-27", branch="yutao")
    parsed = parse(feeds_of(load(repo, many))["feeds/all.xml"])
    assert len(parsed.entries) == 50
    got = ids(parsed)
    # i = 54 starts 2026-02-27, as does the yutao one: same day, so ordered by id.
    assert got[:3] == ["jinpu/2026/n54", "yutao/2026/same-day", "jinpu/2026/n53"]
    assert got[-1] == "jinpu/2026/n06"  # n00..n05, the oldest six, fall off
    assert "jinpu/2026/n05" not in got


def test_site_url_without_trailing_slash(repo: Callable[..., Path]) -> None:
    board = load(repo, BOARD)
    data = build_feeds(board.placed(), board.registry, SITE.rstrip("/"), board.today)
    entry = parse(data["feeds/all.xml"]).entries[0]
    assert entry.id == SITE + "notices/jinpu/2026/member/"


def test_plain_excerpt_cuts_long_text_and_strips_html() -> None:
    body = "# 标题\n\n" + "字" * 300 + "\n\n<style>p{}</style><b>粗</b> a &amp; b\x01"
    text = plain_excerpt(body, 200)
    assert text.startswith("标题 字")
    assert len(text) == 201 and text.endswith("…")
    assert plain_excerpt("<b>粗</b> a &amp; b \x01", 200) == "粗 a & b"


# The demo registry's branches and categories (notices/_board.yml), written out by hand: the
# list must not come from feed_paths(), the code under test.
DEMO_FEEDS = sorted(
    [
        "feeds/all.xml",
        *(
            f"feeds/branch/{b}.xml"
            for b in ("town", "jinpu", "yutao", "shisun", "weigang", "yuying")
        ),
        *(
            f"feeds/category/{c}.xml"
            for c in (
                "organisation",
                "dues",
                "decisions",
                "appraisal",
                "discipline",
                "finance",
                "affairs",
                "duties",
            )
        ),
    ]
)


@pytest.mark.build
def test_built_site_carries_every_feed_and_each_entry_has_a_page(built_site: Path) -> None:
    built = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("feeds/**/*.xml"))
    assert built == DEMO_FEEDS
    for rel in DEMO_FEEDS:
        parsed = parse((built_site / rel).read_bytes())
        assert len(parsed.entries) <= 50
        for entry in parsed.entries:
            page = urlsplit(entry.link).path.split("/notices/", 1)[1]
            assert (built_site / "notices" / page / "index.html").is_file(), entry.link
    assert parse((built_site / "feeds/all.xml").read_bytes()).entries


@pytest.mark.build
def test_feed_links_in_pages_point_at_built_feeds(built_site: Path) -> None:
    """Wherever a page advertises a feed (<link rel=alternate type=atom>), the feed exists."""
    assert broken_feed_links(built_site, site_path(REPO_ROOT / "mkdocs.yml")) == []


def test_broken_feed_links_finds_missing_and_outside_feeds(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "all.xml").write_bytes(b"<feed/>")
    (tmp_path / "branches" / "a").mkdir(parents=True)
    atom = '<link rel="alternate" type="application/atom+xml" href="{}">'
    (tmp_path / "index.html").write_text(atom.format("feeds/all.xml"), encoding="utf-8")
    (tmp_path / "branches" / "a" / "index.html").write_text(
        atom.format("../../feeds/all.xml")
        + atom.format("/board/feeds/branch/a.xml")
        + atom.format("https://elsewhere.example/feed.xml"),
        encoding="utf-8",
    )
    assert broken_feed_links(tmp_path, "/board/") == [
        "branches/a/index.html: /board/feeds/branch/a.xml",
        "branches/a/index.html: https://elsewhere.example/feed.xml",
    ]
