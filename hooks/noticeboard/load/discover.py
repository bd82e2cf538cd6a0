"""Finding the notice files under notices/, and reporting what looks like one but is not read.

Nothing is skipped silently: a notice written `.MD` or `.markdown`, a linked folder or file, a
name that is not UTF-8 or not safe in a web address each get an error instead of vanishing.
Names starting with `_` or `.` are not notices (the registry, templates, editor files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.privacy import name_findings
from noticeboard.load.safe_names import name_problem, notice_name_problem, shown
from noticeboard.problems import Problem, error

NOTICE_SUFFIX = ".md"
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
"""What MkDocs (and a writer) would take for Markdown: anything but `.md` is reported."""


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _skipped(name: str) -> bool:
    return name.startswith(("_", "."))


def discover(root: Path) -> Discovered:
    """Every notice file under `root/notices/` (sorted), and a problem for each near miss.

    One `scandir` per folder: whether an entry is a link comes with it (an `lstat` of each of
    10,000 files was half the time). As `os.walk`, a folder that cannot be listed is passed
    over, and an entry is a folder when it leads to one (then a link is reported)."""
    notices = root / urls.NOTICES_DIR
    found = Discovered()
    folders: list[tuple[str, Path, str]] = [(str(notices), notices, urls.NOTICES_DIR)]
    while folders:
        folder, here, rel_here = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            continue
        below = []
        for entry in entries:
            name = entry.name
            if _skipped(name):
                continue
            if _leads_to_folder(entry):
                problem = _folder_problem(entry, name)
                if problem is None:
                    below.append((entry.path, here / name, f"{rel_here}/{name}"))
                    continue
            else:
                problem = _file_problem(entry, name)
                if problem is None:
                    if name.endswith(NOTICE_SUFFIX):
                        found.files.append(here / name)
                    continue
            found.problems.append(error(f"{shown(rel_here)}/{shown(name)}", 1, problem))
        folders.extend(reversed(below))
    found.files.sort()
    return found


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _leads_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _folder_problem(entry: os.DirEntry[str], name: str) -> str | None:
    if entry.is_symlink():
        return _(
            "this folder is a link; links are not followed (they could lead outside the "
            "repository): move the notices into a real folder"
        )
    return name_problem(name) or _name_privacy(name)


def _file_problem(entry: os.DirEntry[str], name: str) -> str | None:
    suffix = os.path.splitext(name)[1]
    if suffix.lower() not in MARKDOWN_SUFFIXES:
        return None  # attachments and other files: checked when a notice names them
    if suffix != NOTICE_SUFFIX:
        return _(
            "notice files must end in '.md' (lowercase), not '{suffix}': rename it, "
            "or it would never be published"
        ).format(suffix=shown(suffix))
    if entry.is_symlink():
        return _("this notice file is a link; put the file itself here (links are not followed)")
    return notice_name_problem(name[: -len(NOTICE_SUFFIX)]) or _name_privacy(name)


def _name_privacy(name: str) -> str | None:
    """A file name is shown and is part of an address: it carries no unmasked number either."""
    findings = name_findings(name)
    return (
        _("in the file name: {problem}").format(problem=findings[0].message()) if findings else None
    )
