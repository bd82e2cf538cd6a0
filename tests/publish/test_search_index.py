"""Writing the Pagefind bundle: a clear error instead of a traceback when Pagefind is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.publish.search_index import SearchIndexError, write_search_index
from noticeboard.publish.search_records import SearchRecord

RECORD = SearchRecord(
    url="/notices/jinpu/2024/x/",
    content="党费收缴情况公示",
    meta={"title": "党费收缴情况公示"},
    filters={"branch": ["金铺村党支部"]},
    sort={"date": "2024-01-01"},
)


def test_a_missing_pagefind_binary_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="Pagefind binary was not found"):
        write_search_index([RECORD], tmp_path)


def test_the_bundle_replaces_an_old_one_and_ships_no_prebuilt_ui(tmp_path: Path):
    stale = tmp_path / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    bundle = write_search_index([RECORD], tmp_path)
    assert not stale.exists()
    assert (bundle / "pagefind.js").is_file()
    assert len(list((bundle / "fragment").iterdir())) == 1
    assert not (bundle / "pagefind-ui.js").exists()
