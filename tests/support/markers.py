"""The rule that keeps `-m "not build and not browser"` honest: a test that builds a site
carries `build`, a test that drives Chromium carries `browser`.

`tests/conftest.py` applies it at collection, so a forgotten marker stops the run instead of
slipping a build into `make test-fast`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType

from support import chromium, demo_build, search_fixture, tiny_site
from support.sites import SITE_FIXTURES

# Module-level names that mean "this module runs mkdocs itself" or "drives Chromium itself".
BUILD_HELPERS = (
    demo_build.build_site,
    demo_build.build_fixture,
    search_fixture.build_fixture_site,
    search_fixture.build_with_repo_config,
    tiny_site.write_site,
    tiny_site.MKDOCS,
    tiny_site.run_build,
)
BROWSER_HELPERS = (chromium.chromium, chromium.CHROMIUM)
# The fixture that launches Chromium (support/browser_pages.py; `page` asks for it too, so it is
# among the fixture names of every test that uses either).
BROWSER_FIXTURES = frozenset({"browser"})


def _uses(namespace: Mapping[str, object], helpers: Iterable[object]) -> bool:
    values = list(namespace.values())
    return any(any(v is h for v in values) for h in helpers)


def missing_markers(
    markers: Iterable[str], fixtures: Iterable[str], module: ModuleType | None
) -> list[str]:
    """The markers a test lacks: `build` when it asks for a built site or its module runs
    mkdocs, `browser` when it asks for Chromium or its module launches it."""
    have, asks = set(markers), set(fixtures)
    namespace = vars(module) if module is not None else {}
    need = []
    if "build" not in have and (asks & SITE_FIXTURES or _uses(namespace, BUILD_HELPERS)):
        need.append("build")
    if "browser" not in have and (asks & BROWSER_FIXTURES or _uses(namespace, BROWSER_HELPERS)):
        need.append("browser")
    return need
