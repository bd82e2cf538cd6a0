"""Gate: the built site in a real browser. WCAG 2.1 AA by axe-core (zero serious or critical
findings), no horizontal scroll on a 360 px phone, nothing fetched from outside the site, no
broken asset, no script error.

Each viewport visits every kind of page once (session fixture); the tests then judge one
aspect each, so a failure names what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Route

from support.axe import blocking, describe
from support.demo_build import REPO_ROOT
from support.pages import html_pages, representative, url_path, with_always_checked
from support.server import serve, site_path

pytestmark = [pytest.mark.browser, pytest.mark.build]


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    scheme: str  # prefers-color-scheme: light | dark


# A cheap phone, a desktop, and a phone in dark mode (Material follows the system scheme).
VIEWPORTS = [
    Viewport("phone", 360, 740, "light"),
    Viewport("desktop", 1280, 800, "light"),
    Viewport("phone-dark", 360, 740, "dark"),
]


@dataclass
class PageVisit:
    where: str
    violations: list[dict[str, Any]]
    scroll_width: int
    inner_width: int
    script_errors: list[str]


@dataclass
class Visits:
    """What one viewport saw across the pages checked."""

    viewport: Viewport
    pages: list[PageVisit] = field(default_factory=list)
    outside: set[str] = field(default_factory=set)
    broken: set[str] = field(default_factory=set)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site, site_path(REPO_ROOT / "mkdocs.yml")) as url:
        yield url


@pytest.fixture(scope="session")
def pages_to_check(built_site: Path) -> list[str]:
    """Every kind of page: home, 404, each listing kind, a few notices, each docs page."""
    chosen = with_always_checked(built_site, representative(built_site, html_pages(built_site)))
    return [url_path(built_site, p).lstrip("/") for p in chosen]


def _guard(context: BrowserContext, site_url: str, seen: Visits) -> None:
    """Block and record every request that leaves the site; record every failed response."""

    def only_local(route: Route) -> None:
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            seen.outside.add(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    context.on(
        "response",
        lambda r: seen.broken.add(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )


def visit(browser: Browser, site_url: str, paths: list[str], vp: Viewport) -> Visits:
    """Open each page at one viewport and record what the gates judge."""
    seen = Visits(vp)
    context = browser.new_context(
        viewport={"width": vp.width, "height": vp.height}, color_scheme=vp.scheme, locale="zh-CN"
    )
    _guard(context, site_url, seen)
    axe = Axe()
    try:
        for path in paths:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.goto(site_url + path, wait_until="load")
            seen.pages.append(
                PageVisit(
                    where=f"/{path} @ {vp.name} {vp.width}x{vp.height}",
                    violations=blocking(axe.run(page).response["violations"]),
                    scroll_width=page.evaluate("document.documentElement.scrollWidth"),
                    inner_width=page.evaluate("window.innerWidth"),
                    script_errors=errors,
                )
            )
            page.close()
    finally:
        context.close()
    return seen


@pytest.fixture(scope="module", params=VIEWPORTS, ids=lambda v: v.name)
def visits(
    request: pytest.FixtureRequest, browser: Browser, site_url: str, pages_to_check: list[str]
) -> Visits:
    return visit(browser, site_url, pages_to_check, request.param)


def test_axe_finds_nothing_serious_or_critical(visits: Visits) -> None:
    report = [describe(v.where, v.violations) for v in visits.pages if v.violations]
    assert not report, f"{len(visits.pages)} pages checked:\n" + "\n".join(report)


def test_no_page_scrolls_sideways(visits: Visits) -> None:
    wide = [
        f"{v.where}: {v.scroll_width} px wide in a {v.inner_width} px window"
        for v in visits.pages
        if v.scroll_width > v.inner_width
    ]
    assert not wide, "\n".join(wide)


def test_nothing_is_fetched_from_outside_the_site(visits: Visits) -> None:
    assert visits.pages
    assert sorted(visits.outside) == []


def test_no_broken_asset_or_script_error(visits: Visits) -> None:
    errors = [f"{v.where}: {e}" for v in visits.pages for e in v.script_errors]
    assert sorted(visits.broken) == []
    assert errors == []


def test_gates_catch_a_known_bad_page(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>坏</title>'
        '<meta name="viewport" content="width=device-width">'
        '<script src="https://cdn.example.invalid/x.js"></script></head><body><main>'
        '<img src="missing.png"><div style="width:600px">宽</div>'
        "<script>undefinedFunction()</script></main></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path, "/board/") as url:
        seen = visit(browser, url, ["bad.html"], VIEWPORTS[0])
    [page] = seen.pages
    assert "image-alt" in {v["id"] for v in page.violations}
    assert page.inner_width == 360 and page.scroll_width >= 600
    assert seen.outside == {"https://cdn.example.invalid/x.js"}
    assert any("missing.png" in b for b in seen.broken)
    assert any("undefinedFunction" in e for e in page.script_errors)
