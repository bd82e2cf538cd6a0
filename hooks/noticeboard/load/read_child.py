"""Notice files read by a second Python process when many are unread (a check or a build from
nothing), while this one reads the others: a file takes about 0.4 ms of pure-Python work
(YAML, the field rules), 4 s at 10,000 notices on one core.

The child gets the registry and its share of the files (a pickle on its stdin) and answers,
in the same order, each file's digest and reading (a pickle on its stdout). Reading a file is a
function of its bytes and the registry, so the result does not depend on who read it; should
the child fail in any way, this process reads its share itself. A plain subprocess, as in
`publish/qr_worker.py`: MkDocs puts this package on sys.path only while it loads the hooks, so
the child is told where the package is.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from noticeboard import collector
from noticeboard.child_process import send, start, stop, threshold
from noticeboard.load.notice_file import NoticeRead, notice_bytes, read_notice_file
from noticeboard.model import Registry

# Below this many unread files a child costs more than it saves (its start is ~0.3 s);
# NOTICEBOARD_READ_CHILD_FROM moves the threshold (1: always; a test compares both ways).
MIN_FILES_VARIABLE = "NOTICEBOARD_READ_CHILD_FROM"
MIN_FILES = 1000

Answer = tuple[bytes | None, NoticeRead]  # the file's sha256 (None: unreadable) and reading

_CHILD = (
    "import sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from noticeboard.load.read_child import serve\n"
    "serve(sys.stdin.buffer, sys.stdout.buffer)\n"
)


def min_files() -> int:
    return threshold(MIN_FILES_VARIABLE, MIN_FILES)


def read_one(file: Path, root: Path, registry: Registry) -> Answer:
    """A file's digest and reading, as the read cache stores them."""
    data = notice_bytes(file)
    if data is None:
        return None, read_notice_file(file, root, registry)
    return hashlib.sha256(data).digest(), read_notice_file(file, root, registry, data)


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side: read what it is asked, answer in order."""
    root, registry, files = pickle.load(stdin)
    with collector.paused():  # what it reads lives until it answers
        answers = [read_one(Path(file), Path(root), registry) for file in files]
    pickle.dump(answers, stdout, protocol=pickle.HIGHEST_PROTOCOL)
    stdout.flush()


class ChildRead:
    """`files` being read by a child process (started at once); `answers()` waits for them."""

    def __init__(self, files: Sequence[Path], root: Path, registry: Registry) -> None:
        self.files = list(files)
        self._child: subprocess.Popen[bytes] | None = None
        try:
            request = pickle.dumps(
                (str(root), registry, [str(file) for file in self.files]),
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        except (ValueError, pickle.PickleError):
            return
        self._child = start(_CHILD)
        if self._child is not None:
            send(self._child, request)  # a child that ends early: answers() finds nothing

    def answers(self) -> list[Answer] | None:
        """The child's answers, one per file in order, or None when it failed (then the
        caller reads the files itself)."""
        if self._child is None or self._child.stdout is None:
            return None
        try:
            found = pickle.load(self._child.stdout)
            self._child.wait()
        except (OSError, EOFError, ValueError, pickle.PickleError, AttributeError, ImportError):
            found = None
        finally:
            self.close()
        ok = isinstance(found, list) and len(found) == len(self.files)
        return found if ok and self._child.returncode == 0 else None

    def close(self) -> None:
        """Stop the child (a run that ends early must not leave it running)."""
        stop(self._child)
