"""`mkdocs serve` survives a bad edit (messages, no traceback) and recovers once it is fixed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.serve_process import Server, free_port
from support.tiny_site import GOOD, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]


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
