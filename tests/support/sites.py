"""One build per fixture site per test session, shared by every test that reads it.

The three sites: the demo (the repository itself), tests/fixtures/site and tests/fixtures/search,
each built once for BUILD_TODAY. A test that needs another day or a second build (the
reproducibility check) builds its own copy with `support.demo_build.build_site`.

Every fixture here runs a real build, so a test that asks for one must carry the `build`
marker; `tests/conftest.py` fails the run when it does not (SITE_FIXTURES).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.demo_build import build_fixture, build_site
from support.search_fixture import build_fixture_site

SITE_FIXTURES = frozenset({"built_site", "fixture_site", "search_site"})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (notices/, docs/, overrides/): the demo board."""
    return build_site(tmp_path_factory.mktemp("demo") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/site built: a small board with every state and link between notices."""
    return build_fixture(tmp_path_factory.mktemp("fixture") / "site")


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/search built with the repository's own mkdocs.yml (Pagefind bundle)."""
    return build_fixture_site(tmp_path_factory.mktemp("search"))
