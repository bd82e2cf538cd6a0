"""Rendered pages kept between builds, so a build re-renders only what changed.

A generated page (a notice or a listing) is a function of its spec (title, template, view,
Markdown body), of where it sits, and of everything the build shares: the package's code, the
templates, the hand-written docs (their titles make the nav), mkdocs.yml and the settings read
from the environment, the registry and the versions of MkDocs, Material and Markdown. The key of
a page hashes all of these, so any change to any input gives a new key and a fresh render: a
cached page is never stale, it is simply never found again.

Today's date is the one input every page shows that changes every night without changing the
page otherwise ("本页生成于…"). Pages are rendered with stand-in tokens for it and the real date
is put in when the page is written, so the nightly rebuild re-renders only the pages whose state
(and so whose view) moved.

The cache lives outside the site (`.cache/noticeboard/` beside mkdocs.yml, gitignored; CI may
restore it). Entries are written only after a build that logged no warning, so a page whose
render warned is rendered (and warns) again next time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from noticeboard.publish.text import zh_date

# Format of the entries; bump when what is stored changes.
FORMAT = "1"
# Stand-ins for today's date in cached pages (plain ASCII, unchanged by HTML escaping).
BUILT_TOKEN = "NBBUILTZH5d0c7f"
BUILT_ISO_TOKEN = "NBBUILTISO5d0c7f"
DEPENDENCIES = ("mkdocs", "mkdocs-material", "markdown", "segno", "nh3", "pymdown-extensions")
# A link or image to a relative target: MkDocs checks such targets exist when it renders the
# page, so a page that has one is rendered every time (a cached copy would hide the warning).
_RELATIVE_TARGET = re.compile(
    r"""(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|(?:href|src)\s*=\s*["']?)(?![a-z][a-z0-9+.-]*:|#|/)""",
    re.IGNORECASE | re.MULTILINE,
)


def with_built_tokens(view: Any) -> Any:
    """The view with today's date replaced by the stand-in tokens (views carry `built`)."""
    fields = {f.name for f in dataclasses.fields(view)}
    if {"built", "built_iso"} <= fields:
        return dataclasses.replace(view, built=BUILT_TOKEN, built_iso=BUILT_ISO_TOKEN)
    return view


def put_today(html: str, today: date) -> str:
    """A cached (tokenised) page with today's date in it."""
    return html.replace(BUILT_ISO_TOKEN, today.isoformat()).replace(BUILT_TOKEN, zh_date(today))


def cacheable(markdown_body: str) -> bool:
    """False when the body links to a relative path MkDocs must check on every build."""
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
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


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
    html: str  # with the built tokens
    text: str  # a notice's body as plain text (feeds, search); "" for listings
    body: str = ""  # a notice's cleaned body HTML (the printable boards); "" for listings


class PageCache:
    """Entries by key in `<folder>/<key[:2]>/<key>.html` (and `.txt`, and `.body` for notices)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str) -> Entry | None:
        try:
            html = self._path(key, ".html").read_text(encoding="utf-8")
            text = self._path(key, ".txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return Entry(html, text)

    def body(self, key: str) -> str | None:
        """The cleaned body HTML stored with a notice's page (read only when a printable
        board needs it), or None."""
        try:
            return self._path(key, ".body").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, entry: Entry) -> None:
        parts = [(".body", entry.body)] if entry.body else []
        for suffix, data in (*parts, (".txt", entry.text), (".html", entry.html)):
            target = self._path(key, suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(tmp, target)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop every entry this build did not use, so the cache stays the size of the site."""
        wanted = set(keys)
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name.startswith(".tmp-") or path.stem not in wanted:
                path.unlink(missing_ok=True)
