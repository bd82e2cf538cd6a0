"""One build of a board at a time: two builds of the same repository move the same site/
folders and write the same caches, and each breaks the other half-way.

A build holds an exclusive lock on `<cache>/build.lock` (flock) from its start to its end; a
second build waits for it (and says so). The lock goes with the process, so a build that
crashes never leaves a board locked. On a system without flock nothing is locked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "build.lock"


class BuildLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self, waiting: Callable[[], None]) -> None:
        """Take the lock; `waiting()` is called first when another build holds it."""
        if fcntl is None or self._fd is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # no cache folder to lock in: builds go unlocked, as before
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None and fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        self._fd = None
