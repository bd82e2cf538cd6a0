"""Real git history for tests: commits with chosen dates in a temporary repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_IDENTITY = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, **_IDENTITY}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def init(root: Path) -> Path:
    git(root, "init", "-q", "-b", "main")
    return root


def commit(root: Path, message: str, when: str) -> str:
    """Commit everything under `root` at `when` (ISO 8601 with offset); returns the sha."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD").strip()
