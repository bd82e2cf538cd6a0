"""A `mkdocs serve` subprocess for the preview tests: its log, its pages, its end."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from support.tiny_site import ENV, MKDOCS

TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `mkdocs serve` subprocess whose stderr is collected by a reader thread."""

    def __init__(self, root: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(
            [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.proc.poll() is None, f"mkdocs serve exited:\n{self.log}"
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log}")

    def page(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, OSError):
            return None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
