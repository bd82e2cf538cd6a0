"""The read cache (load/read_cache.py): a warm load equals a cold one, and each input of a
notice's reading, changed in turn, is seen; the cache is really used."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from pathlib import Path

import pytest

from noticeboard.load.board import LoadResult, load_board
from noticeboard.load.read_cache import PREFIX, code_fingerprint, entries_of, file_bytes
from support.loading import summary
from support.notice_text import MEMBER_NOTICE, MEMBER_PATH, MEMBER_TODAY

OTHER_PATH = "yutao/2024/other.md"
OTHER = MEMBER_NOTICE.replace("branch: jinpu", "branch: yutao").replace("李四", "王五")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "read-cache"
    monkeypatch.setenv("NOTICEBOARD_CACHE_DIR", str(folder))
    return folder


def twice(root: Path) -> LoadResult:
    """A cold cached load, a warm one, and the uncached load: all three agree."""
    cold = load_board(root, MEMBER_TODAY, cached=True)
    warm = load_board(root, MEMBER_TODAY, cached=True)
    plain = load_board(root, MEMBER_TODAY)
    assert summary(cold) == summary(warm) == summary(plain)
    return warm


def messages(result: LoadResult) -> list[str]:
    return [p.message for p in result.problems]


def test_a_warm_load_equals_a_cold_one_and_the_file_is_written(repo, cache: Path):
    root = repo({MEMBER_PATH: MEMBER_NOTICE, OTHER_PATH: OTHER, "jinpu/2024/bad.md": "---\n"})
    result = twice(root)
    assert any("bad.md" in p.path for p in result.problems)
    assert len(list(cache.glob(f"{PREFIX}*.pickle"))) == 1


def test_a_warm_load_writes_nothing(repo, cache: Path):
    with_file = MEMBER_NOTICE.replace("---\n现予", "attachments: [名单.csv]\n---\n现予")
    root = repo({MEMBER_PATH: MEMBER_NOTICE, "jinpu/2024/with-file.md": with_file})
    (root / "notices/jinpu/2024/名单.csv").write_text("姓名\n李四\n", encoding="utf-8")
    twice(root)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    before = stored.stat().st_mtime_ns
    load_board(root, MEMBER_TODAY, cached=True)
    assert stored.stat().st_mtime_ns == before


def test_the_cache_is_used(repo, cache: Path):
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    load_board(root, MEMBER_TODAY, cached=True)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    entries = entries_of(stored.read_bytes())
    digest, stamp, read = entries[f"notices/{MEMBER_PATH}"]
    planted = read.notice.__class__(**{**read.notice.__dict__, "title": "缓存标记R2"})
    entries[f"notices/{MEMBER_PATH}"] = (digest, stamp, read.__class__(planted, [], read.facts))
    stored.write_bytes(file_bytes(entries))
    result = load_board(root, MEMBER_TODAY, cached=True)
    assert result.board is not None and result.board.notices[0].title == "缓存标记R2"


def test_an_edited_file_is_read_again(repo, cache: Path):
    root = repo({MEMBER_PATH: MEMBER_NOTICE, OTHER_PATH: OTHER})
    twice(root)
    path = root / "notices" / MEMBER_PATH
    path.write_text(MEMBER_NOTICE.replace("reviewed_by: 金铺村党支部委员会\n", ""), "utf-8")
    assert any("reviewed_by" in m for m in messages(twice(root)))
    path.write_text(MEMBER_NOTICE, encoding="utf-8")  # back as it was: the old result again
    assert not any("reviewed_by" in m for m in messages(twice(root)))


def test_a_registry_change_is_seen(repo, cache: Path):
    root = repo({MEMBER_PATH: MEMBER_NOTICE, OTHER_PATH: OTHER})
    twice(root)
    registry = root / "notices/_board.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("name: 余套村党支部", "name: 余套村党总支"),
        encoding="utf-8",
    )
    assert "余套村党总支" in repr(twice(root).board)
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("  - id: yutao\n", "  - id: yutao-cun\n"),
        encoding="utf-8",
    )
    assert any("yutao" in p.message and p.path.endswith("other.md") for p in twice(root).problems)


def test_the_message_language_is_seen(repo, cache: Path, monkeypatch: pytest.MonkeyPatch):
    root = repo({MEMBER_PATH: MEMBER_NOTICE.replace("reviewed_by: 金铺村党支部委员会\n", "")})
    english = messages(twice(root))
    monkeypatch.setenv("NOTICEBOARD_LANG", "zh")
    chinese = messages(twice(root))
    assert len(english) == len(chinese) and english != chinese


def test_attachments_are_looked_at_every_time(repo, cache: Path):
    with_file = MEMBER_NOTICE.replace("---\n现予", "attachments: [名单.csv]\n---\n现予")
    root = repo({MEMBER_PATH: with_file})
    table = root / "notices/jinpu/2024/名单.csv"
    table.write_text("姓名\n李四\n", encoding="utf-8")
    assert messages(twice(root)) == []
    table.write_text("电话\n13812345678\n", encoding="utf-8")
    assert any("138****5678" in m for m in messages(twice(root)))
    table.write_text("电话\n13812345679\n", encoding="utf-8")  # same size, a newer time
    assert any("138****5679" in m for m in messages(twice(root)))
    table.write_text("姓名\n李四\n", encoding="utf-8")
    assert messages(twice(root)) == []
    table.unlink()
    assert any("名单.csv" in m for m in messages(twice(root)))
    table.mkdir()  # a folder where the file was
    assert any("名单.csv" in m for m in messages(twice(root)))


def test_a_notice_with_attachments_is_taken_from_the_cache(repo, cache: Path):
    """Unchanged attachments: the stored reading is used (a planted title shows)."""
    with_file = MEMBER_NOTICE.replace("---\n现予", "attachments: [名单.csv]\n---\n现予")
    root = repo({MEMBER_PATH: with_file})
    (root / "notices/jinpu/2024/名单.csv").write_text("姓名\n李四\n", encoding="utf-8")
    load_board(root, MEMBER_TODAY, cached=True)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    entries = entries_of(stored.read_bytes())
    digest, stamp, read = entries[f"notices/{MEMBER_PATH}"]
    assert read.attachments  # what it found is stored with it
    planted = read.notice.__class__(**{**read.notice.__dict__, "title": "附件缓存标记A3"})
    entries[f"notices/{MEMBER_PATH}"] = (digest, stamp, dataclasses.replace(read, notice=planted))
    stored.write_bytes(file_bytes(entries))
    result = load_board(root, MEMBER_TODAY, cached=True)
    assert result.board is not None and result.board.notices[0].title == "附件缓存标记A3"


def test_a_copy_elsewhere_reads_as_the_original(repo, cache: Path, tmp_path: Path):
    """A reading holds no path of the checkout it was made in: a copy reads the same."""
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    first = twice(root)
    moved = tmp_path / "elsewhere"
    shutil.copytree(root / "notices", moved / "notices")
    result = twice(moved)
    assert result.board is not None and first.board is not None
    assert result.board.notices == first.board.notices
    assert str(root) not in repr(result.board.notices)


def test_a_broken_cache_file_is_ignored_and_rewritten(repo, cache: Path):
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    twice(root)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    stored.write_bytes(b"not a pickle")
    twice(root)
    assert isinstance(entries_of(stored.read_bytes()), dict)


def test_the_code_fingerprint_follows_every_package_file(tmp_path: Path):
    package = tmp_path / "package"
    (package / "locale").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "locale" / "zh.po").write_text('msgstr ""\n')
    seen = {code_fingerprint(package)}
    (package / "a.py").write_text("A = 2\n")
    seen.add(code_fingerprint(package))
    (package / "locale" / "zh.po").write_text('msgstr "x"\n')
    seen.add(code_fingerprint(package))
    (package / "b.py").write_text("")
    seen.add(code_fingerprint(package))
    assert len(seen) == 4


def test_the_compiled_catalogue_is_not_hashed_its_source_is(tmp_path: Path):
    """i18n recompiles the .mo when it looks stale: its bytes must not move every key."""
    package = tmp_path / "package"
    (package / "locale").mkdir(parents=True)
    (package / "locale" / "zh.po").write_text('msgstr ""\n')
    (package / "locale" / "zh.mo").write_bytes(b"one")
    first = code_fingerprint(package)
    (package / "locale" / "zh.mo").write_bytes(b"two")
    (package / "locale" / "zh.mo.123.tmp").write_bytes(b"half")
    assert code_fingerprint(package) == first
    (package / "locale" / "zh.po").write_text('msgstr "x"\n')
    assert code_fingerprint(package) != first


def test_an_untouched_file_is_not_read_and_a_touched_one_is(repo, cache: Path):
    """A file whose size and time are as recorded is known without reading it (a planted
    result shows); the same bytes with a new time (a checkout) are read, hashed and still
    hit; changed bytes are read afresh."""
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    load_board(root, MEMBER_TODAY, cached=True)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    entries = entries_of(stored.read_bytes())
    _digest, stamp, read = entries[f"notices/{MEMBER_PATH}"]
    path = root / "notices" / MEMBER_PATH
    assert stamp == (path.stat().st_size, path.stat().st_mtime_ns)
    planted = dataclasses.replace(read, notice=dataclasses.replace(read.notice, title="戳记T1"))
    entries[f"notices/{MEMBER_PATH}"] = (b"not the hash", stamp, planted)
    stored.write_bytes(file_bytes(entries))
    first = load_board(root, MEMBER_TODAY, cached=True)
    assert first.board is not None and first.board.notices[0].title == "戳记T1"
    later = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(later, later))  # touched, same bytes: the planted hash no longer hits
    second = load_board(root, MEMBER_TODAY, cached=True)
    assert second.board is not None and second.board.notices[0].title != "戳记T1"


def test_a_remembered_cache_is_not_unpickled_again_while_its_file_is_the_same(
    repo, cache: Path, monkeypatch: pytest.MonkeyPatch
):
    """The preview loads at every save: what it read or wrote stays in memory while the file
    on disk is the one it read or wrote."""
    root = repo({MEMBER_PATH: MEMBER_NOTICE, OTHER_PATH: OTHER})
    first = load_board(root, MEMBER_TODAY, cached=True, remember=True)  # writes, remembers
    path = root / "notices" / MEMBER_PATH
    path.write_text(MEMBER_NOTICE.replace("李四", "李五"), encoding="utf-8")
    loads: list[object] = []
    real_load = pickle.load
    monkeypatch.setattr(pickle, "load", lambda handle: loads.append(handle) or real_load(handle))
    edited = load_board(root, MEMBER_TODAY, cached=True, remember=True)
    again = load_board(root, MEMBER_TODAY, cached=True, remember=True)
    assert loads == []
    assert summary(again) == summary(edited) == summary(load_board(root, MEMBER_TODAY))
    assert summary(edited) != summary(first)
    assert "关于发展李五同志为中共预备党员的公示" in {n.title for n in edited.board.notices}


def test_a_remembered_cache_rewritten_by_another_process_is_read_again(
    repo, cache: Path, monkeypatch: pytest.MonkeyPatch
):
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    load_board(root, MEMBER_TODAY, cached=True, remember=True)
    [stored] = cache.glob(f"{PREFIX}*.pickle")
    entries = entries_of(stored.read_bytes())
    digest, stamp, read = entries[f"notices/{MEMBER_PATH}"]
    planted = dataclasses.replace(read.notice, title="别处写入R9")
    entries[f"notices/{MEMBER_PATH}"] = (digest, stamp, dataclasses.replace(read, notice=planted))
    # as `check` in a terminal writes it: beside it, then renamed over it (same size and time
    # would not matter: another file)
    beside = stored.with_name(".other")
    beside.write_bytes(file_bytes(entries))
    os.utime(beside, ns=(stored.stat().st_atime_ns, stored.stat().st_mtime_ns))
    os.replace(beside, stored)
    result = load_board(root, MEMBER_TODAY, cached=True, remember=True)
    assert result.board is not None and result.board.notices[0].title == "别处写入R9"


def test_only_a_cache_opened_to_remember_is_kept(
    repo, cache: Path, monkeypatch: pytest.MonkeyPatch
):
    root = repo({MEMBER_PATH: MEMBER_NOTICE})
    load_board(root, MEMBER_TODAY, cached=True)
    loads: list[object] = []
    real_load = pickle.load
    monkeypatch.setattr(pickle, "load", lambda handle: loads.append(handle) or real_load(handle))
    load_board(root, MEMBER_TODAY, cached=True)
    load_board(root, MEMBER_TODAY, cached=True, remember=True)  # read from disk, then kept
    load_board(root, MEMBER_TODAY, cached=True, remember=True)
    assert len(loads) == 2
