"""/search/ in Chromium over the hostile board (support/hostile.py): titles, facts and filter
names carrying markup are shown as the text they are, and nothing in them runs.

The search page builds its results and filters in the browser from the Pagefind index and
nb-filters.json, so the build tests (tests/build/test_hostile_fields.py, which reads that data)
cannot see what the page makes of it; this test can.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from support.hostile import hostile
from support.server import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Elements or attributes the markup would have made, had any of it been parsed as HTML.
MADE_FROM_MARKUP = """() => {
  const found = [];
  for (const node of document.querySelectorAll("*")) {
    if (node.tagName === "IMG" && node.getAttribute("src") === "x") found.push("img src=x");
    for (const attr of node.attributes) {
      if (/^on/i.test(attr.name) || /[<>"'&]/.test(attr.name)) found.push(attr.name);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def base_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site, "/") as url:
        yield url


def test_results_and_filters_show_hostile_values_as_text(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}search/?q={quote('title')}")
    expect(page.locator("#nb-search-status")).to_contain_text("找到")
    result = page.locator("#nb-search-results li").filter(has_text="title")
    expect(result).to_have_count(1)
    expect(result.locator(".nb-search__title")).to_have_text(hostile("title"))
    expect(result.locator(".nb-search__meta")).to_contain_text(hostile("branch.name"))
    expect(result.locator(".nb-search__meta")).to_contain_text(hostile("body.name"))
    branches = page.locator("#nb-search-branch option").all_inner_texts()
    categories = page.locator("#nb-search-category option").all_inner_texts()
    assert f"{hostile('branch.name')}（3）" in branches
    assert any(c.startswith(hostile("category.name") + "（") for c in categories), categories
    # choosing the hostile branch filters by its id and still shows the names as text
    page.select_option("#nb-search-branch", label=f"{hostile('branch.name')}（3）")
    expect(page.locator("#nb-search-status")).to_contain_text("找到")
    assert "branch=town" in page.url
    page.wait_for_timeout(300)  # an onerror handler would fire once the broken image loads
    assert page.evaluate(MADE_FROM_MARKUP) == []
    assert (dialogs, errors) == ([], [])
