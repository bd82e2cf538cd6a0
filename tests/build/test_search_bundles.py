"""Each year's search bundle is kept in the build cache and never served stale.

A warm rebuild after a record of a cached year changed: that year's bundle holds the change,
the other years' bundles come from the cache, and the whole site — pagefind/ included — is
byte-identical to a build of the same inputs from nothing.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from support.demo_build import build_site
from support.search_fixture import FIXTURE, REPO_ROOT

pytestmark = pytest.mark.build

TODAY = "2026-11-26"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def fragments_text(bundle: Path) -> str:
    """What a year's bundle shows in results (Pagefind puts U+200B between Chinese words)."""
    return "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in sorted((bundle / "fragment").glob("*.pf_fragment"))
    ).replace("\u200b", "")


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


def test_a_changed_record_in_a_cached_year_is_reindexed_the_rest_reused(warm: Path, tmp_path: Path):
    root, cache = tmp_path / "root", tmp_path / "cache"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    bundles = cache / "search"
    before = {p.name for p in bundles.iterdir()}
    assert len(before) == 4  # 2023, 2024, 2025, 2026
    for kept in bundles.iterdir():  # proof of reuse: a file planted in each cached bundle
        (kept / "planted.txt").write_text("from the cache", encoding="utf-8")
    notice = root / "notices/yutao/2023/dues-q3.md"
    notice.write_text(
        notice.read_text(encoding="utf-8") + "\n补充说明缓存年份标记R8。\n", encoding="utf-8"
    )
    site = build_site(tmp_path / "site", root, TODAY, cache=cache)

    assert "缓存年份标记R8" in fragments_text(site / "pagefind" / "2023")
    planted = sorted(p.parent.name for p in (site / "pagefind").glob("*/planted.txt"))
    assert planted == ["2024", "2025", "2026"]  # 2023 was indexed again, the others reused
    after = {p.name for p in bundles.iterdir()}
    assert len(after) == 4 and len(after - before) == 1  # the old 2023 bundle is dropped

    for extra in (site / "pagefind").glob("*/planted.txt"):
        extra.unlink()
    cold = build_site(tmp_path / "cold", root, TODAY, cache=tmp_path / "cold-cache")
    warm_files, cold_files = files(site), files(cold)
    assert warm_files.keys() == cold_files.keys()
    assert [name for name in warm_files if warm_files[name] != cold_files[name]] == []


def test_tomorrow_reindexes_only_the_years_whose_states_moved(warm: Path, tmp_path: Path):
    """The state filter follows today: on the 27th only the 2026 notice (period ended on the
    26th) changes state, so only the 2026 bundle is indexed again."""
    cache = tmp_path / "cache"
    shutil.copytree(warm / "cache", cache)
    before = {p.name for p in (cache / "search").iterdir()}
    site = build_site(tmp_path / "site", warm / "root", "2026-11-27", cache=cache)
    after = {p.name for p in (cache / "search").iterdir()}
    assert len(after - before) == 1
    doc = json.loads((site / "pagefind" / "nb-filters.json").read_text(encoding="utf-8"))
    states = {f["name"]: f["values"] for f in doc["filters"]}["state"]
    assert [v["id"] for v in states] == ["standing", "archived"]
    cold = build_site(tmp_path / "cold", warm / "root", "2026-11-27", cache=tmp_path / "cold-cache")
    assert files(site) == files(cold)


def test_a_rebuild_in_place_leaves_unchanged_years_alone(warm: Path, tmp_path: Path):
    """site/pagefind/ is kept between builds: a year whose bundle did not change is not even
    copied again (its files are the cache's, linked), a changed year is replaced, nothing
    written into site/ reaches the cache, and the result equals a build from nothing."""
    root, cache, site = tmp_path / "root", tmp_path / "cache", tmp_path / "site"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    build_site(site, root, TODAY, cache=cache)
    entry = {year: (site / "pagefind" / year / "pagefind-entry.json") for year in ("2023", "2024")}
    before = {year: path.stat().st_ino for year, path in entry.items()}
    notice = root / "notices/yutao/2023/dues-q3.md"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n原地索引标记P2。\n", "utf-8")
    build_site(site, root, TODAY, cache=cache)
    assert entry["2024"].stat().st_ino == before["2024"]
    assert entry["2023"].stat().st_ino != before["2023"]
    assert "原地索引标记P2" in fragments_text(site / "pagefind" / "2023")

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
