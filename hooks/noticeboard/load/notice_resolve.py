"""What a notice's written values stand for: registry ids, and the attachment files on disk.

Pure lookups (the attachment lookup only reads the file system): the publication rules call them
to check, the assembler calls them to build the Notice, and neither hands state to the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from noticeboard.load.field_types import Fields
from noticeboard.load.safe_names import name_problem
from noticeboard.model import Attachment, Registry


@dataclass(frozen=True)
class NoticePlace:
    """Where the file sits: `parts` of its id (`jinpu`, `2024`, `slug`), and the folders."""

    file: Path
    notices_dir: Path
    parts: tuple[str, ...]


def branch_id(f: Fields, registry: Registry | None) -> str | None:
    """The registry id of the branch written (its id or its display name); None if unknown."""
    if f.branch is None or registry is None:
        return None
    return registry.branch_id_for(f.branch)


def category_id(f: Fields, registry: Registry | None) -> str | None:
    if f.category is None or registry is None:
        return None
    return registry.category_id_for(f.category)


def issuer_id(f: Fields, registry: Registry | None) -> str | None:
    """The id of the branch's body that issues the notice; None when the branch itself does
    (no `issuer`, or the branch's own id or name) or when the body is unknown."""
    branch = registry.branch(branch_id(f, registry) or "") if registry is not None else None
    if f.issuer is None or branch is None or f.issuer in (branch.id, branch.name):
        return None
    return next((b.id for b in branch.bodies if f.issuer in (b.id, b.name)), None)


class Unfound(StrEnum):
    """Why an attachment path names no publishable file."""

    UNUSABLE = "unusable"  # the system refuses the path (e.g. a link loop)
    OUTSIDE = "outside"  # absolute, or with '..': it leaves the notice's folder
    BAD_NAME = "bad-name"  # a part of it breaks the safe name rule (safe_names)
    NOT_DATA = "not-data"  # a type a browser would run, or a page (ATTACHMENT_TYPES)
    LINK = "link"  # it is, or passes through, a symbolic link
    MISSING = "missing"  # nothing is there


ATTACHMENT_TYPES: frozenset[str] = frozenset(
    {
        ".pdf", ".ofd", ".txt", ".csv", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
        ".wps", ".et", ".dps", ".odt", ".ods", ".odp", ".rtf", ".jpg", ".jpeg", ".png", ".gif",
        ".webp", ".bmp", ".tif", ".tiff", ".zip", ".rar", ".7z", ".mp3", ".mp4",
    }
)  # fmt: skip
"""Attachments are data: documents, tables, pictures and archives. A Markdown file would become
a page that skips every rule; HTML, SVG, XML and JS would run in the site's own origin."""


def attachment_parts(rel_path: str) -> list[str]:
    return rel_path.replace("\\", "/").split("/")


def locate_attachment(place: NoticePlace, rel_path: str) -> Attachment | Unfound:
    """The file an attachment path names, relative to the notice, or why there is none.

    The path stays inside the notice's folder: no absolute path, no '..', no link anywhere
    along it, every part a safe name, and a data file type. Checked on the text before the
    file system is asked anything, so no name can make the system fail.
    """
    parts = attachment_parts(rel_path)
    if rel_path.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        return Unfound.OUTSIDE
    if any(name_problem(part) for part in parts):
        return Unfound.BAD_NAME
    if PurePosixPath(parts[-1]).suffix.lower() not in ATTACHMENT_TYPES:
        return Unfound.NOT_DATA
    target = place.file.parent
    try:
        for part in parts:
            target = target / part
            if target.is_symlink():
                return Unfound.LINK
        if not target.is_file():
            return Unfound.MISSING
        size = target.stat().st_size
    except (OSError, ValueError, RuntimeError):
        return Unfound.UNUSABLE
    return Attachment(target.relative_to(place.notices_dir).as_posix(), size)


def attachments(f: Fields, place: NoticePlace) -> tuple[Attachment, ...]:
    """The attachment files that exist; the rules report the others."""
    found = (locate_attachment(place, rel_path) for rel_path in f.attachments)
    return tuple(a for a in found if isinstance(a, Attachment))
