"""Browsing /search/ (a filter, no query) on the demo board: newest first, page after page.

The demo's notices of one year are spread over several search bundles (this month's, each
quarter's), more than one page of results, and several share a start date: the order must hold
across bundles and pages, and every notice must come exactly once.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import cbor2
import pytest
from playwright.sync_api import Page, expect

from support.demo_build import REPO_ROOT
from support.server import serve, site_path

pytestmark = [pytest.mark.browser, pytest.mark.build]

PAGE_SIZE = 10  # search.js shows this many results at a time
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site, site_path(REPO_ROOT / "mkdocs.yml")) as url:
        yield url


def browse_all(page: Page, url: str) -> tuple[int, list[tuple[str, str]]]:
    """Open `url`, press 显示更多 until it goes; the count the page states and each result's
    (start date, link) in the order shown (the start date is the first date of its period)."""
    page.goto(url)
    status = page.locator("#nb-search-status")
    expect(status).to_contain_text("找到")
    total = int(re.search(r"找到 (\d+) 条", status.inner_text()).group(1))
    results = page.locator("#nb-search-results .nb-search__result")
    more = page.locator("#nb-search-more")
    while more.is_visible():
        shown = results.count()
        more.click()
        expect(results).not_to_have_count(shown)
    found = []
    for item in results.all():
        facts = item.locator(".nb-search__meta").inner_text()
        found.append((DATE.search(facts).group(0), item.locator("a").get_attribute("href")))
    return total, found


def test_browsing_a_year_lists_every_notice_newest_first_across_pages(
    page: Page, site_url: str
) -> None:
    total, found = browse_all(page, f"{site_url}search/?year=2026")
    assert total > 2 * PAGE_SIZE  # three pages at least: the button is used twice
    assert len(found) == total
    assert len({link for _, link in found}) == total  # none twice
    dates = [day for day, _ in found]
    assert dates == sorted(dates, reverse=True)
    assert len(set(dates)) < len(dates)  # some share a day; they come once each all the same
    assert all(day.startswith("2026-") for day in dates)


def test_browsing_with_two_filters_keeps_to_both(page: Page, site_url: str) -> None:
    _, year = browse_all(page, f"{site_url}search/?year=2026")
    total, found = browse_all(page, f"{site_url}search/?year=2026&branch=jinpu")
    assert 0 < total == len(found) < len(year)
    assert {link for _, link in found} == {link for _, link in year if "/notices/jinpu/" in link}
    assert [day for day, _ in found] == sorted((day for day, _ in found), reverse=True)


def test_browsing_fetches_no_word_index(page: Page, site_url: str) -> None:
    """A search without words reads no word index: Pagefind 1.5.2 would fetch every chunk
    of it (7.9 MB at 10,000 notices) unless the bundle lists a chunk for the empty word."""
    chunks: dict[str, bytes] = {}
    page.on(
        "response",
        lambda r: chunks.update({r.url: r.body()}) if r.url.endswith(".pf_index") else None,
    )
    total, found = browse_all(page, f"{site_url}search/?year=2026")
    assert total == len(found) > 0
    assert chunks  # one per bundle: the empty word's
    for body in chunks.values():
        raw = gzip.decompress(body)
        assert raw.startswith(b"pagefind_dcd") and cbor2.loads(raw[12:]) == [[]]
    # a query afterwards still finds its words' chunks
    page.fill("#nb-search-q", "党费")
    page.press("#nb-search-q", "Enter")
    expect(page.locator("#nb-search-status")).to_contain_text("找到")
    assert page.locator("#nb-search-results .nb-search__result").count() > 0
    assert any(cbor2.loads(gzip.decompress(b)[12:]) != [[]] for b in chunks.values())
