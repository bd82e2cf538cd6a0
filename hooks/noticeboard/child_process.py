"""What the package's helper processes share (publish/qr_worker.py, publish/body_worker.py,
load/read_child.py): where a child finds this package, when a child is worth starting,
starting, feeding and stopping one, and its answers as they arrive."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

# MkDocs puts this package on sys.path only while it loads the hooks, which a new interpreter
# would not see: a child is given this folder and puts it on its own sys.path.
PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])


def threshold(variable: str, default: int) -> int:
    """The least work worth a child: the environment's `variable` when it is a number (1:
    always, for the tests that compare both ways), else `default`."""
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() else default


def stop(child: subprocess.Popen[Any] | None) -> None:
    """Stop a child that still runs (a run that ends early must not leave it behind)."""
    if child is not None and child.poll() is None:
        child.kill()
        child.wait()


def start(script: str, *, text: bool = False) -> subprocess.Popen[Any] | None:
    """A new interpreter running `script`, which finds this package's folder in sys.argv[1],
    with pipes to and from it (UTF-8 text, or bytes); None where one cannot start."""
    try:
        return subprocess.Popen(
            [sys.executable, "-c", script, PACKAGE_PARENT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=text,
            encoding="utf-8" if text else None,
        )
    except OSError:
        return None


def send(child: subprocess.Popen[bytes], request: bytes) -> None:
    """Write `request` to the child's stdin and close it, from a thread: the child takes a
    moment to start and a pipe holds 64 KB. A child that ended early is its reader's to see."""

    def feed() -> None:
        assert child.stdin is not None
        try:
            child.stdin.write(request)
            child.stdin.close()
        except (OSError, ValueError):
            pass

    threading.Thread(target=feed, daemon=True).start()


K = TypeVar("K")
V = TypeVar("V")


class Arrivals(Generic[K, V]):
    """A child's answers by key, as they arrive: `take` waits for one until it arrives or the
    child is done (then None: the caller makes it itself)."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._arrived: dict[K, V] = {}
        self._done = False
        self.count = 0  # answers that arrived

    def add(self, answers: Iterable[tuple[K, V]]) -> None:
        with self._ready:
            for key, value in answers:
                self._arrived[key] = value
                self.count += 1
            self._ready.notify_all()

    def end(self) -> None:
        """No more answers will come (the child ended, or none was started)."""
        with self._ready:
            self._done = True
            self._ready.notify_all()

    def take(self, key: K) -> V | None:
        with self._ready:
            while key not in self._arrived and not self._done:
                self._ready.wait()
            return self._arrived.pop(key, None)
