"""Notice pages link to their own source file when the repository is known (issue: contributing)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.tiny_site import ENV, GOOD, HOOK, MKDOCS, OVERRIDES, write_site

pytestmark = pytest.mark.build

NOTICE = "jinpu/2024/new-member-li"
CONFIG = f"""\
site_name: 测试
docs_dir: docs
plugins: []
repo_url: !ENV [NOTICEBOARD_REPO_URL, null]
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  custom_dir: {OVERRIDES}
  features: [content.action.edit, content.action.view]
hooks:
  - {HOOK}
"""


def build(root: Path, repo_url: str | None) -> BeautifulSoup:
    env = {k: v for k, v in ENV.items() if k != "NOTICEBOARD_REPO_URL"}
    if repo_url:
        env["NOTICEBOARD_REPO_URL"] = repo_url
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    run = subprocess.run(
        [MKDOCS, "build", "--strict"], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    html = (root / "site" / "notices" / NOTICE / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_notice_pages_link_to_their_source_in_the_repository(repo):
    root = write_site(repo(notices={f"{NOTICE}.md": GOOD}))
    page = build(root, "https://github.com/township/board")
    hrefs = {a["href"] for a in page.select("a.md-content__button")}
    assert f"https://github.com/township/board/edit/main/notices/{NOTICE}.md" in hrefs
    assert f"https://github.com/township/board/raw/main/notices/{NOTICE}.md" in hrefs


def test_without_a_repository_there_is_no_dead_edit_link(repo):
    root = write_site(repo(notices={f"{NOTICE}.md": GOOD}))
    page = build(root, None)
    assert page.select("a.md-content__button") == []
