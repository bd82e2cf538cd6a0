"""A real `mkdocs build --strict` into a folder, with a fixed today: the one way tests build.

The session fixtures that share one build per fixture site are in `support/sites.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_TODAY = "2026-11-26"
SITE_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "site"
# Words only the demo's draft, internal and upcoming notices carry: they must reach no output.
DEMO_MARKERS = {"draft": "标记草稿XJ7", "internal": "标记党内QK9", "upcoming": "标记预告ZP4"}


def build_site(
    out: Path,
    root: Path = REPO_ROOT,
    today: str = BUILD_TODAY,
    cache: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Path:
    """Build `root`'s site into `out` exactly as `make build` does, with a fixed today.

    The page cache goes to `cache`, by default a folder beside `out` (`<out>-cache`), so a build
    never reuses pages from another test's build unless it asks to."""
    # SOURCE_DATE_EPOCH stays out: the hooks derive it from today, for reproducible builds.
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NOTICEBOARD_TODAY=today, NO_MKDOCS_2_WARNING="1")
    env["NOTICEBOARD_CACHE_DIR"] = str(cache or out.with_name(out.name + "-cache"))
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    cmd += ["-f", str(root / "mkdocs.yml"), "-d", str(out)]
    run = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        pytest.fail(f"mkdocs build failed ({run.returncode}):\n{run.stderr[-4000:]}")
    return out


def build_fixture(
    dest: Path, today: str = BUILD_TODAY, extra_env: dict[str, str] | None = None
) -> Path:
    """`mkdocs build --strict` of the fixture board (tests/fixtures/site) into `dest`."""
    return build_site(dest, SITE_FIXTURE, today, extra_env=extra_env)
