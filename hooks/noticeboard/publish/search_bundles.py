"""Each year's Pagefind bundle kept between builds, so a rebuild indexes only changed years.

A bundle is a function of its search records (text, meta and filters; nothing in
them moves with the day: the state filter is added at each build, see search_index), of the
Pagefind binary that indexes them and of our code that writes the record pages and rewrites the
bundle. Its key hashes all of these, so a changed record, a new Pagefind or changed code gives a
new key and a fresh index: a kept bundle is never stale, it is simply never found again. A
nightly rebuild re-indexes only a part where a notice started or was edited.

Bundles live in `<cache>/search/<key>/` (the build cache, outside site/). A bundle is written
into a temporary folder and renamed into place, so a folder under its key is always complete.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

from noticeboard.publish.search_records import SearchRecord

# Format of the entries; bump when what is stored changes.
FORMAT = "3"
# The code that shapes a bundle besides Pagefind: the record pages and the bundle rewrite.
_CODE = ("search_index.py", "pagefind_bundle.py", "search_bundles.py")
_PACKAGES = ("pagefind", "pagefind_bin_extended", "cbor2")
_TEMPORARY = ".tmp-"
_OLD = ".old-"  # a bundle no longer used, deleted after the build (drop_old)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def code_fingerprint(binary: Path) -> str:
    """What every bundle shares: our code, the packages' versions and the binary itself (its
    path, size and modification time, so a replaced binary counts as a new one)."""
    digest = hashlib.sha256(FORMAT.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for name in _PACKAGES:
        digest.update(f"{name}={_version(name)}\0".encode())
    stat = binary.stat()
    digest.update(f"{binary.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def bundle_key(records: Sequence[SearchRecord], code: str) -> str:
    """The key of the bundle of `records`: every field of every record, in order, and `code`.
    (`repr` of a frozen record holds every field; a JSON dump of 10,000 records cost 2 s
    of every rebuild.)"""
    digest = hashlib.sha256(f"{FORMAT}\0{code}".encode())
    for record in records:
        data = repr(record).encode("utf-8", "surrogatepass")
        digest.update(f"\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class BundleCache:
    """Bundles by key in `<folder>/<key>/`; a bundle lacking one of the `required` files (a
    damaged cache) is not found, and is replaced when stored again."""

    def __init__(self, folder: Path, required: tuple[str, ...] = ("pagefind-entry.json",)):
        self.folder = folder
        self.required = required

    def get(self, key: str) -> Path | None:
        found = self.folder / key
        return found if all((found / name).is_file() for name in self.required) else None

    def put(self, key: str, write: Callable[[Path], None]) -> Path:
        """Have `write` fill a fresh folder, then move it under `key`; returns its folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / key
        fresh = Path(tempfile.mkdtemp(dir=self.folder, prefix=_TEMPORARY))
        try:
            write(fresh)
            if target.exists() and self.get(key) is None:  # damaged: replaced
                shutil.rmtree(target, ignore_errors=True)
            try:
                fresh.rename(target)
            except OSError:  # another build stored the same key meanwhile: same content
                if self.get(key) is None:
                    raise
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
        return target

    def keep_only(self, keys: Iterable[str]) -> None:
        """Set aside every bundle this build did not use (a rename: deleting a year's 3,000
        files is `drop_old`'s, after the build has what it needs), so the cache stays the
        size of the site."""
        wanted = set(keys)
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name in wanted or path.name.startswith(_OLD):
                continue
            old = self.folder / f"{_OLD}{path.name}"
            if path.is_dir() and not path.is_symlink() and not old.exists():
                path.rename(old)
            elif path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def drop_old(self) -> None:
        """Delete the bundles `keep_only` set aside (a stopped deletion is finished later)."""
        if self.folder.is_dir():
            for path in self.folder.glob(f"{_OLD}*"):
                shutil.rmtree(path, ignore_errors=True)
