"""`check --changed`: only the problems a contributor's change is responsible for.

A problem is kept when it sits in a changed file, or when it is a cross-notice problem (duplicate
number, broken `supersedes` / `responds_to`) on an unchanged notice that is linked to a changed
one: the pull request that deleted or renumbered a notice is the one that broke its neighbour.
A changed registry can affect every notice, so then every problem is kept.

`changed_paths` asks git (the only side effect here); `relevant_problems` decides, purely.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.board import Board, LoadResult
from noticeboard.load.edit_rules import message as edit_message
from noticeboard.load.edit_rules import undeclared_changes
from noticeboard.model import Notice
from noticeboard.problems import Problem, error, sort_problems
from noticeboard.publish.codeowners_file import codeowners_problems

DEFAULT_BASES = ("origin/main", "main")
LINK_FIELDS = frozenset({"number", "supersedes", "responds_to"})


class ChangedError(Exception):
    """Git cannot say what changed (not a repository, unknown base); exit 2."""


# --- deciding (pure) ------------------------------------------------------------------------


def link_graph(notices: Iterable[Notice]) -> dict[str, set[str]]:
    """Notice path → paths of the notices it is tied to, both ways: what it supersedes or
    responds to (even if that file no longer exists), and the notices sharing its number."""
    graph: dict[str, set[str]] = {}
    by_number: dict[str, list[str]] = {}

    def tie(a: str, b: str) -> None:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)

    for n in notices:
        here = urls.notice_source(n.id)
        for target in (*n.supersedes, *([n.responds_to] if n.responds_to else [])):
            tie(here, urls.notice_source(target))
        if n.number:
            by_number.setdefault(n.number, []).append(here)
    for paths in by_number.values():
        for a in paths:
            for b in paths:
                tie(a, b)
    return graph


def _branch_folder(path: str) -> str | None:
    """`notices/jinpu/2024/files/a.pdf` → `notices/jinpu/`: attachments may be named from any
    notice of the branch (`../2023/x.pdf`), so a changed attachment marks the whole branch."""
    branch = urls.branch_of_path(path)
    return urls.branch_folder(branch) if branch is not None else None


def relevant_problems(
    problems: Sequence[Problem], changed: Iterable[str], graph: Mapping[str, set[str]]
) -> list[Problem]:
    """The problems that concern the `changed` paths (repository-relative, POSIX)."""
    changed = set(changed)
    if urls.REGISTRY_SOURCE in changed:
        return list(problems)
    folders = {
        folder
        for path in changed
        if not path.endswith(".md") and (folder := _branch_folder(path)) is not None
    }

    def touched(path: str) -> bool:
        return path in changed or any(path.startswith(f) for f in folders)

    def about_links(problem: Problem) -> bool:  # `supersedes`, `supersedes[1]`, …
        return re.split(r"[.\[]", problem.field or "", maxsplit=1)[0] in LINK_FIELDS

    return [
        p
        for p in problems
        if touched(p.path) or (about_links(p) and any(touched(o) for o in graph.get(p.path, ())))
    ]


# --- asking git (side effects) ----------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise ChangedError(_("git is not installed; --changed needs git")) from None
    except subprocess.TimeoutExpired:
        raise ChangedError(
            _("git {command} took too long; try again").format(command=" ".join(args))
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangedError(
            message[-1] if message else _("git {command} failed").format(command=" ".join(args))
        )
    return done.stdout.decode("utf-8", "surrogateescape")


def _exists(root: Path, ref: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ChangedError:
        return False
    return True


def resolve_base(root: Path, base: str | None) -> str:
    """`base` if git knows it; with none given, origin/main, else main."""
    try:
        _git(root, "rev-parse", "--is-inside-work-tree")
    except ChangedError:
        raise ChangedError(
            _(
                "{root} is not inside a git repository; --changed compares with a git branch "
                "(run plain `noticeboard check` to check everything)"
            ).format(root=root)
        ) from None
    if not _exists(root, "HEAD"):
        raise ChangedError(_("the repository has no commits yet; commit once, or drop --changed"))
    if base:
        if not _exists(root, base):
            raise ChangedError(
                _(
                    "unknown BASE '{base}': git knows no branch, tag or commit by that name "
                    "(try `git fetch origin main` and --changed origin/main)"
                ).format(base=base)
            )
        return base
    for candidate in DEFAULT_BASES:
        if _exists(root, candidate):
            return candidate
    raise ChangedError(
        _(
            "neither origin/main nor main exists; name the branch to compare with, "
            "e.g. `noticeboard check --changed origin/master`"
        )
    )


def _names(output: str) -> set[str]:
    return {name for name in output.split("\0") if name}


def changed_paths(root: Path, base: str) -> set[str]:
    """Files (relative to `root`) changed on this branch since it left `base`, plus uncommitted
    and untracked ones; deleted and renamed files appear under their old name too."""
    committed = _git(
        root, "diff", "--name-only", "-z", "--no-renames", "--relative", f"{base}...HEAD"
    )
    uncommitted = _git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", "HEAD")
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    return _names(committed) | _names(uncommitted) | _names(untracked)


def correction_problems(root: Path, base: str, paths: Iterable[str], today: date) -> list[Problem]:
    """A published notice whose title, body, period, number or attachments changed since the
    point this branch left `base`, without a new `corrections` entry (one `git show` per changed
    notice: a pull request changes a few)."""
    fork = _git(root, "merge-base", base, "HEAD").strip()
    problems: list[Problem] = []
    for path in sorted(paths):
        if not path.startswith("notices/") or not path.endswith(".md"):
            continue
        file = root / path
        if not file.is_file():
            continue
        try:
            old = _git(root, "show", f"{fork}:./{path}")
        except ChangedError:
            continue  # new on this branch: nothing was published yet
        new = file.read_bytes().decode("utf-8", "replace")
        for field, line in undeclared_changes(old, new, today):
            problems.append(error(path, line, edit_message(field), "corrections"))
    return problems


def narrow_to_changes(
    root: Path, base: str | None, board: Board | None, problems: Sequence[Problem]
) -> list[Problem]:
    """`check --changed [BASE]`: the problems that concern what changed since BASE, and the
    published notices changed without a declared correction."""
    resolved = resolve_base(root, base)
    paths = changed_paths(root, resolved)
    if board is None:  # the registry could not be read: that concerns everyone
        return list(problems)
    edits = correction_problems(root, resolved, paths, board.today)
    return [*relevant_problems(problems, paths, link_graph(board.notices)), *edits]


# --- wiring into `noticeboard check` --------------------------------------------------------


def add_changed_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--changed",
        nargs="?",
        const="",
        default=None,
        metavar="BASE",
        help=_(
            "report only problems in files changed since BASE (a git branch or commit; "
            "default origin/main, else main), uncommitted or untracked, and in notices linked "
            "to them; a changed registry checks everything"
        ),
    )


def review_scope(root: Path, result: LoadResult, base: str | None) -> LoadResult:
    """What `check` reports to a contributor: the load result plus the CODEOWNERS warning,
    narrowed to the changes since `base` when --changed was given (`base` None: not given)."""
    registry = result.board.registry if result.board else None
    problems = [*result.problems, *codeowners_problems(root, registry)]
    if base is not None:
        problems = narrow_to_changes(root, base or None, result.board, problems)
    return replace(result, problems=sort_problems(problems))
