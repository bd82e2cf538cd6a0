"""Notice bodies converted outside MkDocs' page render (publish/body_worker.py) give the very
site MkDocs gives when it converts every body itself: the fixture board built both ways, in
this process, against the usual build, byte for byte."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import noticeboard.mkdocs_adapter as adapter
from noticeboard.publish.pages import source_date_epoch
from support.demo_build import BUILD_TODAY, SITE_FIXTURE, build_fixture

pytestmark = pytest.mark.build


@pytest.fixture(autouse=True)
def collection_back_on() -> Iterator[None]:
    yield
    gc.enable()


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_bodies_converted_outside_mkdocs_give_the_site_mkdocs_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    usual = build_fixture(tmp_path / "usual")
    outside: list[str] = []
    real_outside = adapter._outside

    def mkdocs_converts(notice_id: str | None):  # type: ignore[no-untyped-def]
        if real_outside(notice_id) is not None:
            outside.append(str(notice_id))
        return None  # every page keeps its Markdown: MkDocs converts it

    monkeypatch.setattr(adapter, "_outside", mkdocs_converts)
    monkeypatch.setenv("NOTICEBOARD_TODAY", BUILD_TODAY)
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(tmp_path / "by-mkdocs-cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # the value the hooks set when it is unset (set here, so that it does not outlive the test)
    epoch = source_date_epoch(date.fromisoformat(BUILD_TODAY))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    by_mkdocs = tmp_path / "by-mkdocs"
    config = load_config(str(SITE_FIXTURE / "mkdocs.yml"), site_dir=str(by_mkdocs), strict=True)
    build(config)
    assert len(set(outside)) >= 5  # the usual build converts these outside MkDocs
    first, second = files(usual), files(by_mkdocs)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
