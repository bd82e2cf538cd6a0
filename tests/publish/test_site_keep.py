"""site/ between builds: only files byte-identical to what the build writes stay."""

from __future__ import annotations

from pathlib import Path

from noticeboard.publish.site_keep import ASIDE, keep_unchanged, put_back, set_aside


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_identical_files_stay_and_everything_else_goes(tmp_path: Path):
    site = tmp_path / "site"
    write(site / "notices/a/index.html", "公示甲")
    write(site / "notices/b/index.html", "公示乙")  # planned with other bytes
    write(site / "notices/c/index.html", "公示丙")  # not planned: a removed notice
    write(site / "notices/c/old.csv", "x")
    write(site / "notices/d/index.html", "公示丁丁")  # same length in characters, not bytes
    (site / "notices/link").symlink_to(site / "notices/a")
    write(site / "assets/x.css", "css")  # not in a kept folder: not touched here
    planned = {
        "notices/a/index.html": "公示甲",
        "notices/b/index.html": "公示乙改",
        "notices/d/index.html": "公示丁a",
    }
    kept = keep_unchanged(site, ["notices"], planned)
    assert kept == {"notices/a/index.html"}
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        "assets",
        "assets/x.css",
        "notices",
        "notices/a",
        "notices/a/index.html",
    ]


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
