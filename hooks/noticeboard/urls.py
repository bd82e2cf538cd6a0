"""Where each page lives: stable URLs (relative to the site root) and the source paths behind them.

URLs never change once published (residents print them as QR codes), so they depend only on
ids from the registry and the notice paths.
"""

from __future__ import annotations

import posixpath


def notice_url(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def attachment_url(path: str) -> str:
    """Attachments keep their place next to the notice: notices/<branch>/<year>/<file>."""
    return f"notices/{path}"


BOARD_URL = ""
BRANCHES_URL = "branches/"
CATEGORIES_URL = "categories/"
ARCHIVE_URL = "archive/"


def branch_url(branch_id: str, year: int | None = None) -> str:
    return f"branches/{branch_id}/" + (f"{year}/" if year else "")


def category_url(category_id: str, year: int | None = None) -> str:
    return f"categories/{category_id}/" + (f"{year}/" if year else "")


def archive_url(year: int | None = None) -> str:
    return "archive/" + (f"{year}/" if year else "")


def source_of(url: str) -> str:
    """The Markdown source path MkDocs maps to a directory URL (`a/b/` ← `a/b/index.md`)."""
    return f"{url}index.md"


def notice_source(notice_id: str) -> str:
    """The notice's file in the repository: `jinpu/2024/x` → `notices/jinpu/2024/x.md`."""
    return f"notices/{notice_id}.md"


def source_edit_path(notice_id: str, docs_dir: str = "docs") -> str:
    """The notice's file relative to `docs_dir`, for its "edit" / "view source" buttons.

    Notice pages are generated, so MkDocs gives them no edit link of its own; MkDocs joins
    `repo_url` + `edit_uri` (which points into `docs/`) + this value, and the `../` climbs out of
    `docs/`: `jinpu/2024/x` → `../notices/jinpu/2024/x.md`."""
    return posixpath.relpath(notice_source(notice_id), posixpath.normpath(docs_dir))


# Atom feeds (SPEC "Site pages"); written by noticeboard.publish.feeds, linked from page heads here.
ALL_FEED_URL = "feeds/all.xml"


def branch_feed_url(branch_id: str) -> str:
    return f"feeds/branch/{branch_id}.xml"


def category_feed_url(category_id: str) -> str:
    return f"feeds/category/{category_id}.xml"


# The ledger (公开台账) and statistics (SPEC "Site pages").
COMPLIANCE_URL = "compliance/"
LEDGER_CSV_URL = "compliance/ledger.csv"
STATISTICS_URL = "statistics/"


def compliance_url(branch_id: str) -> str:
    return f"compliance/{branch_id}/"


def chart_url(name: str) -> str:
    """A chart drawn at build time: `statistics/<name>.svg`."""
    return f"statistics/{name}.svg"


def commit_url(repo_url: str, sha: str) -> str:
    """A commit on the repository's web host (GitHub and Gitea/Forgejo share this form)."""
    return f"{repo_url.rstrip('/')}/commit/{sha}"
