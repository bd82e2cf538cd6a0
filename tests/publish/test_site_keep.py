"""site/ between builds: only pages the last clean build wrote, with this build's key and
untouched since, stay; everything else in the page folders goes."""

from __future__ import annotations

import os
from pathlib import Path

from noticeboard.files import stamp_of
from noticeboard.publish.site_keep import (
    ASIDE,
    keep_unchanged,
    put_back,
    read_manifest,
    set_aside,
    write_manifest,
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_untouched_files_stay_and_everything_else_goes(tmp_path: Path):
    site = tmp_path / "site"
    write(site / "notices/a/index.html", "公示甲")
    write(site / "notices/b/index.html", "公示乙")  # rewritten since it was recorded
    write(site / "notices/c/index.html", "公示丙")  # not wanted: a removed notice
    write(site / "notices/c/old.csv", "x")
    write(site / "notices/d/index.html", "公示丁")  # same size, touched since
    (site / "notices/link").symlink_to(site / "notices/a")
    write(site / "assets/x.css", "css")  # not in a kept folder: not touched here
    recorded = {p: stamp_of(site / p) for p in ("notices/a/index.html", "notices/b/index.html")}
    recorded["notices/d/index.html"] = stamp_of(site / "notices/d/index.html")
    write(site / "notices/b/index.html", "公示乙改")
    before = os.stat(site / "notices/d/index.html")
    os.utime(site / "notices/d/index.html", ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert all(recorded.values())
    kept = keep_unchanged(site, ["notices"], recorded)  # type: ignore[arg-type]
    assert kept == {"notices/a/index.html"}
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        "assets",
        "assets/x.css",
        "notices",
        "notices/a",
        "notices/a/index.html",
    ]


def test_the_manifest_trusts_only_the_same_key(tmp_path: Path):
    site = tmp_path / "site"
    write(site / "notices/a/index.html", "甲")
    write(site / "notices/b/index.html", "乙")
    manifest = tmp_path / "cache/site.json"
    write_manifest(
        manifest, site, {"notices/a/index.html": "k1", "notices/b/index.html": "k2", "x": "k3"}
    )
    found = read_manifest(manifest)
    wanted = {"notices/a/index.html": "k1", "notices/b/index.html": "k2-new", "x": "k3"}
    # b's key moved (its notice changed); x was never written, so it is not recorded
    assert found.unchanged(wanted) == {
        "notices/a/index.html": stamp_of(site / "notices/a/index.html")
    }


def test_a_damaged_manifest_trusts_nothing(tmp_path: Path):
    for text in (
        "",
        "{",
        "[]",
        '{"pages": 1}',
        '{"pages": {"a": [1]}}',
        '{"pages": {"a": ["1", "x", 2]}}',
    ):
        write(tmp_path / "site.json", text)
        assert read_manifest(tmp_path / "site.json").unchanged({"a": "1"}) == {}
    assert read_manifest(tmp_path / "missing.json").unchanged({"a": "1"}) == {}


def test_folders_set_aside_survive_a_clean_and_come_back(tmp_path: Path):
    site = tmp_path / "site"
    write(site / "notices/a/index.html", "甲")
    write(site / "index.html", "首页")
    write(site / ASIDE / "notices/stale.html", "a half-finished build's leftover")
    assert set_aside(site, ["notices", "missing", "../outside"]) == ["notices"]
    assert sorted(p.name for p in site.iterdir()) == [ASIDE, "index.html"]
    assert put_back(site, ["notices"]) == ["notices"]
    assert (site / "notices/a/index.html").read_text(encoding="utf-8") == "甲"
    assert not (site / ASIDE).exists()
