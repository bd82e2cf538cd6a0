"""Rendered pages kept between builds, so a build re-renders only what changed.

A generated page (a notice or a listing) is a function of its spec (title, template, view,
Markdown body), of where it sits, and of everything the build shares: the package's code, the
templates, the hand-written docs (their titles make the nav), mkdocs.yml and the settings read
from the environment, the registry and the versions of MkDocs, Material and Markdown. The key of
a page hashes all of these, so any change to any input gives a new key and a fresh render: a
cached page is never stale, it is simply never found again.

Today's date enters a page only through its view (a state label, a lead "截至…"), so a page whose
view did not move keeps its key and its file: the nightly rebuild re-renders and rewrites only
the pages whose state moved, and those that show today's date (the board in the nav, the
ledger pages, the printable boards).

The cache lives outside the site (`.cache/noticeboard/pages/` beside mkdocs.yml, gitignored; CI may
restore it). Entries are kept only from a build that logged no warning (written while it
renders, removed again at its end if it warned or stopped), so a page whose render warned is
rendered (and warns) again next time.

A page written to site/ exactly as cached is stored as a second name (a hard link) of the file
MkDocs wrote, not as a copy: a build from nothing at 10,000 notices wrote 280 MB again, 7 s of
a thread's time on a file system the renders share. A file in site/ changed in place later
would change its entry too, so each linked entry's stamp is recorded (`LINKS`) and an entry
whose stamp moved is not used. Where no link can be made (site/ on another file system), the
page is written as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import queue
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from noticeboard.files import Stamp, write_whole
from noticeboard.load.read_cache import fingerprinted

# Format of the entries; bump when what is stored changes.
FORMAT = "1"
DEPENDENCIES = ("mkdocs", "mkdocs-material", "markdown", "zxing-cpp", "nh3", "pymdown-extensions")
# A link or image to a relative target: MkDocs checks such targets exist when it renders the
# page, so a page that has one is rendered every time (a cached copy would hide the warning).
_RELATIVE_TARGET = re.compile(
    r"""(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|(?:href|src)\s*=\s*["']?)(?![a-z][a-z0-9+.-]*:|#|/)""",
    re.IGNORECASE | re.MULTILINE,
)


@functools.lru_cache(maxsize=65536)
def cacheable(markdown_body: str) -> bool:
    """False when the body links to a relative path MkDocs must check on every build.
    (Asked two or three times a build for each of 10,000 bodies; a preview asks again at
    every save, and the bodies are mostly the same.)"""
    return _RELATIVE_TARGET.search(markdown_body) is None


def _versions() -> str:
    found = []
    for name in DEPENDENCIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join([sys.version, *found])


def _files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if fingerprinted(p))


def fingerprint(
    package_dir: Path, folders: Iterable[Path], files: Iterable[Path], settings: Mapping[str, str]
) -> str:
    """What every page shares: code, templates, docs, config files, settings, versions."""
    digest = hashlib.sha256(f"noticeboard-pages/{FORMAT}\0{_versions()}\0".encode())
    for folder in (package_dir, *folders):
        for path in _files_under(folder):
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in files:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for key, value in sorted(settings.items()):
        digest.update(f"{key}={value}\0".encode())
    return digest.hexdigest()


def page_key(shared: str, *parts: str) -> str:
    """The key of one page: the shared fingerprint and everything that is this page's own."""
    digest = hashlib.sha256(shared.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"\0{len(data)}\0".encode())  # lengths: no two part lists hash alike
        digest.update(data)
    return digest.hexdigest()


def spec_key(shared: str, spec: Any) -> str:
    """The key of a generated page from its spec (a frozen dataclass of strings, tuples and
    views): `repr` holds every field, the view's included, so a change to anything that shapes
    the page changes the key. (Hashing the Markdown MkDocs gets instead meant a YAML dump of
    the front matter per page: 3.7 s of a warm build at 10,000 notices.)"""
    return page_key(shared, repr(spec))


@dataclass(frozen=True)
class Entry:
    html: str  # the finished page
    body: str = ""  # a notice's cleaned body HTML (the printable boards); "" for listings


TEXTS = "texts"
LINKS = "links.json"  # key -> stamp of each entry that is a link to a page in site/


class PageCache:
    """Pages by key in `<folder>/<key[:2]>/<key>.html` (and `.body` for notices); the notices'
    texts in `<folder>/texts/<key[:2]>.json` (key -> text): every build needs all of them
    (feeds, search), and 256 files read in a fraction of 10,000 small ones, while an edit
    rewrites one or two of them, not all 35 MB."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._links: dict[str, Stamp] | None = None
        self._folders: set[Path] = set()  # made already

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str) -> str | None:
        """The page stored under `key`, or None: also for a link changed since it was made,
        or one a build that stopped never recorded (its file in site/ may change yet)."""
        path = self._path(key, ".html")
        try:
            found = os.stat(path)
            recorded = self.links().get(key)
            if recorded is None and found.st_nlink > 1:
                return None
            if recorded is not None and recorded != _link_stamp(found):
                return None
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def links(self) -> dict[str, Stamp]:
        """Key -> stamp of the entries stored as links (read once)."""
        if self._links is None:
            self._links = {}
            try:
                data = json.loads((self.folder / LINKS).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                data = {}
            if isinstance(data, dict):
                for key, value in data.items():
                    if isinstance(value, list) and [type(n) for n in value] == [int, int]:
                        self._links[key] = (value[0], value[1])
        return self._links

    def link(self, key: str, page: Path) -> Stamp | None:
        """Store the finished page at `page` (in site/) under `key` as a second name of that
        file; its stamp, or None where no link could be made (nothing stored)."""
        target = self._path(key, ".html")
        temporary = target.with_name(f".tmp-{target.name}")
        try:
            if target.parent not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            try:
                os.link(page, temporary)
            except FileExistsError:  # left by a build that stopped
                temporary.unlink()
                os.link(page, temporary)
            os.replace(temporary, target)
            return _link_stamp(os.stat(target))
        except OSError:
            temporary.unlink(missing_ok=True)
            return None

    def save_links(
        self,
        stamps: Mapping[str, Stamp],
        *,
        written: Iterable[str] = (),
        wanted: Iterable[str] | None = None,
    ) -> None:
        """Record the links `stamps` beside those recorded before, less the entries `written`
        as files since (and, given `wanted`, less every key not in it)."""
        old = self.links()
        dropped = set(written)
        keys = None if wanted is None else set(wanted)
        merged = {
            key: stamp
            for key, stamp in old.items()
            if key not in dropped and (keys is None or key in keys)
        }
        merged.update(stamps)
        if merged != old:
            data = {key: list(stamp) for key, stamp in sorted(merged.items())}
            write_whole(self.folder / LINKS, json.dumps(data))
        self._links = merged

    def body(self, key: str) -> str | None:
        """The cleaned body HTML stored with a notice's page (read only when a printable
        board needs it), or None."""
        try:
            return self._path(key, ".body").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def texts(self) -> dict[str, str]:
        """Key -> body text of every notice page stored (unreadable parts left out)."""
        found: dict[str, str] = {}
        for part in sorted((self.folder / TEXTS).glob("*.json")):
            try:
                data = json.loads(part.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            if isinstance(data, dict):
                found.update(
                    (k, v) for k, v in data.items() if isinstance(k, str) and isinstance(v, str)
                )
        return found

    def put(self, key: str, entry: Entry) -> None:
        """Store a page (a notice's text is stored with the others, `save_texts`)."""
        for path, data in self._files(key, entry):
            write_whole(path, data)

    def drop(self, key: str, entry: Entry) -> set[Path]:
        """Remove what `put(key, entry)` stored; returns the folders it was in (a put that
        failed half-way may have left a temporary file there: `drop_unfinished`)."""
        folders = set()
        for path, _data in self._files(key, entry):
            path.unlink(missing_ok=True)
            folders.add(path.parent)
        return folders

    @staticmethod
    def drop_unfinished(folders: Iterable[Path]) -> None:
        """Remove the temporary files of writes that did not finish in `folders`."""
        for folder in folders:
            for left in folder.glob(".tmp-*"):
                left.unlink(missing_ok=True)

    def _files(self, key: str, entry: Entry) -> list[tuple[Path, str]]:
        parts = [(".body", entry.body), (".html", entry.html)]
        return [(self._path(key, suffix), data) for suffix, data in parts if data]

    def save_texts(self, texts: Mapping[str, str], stored: Mapping[str, str]) -> None:
        """Make `texts` the notices' texts stored, where `stored` is what `texts()` found:
        only the parts that differ are written (or removed)."""
        new, old = _by_part(texts), _by_part(stored)
        folder = self.folder / TEXTS
        for part in old.keys() - new.keys():
            (folder / f"{part}.json").unlink(missing_ok=True)
        for part, chosen in new.items():
            if chosen != old.get(part):
                write_whole(folder / f"{part}.json", json.dumps(chosen, ensure_ascii=False))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop every page this build did not use, so the cache stays the size of the site."""
        wanted = set(keys)
        self.save_links({}, wanted=wanted)
        if self.folder.is_dir():
            for path in self.folder.glob("*/*"):
                if path.parent.name == TEXTS:
                    continue
                if path.name.startswith(".tmp-") or path.stem not in wanted:
                    path.unlink(missing_ok=True)


class PageWriter:
    """Stores a build's pages while it renders the others, in a thread: writing 10,000 small
    files is the file system's time, not Python's (3.5 s at the end of a build from nothing,
    on one core). A page is stored as soon as it is rendered, or, when it is written to site/
    exactly as stored, linked to that file as soon as the next page is handed over (MkDocs
    writes a page right after handing it over, before it renders the next). `finish(keep=False)`
    (the build warned, or stopped) removes every page this build stored, so the cache holds
    only the renders of builds that warned nothing, as when they were stored at the end."""

    def __init__(self, cache: PageCache) -> None:
        self.cache = cache
        self._pending: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stored: list[tuple[str, Entry]] = []
        self._linked: dict[str, Stamp] = {}
        self._written: set[str] = set()
        self._failed: list[BaseException] = []
        self._thread = threading.Thread(target=self._write, name="noticeboard-pages", daemon=True)
        self._thread.start()

    def put(self, key: str, entry: Entry, written_to: Path | None = None) -> None:
        """Store `entry` under `key`; `written_to`: the file in site/ that MkDocs is about to
        write with exactly `entry.html` (then the entry is a link to it)."""
        self._pending.put(_Job(key, entry, written_to))

    def finish(self, *, keep: bool) -> None:
        """Wait for every page handed over; keep them, or remove them all."""
        if self._thread.is_alive():
            self._pending.put(None)
            self._thread.join()
        if keep:
            if self._linked or self._written:
                self.cache.save_links(self._linked, written=self._written)
            return
        folders: set[Path] = set()
        for key, entry in self._stored:
            folders |= self.cache.drop(key, entry)
        self.cache.drop_unfinished(folders)  # once a folder, not once a page
        self._stored.clear()

    def _write(self) -> None:
        waiting: _Job | None = None  # a page to link once MkDocs has written it
        while True:
            job = self._pending.get()
            if waiting is not None:
                self._store(self._link, waiting)
                waiting = None
            if job is None:
                return
            self._stored.append((job.key, job.entry))  # before it is written: removed too
            if job.written_to is None:
                self._store(self._put, job)
                continue
            if job.entry.body:
                self._store(self._put, _Job(job.key, Entry("", job.entry.body), None))
            waiting = job

    def _store(self, how: Callable[[_Job], None], job: _Job) -> None:
        if self._failed:
            return
        try:
            how(job)
        except OSError as exc:  # a full disk: the pages are simply not kept (best effort)
            self._failed.append(exc)

    def _link(self, job: _Job) -> None:
        assert job.written_to is not None
        stamp = self.cache.link(job.key, job.written_to)
        if stamp is None:  # no link (another file system): a copy, its body stored already
            self._put(_Job(job.key, Entry(job.entry.html), None))
            return
        self._linked[job.key] = stamp
        self._written.discard(job.key)

    def _put(self, job: _Job) -> None:
        if job.entry.html:
            self._written.add(job.key)
            self._linked.pop(job.key, None)
        self.cache.put(job.key, job.entry)


@dataclass(frozen=True)
class _Job:
    key: str
    entry: Entry
    written_to: Path | None


def _link_stamp(found: os.stat_result) -> Stamp:
    """Size and whole seconds of modification: a copy of the cache (tar keeps whole seconds
    only) keeps its links usable, and a page changed in place almost always changes size."""
    return (found.st_size, found.st_mtime_ns // 1_000_000_000)


def _by_part(texts: Mapping[str, str]) -> dict[str, dict[str, str]]:
    parts: dict[str, dict[str, str]] = {}
    for key in sorted(texts):
        parts.setdefault(key[:2], {})[key] = texts[key]
    return parts
