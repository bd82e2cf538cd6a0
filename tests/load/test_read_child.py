"""Many unread files are read by two processes (load/read_child.py): the readings, problems and
cache entries are the ones this process alone makes, and a failed child changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.load import read_child
from noticeboard.load.board import MAIN_SHARE, load_board
from noticeboard.load.read_child import MIN_FILES_VARIABLE, ChildRead
from support.loading import summary
from support.notice_text import MEMBER_NOTICE, MEMBER_PATH, MEMBER_TODAY

NOTICES: dict[str, str | bytes] = {
    MEMBER_PATH: MEMBER_NOTICE,
    "yutao/2024/other.md": MEMBER_NOTICE.replace("branch: jinpu", "branch: yutao"),
    "jinpu/2024/empty.md": "---\n",
    "jinpu/2024/bad-yaml.md": "---\ntitle: [unclosed\n---\n正文\n",
    "jinpu/2024/no-title.md": MEMBER_NOTICE.replace("title:", "titel:"),
    "jinpu/2024/not-utf8.md": "---\ntitle: 公示\n---\n".encode("gb18030"),
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "read-cache"
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each child answered for (None: it failed)."""
    counts: list[int] = []
    original = ChildRead.answers

    def spy(self: ChildRead):
        found = original(self)
        counts.append(-1 if found is None else len(found))
        return found

    monkeypatch.setattr(ChildRead, "answers", spy)
    return counts


def test_a_child_reads_as_this_process_does(repo, cache: Path, monkeypatch, answered):
    root = repo(NOTICES)
    monkeypatch.setenv(MIN_FILES_VARIABLE, "999999")
    alone = load_board(root, MEMBER_TODAY)
    assert answered == []
    monkeypatch.setenv(MIN_FILES_VARIABLE, "1")
    shared = load_board(root, MEMBER_TODAY, cached=True)
    assert answered == [len(NOTICES) - len(NOTICES) * MAIN_SHARE // 100]  # the child's share
    assert summary(shared) == summary(alone)
    assert any("not-utf8.md" in p.path for p in shared.problems)

    # what the child read went into the read cache: the next load reads no file at all
    def no_reading(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(read_child, "read_notice_file", no_reading)  # the one way to read
    assert summary(load_board(root, MEMBER_TODAY, cached=True)) == summary(alone)
    assert answered == [answered[0]]  # no child either


def test_a_failed_child_changes_nothing(repo, cache: Path, monkeypatch, answered):
    root = repo(NOTICES)
    monkeypatch.setenv(MIN_FILES_VARIABLE, "999999")
    alone = load_board(root, MEMBER_TODAY)
    monkeypatch.setenv(MIN_FILES_VARIABLE, "1")
    monkeypatch.setattr(read_child, "_CHILD", "import sys\nsys.exit(3)\n")
    assert summary(load_board(root, MEMBER_TODAY, cached=True)) == summary(alone)
    assert answered == [-1]

    # the child's files, read here after this process's own entries were pickled ahead
    # (read_cache.pickle_ahead), are in the read cache too: the next load reads no file
    def no_reading(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(read_child, "read_notice_file", no_reading)
    assert summary(load_board(root, MEMBER_TODAY, cached=True)) == summary(alone)


def test_what_the_child_read_is_remembered_for_the_next_preview_load(
    repo, cache: Path, monkeypatch, answered
):
    """The preview keeps the read cache in memory: the child's entries with this process's."""
    import pickle

    from noticeboard.load import read_cache

    root = repo(NOTICES)
    monkeypatch.setenv(MIN_FILES_VARIABLE, "1")
    first = load_board(root, MEMBER_TODAY, cached=True, remember=True)
    assert len(answered) == 1 and answered[0] > 0

    def refused(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(read_child, "read_notice_file", refused)
    monkeypatch.setattr(pickle, "load", refused)  # not even the cache file
    try:
        assert summary(load_board(root, MEMBER_TODAY, cached=True, remember=True)) == summary(first)
    finally:
        read_cache._remembered.clear()
