"""A build from nothing indexes search parts while it still converts pages: the parts are
decided from the notices' dates, the notices are converted part by part, and each part is
indexed once its texts are in (mkdocs_adapter._texts_of). In this process, so that the test
can hold the build at the point where every page is converted."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import noticeboard.mkdocs_adapter as adapter
from noticeboard.publish import search_index
from noticeboard.publish.pages import source_date_epoch
from support.tiny_site import GOOD, write_site

pytestmark = pytest.mark.build

TODAY = "2026-11-26"


def notice(branch: str, year: int) -> str:
    return GOOD.replace("branch: jinpu", f"branch: {branch}").replace("2024-06-", f"{year}-06-")


# Closed years of two branches, folded into one part (GROUP_MIN 2 below): its records go year
# by year, which is not the order of their ids.
NOTICES = {
    "yutao/2023/a.md": notice("yutao", 2023),
    "jinpu/2024/b.md": notice("jinpu", 2024),
    "yutao/2024/c.md": notice("yutao", 2024),
    "jinpu/2025/d.md": notice("jinpu", 2025),
    "yutao/2025/e.md": notice("yutao", 2025),
}


@pytest.fixture(autouse=True)
def collection_back_on() -> Iterator[None]:
    yield
    gc.enable()


def bundle_files(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    found = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}


def test_the_first_parts_are_indexed_before_the_last_page_is_converted(
    repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    indexed: list[list[str]] = []  # each part's records, in the order the parts were indexed
    first_indexed = threading.Event()
    real_index, real_told = search_index.index_bundle, adapter._told_of_texts

    def index(records, bundle, binary):  # type: ignore[no-untyped-def]
        indexed.append([record.url for record in records])
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
    monkeypatch.setattr(adapter, "EARLY_TEXTS", 0)  # no text converted ahead, as at scale
    monkeypatch.setattr(search_index, "GROUP_MIN", 2)  # closed years folded, as at scale
    monkeypatch.setenv("NOTICEBOARD_TODAY", TODAY)
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(source_date_epoch(date.fromisoformat(TODAY))))
    root = write_site(repo(NOTICES))
    site = tmp_path / "site"

    def build_it() -> None:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True))

    build_it()
    assert before_the_end == [True]
    # the folded closed years first, year by year: among the first parts indexed together
    assert [
        "/notices/yutao/2023/a/",
        "/notices/jinpu/2024/b/",
        "/notices/yutao/2024/c/",
    ] in indexed[: search_index.INDEXERS]
    # Built again, every text is known before the index starts: the same records in the same
    # order, so the same keys, and nothing is indexed again.
    first = bundle_files(site)
    indexed.clear()
    build_it()
    assert indexed == []
    assert bundle_files(site) == first
