"""Gate: the built site in a real browser. WCAG 2.1 AA by axe-core (zero serious or critical
findings), no horizontal scroll on a 360 px phone, nothing fetched from outside the site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, sync_playwright

from quality.axe import blocking, describe
from quality.pages import html_pages, representative, url_path
from quality.server import serve, site_path
from sitebuild import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.build]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# (name, width, height, colour scheme): a cheap phone, a desktop, and a phone in dark mode.
VIEWPORTS = [
    ("phone", 360, 740, "light"),
    ("desktop", 1280, 800, "light"),
    ("phone-dark", 360, 740, "dark"),
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site, site_path(REPO_ROOT / "mkdocs.yml")) as url:
        yield url


@pytest.fixture(scope="session")
def pages_to_check(built_site: Path) -> list[str]:
    """Every kind of page: home, 404, each listing kind, a few notices, each docs page."""
    return [
        url_path(built_site, p).lstrip("/")
        for p in representative(built_site, html_pages(built_site))
    ]


@pytest.mark.parametrize(("name", "width", "height", "scheme"), VIEWPORTS, ids=lambda v: str(v))
def test_pages_pass_axe_and_fit_the_screen(
    browser: Browser,
    site_url: str,
    pages_to_check: list[str],
    name: str,
    width: int,
    height: int,
    scheme: str,
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, locale="zh-CN"
    )
    outside: list[str] = []
    broken: set[str] = set()

    def only_local(route) -> None:
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    context.on(
        "response",
        lambda r: broken.add(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    axe = Axe()
    problems: list[str] = []
    try:
        for path in pages_to_check:
            page = context.new_page()
            script_errors: list[str] = []
            page.on("pageerror", lambda exc, errs=script_errors: errs.append(str(exc)))
            response = page.goto(site_url + path, wait_until="load")
            where = f"/{path} @ {name} {width}x{height}"
            if response is None:
                problems.append(f"{where}: no answer")
            found = blocking(axe.run(page).response["violations"])
            if found:
                problems.append(describe(where, found))
            scroll = page.evaluate("document.documentElement.scrollWidth")
            inner = page.evaluate("window.innerWidth")
            if scroll > inner:
                problems.append(f"{where}: scrolls sideways ({scroll} px wide in {inner} px)")
            problems.extend(f"{where}: script error: {e}" for e in script_errors)
            page.close()
    finally:
        context.close()
    problems.extend(f"fetched from outside the site: {u}" for u in sorted(set(outside)))
    problems.extend(f"broken link or asset: {b}" for b in sorted(broken))
    assert not problems, f"{len(pages_to_check)} pages checked:\n" + "\n".join(problems)
