"""Writing the Pagefind bundles: one per part of the archive (this month, this year, closed
years folded), reproducible, kept in the cache by a key of what shapes them, with the day's
states added at each build; a clear error instead of a traceback when Pagefind is missing."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from noticeboard.publish import search_index
from noticeboard.publish.pagefind_bundle import read_cbor
from noticeboard.publish.search_bundles import BundleCache, bundle_key, code_fingerprint
from noticeboard.publish.search_index import (
    SearchIndexError,
    bundle_parts,
    record_year,
)
from noticeboard.publish.search_records import SearchRecord
from support.pagefind_files import filter_of, meta_of

RECORD = SearchRecord(
    url="/notices/jinpu/2024/x/",
    content="党费收缴情况公示",
    meta={"title": "党费收缴情况公示"},
    filters={"branch": ["jinpu"], "year": ["2024"], "date": ["2024-01-01"]},
)
FILTERS = {"filters": []}
# The records below are dated 2024 and earlier: on this day, closed years. With GROUP_MIN at
# 1 (below) each closed year is a part of its own, named by its year.
TODAY = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def year_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "GROUP_MIN", 1)


def write_search_index(
    records: list[SearchRecord],
    site: Path,
    filters: dict[str, object],
    *,
    states: dict[str, str] | None = None,
    today: date = TODAY,
    **options: object,
) -> Path:
    """The index with every record "active" unless `states` says otherwise."""
    everyone = {record.url: "active" for record in records} | (states or {})
    return search_index.write_search_index(
        records, site, filters, states=everyone, today=today, **options
    )


def test_a_missing_pagefind_binary_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match="Pagefind binary was not found"):
        write_search_index([RECORD], tmp_path, FILTERS)


def test_a_file_gone_while_indexing_is_not_called_a_missing_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The cache folder removed during a build: the error says what went missing, not that
    Pagefind is not installed."""

    def gone(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError(2, "No such file or directory", "search/.tmp-x/pagefind-entry.json")

    monkeypatch.setattr(search_index, "index_bundle", gone)
    with pytest.raises(SearchIndexError) as raised:
        write_search_index([RECORD], tmp_path, FILTERS, cache_dir=tmp_path / "cache")
    assert "pagefind-entry.json" in str(raised.value)
    assert "binary" not in str(raised.value)


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
    """Records with many values per filter (Pagefind's hash-map order would differ each run),
    half of them in 2024 and half in 2023."""
    return [
        SearchRecord(
            url=f"/notices/b{i % 37}/{2024 - i % 2}/n{i}/",
            content=f"党费收缴情况公示 第{i}号",
            meta={"title": f"公示{i}"},
            filters={
                "branch": [f"b{i % 37}"],
                "year": [str(2024 - i % 2)],
                "date": [f"{2024 - i % 2}-01-{1 + i % 28:02d}"],
            },
        )
        for i in range(count)
    ]


def _files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_two_bundles_of_the_same_records_are_byte_identical(tmp_path: Path):
    first = _files(write_search_index(_records(120), tmp_path / "a", FILTERS))
    second = _files(write_search_index(_records(120), tmp_path / "b", FILTERS))
    assert any(name.startswith("2024/filter/") for name in first)
    assert any(name.startswith("2023/filter/") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_filter_files_list_their_values_in_order_and_keep_their_pages(tmp_path: Path):
    records = [replace(r, filters={**r.filters, "year": ["2024"]}) for r in _records(120)]
    bundle = write_search_index(records, tmp_path, FILTERS) / "2024"
    filters = meta_of(bundle)[3]
    assert [name for name, _ in filters] == ["branch", "date", "state", "year"]
    branch = read_cbor(bundle / "filter" / f"{filters[0][1]}.pf_filter")
    assert branch[0] == "branch"
    values = [value for value, _ in branch[1]]
    assert values == sorted(values) and len(values) == 37
    pages = {value: sorted(p) for value, p in branch[1]}
    assert sum(len(p) for p in pages.values()) == 120


def test_no_sort_order_in_the_meta_file_every_query_loads_only_the_date_filter(tmp_path: Path):
    """Browsing orders by the date filter, whose file only a browse fetches; a Pagefind sort
    would put a page order in the meta file (2 bytes a notice) that every query loads."""
    records = _records(60)
    bundle = write_search_index(records, tmp_path, FILTERS) / "2024"
    assert meta_of(bundle)[4] == []
    dates = filter_of(bundle, "date")
    wanted: dict[str, list[str]] = {}
    for record in records:
        if "/2024/" in record.url:
            wanted.setdefault(record.filters["date"][0], []).append(record.url)
    assert dates == {day: sorted(urls) for day, urls in wanted.items()}


def _record(url: str, year: str, content: str = "党费收缴情况公示", day: str = "") -> SearchRecord:
    return replace(
        RECORD,
        url=url,
        content=content,
        filters={"year": [year], "date": [day or f"{year}-01-01"]},
    )


def test_a_record_names_its_year():
    assert record_year(_record("/a/", "2023")) == "2023"


@pytest.mark.parametrize("years", [[], ["2024", "2025"], ["24"], ["../x"]])
def test_a_record_needs_one_four_digit_year(years: list[str]):
    with pytest.raises(ValueError, match="four-digit year"):
        record_year(replace(RECORD, filters={"year": years}))


def test_parts_this_month_this_years_quarters_and_closed_years_folded(monkeypatch):
    monkeypatch.setattr(search_index, "GROUP_MIN", 3)
    today = date(2026, 11, 26)
    month = [_record(f"/m{i}/", "2026", day=f"2026-11-{1 + i:02d}") for i in range(2)]
    october = [_record("/oct/", "2026", day="2026-10-31")]
    spring = [_record(f"/{day}/", "2026", day=day) for day in ("2026-02-01", "2026-03-31")]
    closed = {
        "2019": [_record("/c19/", "2019")],
        "2020": [_record(f"/c20-{i}/", "2020") for i in range(2)],  # 2019-2020: 3, full
        "2021": [_record(f"/c21-{i}/", "2021") for i in range(4)],  # alone: 4
        "2023": [_record("/c23/", "2023")],  # 2023 and 2025: the newest, not yet full
        "2025": [_record("/c25/", "2025")],
    }
    everything = [*closed["2025"], *month, *closed["2019"], *october, spring[1]]
    everything += [*closed["2021"], *closed["2023"], *closed["2020"], spring[0]]
    parts = bundle_parts(everything, today)
    assert list(parts) == [
        "2026-11", "2026-Q4", "2026-Q1", "2023-to-2025", "2021", "2019-to-2020",
    ]  # fmt: skip
    assert parts["2026-11"] == month
    assert parts["2026-Q4"] == october
    assert parts["2026-Q1"] == [spring[1], spring[0]]  # in the order given
    assert parts["2023-to-2025"] == [*closed["2023"], *closed["2025"]]
    assert parts["2021"] == closed["2021"]
    assert parts["2019-to-2020"] == [*closed["2019"], *closed["2020"]]
    # on the first of the month, last month's notices join their quarter's part
    december = bundle_parts(everything, date(2026, 12, 1))
    assert list(december)[:2] == ["2026-Q4", "2026-Q1"]
    assert december["2026-Q4"] == [*month, *october]
    # on the first of January, last year is closed: its quarters join the open folded part
    january = bundle_parts(everything, date(2027, 1, 1))
    assert list(january)[:2] == ["2023-to-2026", "2021"]
    assert len(january["2023-to-2026"]) == 2 + len(month) + len(october) + len(spring)
    # a full folded part stays as it is when more years close after it
    later = bundle_parts([*everything, _record("/c24/", "2024")], today)
    assert later["2019-to-2020"] == parts["2019-to-2020"] and later["2021"] == parts["2021"]


def test_one_bundle_per_part_and_the_parts_in_the_filters_document(tmp_path: Path):
    records = [_record("/a/", "2023"), _record("/b/", "2024"), _record("/c/", "2023")]
    records.append(_record("/d/", "2024", day="2024-03-02"))
    bundle = write_search_index(records, tmp_path, FILTERS, today=date(2024, 3, 10))
    doc = json.loads((bundle / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc == {"filters": [], "bundles": ["2024-03", "2024-Q1", "2023"]}
    counts = {}
    for part in doc["bundles"]:
        entry = json.loads((bundle / part / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts[part] = entry["languages"]["zh"]["page_count"]
    assert counts == {"2024-03": 1, "2024-Q1": 1, "2023": 2}
    # Pagefind's WebAssembly only where /search/ starts: the newest part's bundle
    assert [p.parent.name for p in bundle.rglob("wasm.*.pagefind")] == ["2024-03"]
    # the page list kept beside each bundle in the cache is not shipped
    assert not list(bundle.rglob("nb-pages.json"))


def test_the_state_filter_is_the_days_not_the_index(tmp_path: Path):
    """A new day moves states: the kept bundles are used as they are (nothing indexed), only
    the state filter and the files that name it change, and the site equals a cold build's."""
    cache = tmp_path / "cache"
    records = _records(40)
    urls = [record.url for record in records]
    first = write_search_index(records, tmp_path / "one", FILTERS, cache_dir=cache)
    assert filter_of(first / "2024", "state") == {
        "active": sorted(url for url in urls if "/2024/" in url)
    }
    for folder in cache.iterdir():  # proof of reuse: a file planted in each kept bundle
        (folder / "planted.txt").write_text("kept")
    moved = {url: "archived" for url in urls[:10]} | {urls[10]: "superseded"}
    site = tmp_path / "two"
    write_search_index(records, site, FILTERS, cache_dir=cache)
    inode = (site / "pagefind" / "2024" / "index").stat().st_ino
    kept = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.pf_index")}
    again = write_search_index(records, site, FILTERS, states=moved, cache_dir=cache)
    assert (again / "2024" / "planted.txt").is_file() and (again / "2023" / "planted.txt").is_file()
    state = filter_of(again / "2024", "state")
    assert state["archived"] == sorted(url for url in urls[:10] if "/2024/" in url)
    assert state["superseded"] == [urls[10]]  # /notices/b10/2024/n10/
    # the word index in site/ was left alone: same files, same inodes
    assert (site / "pagefind" / "2024" / "index").stat().st_ino == inode
    now = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.pf_index")}
    assert now == kept
    for path in (again / "2024", again / "2023"):
        (path / "planted.txt").unlink()
    cold = write_search_index(records, tmp_path / "three", FILTERS, states=moved)
    assert _files(again) == _files(cold)


def test_stray_and_damaged_files_in_a_kept_part_are_replaced(tmp_path: Path):
    cache = tmp_path / "cache"
    records = _records(10)
    site = tmp_path / "site"
    bundle = write_search_index(records, site, FILTERS, cache_dir=cache)
    (bundle / "2024" / "stray.txt").write_text("x")
    entry = bundle / "2024" / "pagefind-entry.json"
    entry.unlink()
    entry.write_text("{}")  # a damaged file of the build's own
    (fragment,) = list((bundle / "2024" / "fragment").iterdir())[:1]
    fragment.unlink()
    fragment.write_bytes(b"not the cache's")  # a damaged copy of a kept file
    os.symlink("/etc/hostname", bundle / "2024" / "index" / "evil.pf_index")
    again = write_search_index(records, site, FILTERS, cache_dir=cache)
    cold = write_search_index(records, tmp_path / "cold", FILTERS)
    assert _files(again) == _files(cold)
    assert not (again / "2024" / "index" / "evil.pf_index").is_symlink()


def test_no_record_no_bundle(tmp_path: Path):
    bundle = write_search_index([], tmp_path, FILTERS)
    assert sorted(p.name for p in bundle.iterdir()) == ["nb-filters.json"]
    doc = json.loads((bundle / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc["bundles"] == []


def test_an_unchanged_part_is_taken_from_the_cache_a_changed_one_is_indexed(tmp_path: Path):
    cache = tmp_path / "cache"
    old = [_record("/a/", "2023"), _record("/b/", "2024")]
    write_search_index(old, tmp_path / "one", FILTERS, cache_dir=cache)
    kept = {p.name for p in cache.iterdir()}
    assert len(kept) == 2
    for folder in cache.iterdir():  # proof of reuse: a file planted in each kept bundle
        (folder / "planted.txt").write_text("kept")
    new = [_record("/a/", "2023", "党费收缴情况更正公示"), old[1]]
    warm = write_search_index(new, tmp_path / "two", FILTERS, cache_dir=cache)
    assert (warm / "2024" / "planted.txt").is_file()
    assert not (warm / "2023" / "planted.txt").exists()
    # the changed year's old bundle is set aside, then dropped; the new one kept
    BundleCache(cache).drop_old()
    assert len({p.name for p in cache.iterdir()} - kept) == 1
    assert len({p.name for p in cache.iterdir()}) == 2
    (warm / "2024" / "planted.txt").unlink()
    cold = write_search_index(new, tmp_path / "three", FILTERS)
    assert _files(warm) == _files(cold)
    fragments = b"".join(
        gzip.decompress(p.read_bytes()) for p in (warm / "2023" / "fragment").iterdir()
    )
    assert "更正".encode() in fragments


def test_a_damaged_cached_bundle_is_indexed_again(tmp_path: Path):
    cache = tmp_path / "cache"
    records = _records(10)
    write_search_index(records, tmp_path / "one", FILTERS, cache_dir=cache)
    for pages in cache.glob("*/nb-pages.json"):
        pages.unlink()
    again = write_search_index(records, tmp_path / "two", FILTERS, cache_dir=cache)
    cold = write_search_index(records, tmp_path / "three", FILTERS)
    assert _files(again) == _files(cold)
    assert len(list(cache.glob("*/nb-pages.json"))) == 2  # stored again


def test_the_key_follows_every_field_of_every_record_and_the_code():
    base = [_record("/a/", "2023"), _record("/b/", "2023")]
    keys = {bundle_key(base, "code")}
    for changed in (
        [replace(base[0], url="/z/"), base[1]],
        [replace(base[0], content="x"), base[1]],
        [replace(base[0], meta={"title": "y"}), base[1]],
        [replace(base[0], filters={"year": ["2023"], "state": ["archived"]}), base[1]],
        [replace(base[0], filters={"year": ["2023"], "date": ["2023-02-02"]}), base[1]],
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


def test_two_parts_are_indexed_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Pagefind indexes on about one core: two parts are indexed together, so that the parts
    left when a build's last page is written take both cores. The first two indexings wait
    for each other here; one at a time, the first would wait in vain."""
    import threading

    together = threading.Barrier(2, timeout=10)
    original = search_index.index_bundle
    calls: list[int] = []

    def paired(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            together.wait()  # BrokenBarrierError (the build fails) if alone
        return original(*args, **kwargs)

    monkeypatch.setattr(search_index, "index_bundle", paired)
    records = [_record("/a/", "2023"), _record("/b/", "2024"), _record("/c/", "2022")]
    bundle = write_search_index(records, tmp_path, FILTERS)
    assert len(calls) == 3
    doc = json.loads((bundle / "nb-filters.json").read_text(encoding="utf-8"))
    assert doc["bundles"] == ["2024", "2023", "2022"]
