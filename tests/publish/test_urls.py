"""The edit / view-source link of a notice page points at its Markdown file under notices/."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from noticeboard.urls import notice_source as source_path
from noticeboard.urls import source_edit_path


def test_source_path_is_the_file_under_notices() -> None:
    assert source_path("jinpu/2026/new-member-li") == "notices/jinpu/2026/new-member-li.md"


@pytest.mark.parametrize("docs_dir", ["docs", "docs/", "./docs"])
def test_edit_link_built_as_mkdocs_does_reaches_the_notice(docs_dir: str) -> None:
    # MkDocs: edit_url = urljoin(repo_url + "/", edit_uri + file.edit_uri)
    repo_url, edit_uri = "https://github.com/town/board/", "edit/main/docs/"
    url = urljoin(repo_url, edit_uri + source_edit_path("jinpu/2026/x", docs_dir))
    assert url == "https://github.com/town/board/edit/main/notices/jinpu/2026/x.md"


def test_docs_dir_one_level_deeper_climbs_twice() -> None:
    assert source_edit_path("jinpu/2026/x", "site-src/docs") == "../../notices/jinpu/2026/x.md"
