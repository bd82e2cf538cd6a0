"""One build per fixture site per test session, shared by every test that reads it.

The three sites: the demo (the repository itself), tests/fixtures/site and tests/fixtures/search,
each built once for BUILD_TODAY. A test that needs another day or a second build (the
reproducibility check) builds its own copy with `support.demo_build.build_site`.

Every fixture here runs a real build, so a test that asks for one must carry the `build`
marker; `tests/conftest.py` fails the run when it does not (SITE_FIXTURES).

Under pytest-xdist (`-n 2`) each worker is a session of its own; the workers still share one
build per site: the first to take the site's file lock builds it, the others wait and read it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from support.demo_build import build_fixture, build_site
from support.hostile import write_board
from support.search_fixture import build_fixture_site, build_with_repo_config

SITE_FIXTURES = frozenset({"built_site", "fixture_site", "search_site", "hostile_site"})


def once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(folder)` run once per test run, also across xdist workers; its result shared."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build(factory.mktemp(name))
    shared = factory.getbasetemp().parent / f"shared-{name}"  # the run's folder, not a worker's
    with FileLock(f"{shared}.lock"):
        done = shared / "built-site.txt"
        if not done.is_file():
            shared.mkdir(exist_ok=True)
            done.write_text(str(build(shared)), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (notices/, docs/, overrides/): the demo board."""
    return once(tmp_path_factory, "demo", lambda folder: build_site(folder / "site"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/site built: a small board with every state and link between notices."""
    return once(tmp_path_factory, "fixture", lambda folder: build_fixture(folder / "site"))


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/search built with the repository's own mkdocs.yml (Pagefind bundle)."""
    return once(tmp_path_factory, "search", build_fixture_site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """support/hostile.py's board, markup in every field, built with the repository's config."""
    return once(
        tmp_path_factory, "hostile", lambda folder: build_with_repo_config(write_board(folder))
    )
