"""Build the search fixture site (tests/fixtures/search) with the repository's own config."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.demo_build import build_site

REPO_ROOT = Path(__file__).resolve().parents[2]
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
    return build_site(workdir / "site", workdir, today)
