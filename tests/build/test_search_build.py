"""A real build of the search fixture: one search (Pagefind), no lunr, nothing hidden indexed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

MARKERS = ("标记草稿XJ7", "标记内部QK4", "标记未来ZP9")


@pytest.fixture
def site(search_site: Path) -> Path:
    """tests/fixtures/search, built once per session (support/sites.py)."""
    return search_site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_no_lunr_index_and_a_pagefind_bundle_per_part(site: Path):
    """On 2026-11-26: this month's part holds the notice that started in November; the closed
    years, five notices in all, are folded into one part."""
    assert list(site.rglob("search_index.json")) == []
    doc = json.loads((site / "pagefind" / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc["bundles"] == ["2026-11", "2023-to-2025"]
    counts = {}
    for part in doc["bundles"]:
        entry = json.loads((site / "pagefind" / part / "pagefind-entry.json").read_text())
        counts[part] = entry["languages"]["zh"]["page_count"]
    assert counts == {"2026-11": 1, "2023-to-2025": 4}
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not list((site / "pagefind").rglob("pagefind-ui.js"))
    filters = {f["name"]: f["values"] for f in doc["filters"]}
    assert filters["branch"] == [
        {"id": "town", "label": "镇党委", "count": 1},
        {"id": "jinpu", "label": "金铺村党支部", "count": 2},
        {"id": "yutao", "label": "余套村党支部", "count": 2},
    ]
    assert [(v["id"], v["count"]) for v in filters["state"]] == [
        ("active", 1),
        ("standing", 1),
        ("archived", 3),
    ]
    # a state's label is the words its notices carry (the open one here is ad-hoc)
    assert [v["label"] for v in filters["state"]] == ["公示中", "长期公开", "已归档"]


def test_hidden_notices_leave_no_trace_in_the_index(site: Path):
    for path in (site / "pagefind").rglob("*"):
        if path.suffix in {".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"}:
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            for marker in MARKERS:
                assert marker not in text, path


def test_header_search_is_a_get_form_to_the_search_page(site: Path):
    page = soup(site / "notices" / "jinpu" / "2023" / "dues-q3" / "index.html")
    form = page.select_one("header form.md-search__form")
    assert form is not None
    assert form.get("method") == "get"
    assert form.get("name") != "search"  # Material starts lunr for a form named "search"
    base = "https://example.org/noticeboard/notices/jinpu/2023/dues-q3/"
    assert urljoin(base, form["action"]) == "https://example.org/noticeboard/search/"
    query = form.select_one("input[name=q]")
    assert query is not None and query.get("aria-label") == "搜索公示"
    assert page.select('[data-md-component="search"]') == []


def test_search_page_has_a_labelled_form_live_results_and_a_no_script_message(site: Path):
    page = soup(site / "search" / "index.html")
    main_form = page.select_one("form#nb-search")
    label = main_form.select_one("label[for=nb-search-q]")
    assert label.get_text(strip=True) == "搜索公示"
    assert main_form.select_one("#nb-search-q")["name"] == "q"
    assert page.select_one("#nb-search-status")["aria-live"] == "polite"
    assert "JavaScript" in page.select_one("noscript").get_text()
    scripts = [s.get("src", "") for s in page.select("script")]
    assert any(src.endswith("assets/search.js") for src in scripts)
