"""Keeping unchanged pages in site/ between builds instead of deleting and rewriting them.

MkDocs empties site/ before every build (clean_directory, which leaves hidden entries alone),
then writes every file again. At 10,000 notices that is 10,000 folders deleted and 10,000 pages
written even when one notice changed. Instead:

1. after a build, a manifest records each cacheable page it wrote: its path, its page key
   (page_cache) and the file's size and modification time;
2. before MkDocs cleans, the folders that hold generated pages are moved into the hidden
   `.nb-previous/` inside site/ (one rename each), so the clean leaves them alone;
3. once the clean is done they are moved back, and every file in them is deleted unless this
   build wants the same key at that path and the file's size and time are still those the
   manifest recorded (nobody touched it since); folders left empty go too.

So after the build site/ holds exactly what a build from an empty site/ writes: the only files
kept are those this build would write identically (same key, same bytes), everything else in
those folders is gone (a removed notice's page included) and is written again by whoever writes
it. No kept page is read: the nightly rebuild of 10,000 notices leaves 10,000 files alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from noticeboard.files import Stamp, remove, stamp_of, write_whole

ASIDE = ".nb-previous"


def drop_aside(site: Path) -> None:
    """Delete site/.nb-previous/ (left by a build that stopped before putting it back)."""
    remove(site / ASIDE)


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


def keep_unchanged(site: Path, folders: Iterable[str], unchanged: Mapping[str, Stamp]) -> set[str]:
    """In site/<folder>, keep each file whose stamp is still `unchanged[its path]` and delete
    every other file, link and emptied folder. Returns the kept paths ('a/b.html')."""
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
                if (
                    not os.path.islink(path)
                    and rel in unchanged
                    and stamp_of(path) == unchanged[rel]
                ):
                    kept.add(rel)
                else:
                    os.unlink(path)
            if not os.listdir(dirpath):
                os.rmdir(dirpath)
    return kept


@dataclass(frozen=True)
class Manifest:
    """What the last clean build wrote into site/: page path -> (key, stamp). No folder is
    named: a copy of site/ that kept its files' times (CI restoring it) is still trusted, and
    any other folder's files do not have these times."""

    pages: dict[str, tuple[str, Stamp]]

    def unchanged(self, keys: Mapping[str, str]) -> dict[str, Stamp]:
        """Path -> recorded stamp of each page this build wants with the key it had."""
        return {
            path: recorded[1]
            for path, key in keys.items()
            if (recorded := self.pages.get(path)) is not None and recorded[0] == key
        }


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`; an empty one when it is missing or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = {
            str(rel): (str(key), (int(size), int(mtime)))
            for rel, (key, size, mtime) in data["pages"].items()
        }
        return Manifest(pages)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return Manifest({})


def write_manifest(
    path: Path, site: Path, keys: Mapping[str, str], kept: Mapping[str, Stamp] | None = None
) -> None:
    """Record the pages of `keys` (path -> key) as they now are in `site`; `kept` holds the
    stamps of those this build left alone (known, not asked again)."""
    known = kept or {}
    pages = {}
    for rel, key in keys.items():
        found = known[rel] if rel in known else stamp_of(site / rel)
        if found is not None:
            pages[rel] = [key, *found]
    write_whole(path, json.dumps({"pages": pages}, sort_keys=True))


def forget_manifest(path: Path) -> None:
    path.unlink(missing_ok=True)
