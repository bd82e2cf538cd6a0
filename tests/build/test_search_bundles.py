"""Each part's search bundle is kept in the build cache and never served stale.

The fixture's published notices make two parts on 2026-11-26: "2026-11" (the notice that
started this month) and "2023-to-2025" (the closed years, folded). A warm rebuild after a record
of a cached part changed: that part's bundle holds the change, the other comes from the cache,
and the whole site — pagefind/ included — is byte-identical to a build of the same inputs from
nothing. The next day moves a state and indexes nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support.demo_build import build_site
from support.pagefind_files import filter_of, fragments_text
from support.search_fixture import FIXTURE, REPO_ROOT

pytestmark = pytest.mark.build

TODAY = "2026-11-26"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search fixture with the repository's config, built once with its own cache."""
    base = tmp_path_factory.mktemp("search-bundles")
    root = base / "root"
    root.mkdir()
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            REPO_ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(FIXTURE / "notices", root / "notices")
    build_site(base / "site", root, TODAY, cache=base / "cache")
    return base


def test_a_changed_record_in_a_cached_part_is_reindexed_the_rest_reused(warm: Path, tmp_path: Path):
    root, cache = tmp_path / "root", tmp_path / "cache"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    bundles = cache / "search"
    before = {p.name for p in bundles.iterdir()}
    assert len(before) == 2  # 2026-11, 2023-to-2025
    for kept in bundles.iterdir():  # proof of reuse: a file planted in each cached bundle
        (kept / "planted.txt").write_text("from the cache", encoding="utf-8")
    notice = root / "notices/yutao/2023/dues-q3.md"
    notice.write_text(
        notice.read_text(encoding="utf-8") + "\n补充说明缓存年份标记R8。\n", encoding="utf-8"
    )
    site = build_site(tmp_path / "site", root, TODAY, cache=cache)

    assert "缓存年份标记R8" in fragments_text(site / "pagefind" / "2023-to-2025")
    planted = sorted(p.parent.name for p in (site / "pagefind").glob("*/planted.txt"))
    assert planted == ["2026-11"]  # 2023-to-2025 was indexed again, 2026-11 reused
    after = {p.name for p in bundles.iterdir()}
    assert len(after) == 2 and len(after - before) == 1  # the old bundle is dropped

    for extra in (site / "pagefind").glob("*/planted.txt"):
        extra.unlink()
    cold = build_site(tmp_path / "cold", root, TODAY, cache=tmp_path / "cold-cache")
    warm_files, cold_files = files(site), files(cold)
    assert warm_files.keys() == cold_files.keys()
    assert [name for name in warm_files if warm_files[name] != cold_files[name]] == []


def test_tomorrow_moves_a_state_and_indexes_nothing(warm: Path, tmp_path: Path):
    """The state filter follows today without a new index: on the 27th the 2026 notice (its
    period ended on the 26th) is archived; every bundle is the cached one, and the state
    filter written beside it says so."""
    cache = tmp_path / "cache"
    shutil.copytree(warm / "cache", cache)
    before = {p.name for p in (cache / "search").iterdir()}
    for kept in (cache / "search").iterdir():  # proof of reuse
        (kept / "planted.txt").write_text("from the cache", encoding="utf-8")
    site = build_site(tmp_path / "site", warm / "root", "2026-11-27", cache=cache)
    assert {p.name for p in (cache / "search").iterdir()} == before
    planted = sorted(p.parent.name for p in (site / "pagefind").glob("*/planted.txt"))
    assert planted == ["2026-11", "2023-to-2025"][::-1]
    moved = "/notices/yutao/2026/new-member/"
    assert filter_of(site / "pagefind" / "2026-11", "state") == {"archived": [moved]}
    doc = json.loads((site / "pagefind" / "nb-filters.json").read_text(encoding="utf-8"))
    states = {f["name"]: f["values"] for f in doc["filters"]}["state"]
    assert [v["id"] for v in states] == ["standing", "archived"]
    for extra in (site / "pagefind").glob("*/planted.txt"):
        extra.unlink()
    cold = build_site(tmp_path / "cold", warm / "root", "2026-11-27", cache=tmp_path / "cold-cache")
    assert files(site) == files(cold)


def test_a_rebuild_in_place_leaves_unchanged_parts_alone(warm: Path, tmp_path: Path):
    """site/pagefind/ is kept between builds: a part whose bundle did not change is not even
    copied again (its files are the cache's, linked; its per-build files unchanged), a changed
    part is replaced, nothing written into site/ reaches the cache, and the result equals a
    build from nothing."""
    root, cache, site = tmp_path / "root", tmp_path / "cache", tmp_path / "site"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    build_site(site, root, TODAY, cache=cache)
    entry = {
        part: (site / "pagefind" / part / "pagefind-entry.json")
        for part in ("2023-to-2025", "2026-11")
    }
    index = {part: sorted((site / "pagefind" / part / "index").iterdir()) for part in entry}
    before = {part: (path.stat().st_ino, path.read_bytes()) for part, path in entry.items()}
    indexed = {part: [p.stat().st_ino for p in paths] for part, paths in index.items()}
    notice = root / "notices/yutao/2023/dues-q3.md"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n原地索引标记P2。\n", "utf-8")
    build_site(site, root, TODAY, cache=cache)
    # the unchanged part: its entry file not rewritten, its index the same linked files
    assert entry["2026-11"].stat().st_ino == before["2026-11"][0]
    assert [p.stat().st_ino for p in index["2026-11"]] == indexed["2026-11"]
    # the changed part: a new entry (naming a new meta file) and a new word index
    assert entry["2023-to-2025"].read_bytes() != before["2023-to-2025"][1]
    now = {p.stat().st_ino for p in (site / "pagefind/2023-to-2025/index").iterdir()}
    assert not now & set(indexed["2023-to-2025"])  # the new bundle's files, linked
    assert "原地索引标记P2" in fragments_text(site / "pagefind" / "2023-to-2025")

    cold = build_site(tmp_path / "cold", root, TODAY, cache=tmp_path / "cold-cache")
    warm_files, cold_files = files(site), files(cold)
    assert warm_files.keys() == cold_files.keys()
    assert [name for name in warm_files if warm_files[name] != cold_files[name]] == []
    cached = {
        p.relative_to(cache / "search").as_posix(): p.read_bytes()
        for p in (cache / "search").rglob("*")
        if p.is_file()
    }
    cold_cached = {
        p.relative_to(tmp_path / "cold-cache" / "search").as_posix(): p.read_bytes()
        for p in (tmp_path / "cold-cache" / "search").rglob("*")
        if p.is_file()
    }
    assert cached == cold_cached  # same keys, same bytes: nothing leaked back into the cache
