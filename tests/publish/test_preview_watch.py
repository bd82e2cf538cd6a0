"""The preview learns of a save from the system's file events (inotify), not MkDocs' polling of
the whole notices tree; where a watch cannot be set up, polling stays as MkDocs had it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import material as material_package
import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

import noticeboard.mkdocs_adapter as adapter
from support.tiny_site import OVERRIDES


def server_watching(tmp_path: Path, *names: str) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for name in names:
        (tmp_path / name).mkdir(exist_ok=True)
        server.watch(str(tmp_path / name))
    return server


def test_the_preview_watches_with_system_events(tmp_path: Path):
    server = server_watching(tmp_path, "docs", "notices", "notices")
    assert isinstance(server.observer, PollingObserver)  # MkDocs' own choice
    adapter._watch_natively(server)
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path / "docs"): 1, str(tmp_path / "notices"): 2}
    assert len(server.observer.emitters) == 2


class RefusingSchedule(adapter.Observer):  # type: ignore[misc,valid-type]
    def schedule(self, *args, **kwargs):
        raise OSError(28, "inotify watch limit reached")


class RefusingStart(adapter.Observer):  # type: ignore[misc,valid-type]
    def start(self):
        raise OSError(24, "too many open files")


@pytest.mark.parametrize("refusing", [RefusingSchedule, RefusingStart])
def test_polling_stays_when_a_watch_cannot_be_set_up(tmp_path: Path, monkeypatch, refusing):
    monkeypatch.setattr(adapter, "Observer", refusing)
    server = server_watching(tmp_path, "docs", "notices")
    polling = server.observer
    adapter._watch_natively(server)
    assert server.observer is polling
    assert server._watched_paths == {str(tmp_path / "docs"): 1, str(tmp_path / "notices"): 1}
    assert {w.path for w in server._watch_refs.values()} == {
        str(tmp_path / "docs"),
        str(tmp_path / "notices"),
    }


@pytest.mark.parametrize("attribute", ["_watched_paths", "observer"])
def test_an_unexpected_server_is_left_as_it_is(tmp_path: Path, attribute: str):
    server = server_watching(tmp_path, "docs")
    before = server.observer
    if attribute == "_watched_paths":
        del server._watched_paths
    else:
        server.observer = None
    adapter._watch_natively(server)
    assert server.observer is (before if attribute == "_watched_paths" else None)


def test_reading_a_notice_asks_for_no_build_and_saving_one_does(tmp_path: Path):
    """The build reads notices; were a read an event, every build would start another."""
    server = server_watching(tmp_path, "notices")
    notice = tmp_path / "notices" / "a.md"
    notice.write_text("旧", encoding="utf-8")
    adapter._watch_natively(server)
    server.observer.start()
    try:
        time.sleep(0.3)
        server._want_rebuild = False
        assert notice.read_text(encoding="utf-8") == "旧"
        time.sleep(0.5)
        assert server._want_rebuild is False
        notice.write_text("新", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild is True
    finally:
        server.observer.stop()
        server.observer.join()


def test_the_watch_probe_keeps_watchdogs_stop_race_out_of_the_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    """The probe observer is stopped at once; watchdog may then log an error from its emitter
    ("called when the thread is inactive") that means nothing. It stays out of the preview's
    output, and the logger works again afterwards."""
    emitter_log = logging.getLogger("watchdog.observers.inotify")

    class Racing(adapter.Observer):  # type: ignore[misc,valid-type]
        def stop(self) -> None:
            emitter_log.error("InotifyEmitter.queue_events() called when the thread is inactive")
            super().stop()

    monkeypatch.setattr(adapter, "Observer", Racing)
    with caplog.at_level(logging.DEBUG):
        assert adapter._can_watch([str(tmp_path)])
    assert "queue_events" not in caplog.text
    assert emitter_log.disabled is False


def test_the_preview_watches_the_boards_own_templates_not_materials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A save in overrides/ rebuilds the preview (MkDocs itself watches a theme only with
    --watch-theme, which would take in the installed Material too)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "notices").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: 测试\ntheme:\n  name: material\n  custom_dir: {OVERRIDES}\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    server = server_watching(tmp_path, "docs")
    monkeypatch.setattr(adapter, "_watch_natively", lambda server: None)  # MkDocs' polling
    adapter.on_serve(server, config, builder=lambda: None)
    watched = set(server._watched_paths)
    assert str(OVERRIDES) in watched and str(tmp_path / "notices") in watched
    material = Path(material_package.__file__).parent
    assert not any(Path(path).is_relative_to(material) for path in watched)
