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


def test_every_site_address_as_spec_writes_it() -> None:
    """SPEC "Site pages", copied by hand: an address never changes once published (QR codes)."""
    from noticeboard import urls

    assert [
        urls.notice_url("jinpu/2024/a"),
        urls.attachment_url("jinpu/2024/a.pdf"),
        urls.branch_print_url("jinpu"),
        urls.ALL_FEED_URL,
        urls.branch_feed_url("jinpu"),
        urls.category_feed_url("finance"),
        urls.COMPLIANCE_URL,
        urls.compliance_url("jinpu"),
        urls.LEDGER_CSV_URL,
        urls.STATISTICS_URL,
        urls.chart_url("quarters"),
        urls.BOARD_URL,
        urls.BRANCHES_URL,
        urls.CATEGORIES_URL,
    ] == [
        "notices/jinpu/2024/a/",
        "notices/jinpu/2024/a.pdf",
        "branches/jinpu/print/",
        "feeds/all.xml",
        "feeds/branch/jinpu.xml",
        "feeds/category/finance.xml",
        "compliance/",
        "compliance/jinpu/",
        "compliance/ledger.csv",
        "statistics/",
        "statistics/quarters.svg",
        "",
        "branches/",
        "categories/",
    ]


def test_site_addresses_become_pages_and_absolute_links() -> None:
    from noticeboard import urls

    assert urls.source_of("notices/jinpu/2024/a/") == "notices/jinpu/2024/a/index.md"
    assert urls.source_of("") == "index.md"
    assert urls.rooted("notices/x/") == "/notices/x/"
    assert urls.absolute("https://board.example/town", "feeds/all.xml") == (
        "https://board.example/town/feeds/all.xml"
    )
    assert urls.absolute("https://board.example/town/", "feeds/all.xml") == (
        "https://board.example/town/feeds/all.xml"
    )
    assert urls.commit_url("https://github.com/town/board/", "abc123") == (
        "https://github.com/town/board/commit/abc123"
    )
    assert urls.commit_url("https://git.example/town/board", "abc123") == (
        "https://git.example/town/board/commit/abc123"
    )
    assert urls.commit_url("https://git.example/town/X/", "abc123") == (
        "https://git.example/town/X/commit/abc123"  # only the slash is taken off the end
    )


def test_repository_paths_of_notices_branches_and_attachments() -> None:
    from noticeboard import urls

    assert urls.REGISTRY_SOURCE == "notices/_board.yml"
    assert urls.NOTICE_SOURCE_PATTERN == "notices/<branch-id>/<year>/<name>.md"
    assert urls.branch_folder("jinpu") == "notices/jinpu/"
    assert urls.branch_folder("jinpu", 2024) == "notices/jinpu/2024/"
    assert urls.attachment_source("jinpu/2024/a.pdf") == "notices/jinpu/2024/a.pdf"
    assert urls.notice_id_of("notices/jinpu/2024/x.md") == "jinpu/2024/x"
    assert urls.notice_id_of("notices/jinpu/2024/x.pdf") is None
    assert urls.notice_id_of("docs/jinpu/2024/x.md") is None
    assert urls.notice_id_of("notices.md") is None
    assert urls.branch_of_path("notices/jinpu/2024/a.pdf") == "jinpu"
    assert urls.branch_of_path("notices/jinpu/x") == "jinpu"
    assert urls.branch_of_path("notices/_board.yml") is None
    assert urls.branch_of_path("notices/_templates/x.md") is None
    assert urls.branch_of_path("notices/.github/x") is None
    assert urls.branch_of_path("docs/jinpu/2024/a.pdf") is None
    assert urls.branch_of_path("notices/jinpu") is None  # the folder itself, nothing in it


def test_a_mailto_link_stays_one_plain_address() -> None:
    from noticeboard.urls import mailto_url

    assert mailto_url(" dang.wei+jinpu@town.example ") == "mailto:dang.wei+jinpu@town.example"
    assert mailto_url("a_b-c@x.cn") == "mailto:a_b-c@x.cn"
    assert mailto_url("a@x.cn?cc=b@y.cn&body=hi") == "mailto:a@x.cn%3Fcc%3Db@y.cn%26body%3Dhi"
    assert mailto_url('a b"@x.cn') == "mailto:a%20b%22@x.cn"
    assert mailto_url("a/b@x.cn") == "mailto:a%2Fb@x.cn"  # quote's default safe '/' is not kept
