"""When each notice reached the public, and what changed after: read from git in one pass.

SPEC "A notice": published is the day (registry timezone) of the first commit on the published
branch that added the file, renames followed. The whole `notices/` tree is read with ONE
`git log` (a process per notice costs seconds at 10,000 notices). `--first-parent` walks the
published branch only, so a notice merged from a feature branch is published on the day of the
merge, not of the commit written on the side.

Outside a git checkout, or for a file not yet committed, the day is unknown. A shallow clone
would give wrong days (its oldest commit looks like it added everything), so then every day is
unknown and a warning says how to fetch the history.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from noticeboard import urls
from noticeboard.i18n import N_, _
from noticeboard.model import Notice, Registry
from noticeboard.problems import Problem, warning

SHALLOW_MESSAGE = N_(
    "this git checkout is shallow, so the days notices were published are unknown and the "
    "ledger marks them 未核实: fetch the whole history with `git fetch --unshallow` "
    "(in GitHub Actions: actions/checkout with `fetch-depth: 0`)"
)
_RECORD, _FIELD = "\x1e", "\x1f"
_FORMAT = f"--format={_RECORD}%H{_FIELD}%ct{_FIELD}%s"


@dataclass(frozen=True)
class Commit:
    sha: str
    day: date  # in the registry's timezone
    subject: str


@dataclass(frozen=True)
class FileHistory:
    """`added`: the commit that brought the file (under its first name) onto the branch;
    `later`: every later commit that changed it, renames included, oldest first."""

    added: Commit
    later: tuple[Commit, ...] = ()


@dataclass(frozen=True)
class History:
    """Histories by repository path (`notices/jinpu/2026/x.md`); `known` is False outside git
    and in a shallow clone (then every notice's publication day is unknown)."""

    files: Mapping[str, FileHistory] = field(default_factory=dict)
    known: bool = False
    shallow: bool = False

    def of(self, notice_id: str) -> FileHistory | None:
        return self.files.get(urls.notice_source(notice_id)) if self.known else None


def parse_log(output: str, timezone: str) -> dict[str, FileHistory]:
    """`git log --reverse -z --name-status -M` output (oldest commit first) → histories of the
    files that exist at the end, following renames (pure: tested on hand-written output)."""
    zone = ZoneInfo(timezone)
    added: dict[str, Commit] = {}
    later: dict[str, list[Commit]] = {}
    for record in output.split(_RECORD):
        if not record:
            continue
        header, _, rest = record.partition("\0")
        sha, stamp, subject = [*header.split(_FIELD, 2), "", ""][:3]
        try:
            day = datetime.fromtimestamp(int(stamp), UTC).astimezone(zone).date()
        except (ValueError, OverflowError, OSError):
            continue
        commit = Commit(sha, day, subject)
        tokens = rest.lstrip("\n").split("\0")
        i = 0
        while i < len(tokens) and tokens[i]:
            status = tokens[i]
            if status[0] in "RC" and i + 2 < len(tokens):
                old, new = tokens[i + 1], tokens[i + 2]
                i += 3
                if status[0] == "R" and old in added:
                    added[new] = added.pop(old)
                    later[new] = [*later.pop(old, []), commit]
                elif new not in added:  # a copy is a new file
                    added[new], later[new] = commit, []
                continue
            path = tokens[i + 1] if i + 1 < len(tokens) else ""
            i += 2
            if status[0] == "A" or (status[0] != "D" and path not in added):
                added[path], later[path] = commit, []
            elif status[0] == "D":
                added.pop(path, None)
                later.pop(path, None)
            else:
                later[path].append(commit)
    return {p: FileHistory(c, tuple(later.get(p, ()))) for p, c in added.items()}


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def read_history(root: Path, timezone: str) -> History:
    """The history of `root/notices/` on the checked-out branch (one `git log`)."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return History()  # not a git checkout, or no git: unknown, silently
    if shallow.strip() == "true":
        return History(shallow=True)
    output = _git(
        root,
        "-c",
        "core.quotePath=false",
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--relative",
        "-z",
        "-M",
        "--name-status",
        "--no-color",
        _FORMAT,
        "--",
        "notices",
    )
    if output is None:
        return History(known=True)  # a repository without commits: nothing is committed yet
    return History(parse_log(output, timezone), known=True)


def history_problems(history: History) -> list[Problem]:
    return [warning(urls.REGISTRY_SOURCE, 1, _(SHALLOW_MESSAGE))] if history.shallow else []


@dataclass(frozen=True)
class Publication:
    """What residents are told about a notice's publication.

    `day` None: unknown (no git, not committed, shallow clone). `imported`: an imported record
    (first committed on or before the registry's `imported` day): trusted as published on its
    `period.start`, shown as 录入. `edits` are the later commits (for an imported record, those
    after the import day)."""

    day: date | None
    imported: bool = False
    edits: tuple[Commit, ...] = ()


def publication(notice: Notice, history: History, registry: Registry) -> Publication:
    found = history.of(notice.id)
    if found is None:
        return Publication(None)
    if registry.imported is not None and found.added.day <= registry.imported:
        edits = tuple(c for c in found.later if c.day > registry.imported)
        return Publication(notice.start, imported=True, edits=edits)
    return Publication(found.added.day, edits=found.later)
