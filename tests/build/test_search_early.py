"""A build from nothing indexes search parts while it still converts pages: the parts are
decided from the notices' dates, the notices are converted part by part, and each part is
indexed once its texts are in (mkdocs_adapter._texts_of). In this process, so that the test
can hold the build at the point where every page is converted."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import noticeboard.mkdocs_adapter as adapter
from noticeboard.publish import search_index
from noticeboard.publish.pages import source_date_epoch
from support.demo_build import BUILD_TODAY, SITE_FIXTURE

pytestmark = pytest.mark.build


@pytest.fixture(autouse=True)
def collection_back_on() -> Iterator[None]:
    yield
    gc.enable()


def test_the_first_parts_are_indexed_before_the_last_page_is_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    indexed: list[int] = []  # notices per part, in the order the parts were indexed
    first_indexed = threading.Event()
    real_index, real_told = search_index.index_bundle, adapter._told_of_texts

    def index(records, bundle, binary):  # type: ignore[no-untyped-def]
        indexed.append(len(records))
        first_indexed.set()
        return real_index(records, bundle, binary)

    before_the_end: list[bool] = []

    def told(*, done: bool = False) -> None:
        if done:  # every page is converted: was a part indexed before this point?
            before_the_end.append(first_indexed.wait(timeout=30))
        real_told(done=done)

    monkeypatch.setattr(search_index, "index_bundle", index)
    monkeypatch.setattr(adapter, "_told_of_texts", told)
    monkeypatch.setattr(adapter, "TEXTS_BATCH", 1)
    monkeypatch.setenv("NOTICEBOARD_TODAY", BUILD_TODAY)
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    epoch = source_date_epoch(date.fromisoformat(BUILD_TODAY))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    site = tmp_path / "site"
    build(load_config(str(SITE_FIXTURE / "mkdocs.yml"), site_dir=str(site), strict=True))
    assert before_the_end == [True]
    assert len(indexed) >= 3
    # and the bundles are those of a build whose texts were all known before it indexed (a
    # rebuild from the cache of a build from nothing, `site` built into another folder)
    again = tmp_path / "again"
    build(load_config(str(SITE_FIXTURE / "mkdocs.yml"), site_dir=str(again), strict=True))
    assert bundle_files(site) == bundle_files(again)


def bundle_files(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
