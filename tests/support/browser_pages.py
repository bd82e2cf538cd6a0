"""What every browser test shares: one Chromium per module and a phone-sized page (fixtures,
imported by tests/conftest.py; a second conftest.py would shadow `from conftest import …`).

Asking for `browser` (directly or through `page`) means driving Chromium, so such a test must
carry the `browser` marker (support/markers.py enforces it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from support.chromium import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page at 360 px, the width of a cheap phone, in Chinese."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
