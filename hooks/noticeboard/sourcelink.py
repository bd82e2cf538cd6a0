"""Where a notice page's "edit" / "view source" buttons point: its Markdown file under notices/.

Notice pages are generated files, so MkDocs gives them no edit link of its own; the adapter sets
`File.edit_uri` to `source_edit_path(...)`. MkDocs joins `repo_url` + `edit_uri` (which points
into `docs/`, e.g. `edit/main/docs/`) + this value, and the `../` climbs out of `docs/`.
"""

from __future__ import annotations

import posixpath


def source_path(notice_id: str) -> str:
    """The notice's file in the repository: `jinpu/2024/x` → `notices/jinpu/2024/x.md`."""
    return f"notices/{notice_id}.md"


def source_edit_path(notice_id: str, docs_dir: str = "docs") -> str:
    """The notice's file relative to `docs_dir` (repository-relative, as in mkdocs.yml):
    `jinpu/2024/x` → `../notices/jinpu/2024/x.md`."""
    return posixpath.relpath(source_path(notice_id), posixpath.normpath(docs_dir))
