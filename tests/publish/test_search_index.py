"""Writing the Pagefind bundles: one per year, reproducible, kept in the cache by a key of what
shapes them; a clear error instead of a traceback when Pagefind is missing."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from noticeboard.publish.pagefind_bundle import read_cbor
from noticeboard.publish.search_bundles import BundleCache, bundle_key, code_fingerprint
from noticeboard.publish.search_index import (
    SearchIndexError,
    by_year,
    record_year,
    write_search_index,
)
from noticeboard.publish.search_records import SearchRecord

RECORD = SearchRecord(
    url="/notices/jinpu/2024/x/",
    content="党费收缴情况公示",
    meta={"title": "党费收缴情况公示"},
    filters={"branch": ["jinpu"], "year": ["2024"]},
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
    assert len(list((bundle / "2024" / "fragment").iterdir())) == 1
    assert not [p for p in bundle.rglob("pagefind-ui.js")]
    assert not (bundle / "2024" / "pagefind.js").exists()  # one copy, in pagefind/


def _records(count: int) -> list[SearchRecord]:
    """Records with many values per filter: Pagefind's hash-map order would differ each run."""
    return [
        SearchRecord(
            url=f"/notices/b{i % 37}/2024/n{i}/",
            content=f"党费收缴情况公示 第{i}号",
            meta={"title": f"公示{i}"},
            filters={"branch": [f"b{i % 37}"], "year": [str(2024 + i % 2)]},
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
    assert any(name.startswith("2024/filter/") for name in first)
    assert any(name.startswith("2025/filter/") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_filter_files_list_their_values_in_order_and_keep_their_pages(tmp_path: Path):
    records = [replace(r, filters={**r.filters, "year": ["2024"]}) for r in _records(120)]
    bundle = write_search_index(records, tmp_path, FILTERS) / "2024"
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


def _record(url: str, year: str, content: str = "党费收缴情况公示") -> SearchRecord:
    return replace(RECORD, url=url, content=content, filters={"year": [year]})


def test_records_go_to_their_year_newest_year_first():
    a, b, c = _record("/a/", "2023"), _record("/b/", "2025"), _record("/c/", "2023")
    assert by_year([a, b, c]) == {"2025": [b], "2023": [a, c]}
    assert record_year(a) == "2023"


@pytest.mark.parametrize("years", [[], ["2024", "2025"], ["24"], ["../x"]])
def test_a_record_needs_one_four_digit_year(years: list[str]):
    with pytest.raises(ValueError, match="four-digit year"):
        record_year(replace(RECORD, filters={"year": years}))


def test_one_bundle_per_year_and_the_years_in_the_filters_document(tmp_path: Path):
    records = [_record("/a/", "2023"), _record("/b/", "2025"), _record("/c/", "2023")]
    bundle = write_search_index(records, tmp_path, FILTERS)
    doc = json.loads((bundle / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc == {"filters": [], "bundles": ["2025", "2023"]}
    counts = {}
    for year in ("2025", "2023"):
        entry = json.loads((bundle / year / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts[year] = entry["languages"]["zh"]["page_count"]
    assert counts == {"2025": 1, "2023": 2}
    # Pagefind's WebAssembly only where /search/ starts: the newest year's bundle
    assert [p.parent.name for p in bundle.rglob("wasm.*.pagefind")] == ["2025"]


def test_no_record_no_bundle(tmp_path: Path):
    bundle = write_search_index([], tmp_path, FILTERS)
    assert sorted(p.name for p in bundle.iterdir()) == ["nb-filters.json"]
    doc = json.loads((bundle / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc["bundles"] == []


def test_an_unchanged_year_is_taken_from_the_cache_a_changed_one_is_indexed(tmp_path: Path):
    cache = tmp_path / "cache"
    old = [_record("/a/", "2023"), _record("/b/", "2025")]
    write_search_index(old, tmp_path / "one", FILTERS, cache_dir=cache)
    kept = {p.name for p in cache.iterdir()}
    assert len(kept) == 2
    for folder in cache.iterdir():  # proof of reuse: a file planted in each kept bundle
        (folder / "planted.txt").write_text("kept")
    new = [_record("/a/", "2023", "党费收缴情况更正公示"), old[1]]
    warm = write_search_index(new, tmp_path / "two", FILTERS, cache_dir=cache)
    assert (warm / "2025" / "planted.txt").is_file()
    assert not (warm / "2023" / "planted.txt").exists()
    # the changed year's old bundle is set aside, then dropped; the new one kept
    BundleCache(cache).drop_old()
    assert len({p.name for p in cache.iterdir()} - kept) == 1
    assert len({p.name for p in cache.iterdir()}) == 2
    (warm / "2025" / "planted.txt").unlink()
    cold = write_search_index(new, tmp_path / "three", FILTERS)
    assert _files(warm) == _files(cold)
    fragments = b"".join(
        gzip.decompress(p.read_bytes()) for p in (warm / "2023" / "fragment").iterdir()
    )
    assert "更正".encode() in fragments


def test_the_key_follows_every_field_of_every_record_and_the_code():
    base = [_record("/a/", "2023"), _record("/b/", "2023")]
    keys = {bundle_key(base, "code")}
    for changed in (
        [replace(base[0], url="/z/"), base[1]],
        [replace(base[0], content="x"), base[1]],
        [replace(base[0], meta={"title": "y"}), base[1]],
        [replace(base[0], filters={"year": ["2023"], "state": ["archived"]}), base[1]],
        [replace(base[0], sort={"date": "2023-02-02"}), base[1]],
        [replace(base[0], language="en"), base[1]],
        [base[1], base[0]],
        base[:1],
    ):
        keys.add(bundle_key(changed, "code"))
    keys.add(bundle_key(base, "other code"))
    assert len(keys) == 10
    assert bundle_key(base, "code") == bundle_key(list(base), "code")


def test_the_code_fingerprint_follows_the_binary(tmp_path: Path):
    binary = tmp_path / "pagefind"
    binary.write_bytes(b"one")
    first = code_fingerprint(binary)
    assert code_fingerprint(binary) == first
    binary.write_bytes(b"other")
    assert code_fingerprint(binary) != first


def test_a_bundle_is_stored_whole_or_not_at_all(tmp_path: Path):
    cache = BundleCache(tmp_path / "cache")

    def broken(folder: Path) -> None:
        (folder / "pagefind-entry.json").write_text("{}")
        raise RuntimeError("indexer died")

    with pytest.raises(RuntimeError):
        cache.put("k", broken)
    assert cache.get("k") is None
    assert list((tmp_path / "cache").iterdir()) == []


def test_unused_bundles_are_set_aside_then_dropped(tmp_path: Path):
    cache = BundleCache(tmp_path / "cache")

    def bundle(folder: Path) -> None:
        (folder / "pagefind-entry.json").write_text("{}")

    for key in ("kept", "old"):
        cache.put(key, bundle)
    (tmp_path / "cache" / "stray.txt").write_text("x")
    cache.keep_only(["kept"])
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert names == [".old-old", "kept"]  # a rename now, the deletion after the build
    assert cache.get("old") is None and cache.get("kept") is not None
    cache.put("old", bundle)  # the same key again later: stored afresh
    cache.keep_only(["kept"])  # a second set-aside of the same name: deleted at once
    cache.drop_old()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["kept"]


def test_word_index_chunks_are_small_so_a_query_loads_little_from_each_year(tmp_path: Path):
    """Pagefind's default cuts the word index every 20,000 word locations; each year's bundle is
    cut every INDEX_CHUNK_SIZE (1,500), so these ~6,000 locations give several chunks."""
    words = " ".join(f"词{i}" for i in range(300))
    records = [_record(f"/n{i}/", "2024", f"{words} 第{i}号") for i in range(20)]
    bundle = write_search_index(records, tmp_path, FILTERS) / "2024"
    assert len(list((bundle / "index").iterdir())) >= 3
