"""Build the search fixture site (tests/fixtures/search) with the repository's own config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = REPO_ROOT / "tests" / "fixtures" / "search"
TODAY = "2026-11-26"


def build_fixture_site(workdir: Path, today: str = TODAY) -> Path:
    """Copy the repo's mkdocs.yml, docs, overrides and hooks beside the fixture notices, build
    with `mkdocs build --strict`, and return the site folder."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            REPO_ROOT / folder, workdir / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(FIXTURE / "notices", workdir / "notices")
    site = workdir / "site"
    env = {**os.environ, "NOTICEBOARD_TODAY": today}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site
