"""The demo board in a browser: columns side by side on a desktop, stacked on a phone, and the
first screen of a 360 px phone shows an open notice, with the closed ones folded away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.demo_build import BUILD_TODAY, REPO_ROOT
from support.server import serve, site_path

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site, site_path(REPO_ROOT / "mkdocs.yml")) as url:
        yield url


def column_boxes(page) -> list[dict]:
    return [c.bounding_box() for c in page.locator(".nb-column").all()]


def test_columns_side_by_side_at_1280_and_stacked_at_360(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url)
    wide = column_boxes(page)
    assert len(wide) == 3 and len({round(b["y"]) for b in wide}) == 1  # one row
    assert wide[0]["x"] < wide[1]["x"] < wide[2]["x"]
    page.set_viewport_size({"width": 360, "height": 740})
    narrow = column_boxes(page)
    assert len({round(b["x"]) for b in narrow}) == 1  # one above the other
    assert narrow[0]["y"] < narrow[1]["y"] < narrow[2]["y"]
    page.close()


@pytest.mark.parametrize("url", ["", "branches/yutao/"])
def test_the_first_phone_screen_shows_an_open_notice(browser, site_url: str, url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.clock.set_fixed_time(f"{BUILD_TODAY}T12:00:00+08:00")  # the live state = the build's
    page.goto(site_url + url)
    first = page.locator(".nb-column .nb-item").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 740, box
    assert first.locator(".nb-label--active, .nb-label--standing").count() == 1
    # closed notices are there, but folded until asked for
    fold = page.locator("details.nb-fold").first
    closed = fold.locator(".nb-item").first
    assert not closed.is_visible()
    fold.locator("summary").click()
    assert closed.is_visible()
    page.close()
