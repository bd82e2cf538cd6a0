"""What a notice's written values stand for: registry ids, and the attachment files on disk.

Pure lookups (the attachment lookup only reads the file system): the publication rules call them
to check, the assembler calls them to build the Notice, and neither hands state to the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from noticeboard.load.field_types import Fields
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

    UNUSABLE = "unusable"  # the path cannot be resolved at all
    OUTSIDE = "outside"  # it leads out of notices/
    MISSING = "missing"  # nothing is there


def locate_attachment(place: NoticePlace, rel_path: str) -> Attachment | Unfound:
    """The file an attachment path names, relative to the notice, or why there is none."""
    notices_dir = place.notices_dir.resolve()
    try:
        target = (place.file.parent / rel_path).resolve()
    except (OSError, ValueError):
        return Unfound.UNUSABLE
    if not target.is_relative_to(notices_dir):
        return Unfound.OUTSIDE
    if not target.is_file():
        return Unfound.MISSING
    return Attachment(target.relative_to(notices_dir).as_posix(), target.stat().st_size)


def attachments(f: Fields, place: NoticePlace) -> tuple[Attachment, ...]:
    """The attachment files that exist; the rules report the others."""
    found = (locate_attachment(place, rel_path) for rel_path in f.attachments)
    return tuple(a for a in found if isinstance(a, Attachment))
