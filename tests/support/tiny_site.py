"""A tiny site for build and serve tests: its own mkdocs.yml naming the real hook file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from support.notice_text import SHORT_NOTICE

HOOK = Path(__file__).resolve().parents[2] / "hooks" / "noticeboard_hooks.py"
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {
    **{k: v for k, v in os.environ.items() if k != "NOTICEBOARD_LANG"},  # the default: Chinese
    "NOTICEBOARD_TODAY": "2024-06-15",
    "NO_MKDOCS_2_WARNING": "1",
}

GOOD = SHORT_NOTICE.replace("title: 公示", "title: 关于发展李四同志为预备党员的公示").replace(
    "\n正文\n", "\n经支部委员会研究，现予公示。\n"
)


def write_site(root: Path) -> Path:
    """mkdocs.yml and docs/ next to the notices/ the `repo` fixture wrote."""
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# 关于本站\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\n"
        "docs_dir: docs\n"
        "plugins: []\n"
        f"theme:\n  name: material\n  font: false\n  custom_dir: {OVERRIDES}\n"
        f"hooks:\n  - {HOOK}\n",
        encoding="utf-8",
    )
    return root


def run_build(
    root: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the site at `root` into `root/site`, with ENV and `env` (not strict
    unless `args` say so); whatever it ends with, for the test to read."""
    return subprocess.run(
        [MKDOCS, "build", *args, "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        timeout=300,
    )
