"""The search index runs behind the pages: its thread, and the Pagefind process it starts,
at a lower priority than the thread that renders (mkdocs_adapter._behind_the_pages)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from noticeboard import mkdocs_adapter

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux threads")

CHILD_PRIORITY = [sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"]


def test_the_search_thread_and_its_children_yield_to_the_pages():
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: dict[str, int] = {}

    def search() -> None:
        mkdocs_adapter._behind_the_pages()
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        ran = subprocess.run(CHILD_PRIORITY, capture_output=True, text=True, check=True)
        seen["child"] = int(ran.stdout)

    thread = threading.Thread(target=search)
    thread.start()
    thread.join()
    lowered = min(mine + mkdocs_adapter.SEARCH_NICENESS, 19)
    assert seen == {"thread": lowered, "child": lowered}
    # the rendering thread (this one) and what it starts keep their priority
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
    ran = subprocess.run(CHILD_PRIORITY, capture_output=True, text=True, check=True)
    assert int(ran.stdout) == mine
