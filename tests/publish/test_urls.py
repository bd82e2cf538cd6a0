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


def test_listing_addresses_with_and_without_a_year() -> None:
    """Written out by hand: the addresses SPEC gives the listing pages."""
    from noticeboard.urls import archive_url, branch_url, category_url

    assert archive_url() == "archive/"
    assert archive_url(2026) == "archive/2026/"
    assert category_url("finance") == "categories/finance/"
    assert category_url("finance", 2026) == "categories/finance/2026/"
    assert branch_url("jinpu") == "branches/jinpu/"
    assert branch_url("jinpu", 2024) == "branches/jinpu/2024/"


def test_the_default_docs_dir_is_docs() -> None:
    assert source_edit_path("jinpu/2026/x") == source_edit_path("jinpu/2026/x", "docs")
    assert source_edit_path("jinpu/2026/x") == "../notices/jinpu/2026/x.md"
