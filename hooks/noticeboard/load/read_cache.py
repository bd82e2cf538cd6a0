"""What reading each notice file found, kept between runs of `check`, the build and the preview.

Reading one notice (decode, YAML, fields, rules, privacy scan) depends only on the file's bytes,
its path, the registry, the message language and this package's code. The cache stores each
file's result under a hash of its bytes, in one file whose name holds a fingerprint of all the
rest; any change to any of them is a miss, never a stale result. A file whose size and
modification time are those recorded with its result is not even read (10,000 files: 0.3 s of
reading and hashing); any other is read and its hash compared, so a checkout that only touched
times still hits. A notice that names attachments also depends on those files (present? a
link? numbers in a CSV?): its result is used only while each is where, and as, it was
(`NoticeRead.attachments_unchanged`).

One pickle file in `.cache/noticeboard/` beside the notices (NOTICEBOARD_CACHE_DIR moves it), as
the page cache: it is the repository's own build state, never downloaded; a cache that cannot
be read is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from noticeboard.files import Stamp
from noticeboard.i18n import current_language
from noticeboard.load.notice_file import NoticeRead
from noticeboard.model import Registry

CACHE_DIR = ".cache/noticeboard"
# Puts the caches elsewhere (tests give each build its own).
CACHE_DIR_VARIABLE = "NOTICEBOARD_CACHE_DIR"
# Format of the file; bump when what is stored changes shape.
FORMAT = "4"
PREFIX = "notices-read-"


def cache_folder(root: Path) -> Path:
    """`.cache/noticeboard/` beside the notices, or where NOTICEBOARD_CACHE_DIR says."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(chosen) if chosen else root / CACHE_DIR


def fingerprinted(path: Path) -> bool:
    """Whether a file of the package (or a theme or docs folder) enters a fingerprint: not
    bytecode, and not the compiled catalogue (`.mo`, and its temporary `.tmp` while written),
    which i18n recompiles from the `.po` when it looks stale; the `.po` is hashed instead."""
    return "__pycache__" not in path.parts and path.suffix not in (".mo", ".tmp") and path.is_file()


def code_fingerprint(package_dir: Path) -> str:
    """A hash of every file of the package (code and message catalogues' sources)."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if fingerprinted(path):
            digest.update(f"{path.relative_to(package_dir).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_fingerprint(code: str, root: Path, registry: Registry) -> str:
    """Everything a notice's reading depends on besides its own bytes and path."""
    parts = (FORMAT, sys.version, code, str(root), current_language(), repr(registry))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


Stored = tuple[bytes, Stamp | None, NoticeRead]  # hash of the bytes, their file's stamp, result


def _merged(blobs: list[bytes]) -> dict[str, Stored]:
    """The entries of a cache file's content (see `ReadCache.save`)."""
    entries: dict[str, Stored] = {}
    for blob in blobs:
        entries.update(pickle.loads(blob))
    return entries


def entries_of(data: bytes) -> dict[str, Stored]:
    """The entries a cache file holds, from its bytes."""
    return _merged(pickle.loads(data))


def file_bytes(entries: dict[str, Stored]) -> bytes:
    """A cache file holding `entries`."""
    return pickle.dumps([pickle.dumps(entries)])


def stored(digest: bytes, stamp: Stamp | None, reading: NoticeRead) -> Stored:
    """A reading as an entry of the cache file (this process's, `ReadCache.store`, and the
    read child's, which it pickles itself). A reading holds no path of its file (the notice's
    id says it), so an entry is used as it is on any checkout of the repository."""
    return (digest, stamp, reading)


# The preview loads the board at every save, and unpickling 10,000 readings costs 0.6 s of each:
# a cache opened with `remember` keeps what it last read or wrote in this process (one file per
# cache folder), with which file it was, and uses it again only while the file on disk is that
# one (another process that rewrites it, `check` in a terminal, writes a new file and renames
# it: a new inode, even within one tick of the clock).
Identity = tuple[int, int, int]  # inode, size, modification time (ns)
_remembered: dict[Path, tuple[Path, Identity, dict[str, Stored]]] = {}  # by folder


@dataclass
class ReadCache:
    """Results by path (relative to the root), with a hash of the file's bytes and its stamp."""

    folder: Path
    fingerprint: str
    entries: dict[str, Stored] = field(default_factory=dict)
    used: dict[str, Stored] = field(default_factory=dict)
    # entries made by the read child: as it pickled them (written to the file as they are),
    # and unpickled
    adopted: list[tuple[bytes, dict[str, Stored]]] = field(default_factory=list)
    changed: bool = False
    remember: bool = False  # kept in this process between opens (the preview)
    edits: int = 0  # changes to `used` so far
    own: tuple[int, bytes] | None = None  # `used` pickled ahead (`pickle_ahead`), at `edits`

    @property
    def empty(self) -> bool:
        """Nothing kept from an earlier run."""
        return not self.entries

    @property
    def path(self) -> Path:
        return self.folder / f"{PREFIX}{self.fingerprint}.pickle"

    @classmethod
    def open(cls, folder: Path, fingerprint: str, *, remember: bool = False) -> ReadCache:
        cache = cls(folder, fingerprint, remember=remember)
        kept = _remembered.pop(folder, None) if remember else None
        if kept is not None and kept[0] == cache.path and kept[1] == _identity(cache.path):
            cache.entries = kept[2]
            _remembered[folder] = kept
            return cache
        try:
            with cache.path.open("rb") as handle:
                read_as = _identity(handle.fileno())
                loaded = _merged(pickle.load(handle))
        except (
            OSError,
            pickle.PickleError,
            EOFError,
            AttributeError,
            ImportError,
            ValueError,
            TypeError,
        ):
            return cache
        cache.entries = loaded
        if remember and read_as is not None:
            _remembered[folder] = (cache.path, read_as, loaded)
        return cache

    def known(
        self, file: Path, rel: str, stamp: Stamp | None, still_true: Callable[[NoticeRead], bool]
    ) -> NoticeRead | None:
        """The stored result of `file` when its stamp is the one recorded with it (and
        `still_true` of it), without reading the file; else None."""
        hit = self.entries.get(rel)
        if stamp is None or hit is None or hit[1] != stamp or not still_true(hit[2]):
            return None
        return self._used(rel, hit)

    def knows(self, rel: str) -> bool:
        """Whether a reading of the file at `rel` is stored (under any time or bytes)."""
        return rel in self.entries

    def same_bytes(
        self,
        file: Path,
        rel: str,
        data: bytes,
        still_true: Callable[[NoticeRead], bool],
        stamp: Stamp | None,
    ) -> NoticeRead | None:
        """The stored result when `file` still has these bytes (a checkout gives every file a
        new time, not new bytes) and `still_true` of it; else None."""
        digest = hashlib.sha256(data).digest()
        hit = self.entries.get(rel)
        if hit is None or hit[0] != digest or not still_true(hit[2]):
            return None
        if hit[1] != stamp:  # same bytes, new time: known by time next run
            hit = (digest, stamp, hit[2])
            self.changed = True
        return self._used(rel, hit)

    def store(self, rel: str, digest: bytes, stamp: Stamp | None, result: NoticeRead) -> NoticeRead:
        """Keep a reading (made here or by read_child) under the digest of its bytes and the
        stamp its file had when read; returns it."""
        self.used[rel] = stored(digest, stamp, result)
        self.changed = True
        self.edits += 1
        return result

    def adopt(self, blob: bytes, entries: dict[str, Stored]) -> None:
        """Keep the read child's entries: `entries`, which `blob` holds pickled."""
        self.adopted.append((blob, entries))
        self.changed = True

    def _used(self, rel: str, hit: Stored) -> NoticeRead:
        self.used[rel] = hit
        self.edits += 1
        return hit[2]

    def pickle_ahead(self) -> None:
        """Pickle this process's entries now, while it waits for the read child's: `save`
        writes them as they are unless they changed since (0.15 s of a cold `check` at
        10,000 notices, otherwise spent after the wait)."""
        try:
            self.own = (self.edits, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        except pickle.PickleError:
            self.own = None

    def save(self) -> None:
        """Write what this run used (so the file stays the size of the board), when anything
        changed; other fingerprints' files go (the code or registry moved on). Best effort.

        The file is a list of pickled dicts of entries: this process's, then the read
        child's, which it pickled itself meanwhile."""
        if not self.changed and self.used.keys() == self.entries.keys():
            return
        target = self.path
        _remembered.pop(self.folder, None)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                if self.own is not None and self.own[0] == self.edits:
                    own = self.own[1]
                else:
                    own = pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL)
                blobs = [own, *(blob for blob, _entries in self.adopted)]
                pickle.dump(blobs, out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                written = _identity(out.fileno())
            os.replace(tmp, target)
            if self.remember and written is not None:
                everything = dict(self.used)
                for _blob, entries in self.adopted:
                    everything.update(entries)
                _remembered[self.folder] = (target, written, everything)
            for old in self.folder.glob(f"{PREFIX}*.pickle"):
                if old != target:
                    old.unlink(missing_ok=True)
        except (OSError, pickle.PickleError):
            Path(tmp).unlink(missing_ok=True)


def _identity(file: Path | int) -> Identity | None:
    """Which file this is, and as of when: of a path, or of an open file (the very file read
    or written, whatever its name points at by then)."""
    try:
        found = os.fstat(file) if isinstance(file, int) else os.stat(file)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)
