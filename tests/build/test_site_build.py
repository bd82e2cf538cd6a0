"""Build tests: a real `mkdocs build` of tests/fixtures/site, read back with an HTML parser."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from noticeboard.publish.body_worker import MIN_BODIES_VARIABLE
from noticeboard.publish.qr_worker import MIN_CODES_VARIABLE
from support.demo_build import DEMO_MARKERS, SITE_FIXTURE, build_fixture

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
SITE_URL = "https://example.org/noticeboard/"
MARKERS = ("MARKER-DRAFT", "MARKER-INTERNAL", "MARKER-UPCOMING")

pytestmark = pytest.mark.build


@pytest.fixture
def site(fixture_site: Path) -> Path:
    """tests/fixtures/site, built once per session (support/sites.py)."""
    return fixture_site


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def content(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def item_hrefs(section) -> list[str]:
    return [a["href"] for a in section.select(".nb-item__title")]


def resolve(base_url: str, href: str) -> str:
    """The site-root-relative URL a relative href on the page at `base_url` points to."""
    parts = [p for p in base_url.split("/") if p]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + ("/" if href.endswith("/") else "")


PUBLISHED = {
    "jinpu/2024/new-member-li",
    "jinpu/2024/new-member-li-result",
    "jinpu/2026/dues-q3-error",
    "jinpu/2026/dues-q3",
    "jinpu/2026/appraisal",
    "town/2020/organisation",
    "town/2025/year-end",
}


def test_every_spec_page_is_built(site: Path) -> None:
    urls = [
        "",
        "branches/",
        "branches/jinpu/",
        "branches/town/",
        "branches/yutao/",
        "branches/jinpu/2024/",
        "branches/jinpu/2026/",
        "categories/",
        "categories/organisation/",
        "categories/finance/",
        "categories/affairs/",
        "categories/finance/2026/",
        "archive/",
        "archive/2020/",
        "archive/2024/",
        "archive/2025/",
        "archive/2026/",
        *(f"notices/{nid}/" for nid in PUBLISHED),
    ]
    for url in urls:
        page(site, url)
    built_notices = {
        p.parent.relative_to(site / "notices").as_posix()
        for p in (site / "notices").rglob("index.html")
    }
    assert built_notices == PUBLISHED


def test_unpublished_notices_leave_no_trace_in_any_file(site: Path) -> None:
    checked = 0
    for path in site.rglob("*"):
        assert not any(m in path.name for m in MARKERS), path
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        for marker in MARKERS:
            assert marker.encode() not in data, f"{marker} in {path.relative_to(site)}"
        checked += 1
    assert checked > 30
    assert (site / "sitemap.xml.gz").is_file() and (site / "pagefind/pagefind.js").is_file()


def test_sitemap_lists_exactly_the_public_pages(site: Path) -> None:
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    locs = {loc.text.removeprefix(SITE_URL) for loc in sitemap.find_all("loc")}
    assert {f"notices/{nid}/" for nid in PUBLISHED} <= locs
    assert not {u for u in locs if u.startswith("notices/")} - {
        f"notices/{nid}/" for nid in PUBLISHED
    }
    assert {lm.text for lm in sitemap.find_all("lastmod")} == {TODAY}


def test_board_lists_current_notices_by_state_newest_first(site: Path) -> None:
    soup = page(site, "")
    body = content(soup)
    # No groups in this registry: one column; open first, then standing, then closed folded.
    (column,) = body.select(".nb-column")
    assert [text(h) for h in column.select("h2")] == ["公开中（1条）", "长期公开（1条）"]
    assert item_hrefs(column.select_one("h2#col-all-active + ol")) == [
        "notices/jinpu/2026/appraisal/"
    ]
    assert item_hrefs(column.select_one("h2#col-all-standing + ol")) == [
        "notices/town/2020/organisation/"
    ]
    fold = column.select_one("details#col-all-closed")
    assert not fold.has_attr("open") and text(fold.summary) == "公开期满：展开 1 条"
    assert item_hrefs(fold) == ["notices/jinpu/2026/dues-q3/"]
    # the board is rendered every build and says on which day (a branch's archive does not)
    assert text(body.select_one(".nb-built")).startswith("本页生成于2026年11月26日")
    assert body.select_one(".nb-built time")["datetime"] == TODAY
    assert page(site, "branches/jinpu/2026/").select_one(".nb-built time") is None
    assert column.select("h2, details")[-1] is fold
    lead = text(body.select_one(".nb-lead"))
    assert "共有3条：公开中1条，公开期满1条，长期公开1条。" in lead
    # archived and superseded notices are off the current board
    assert "dues-q3-error" not in str(body) and "new-member-li" not in str(body)
    jump = [(text(a), resolve("", a["href"])) for a in body.select(".nb-jump a")]
    assert jump == [
        ("镇党委1条", "branches/town/"),
        ("金铺村党支部2条", "branches/jinpu/"),
        ("余套村党支部0条", "branches/yutao/"),
    ]


def test_listing_item_shows_branch_category_period_number_and_label(site: Path) -> None:
    item = content(page(site, "")).select_one("li.nb-item:has(a[href$='dues-q3/'])")
    assert item.select_one(".nb-item__branch").text == "金铺村党支部"
    assert item.select_one(".nb-item__category").text == "财务公开"
    assert item.select_one(".nb-item__period").text == "2026年10月10日至10月16日"
    assert item.select_one(".nb-item__number").text == "金铺党〔2026〕12号"
    label = item.select_one(".nb-label")
    assert label.text == "公开期满" and "nb-label--closed" in label["class"]
    assert (label["data-label-active"], label["data-label-closed"]) == ("公开中", "公开期满")


def test_nav_has_the_listing_pages_and_no_notice(site: Path) -> None:
    soup = page(site, "")
    nav = soup.select_one("nav.md-nav--primary")
    labels = [text(a) for a in nav.select("a.md-nav__link")]
    for wanted in ("公开栏", "党组织", "公开类别", "归档", "关于本站"):
        assert wanted in labels
    assert not nav.select("a[href*='notices/']")
    assert not page(site, "notices/jinpu/2026/dues-q3/").select(
        "nav.md-nav--primary a[href*='notices/']"
    )


def test_notice_page_shows_every_field(site: Path) -> None:
    url = "notices/jinpu/2026/dues-q3/"
    soup = page(site, url)
    art = soup.select_one("article.nb-notice")
    assert text(art.select_one("h1")) == "2026年第三季度党费收缴情况"
    facts = {text(d.dt): d.dd for d in art.select(".nb-facts--notice > div")}
    assert text(facts["文号"]) == "金铺党〔2026〕12号"
    assert text(facts["发布组织"]) == "金铺村党支部"
    assert resolve(url, facts["发布组织"].a["href"]) == "branches/jinpu/"
    assert text(facts["公开类别"]) == "财务公开"
    assert resolve(url, facts["公开类别"].a["href"]) == "categories/finance/"
    assert text(facts["公开形式"]) == "定期公开"
    assert text(facts["公开期"]) == "2026年10月10日至10月16日"
    assert facts["公开期"].time["datetime"] == "2026-10-10"
    assert text(facts["存档日期"]) == "2026年12月31日后转入归档"
    assert text(facts["审核"]) == "金铺村党支部委员会"
    label = art.select_one(".nb-status .nb-label")
    assert label.text == "公开期满"
    assert (label["data-start"], label["data-end"], label["data-expires"]) == (
        "2026-10-10",
        "2026-10-16",
        "2026-12-31",
    )
    assert text(art.select_one(".nb-banner")) == "公开期已于2026年10月16日届满。"
    # no build date on a notice's page (the same file every night); its label follows the
    # reader's clock (state.js), and the board says when it was built
    assert text(art.select_one(".nb-built")) == "公示状态按北京时间的当天日期显示。"
    assert art.select_one(".nb-built time") is None


def test_notice_feedback_own_channel(site: Path) -> None:
    box = page(site, "notices/jinpu/2026/dues-q3/").select_one(".nb-feedback")
    facts = {text(d.dt): d.dd for d in box.select(".nb-facts > div")}
    assert facts["邮箱"].a["href"] == "mailto:jinpu@example.org"
    assert text(facts["联系人"]) == "组织委员王某"
    assert "电话" not in facts and not box.select_one(".nb-feedback__from")


def test_notice_feedback_falls_back_to_the_branch(site: Path) -> None:
    box = page(site, "notices/jinpu/2026/appraisal/").select_one(".nb-feedback")
    facts = {text(d.dt): d.dd for d in box.select(".nb-facts > div")}
    assert facts["电话"].a["href"] == "tel:05507654321"
    assert text(facts["电话"]) == "0550-7654321"
    assert text(facts["联系人"]) == "支部书记"
    assert text(box.select_one(".nb-feedback__from")) == "由金铺村党支部受理。"


def test_attachment_is_listed_with_size_and_copied(site: Path) -> None:
    url = "notices/jinpu/2026/dues-q3/"
    item = page(site, url).select_one(".nb-attachments li")
    assert text(item) == "收支明细.csv（1.2 KB）"
    target = site / resolve(url, item.a["href"])
    source = SITE_FIXTURE / "notices/jinpu/2026/收支明细.csv"
    assert target.read_bytes() == source.read_bytes()
    assert not (site / "notices/jinpu/2026/MARKER-INTERNAL-att.txt").exists()


def test_supersedes_and_superseded_by_link_both_ways(site: Path) -> None:
    new_url, old_url = "notices/jinpu/2026/dues-q3/", "notices/jinpu/2026/dues-q3-error/"
    new = page(site, new_url).select_one(".nb-related")
    links = new.select("dd a")
    assert [text(a) for a in links] == ["《2026年第三季度党费收缴情况（有误）》"]  # not the draft
    assert resolve(new_url, links[0]["href"]) == old_url
    old = page(site, old_url).select_one("article.nb-notice")
    assert old.select_one(".nb-status .nb-label").text == "已被替代"
    banner = old.select_one(".nb-banner")
    assert text(banner) == "本公开事项已被《2026年第三季度党费收缴情况》替代，请以新公开事项为准。"
    assert resolve(old_url, banner.a["href"]) == new_url
    assert resolve(old_url, old.select_one(".nb-related dd a")["href"]) == new_url


def test_responds_to_and_answered_by_link_both_ways(site: Path) -> None:
    first, result = "notices/jinpu/2024/new-member-li/", "notices/jinpu/2024/new-member-li-result/"
    a = page(site, first).select_one(".nb-related dd a")
    assert text(a) == "《李某某同志发展公示结果》" and resolve(first, a["href"]) == result
    b = page(site, result).select_one(".nb-related dd a")
    assert text(b) == "《关于发展李某某为预备党员的公示》" and resolve(result, b["href"]) == first


def test_archived_banner_and_label(site: Path) -> None:
    art = page(site, "notices/jinpu/2024/new-member-li/").select_one("article.nb-notice")
    assert art.select_one(".nb-status .nb-label").text == "已归档"
    assert text(art.select_one(".nb-banner")) == "本公示已于2024年6月30日到期，现存档备查。"
    assert [text(li) for li in art.select(".nb-tags li")] == ["发展党员"]


def test_cross_year_period_keeps_both_years(site: Path) -> None:
    art = page(site, "notices/town/2025/year-end/").select_one("article.nb-notice")
    facts = {text(d.dt): d.dd for d in art.select(".nb-facts--notice > div")}
    assert text(facts["公示期"]) == "2025年12月29日至2026年1月4日"


def test_standing_notice(site: Path) -> None:
    art = page(site, "notices/town/2020/organisation/").select_one("article.nb-notice")
    assert art.select_one(".nb-status .nb-label").text == "长期公开"
    assert art.select_one(".nb-banner").has_attr("hidden")
    facts = {text(d.dt): d.dd for d in art.select(".nb-facts--notice > div")}
    assert text(facts["公开期"]) == "2020年1月1日起"
    assert text(facts["公开形式"]) == "长期公开"
    assert text(facts["存档日期"]) == "2027年6月30日后转入归档"
    assert art.select_one(".nb-status .nb-label")["data-expires"] == "2027-06-30"


def test_an_upcoming_notice_supersedes_nothing_yet(site: Path) -> None:
    art = page(site, "notices/jinpu/2026/appraisal/").select_one("article.nb-notice")
    assert art.select_one(".nb-status .nb-label").text == "公开中"
    assert not art.select_one(".nb-related")


def test_branch_page_current_and_archive_by_year(site: Path) -> None:
    url = "branches/jinpu/"
    body = content(page(site, url))
    (column,) = body.select(".nb-column")
    assert item_hrefs(column) == [
        "../../notices/jinpu/2026/appraisal/",
        "../../notices/jinpu/2026/dues-q3/",
    ]
    assert item_hrefs(column.select_one("details#now-all-closed")) == [
        "../../notices/jinpu/2026/dues-q3/"
    ]
    assert item_hrefs(body.select_one("section:has(> h2#y2026)")) == [
        "../../notices/jinpu/2026/dues-q3-error/"
    ]
    assert item_hrefs(body.select_one("section:has(> h2#y2024)")) == [
        "../../notices/jinpu/2024/new-member-li-result/",
        "../../notices/jinpu/2024/new-member-li/",
    ]
    years = {
        text(li.a): (resolve(url, li.a["href"]), text(li.select_one(".nb-row__counts")))
        for li in body.select(".nb-row")
    }
    assert years == {
        "2026年": ("branches/jinpu/2026/", "3条"),
        "2024年": ("branches/jinpu/2024/", "2条"),
    }
    assert "当前公示2条，历年共发布5条" in text(body.select_one(".nb-lead"))
    fb = {text(d.dt): text(d.dd) for d in body.select(".nb-feedback .nb-facts > div")}
    assert fb == {"电话": "0550-7654321", "联系人": "支部书记"}


def test_branch_year_page_groups_by_month(site: Path) -> None:
    body = content(page(site, "branches/jinpu/2024/"))
    headings = [text(h) for h in body.select("section h2")]
    assert headings == ["2024年7月（1条）", "2024年6月（1条）"]
    crumbs = [text(a) for a in body.select(".nb-crumbs a")]
    assert crumbs == ["党组织", "金铺村党支部"]


def test_empty_branch_says_so(site: Path) -> None:
    body = content(page(site, "branches/yutao/"))
    assert text(body.select_one(".nb-column .nb-empty")) == "当前没有公开事项。"


def test_branches_index_counts_only_published(site: Path) -> None:
    body = content(page(site, "branches/"))
    rows = {text(li.a): text(li.select_one(".nb-row__counts")) for li in body.select(".nb-row")}
    assert rows == {
        "镇党委": "当前1条 · 共2条",
        "金铺村党支部": "当前2条 · 共5条",
        "余套村党支部": "当前0条 · 共0条",
    }


def test_categories_pages(site: Path) -> None:
    body = content(page(site, "categories/"))
    rows = {text(li.a): text(li.select_one(".nb-row__counts")) for li in body.select(".nb-row")}
    assert rows == {
        "组织建设": "当前2条 · 共4条",
        "财务公开": "当前1条 · 共2条",
        "村务公开": "当前0条 · 共1条",
    }
    finance = content(page(site, "categories/finance/"))
    assert item_hrefs(finance.select_one("section:has(> h2#current)")) == [
        "../../notices/jinpu/2026/dues-q3/"
    ]


def test_archive_pages(site: Path) -> None:
    body = content(page(site, "archive/"))
    rows = [(text(li.a), text(li.select_one(".nb-row__counts"))) for li in body.select(".nb-row")]
    assert rows == [("2026年", "3条"), ("2025年", "1条"), ("2024年", "2条"), ("2020年", "1条")]
    year = content(page(site, "archive/2026/"))
    assert item_hrefs(year) == [
        "../../notices/jinpu/2026/appraisal/",
        "../../notices/jinpu/2026/dues-q3/",
        "../../notices/jinpu/2026/dues-q3-error/",
    ]
    # every item's link leads to a built page
    for a in year.select("a[href]"):
        if not a["href"].startswith("#"):
            assert (site / resolve("archive/2026/", a["href"]) / "index.html").is_file()


def test_notice_body_is_sanitised(site: Path) -> None:
    soup = page(site, "notices/jinpu/2024/new-member-li/")
    body = soup.select_one(".nb-body")
    assert not body.select("script, style")
    assert "SCRIPT-IN-BODY" not in str(soup)
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            if attr in ("href", "src", "action", "formaction"):
                assert not str(value).strip().lower().startswith(("javascript:", "data:")), value
    assert not body.select("[style]")
    assert not body.select(".nb-banner")  # a body cannot imitate the site's state banner
    assert body.select_one("table td").text == "1"  # tables survive
    assert text(body.select_one("a")) == "原始链接"


def test_print_parts(site: Path) -> None:
    art = page(site, "notices/jinpu/2026/dues-q3/").select_one("article.nb-notice")
    qr = art.select_one("figure.nb-qr")
    assert qr.select_one("svg[role=img][aria-label]") is not None
    assert text(qr.figcaption).endswith(f"{SITE_URL}notices/jinpu/2026/dues-q3/")
    button = art.select_one("button[data-nb-print]")
    assert text(button) == "打印" and button["type"] == "button"


def test_page_title_is_the_notice_title(site: Path) -> None:
    soup = page(site, "notices/jinpu/2026/dues-q3/")
    assert soup.title.text == "2026年第三季度党费收缴情况 - 党务公开栏"


def test_state_script_reads_labels_from_the_page() -> None:
    """The live-state script holds no label of its own: it takes them from data-label-*."""
    script = (REPO / "overrides/assets/state.js").read_text(encoding="utf-8")
    for word in ("公示中", "公开中", "期满", "长期公开", "已归档", "已被替代"):
        assert word not in script
    assert '"data-label-"' in script


def test_state_script_knows_the_same_labels(site: Path) -> None:
    """The scripts read the labels the pages were built with, and keep no copy of their own."""
    for page in ("index.html", "404.html", "about/index.html"):
        data = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml").find(id="nb-site")
        assert data is not None and data.get("type") == "application/json", page
        found = json.loads(data.string)
        assert found["labels"] == {"active": "公示中", "closed": "公示期满", "standing": "长期公开",
                                   "archived": "已归档", "superseded": "已被替代"}  # fmt: skip
        assert found["stateOrder"] == [
            "公示中", "公开中", "公示期满", "公开期满", "长期公开", "已归档", "已被替代",
        ]  # fmt: skip
        assert found["timezone"] == "Asia/Shanghai"
    for name in ("state.js", "search.js"):
        script = (REPO / "overrides/assets" / name).read_text(encoding="utf-8")
        assert not [w for w in ("公示中", "公开中", "期满", "长期公开", "已归档") if w in script], (
            name
        )
        assert "北京时间" not in script and "Asia/Shanghai" not in script, name


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """Every file, the Pagefind bundle included (its filter files are rewritten in order). The
    second build has its QR codes drawn and half its notice bodies converted by child
    processes (qr_worker, body_worker), the first all here."""
    again = build_fixture(
        tmp_path / "again", extra_env={MIN_CODES_VARIABLE: "1", MIN_BODIES_VARIABLE: "1"}
    )

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    first, second = files(site), files(again)
    for part in ("index", "fragment", "filter"):
        assert any(re.match(rf"pagefind/[0-9][-0-9a-zQ]+/{part}/", k) for k in first), part
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_pages_announce_their_atom_feeds(site: Path) -> None:
    def feeds(url: str) -> set[str]:
        links = page(site, url).select("head link[rel~=alternate][type='application/atom+xml']")
        return {resolve(url, link["href"]) for link in links}

    assert feeds("") == {"feeds/all.xml"}
    assert feeds("branches/jinpu/") == {"feeds/all.xml", "feeds/branch/jinpu.xml"}
    assert feeds("branches/jinpu/2024/") == {"feeds/all.xml", "feeds/branch/jinpu.xml"}
    assert feeds("categories/finance/") == {"feeds/all.xml", "feeds/category/finance.xml"}


def test_the_demo_board_builds_without_a_trace_of_its_hidden_notices(built_site: Path) -> None:
    """The real repository (the demo content) builds strictly, and the marker words its draft,
    internal and upcoming notices carry appear in no output file."""
    markers = [m.encode() for m in DEMO_MARKERS.values()]
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        assert not [m for m in markers if m in data], path.relative_to(built_site)
