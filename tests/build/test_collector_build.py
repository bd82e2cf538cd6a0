"""The collector in a real build (in this process): no collection while it plans and
renders a few pages, back on after it, also when it fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import noticeboard.mkdocs_adapter as adapter
from support.tiny_site import GOOD, write_site

pytestmark = pytest.mark.build


@pytest.fixture(autouse=True)
def collection_back_on() -> Iterator[None]:
    yield
    gc.enable()


def in_process_build(root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NOTICEBOARD_TODAY", "2024-06-15")
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the build sets it when unset: kept local
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(write_site(root) / "mkdocs.yml"), site_dir=str(tmp_path / "site")))


def test_a_build_plans_and_renders_a_few_pages_without_collection_then_turns_it_on(
    repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    seen: dict[str, list[bool]] = {"planning": [], "rendering": []}
    # module globals the events call (the hooks file holds the events themselves)
    real_build_site, real_markup = adapter.build_site, adapter.valid_theme_markup

    def planned(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["planning"].append(gc.isenabled())
        return real_build_site(*args, **kwargs)

    def rendered(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["rendering"].append(gc.isenabled())
        return real_markup(*args, **kwargs)

    monkeypatch.setattr(adapter, "build_site", planned)
    monkeypatch.setattr(adapter, "valid_theme_markup", rendered)  # on_post_page, each page
    in_process_build(repo({"jinpu/2024/a.md": GOOD}), monkeypatch, tmp_path)
    assert seen["planning"] == [False]
    assert seen["rendering"] and not any(seen["rendering"])
    assert gc.isenabled()


def test_a_build_that_fails_turns_collection_back_on(
    repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    root = repo({"jinpu/2024/a.md": GOOD.replace("branch: jinpu", "branch: nowhere")})
    with pytest.raises((Abort, PluginError)):
        in_process_build(root, monkeypatch, tmp_path)
    assert gc.isenabled()
