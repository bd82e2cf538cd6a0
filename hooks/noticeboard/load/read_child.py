"""Notice files read by a second Python process when many are unread (a check or a build from
nothing), while this one reads the others: a file takes about 0.16 ms of pure-Python work
(YAML, the field rules), 1.6 s at 10,000 notices on one core.

The child gets the registry and its share of the files (a pickle on its stdin)
and answers with the read cache's entries for them, already pickled as the cache stores them
(`ReadCache.adopt` writes those bytes as they are: pickling them again here cost 0.1 s at
10,000 files), and the readings of files it could not read (no bytes, no entry). Reading a file
is a function of its bytes and the registry, so the result does not depend on who read it;
should the child fail in any way, this process reads its share itself. A plain subprocess, as in
`publish/qr_worker.py`: MkDocs puts this package on sys.path only while it loads the hooks, so
the child is told where the package is.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from noticeboard import collector
from noticeboard.child_process import send, start, stop, threshold
from noticeboard.files import Stamp
from noticeboard.load.notice_file import NoticeRead, read_notice_file, relative, stamped_bytes
from noticeboard.load.read_cache import Stored, stored
from noticeboard.model import Registry

# Below this many unread files a child costs more than it saves (its start is ~0.3 s);
# NOTICEBOARD_READ_CHILD_FROM moves the threshold (1: always; a test compares both ways).
MIN_FILES_VARIABLE = "NOTICEBOARD_READ_CHILD_FROM"
MIN_FILES = 1000

# the file's sha256 and stamp (None: unreadable), and its reading
Answer = tuple[bytes | None, Stamp | None, NoticeRead]

_CHILD = (
    "import os, sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from noticeboard.load.read_child import serve\n"
    "serve(sys.stdin.buffer, sys.stdout.buffer)\n"
    # answered and flushed: nothing is left to do, not even freeing what it read (30 ms at
    # 10,000 files, which the parent would wait for)
    "os._exit(0)\n"
)


def min_files() -> int:
    return threshold(MIN_FILES_VARIABLE, MIN_FILES)


def read_one(file: Path, root: Path, registry: Registry) -> Answer:
    """A file's digest, stamp and reading, as the read cache stores them."""
    found = stamped_bytes(file)
    if found is None:
        return None, None, read_notice_file(file, root, registry)
    data, stamp = found
    return hashlib.sha256(data).digest(), stamp, read_notice_file(file, root, registry, data)


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side: read what it is asked, answer with its entries and odd readings."""
    root, registry, files = pickle.load(stdin)
    entries: dict[str, Stored] = {}
    unreadable: dict[int, NoticeRead] = {}
    with collector.paused():  # what it reads lives until it answers
        for position, name in enumerate(files):
            file = Path(name)
            digest, stamp, reading = read_one(file, Path(root), registry)
            if digest is None:
                unreadable[position] = reading
            else:
                entries[relative(file, Path(root))] = stored(digest, stamp, reading)
        blob = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump((blob, unreadable), stdout, protocol=pickle.HIGHEST_PROTOCOL)
    stdout.flush()


@dataclass(frozen=True)
class ChildAnswers:
    """What the child read: the read cache's entries for its files, pickled (`blob`) and not
    (`entries`, by path from the root), and the readings of files it could not read."""

    root: Path
    blob: bytes
    entries: dict[str, Stored]
    unreadable: dict[int, NoticeRead]

    def __len__(self) -> int:
        return len(self.entries) + len(self.unreadable)

    def reading(self, position: int, file: Path) -> NoticeRead:
        """The reading of `file`, the child's `position`-th."""
        if position in self.unreadable:
            return self.unreadable[position]
        return self.entries[relative(file, self.root)][2]

    def covers(self, files: Sequence[Path]) -> bool:
        return len(self) == len(files) and all(
            position in self.unreadable or relative(file, self.root) in self.entries
            for position, file in enumerate(files)
        )


class ChildRead:
    """A child process that reads files: started at once, so that it imports while the
    caller finds out which files it is to read (`ask`); `answers()` waits for them."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.root = Path()
        self._child: subprocess.Popen[bytes] | None = start(_CHILD)

    def ask(self, files: Sequence[Path], root: Path, registry: Registry) -> None:
        """Have the child read `files`."""
        self.files = list(files)
        self.root = root
        try:
            request = pickle.dumps(
                (str(root), registry, [str(file) for file in self.files]),
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        except (ValueError, pickle.PickleError):
            self.close()
            return
        if self._child is not None:
            send(self._child, request)  # a child that ends early: answers() finds nothing

    def answers(self) -> ChildAnswers | None:
        """What the child read, or None when it failed (then the caller reads the files
        itself)."""
        if self._child is None or self._child.stdout is None:
            return None
        found: ChildAnswers | None = None
        try:
            blob, unreadable = pickle.load(self._child.stdout)
            entries = pickle.loads(blob)  # while the child's process ends
            self._child.wait()
            if isinstance(entries, dict) and isinstance(unreadable, dict):
                found = ChildAnswers(self.root, blob, entries, unreadable)
        except (
            OSError,
            EOFError,
            ValueError,
            TypeError,
            pickle.PickleError,
            AttributeError,
            ImportError,
        ):
            found = None
        finally:
            self.close()
        ok = found is not None and found.covers(self.files) and self._child.returncode == 0
        return found if ok else None

    def close(self) -> None:
        """Stop the child (a run that ends early must not leave it running)."""
        stop(self._child)
