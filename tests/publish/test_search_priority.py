"""Pagefind runs behind the pages: at a lower priority than the build that starts it
(search_index.behind_the_pages), where the system has `nice`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from noticeboard.publish.search_index import PAGEFIND_NICENESS, behind_the_pages

PRIORITY = [sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"]


@pytest.mark.skipif(shutil.which("nice") is None, reason="no nice on this system")
def test_pagefind_runs_at_a_lower_priority_than_the_build():
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    ran = subprocess.run(behind_the_pages(PRIORITY), capture_output=True, text=True, check=True)
    assert int(ran.stdout) == min(mine + PAGEFIND_NICENESS, 19)
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # the build's own is untouched


def test_without_nice_the_command_is_run_as_it_is(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert behind_the_pages(PRIORITY) == PRIORITY
