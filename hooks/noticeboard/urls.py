"""Where everything lives: the repository paths of notices and the registry, and the stable URLs
(relative to the site root) of every page, feed and attachment.

This is the only module that builds a path or a URL: every other module asks it. URLs never
change once published (residents print them as QR codes), so they depend only on ids from the
registry and the notice paths.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

# -- the repository ---------------------------------------------------------------------------

NOTICES_DIR = "notices"
REGISTRY_NAME = "_board.yml"
REGISTRY_SOURCE = f"{NOTICES_DIR}/{REGISTRY_NAME}"
# How SPEC says a notice file is placed, for messages that tell staff where to put one.
NOTICE_SOURCE_PATTERN = f"{NOTICES_DIR}/<branch-id>/<year>/<name>.md"


def notice_source(notice_id: str) -> str:
    """The notice's file in the repository: `jinpu/2024/x` → `notices/jinpu/2024/x.md`."""
    return f"{NOTICES_DIR}/{notice_id}.md"


def branch_folder(branch_id: str, year: int | None = None) -> str:
    """A branch's folder (`notices/jinpu/`), or one year of it (`notices/jinpu/2024/`)."""
    return f"{NOTICES_DIR}/{branch_id}/" + (f"{year}/" if year else "")


def attachment_source(path: str) -> str:
    """An attachment's file in the repository; `path` is relative to `notices/`."""
    return f"{NOTICES_DIR}/{path}"


def notice_id_of(source: str) -> str | None:
    """The id of a notice file path (`notices/jinpu/2024/x.md` → `jinpu/2024/x`), else None."""
    prefix = f"{NOTICES_DIR}/"
    if not (source.startswith(prefix) and source.endswith(".md")):
        return None
    return source[len(prefix) : -len(".md")]


def branch_of_path(path: str) -> str | None:
    """The branch folder a repository path lies in (`notices/jinpu/2024/a.pdf` → `jinpu`).

    None for paths outside a branch folder (the registry, `_`- or `.`-named files)."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == NOTICES_DIR and not parts[1].startswith(("_", ".")):
        return parts[1]
    return None


def source_edit_path(notice_id: str, docs_dir: str = "docs") -> str:
    """The notice's file relative to `docs_dir`, for its "edit" / "view source" buttons.

    Notice pages are generated, so MkDocs gives them no edit link of its own; MkDocs joins
    `repo_url` + `edit_uri` (which points into `docs/`) + this value, and the `../` climbs out of
    `docs/`: `jinpu/2024/x` → `../notices/jinpu/2024/x.md`."""
    return posixpath.relpath(notice_source(notice_id), posixpath.normpath(docs_dir))


# -- the site: URLs relative to its root ------------------------------------------------------


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
    return f"{BRANCHES_URL}{branch_id}/" + (f"{year}/" if year else "")


def branch_print_url(branch_id: str) -> str:
    """The branch's whole current board laid out for printing (one notice per sheet)."""
    return f"branches/{branch_id}/print/"


def category_url(category_id: str, year: int | None = None) -> str:
    return f"{CATEGORIES_URL}{category_id}/" + (f"{year}/" if year else "")


def archive_url(year: int | None = None) -> str:
    return ARCHIVE_URL + (f"{year}/" if year else "")


def source_of(url: str) -> str:
    """The Markdown source path MkDocs maps to a directory URL (`a/b/` ← `a/b/index.md`)."""
    return f"{url}index.md"


def rooted(url: str) -> str:
    """A site URL with its leading slash (`notices/x/` → `/notices/x/`), as Pagefind wants it."""
    return f"/{url}"


def absolute(base: str, url: str) -> str:
    """A site URL on the published site: `base` is the site's absolute root URL."""
    return (base if base.endswith("/") else base + "/") + url


# Atom feeds (SPEC "Site pages"); written by noticeboard.publish.feeds, linked from page heads.
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
