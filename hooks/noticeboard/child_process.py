"""What the package's helper processes share (publish/qr_worker.py, load/read_child.py): where
a child finds this package, when a child is worth starting, and stopping one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

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
