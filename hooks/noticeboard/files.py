"""Small file operations the load and publish rooms share: a file's stamp (to know it is
untouched without reading it), a whole-file write a reader never sees half of, and removal of
whatever is at a path."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

Stamp = tuple[int, int]  # a regular file's size and modification time (ns)


def stamp_of(path: str | Path) -> Stamp | None:
    """The stamp of a regular file (links followed); None for anything else or nothing."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return stamp_from(found) if stat.S_ISREG(found.st_mode) else None


def stamp_from(found: os.stat_result) -> Stamp:
    """The stamp in what `stat` or `fstat` found of a regular file: one definition, so a file
    stamped when read compares equal to it stamped by path later."""
    return (found.st_size, found.st_mtime_ns)


def write_whole(target: Path, data: str) -> None:
    """Replace `target` with `data` (UTF-8) in one step: written beside it, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(data)
    os.replace(tmp, target)


def remove(path: Path) -> None:
    """Delete a folder with what it holds, or a file or link (never what a link points at)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
