"""Keeping unchanged pages in site/ between builds instead of deleting and rewriting them.

MkDocs empties site/ before every build (clean_directory, which leaves hidden entries alone),
then writes every file again. At 10,000 notices that is 10,000 folders deleted and 10,000 pages
written even when one notice changed. Instead:

1. before MkDocs cleans, the folders that hold generated pages are moved into the hidden
   `.nb-previous/` inside site/ (one rename each), so the clean leaves them alone;
2. once the clean is done they are moved back, and every file in them is deleted unless its
   bytes are exactly what this build writes at that path for a page copied from the page cache
   (then MkDocs is told the file is already in place); folders left empty go too.

So after the build site/ holds exactly what a build from an empty site/ writes: the only files
kept are byte-identical to what would be written, everything else in those folders is gone
(a removed notice's page included) and is written again by whoever writes it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

ASIDE = ".nb-previous"


def drop_aside(site: Path) -> None:
    """Delete site/.nb-previous/ (left by a build that stopped before putting it back)."""
    aside = site / ASIDE
    if aside.is_symlink() or aside.is_file():
        aside.unlink()
    elif aside.exists():
        shutil.rmtree(aside)


def set_aside(site: Path, folders: Iterable[str]) -> list[str]:
    """Move site/<folder> for each folder into site/.nb-previous/ (a leftover of a build that
    stopped half-way is dropped first). Returns the folders moved."""
    aside = site / ASIDE
    drop_aside(site)
    moved = []
    for folder in sorted(set(folders)):
        source = site / folder
        if "/" in folder or folder.startswith(".") or source.is_symlink() or not source.is_dir():
            continue
        aside.mkdir(exist_ok=True)
        os.rename(source, aside / folder)
        moved.append(folder)
    return moved


def put_back(site: Path, moved: Iterable[str]) -> list[str]:
    """Undo `set_aside` after MkDocs' clean; a folder MkDocs recreated meanwhile wins."""
    aside = site / ASIDE
    back = []
    for folder in moved:
        if (site / folder).exists():
            continue
        os.rename(aside / folder, site / folder)
        back.append(folder)
    drop_aside(site)
    return back


def keep_unchanged(
    site: Path,
    folders: Iterable[str],
    planned: Mapping[str, str],
    trusted: Collection[str] = (),
) -> set[str]:
    """In site/<folder>, keep each file whose bytes equal `planned[its path]` (UTF-8), and each
    `trusted` one (known to hold what this build writes: the preview's own last build), and
    delete every other file, link and emptied folder. Returns the kept paths ('a/b.html')."""
    kept: set[str] = set()
    for folder in folders:
        top = site / folder
        prefix = len(str(site)) + 1
        for dirpath, dirnames, filenames in os.walk(top, topdown=False):
            for name in dirnames:
                path = os.path.join(dirpath, name)
                if os.path.islink(path):
                    os.unlink(path)
            for name in filenames:
                path = os.path.join(dirpath, name)
                rel = path[prefix:].replace(os.sep, "/")
                if os.path.islink(path):
                    os.unlink(path)
                elif rel in trusted or (rel in planned and _same(path, planned[rel])):
                    kept.add(rel)
                else:
                    os.unlink(path)
            if not os.listdir(dirpath):
                os.rmdir(dirpath)
    return kept


def _same(path: str, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False
