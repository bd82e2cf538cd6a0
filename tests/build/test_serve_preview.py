"""The preview (`mkdocs serve`): an edited notice shows, a removed one goes, and a rebuild
keeps the search index of the first build instead of indexing again (README: preview)."""

from __future__ import annotations

import pytest

from support.serve_process import Server, free_port
from support.tiny_site import GOOD, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

OTHER = GOOD.replace("李四", "王五")


def test_the_preview_follows_edits_and_keeps_the_search_index(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD, "jinpu/2024/other.md": OTHER}))
    srv = Server(root, free_port())
    try:
        srv.wait_for("the first build", lambda: srv.page("notices/jinpu/2024/other/") is not None)
        entry = srv.page("pagefind/nb-filters.json")
        assert entry is not None  # the first build indexes
        assert "不重新生成" not in srv.log and "未重新生成" not in srv.log

        builds = srv.log.count("Reloading browsers")
        notice = root / "notices/jinpu/2024/ok.md"
        notice.write_text(GOOD.replace("现予公示", "预览标记P1，现予公示"), encoding="utf-8")
        srv.wait_for(
            "the edited page",
            lambda: "预览标记P1" in (srv.page("notices/jinpu/2024/ok/") or ""),
        )
        srv.wait_for("the rebuild", lambda: srv.log.count("Reloading browsers") > builds)
        assert "搜索索引沿用" in srv.log
        # the other page, left in place (known from the last build), is still served whole
        assert "王五" in (srv.page("notices/jinpu/2024/other/") or "")
        assert "</html>" in (srv.page("notices/jinpu/2024/other/") or "")
        assert srv.page("pagefind/nb-filters.json") == entry  # kept, not re-indexed

        (root / "notices/jinpu/2024/other.md").unlink()
        srv.wait_for(
            "the removed page to go", lambda: srv.page("notices/jinpu/2024/other/") is None
        )
        assert "预览标记P1" in (srv.page("notices/jinpu/2024/ok/") or "")
        assert "Traceback" not in srv.log
    finally:
        srv.stop()
