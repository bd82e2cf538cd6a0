"""Browser tests (Playwright + Debian's Chromium) on tests/fixtures/site for what only a browser
shows: a wide table at phone width, the live state on the visitor's clock, the print layout.
The axe and no-sideways-scroll gates over every kind of page are in test_a11y.py.

Set NB_SCREENSHOTS=<dir> to also save screenshots of the board, a notice, a branch page and the
print preview at 360 and 1280 px.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.server import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

PAGES = {
    "board": "",
    "notice": "notices/jinpu/2026/dues-q3/",
    "wide-table": "notices/jinpu/2024/new-member-li/",
    "branch": "branches/jinpu/",
    "archive-year": "archive/2026/",
}


@pytest.fixture(scope="module")
def base_url(fixture_site: Path) -> Iterator[str]:
    """tests/fixtures/site (built once per session), served at http://127.0.0.1:<port>/."""
    with serve(fixture_site) as url:
        yield url


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(width: int = 360, scheme: str = "light"):
        ctx = browser.new_context(
            viewport={"width": width, "height": 800},
            color_scheme=scheme,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def test_wide_table_scrolls_inside_its_own_box(new_page, base_url: str) -> None:
    page = new_page(360)
    page.goto(base_url + PAGES["wide-table"])
    boxes = page.evaluate(
        """(() => {
          const out = [];
          for (let e = document.querySelector('.nb-body table'); e && e.tagName !== 'ARTICLE';
               e = e.parentElement) {
            out.push([getComputedStyle(e).overflowX, e.scrollWidth, e.clientWidth]);
          }
          return out;
        })()"""
    )
    assert boxes[0][1] > 360  # the table is wider than the phone...
    assert any(o in ("auto", "scroll") and sw > cw for o, sw, cw in boxes)  # ...and scrolls


def label_and_banner(page, url: str) -> tuple[str, str]:
    page.goto(url)
    label = page.locator(".nb-status .nb-label").inner_text()
    banner = page.locator(".nb-status .nb-banner")
    return label, (banner.inner_text() if banner.is_visible() else "")


def test_live_state_follows_the_visitors_clock_in_beijing_time(new_page, base_url: str) -> None:
    url = base_url + PAGES["notice"]  # period 2026-10-10 .. 2026-10-16, expires 2026-12-31
    page = new_page(360)
    page.clock.set_fixed_time("2026-10-16T15:30:00Z")  # 23:30 on the 16th in Beijing
    label, banner = label_and_banner(page, url)
    assert label == "公开中"  # a periodic disclosure: 公开, not 公示
    assert banner.startswith("公开期为2026年10月10日至10月16日。")
    assert "nb-label--active" in page.locator(".nb-status .nb-label").get_attribute("class")
    page = new_page(360)
    page.clock.set_fixed_time("2026-10-16T16:30:00Z")  # 00:30 on the 17th in Beijing
    label, banner = label_and_banner(page, url)
    assert (label, banner) == ("公开期满", "公开期已于2026年10月16日届满。")
    assert "nb-label--closed" in page.locator(".nb-status .nb-label").get_attribute("class")


def test_a_notice_without_expires_goes_straight_to_the_archive(new_page, base_url: str) -> None:
    page = new_page(360)
    page.clock.set_fixed_time("2026-11-28T09:00:00+08:00")
    label, banner = label_and_banner(page, base_url + "notices/jinpu/2026/appraisal/")
    assert (label, banner) == ("已归档", "本公开事项已于2026年11月27日到期，现存档备查。")


def test_live_state_on_listings_and_archiving(new_page, base_url: str) -> None:
    page = new_page(1280)
    page.clock.set_fixed_time("2027-01-02T12:00:00+08:00")
    page.goto(base_url)
    labels = page.locator(".nb-item .nb-label").all_text_contents()  # the fold is closed
    # appraisal ended 2026-11-27, dues-q3 expired 2026-12-31, the standing notice stays
    assert labels == ["已归档", "长期公开", "已归档"]  # open, standing, then the folded closed
    label, banner = label_and_banner(page, base_url + "notices/jinpu/2026/dues-q3/")
    assert (label, banner) == ("已归档", "本公开事项已于2026年12月31日到期，现存档备查。")


def test_a_standing_notice_with_expires_stays_through_that_day(new_page, base_url: str) -> None:
    url = base_url + "notices/town/2020/organisation/"  # standing, expires 2027-06-30
    page = new_page(360)
    page.clock.set_fixed_time("2027-06-30T23:30:00+08:00")  # the day it expires: still standing
    assert label_and_banner(page, url) == ("长期公开", "")
    page = new_page(360)
    page.clock.set_fixed_time("2027-07-01T00:30:00+08:00")  # the day after, in Beijing
    label, banner = label_and_banner(page, url)
    assert (label, banner) == ("已归档", "本公开事项已于2027年6月30日到期，现存档备查。")
    assert "nb-label--archived" in page.locator(".nb-status .nb-label").get_attribute("class")


def test_superseded_stays_superseded(new_page, base_url: str) -> None:
    page = new_page(360)
    page.clock.set_fixed_time("2026-10-09T12:00:00+08:00")
    label, banner = label_and_banner(page, base_url + "notices/jinpu/2026/dues-q3-error/")
    assert label == "已被替代" and banner.startswith("本公开事项已被《")


def test_print_button(new_page, base_url: str) -> None:
    page = new_page(360)
    page.goto(base_url + PAGES["notice"])
    button = page.get_by_role("button", name="打印")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44


def test_print_layout_shows_only_the_notice(new_page, base_url: str) -> None:
    page = new_page(1280)
    page.goto(base_url + PAGES["notice"])
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".nb-print", ".nb-built"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("h1", ".nb-notice__number", ".nb-period", ".nb-body", ".nb-feedback", ".nb-qr"):
        assert page.locator(f"article.nb-notice {shown}").first.is_visible(), shown
    assert page.locator(".nb-qr svg").bounding_box()["width"] > 50
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def test_screenshots(new_page, base_url: str) -> None:
    """Saves screenshots for a person to look at (only when NB_SCREENSHOTS is set)."""
    out = os.environ.get("NB_SCREENSHOTS")
    if not out:
        pytest.skip("set NB_SCREENSHOTS=<dir> to save screenshots")
    Path(out).mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        for name in ("board", "notice", "branch", "wide-table"):
            page = new_page(width)
            page.goto(base_url + PAGES[name])
            page.screenshot(path=f"{out}/{name}-{width}.png", full_page=True)
        page = new_page(width)
        page.goto(base_url + PAGES["notice"])
        page.emulate_media(media="print")
        page.screenshot(path=f"{out}/print-{width}.png", full_page=True)
    page = new_page(360, "dark")
    page.goto(base_url + PAGES["notice"])
    page.screenshot(path=f"{out}/notice-360-dark.png", full_page=True)
