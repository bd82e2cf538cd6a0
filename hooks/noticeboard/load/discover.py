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
    """Every notice file under `root/notices/` (sorted), and a problem for each near miss."""
    notices = root / urls.NOTICES_DIR
    found = Discovered()
    for folder, dirs, names in os.walk(notices, followlinks=False):
        here = Path(folder)
        rel_here = here.relative_to(root).as_posix()
        for name in sorted(dirs):
            if _skipped(name):
                dirs.remove(name)
                continue
            problem = _folder_problem(here / name, name)
            if problem:
                found.problems.append(error(f"{shown(rel_here)}/{shown(name)}", 1, problem))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            if _skipped(name):
                continue
            problem = _file_problem(os.path.join(folder, name), name)
            if problem is None and name.endswith(NOTICE_SUFFIX):
                found.files.append(here / name)
            elif problem is not None:
                found.problems.append(error(f"{shown(rel_here)}/{shown(name)}", 1, problem))
    found.files.sort()
    return found


def _folder_problem(path: Path, name: str) -> str | None:
    if path.is_symlink():
        return _(
            "this folder is a link; links are not followed (they could lead outside the "
            "repository): move the notices into a real folder"
        )
    return name_problem(name) or _name_privacy(name)


def _file_problem(path: str, name: str) -> str | None:
    """`path` as a string: pathlib's joins cost more than the checks at 10,000 files."""
    suffix = os.path.splitext(name)[1]
    if suffix.lower() not in MARKDOWN_SUFFIXES:
        return None  # attachments and other files: checked when a notice names them
    if suffix != NOTICE_SUFFIX:
        return _(
            "notice files must end in '.md' (lowercase), not '{suffix}': rename it, "
            "or it would never be published"
        ).format(suffix=shown(suffix))
    if os.path.islink(path):
        return _("this notice file is a link; put the file itself here (links are not followed)")
    return notice_name_problem(name[: -len(NOTICE_SUFFIX)]) or _name_privacy(name)


def _name_privacy(name: str) -> str | None:
    """A file name is shown and is part of an address: it carries no unmasked number either."""
    findings = name_findings(name)
    return (
        _("in the file name: {problem}").format(problem=findings[0].message()) if findings else None
    )
