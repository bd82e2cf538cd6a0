"""Writing the Pagefind bundle: a clear error instead of a traceback when Pagefind is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from noticeboard.publish.pagefind_bundle import read_cbor
from noticeboard.publish.search_index import SearchIndexError, write_search_index
from noticeboard.publish.search_records import SearchRecord

RECORD = SearchRecord(
    url="/notices/jinpu/2024/x/",
    content="党费收缴情况公示",
    meta={"title": "党费收缴情况公示"},
    filters={"branch": ["jinpu"]},
    sort={"date": "2024-01-01"},
)
FILTERS = {"filters": []}


def test_a_missing_pagefind_binary_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="Pagefind binary was not found"):
        write_search_index([RECORD], tmp_path, FILTERS)


def test_the_bundle_replaces_an_old_one_and_ships_no_prebuilt_ui(tmp_path: Path):
    stale = tmp_path / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    bundle = write_search_index([RECORD], tmp_path, FILTERS)
    assert not stale.exists()
    assert (bundle / "pagefind.js").is_file()
    assert len(list((bundle / "fragment").iterdir())) == 1
    assert not (bundle / "pagefind-ui.js").exists()


def _records(count: int) -> list[SearchRecord]:
    """Records with many values per filter: Pagefind's hash-map order would differ each run."""
    return [
        SearchRecord(
            url=f"/notices/b{i % 37}/2024/n{i}/",
            content=f"党费收缴情况公示 第{i}号",
            meta={"title": f"公示{i}"},
            filters={"branch": [f"b{i % 37}"], "year": [str(2000 + i % 23)]},
            sort={"date": f"2024-01-{1 + i % 28:02d}"},
        )
        for i in range(120)
    ]


def _files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_two_bundles_of_the_same_records_are_byte_identical(tmp_path: Path):
    first = _files(write_search_index(_records(120), tmp_path / "a", FILTERS))
    second = _files(write_search_index(_records(120), tmp_path / "b", FILTERS))
    assert any(name.startswith("filter/") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_filter_files_list_their_values_in_order_and_keep_their_pages(tmp_path: Path):
    bundle = write_search_index(_records(120), tmp_path, FILTERS)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read_cbor(bundle / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta")
    filters = meta[3]
    assert [name for name, _ in filters] == ["branch", "year"]
    branch = read_cbor(bundle / "filter" / f"{filters[0][1]}.pf_filter")
    assert branch[0] == "branch"
    values = [value for value, _ in branch[1]]
    assert values == sorted(values) and len(values) == 37
    pages = {value: sorted(p) for value, p in branch[1]}
    assert sum(len(p) for p in pages.values()) == 120
