"""Shared fixtures: a tiny repository written in the test, the real repository root, and the
sites built once per session (support/sites.py). Also the marker guard (support/markers.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from support.browser_pages import browser, page  # noqa: F401  (fixtures)
from support.markers import missing_markers
from support.sites import (  # noqa: F401  (one build each)
    built_site,
    fixture_site,
    hostile_site,
    search_site,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the English msgids (also in subprocesses, which inherit the environment);
    the Chinese default is tested on purpose in tests/cli/test_messages.py, without this."""
    monkeypatch.setenv("NOTICEBOARD_LANG", "en")


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in the default language, Chinese, for tests that read them."""
    monkeypatch.delenv("NOTICEBOARD_LANG")


REGISTRY = """\
timezone: Asia/Shanghai
branches:
  - id: town
    name: 镇党委
    feedback: {phone: "0550-1234567", address: 镇党群服务中心}
  - id: jinpu
    name: 金铺村党支部
    parent: town
    maintainers: [jinpu-clerk]
  - id: yutao
    name: 余套村党支部
    parent: town
categories:
  - id: organisation
    name: 组织建设
  - id: finance
    name: 财务公开
schedule:
  - id: dues-quarterly
    name: 党费收缴情况
    every: quarter
    within_days: 15
    branches: all
    category: finance
"""


PRIVATE_REGISTRY = REGISTRY + "repository: private\n"
"""The same registry in a private repository, which may hold internal notices."""


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    """Write a registry and notices into a temporary repository; returns a writer.

    `repo()` writes the default registry, as a private repository's (internal notices are
    allowed; `registry=REGISTRY` is the same one, public); `repo(notices={"jinpu/2024/x.md":
    text})` adds notices (text is dedented); `registry=` replaces the registry text.
    """

    def write(
        notices: dict[str, str | bytes] | None = None, registry: str = PRIVATE_REGISTRY
    ) -> Path:
        (tmp_path / "notices").mkdir(exist_ok=True)
        (tmp_path / "notices" / "_board.yml").write_text(registry, encoding="utf-8")
        for rel, text in (notices or {}).items():
            path = tmp_path / "notices" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return write


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop the run when a test builds a site or drives Chromium without saying so."""
    wrong = []
    for item in items:
        markers = [m.name for m in item.iter_markers()]
        fixtures = getattr(item, "fixturenames", ())
        need = missing_markers(markers, fixtures, getattr(item, "module", None))
        if need:
            wrong.append(f"{item.nodeid}: add pytest.mark.{' and pytest.mark.'.join(need)}")
    if wrong:
        raise pytest.UsageError("tests without the markers they need:\n" + "\n".join(wrong))
