"""When the cyclic garbage collector runs (collector.py): off while a build plans and while
it renders a few pages, on while it renders many and after it; the preview collects once a
moment after each build; the command line loads without it. Always back on at the end."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import noticeboard.cli.check as check_command
from noticeboard import collector
from noticeboard.cli.main import main
from support.notice_text import SHORT_NOTICE


@pytest.fixture(autouse=True)
def collection_back_on() -> Iterator[None]:
    yield
    gc.enable()


@pytest.fixture
def full_collections() -> Iterator[list[float]]:
    """When each full (generation 2) collection ran."""
    seen: list[float] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            seen.append(time.monotonic())

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def wait_until(done: Callable[[], bool], seconds: float = 5.0) -> bool:
    limit = time.monotonic() + seconds
    while not done() and time.monotonic() < limit:
        time.sleep(0.02)
    return done()


def test_a_build_plans_without_collection_and_ends_with_it():
    collector.planning()
    assert not gc.isenabled()
    collector.ended()
    assert gc.isenabled()


def test_collection_runs_while_many_pages_render_not_a_few():
    collector.planning()
    collector.rendering(collector.RENDERED_MANY - 1)
    assert not gc.isenabled()
    collector.rendering(collector.RENDERED_MANY)
    assert gc.isenabled()


def test_the_preview_collects_once_a_moment_after_its_build(full_collections: list[float]):
    collector.planning()
    ended = time.monotonic()
    collector.ended(again_soon=True)
    assert not gc.isenabled()  # not while the page is being served
    assert wait_until(gc.isenabled)
    assert len(full_collections) == 1
    assert full_collections[0] - ended >= collector.COLLECT_AFTER_SECONDS * 0.9


def test_a_build_that_starts_first_keeps_the_collection_for_its_own_end(
    full_collections: list[float], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(collector, "COLLECT_AFTER_SECONDS", 0.5)
    collector.planning()
    collector.ended(again_soon=True)
    collector.planning()  # the next save, before the collection ran
    next_build = time.monotonic()
    time.sleep(collector.COLLECT_AFTER_SECONDS * 3)
    assert not gc.isenabled()
    # A busy machine may stall this thread past the delay: the collection then ran before
    # the next build started, which is allowed. None may run once that build has started.
    assert [when for when in full_collections if when >= next_build] == []
    collector.ended()
    assert gc.isenabled()


@pytest.mark.parametrize("was_on", [True, False])
def test_paused_leaves_collection_as_it_found_it(was_on: bool):
    (gc.enable if was_on else gc.disable)()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled() is was_on
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("stopped")
    assert gc.isenabled() is was_on


def test_the_command_line_loads_without_collection(
    repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    root = repo({"jinpu/2024/a.md": SHORT_NOTICE})
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(tmp_path / "cache"))
    during: list[bool] = []
    real_load = check_command.load_board
    monkeypatch.setattr(
        check_command,
        "load_board",
        lambda *args, **kwargs: during.append(gc.isenabled()) or real_load(*args, **kwargs),
    )
    assert main(["--root", str(root), "check", "--today", "2024-06-15"]) == 0
    assert during == [False]
    assert gc.isenabled()
