"""`mkdocs serve` survives a bad edit (messages, no traceback) and recovers once it is fixed."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from support.tiny_site import ENV, GOOD, MKDOCS, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `mkdocs serve` subprocess whose stderr is collected by a reader thread."""

    def __init__(self, root, port: int) -> None:
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


@pytest.fixture
def server(repo) -> Iterator[tuple[Server, object]]:
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}))
    running = Server(root, free_port())
    try:
        yield running, root
    finally:
        running.stop()


def test_serve_survives_a_bad_edit_and_recovers(server):
    srv, root = server
    notice = root / "notices/jinpu/2024/ok.md"
    srv.wait_for("the first build", lambda: srv.page("") is not None)

    builds_before = srv.log.count("Reloading browsers")
    notice.write_text(GOOD.replace("branch: jinpu", "branch: nowhere"), encoding="utf-8")
    srv.wait_for("the failed rebuild", lambda: "An error happened during the rebuild" in srv.log)
    assert srv.proc.poll() is None
    assert any(
        line.startswith("notices/jinpu/2024/ok.md:3: error: 找不到党组织“nowhere”")
        for line in srv.lines
    )
    assert "Traceback" not in srv.log
    # MkDocs holds page requests until a build succeeds again ("the server will appear stuck")

    notice.write_text(GOOD.replace("现予公示", "已修正，现予公示"), encoding="utf-8")
    srv.wait_for("a good rebuild", lambda: srv.log.count("Reloading browsers") > builds_before)
    srv.wait_for(
        "the fixed notice page",
        lambda: "已修正" in (srv.page("notices/jinpu/2024/ok/") or ""),
    )
    assert "Traceback" not in srv.log
