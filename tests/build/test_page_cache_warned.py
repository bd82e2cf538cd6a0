"""A build that warned keeps none of its renders in the page cache (they are stored while it
renders and taken out at its end), so the page that warned warns again next build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support.tiny_site import GOOD, run_build, write_site

pytestmark = pytest.mark.build


def build(root: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return run_build(root, env={"NOTICEBOARD_CACHE_DIR": str(cache)})


def stored_pages(cache: Path) -> list[Path]:
    return [p for p in (cache / "pages").rglob("*") if p.is_file() and p.parent.name != "texts"]


def test_a_build_that_warned_keeps_no_page_and_the_next_clean_one_does(repo, tmp_path: Path):
    root = write_site(repo({"jinpu/2024/a.md": GOOD}))
    about = root / "docs" / "about.md"
    about.write_text("# 关于本站\n\n见[说明](missing.md)。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    warned = build(root, cache)
    assert warned.returncode == 0, warned.stderr
    assert "missing.md" in warned.stderr and "WARNING" in warned.stderr
    assert (root / "site" / "notices" / "jinpu" / "2024" / "a" / "index.html").is_file()
    assert stored_pages(cache) == []
    about.write_text("# 关于本站\n", encoding="utf-8")
    clean = build(root, cache)
    assert clean.returncode == 0, clean.stderr
    assert any(p.suffix == ".html" for p in stored_pages(cache))
    assert not any(p.name.startswith(".tmp-") for p in stored_pages(cache))
