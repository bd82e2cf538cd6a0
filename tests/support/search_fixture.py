"""Build a board of notices with the repository's own config (mkdocs.yml, docs, overrides, hooks):
the search fixture (tests/fixtures/search) and the hostile board (support/hostile.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.demo_build import build_site

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE = REPO_ROOT / "tests" / "fixtures" / "search"
TODAY = "2026-11-26"


def build_with_repo_config(workdir: Path, today: str = TODAY) -> Path:
    """`mkdocs build --strict` of the notices/ already in `workdir`, with copies of the repo's
    mkdocs.yml, docs, overrides and hooks beside them; returns the site folder."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            REPO_ROOT / folder, workdir / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    return build_site(workdir / "site", workdir, today)


def build_fixture_site(workdir: Path, today: str = TODAY) -> Path:
    """The search fixture's notices built with the repository's config."""
    shutil.copytree(FIXTURE / "notices", workdir / "notices")
    return build_with_repo_config(workdir, today)
