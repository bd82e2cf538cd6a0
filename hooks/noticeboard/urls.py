"""Where each page lives: stable URLs (relative to the site root) and the source paths behind them.

URLs never change once published (residents print them as QR codes), so they depend only on
ids from the registry and the notice paths.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def notice_url(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def attachment_url(path: str) -> str:
    """Attachments keep their place next to the notice: notices/<branch>/<year>/<file>."""
    return f"notices/{path}"


def mailto_url(email: str) -> str:
    """A mailto: link that stays one address whatever was written: everything but the
    characters of a plain address is percent-encoded (no '?', '&', quotes or spaces survive)."""
    return "mailto:" + quote(email.strip(), safe="@.+-_")


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
