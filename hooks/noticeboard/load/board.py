"""Loading the whole board: the registry, every notice, and the rules that span notices."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from noticeboard import urls
from noticeboard.audience import MEMBERS, PUBLIC, resolve_audience
from noticeboard.files import stamp_of
from noticeboard.load.accountability import claim_problems, correction_problems
from noticeboard.load.cross_rules import CrossFacts, cross_notice_problems
from noticeboard.load.discover import discover
from noticeboard.load.history import (
    History,
    Publication,
    history_problems,
    publication,
    read_history,
)
from noticeboard.load.notice_file import NoticeRead, notice_bytes, read_notice_file, relative
from noticeboard.load.read_cache import ReadCache, cache_folder, code_fingerprint, read_fingerprint
from noticeboard.load.registry import read_registry
from noticeboard.model import Notice, Registry
from noticeboard.problems import Problem, has_errors, sort_problems
from noticeboard.publish.lifecycle import Placed, place
from noticeboard.today import resolve_today


@dataclass(frozen=True)
class Board:
    """The registry, every readable notice (drafts and internal ones included), and one today."""

    root: Path
    registry: Registry
    notices: tuple[Notice, ...]
    today: date
    audience: str = PUBLIC  # MEMBERS: the members' site of a private repository
    history: History = field(default_factory=History)

    def publications(self) -> dict[str, Publication]:
        """Every notice's publication day and later edits (from the one git pass), by id."""
        return self._publications

    @cached_property
    def _publications(self) -> dict[str, Publication]:
        return {n.id: publication(n, self.history, self.registry) for n in self.notices}

    def placed(self) -> dict[str, Placed]:
        """Published notices only, by id, with their state today (pages, feeds and search all
        ask; it is worked out once per board)."""
        return self._placed

    @cached_property
    def _placed(self) -> dict[str, Placed]:
        return place(self.notices, self.today, members=self.audience == MEMBERS)


@dataclass(frozen=True)
class LoadResult:
    board: Board | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.board is not None and not has_errors(self.problems)


def notice_id(file: Path, root: Path) -> str:
    """`root/notices/jinpu/2024/x.md` → `jinpu/2024/x` (string work: fast at 10,000 files)."""
    prefix = str(root / urls.NOTICES_DIR) + os.sep
    path = str(file)
    if path.startswith(prefix):
        return path[len(prefix) :].removesuffix(".md").replace(os.sep, "/")
    return file.relative_to(root / urls.NOTICES_DIR).with_suffix("").as_posix()


def load_board(
    root: Path,
    today: str | date | None = None,
    *,
    history: History | None = None,
    cached: bool = False,
) -> LoadResult:
    """Read and check everything under `root/notices/`; `today` may be a date or YYYY-MM-DD.

    `history` is read from git (one `git log`) unless given (tests, benchmarks). `cached`:
    each file's reading comes from (and goes to) the read cache (`check` and the build)."""
    registry, problems = read_registry(root)
    if registry is None:
        return LoadResult(None, sort_problems(problems))
    # A bad --today or NOTICEBOARD_TODAY is the caller's (TodayError names its source), not
    # a problem of any file: it propagates.
    day = today if isinstance(today, date) else resolve_today(registry.timezone, today)
    audience = resolve_audience(registry.repository)  # AudienceError: the caller's, like today
    notices: list[Notice] = []
    facts: list[CrossFacts] = []
    found = discover(root)
    problems.extend(found.problems)
    files = found.files
    cache = _read_cache(root, registry) if cached else None
    for file in files:
        read = _read(file, root, registry, cache)
        problems.extend(read.problems)
        if read.notice is not None:
            notices.append(read.notice)
        if read.facts is not None:
            facts.append(read.facts)
    if cache is not None:
        cache.save()
    existing = {notice_id(f, root) for f in files}
    problems.extend(cross_notice_problems(registry, facts, existing))
    if history is None:
        history = read_history(root, registry.timezone)
    problems.extend(history_problems(history))
    board = Board(root, registry, tuple(notices), day, audience, history)
    problems.extend(claim_problems(registry, board.notices))
    problems.extend(correction_problems(board.notices, board.publications()))
    return LoadResult(board, sort_problems(problems))


def _read_cache(root: Path, registry: Registry) -> ReadCache:
    code = code_fingerprint(Path(__file__).resolve().parent.parent)
    return ReadCache.open(cache_folder(root), read_fingerprint(code, root, registry))


def _read(file: Path, root: Path, registry: Registry, cache: ReadCache | None) -> NoticeRead:
    if cache is None:
        return read_notice_file(file, root, registry)
    rel = relative(file, root)
    stamp = stamp_of(file)  # before the bytes: a file changed meanwhile has a newer time

    def unchanged_attachments(stored: NoticeRead) -> bool:
        return stored.attachments_unchanged(file, root)

    known = cache.known(file, rel, stamp, unchanged_attachments)
    if known is not None:
        return known
    data = notice_bytes(file)
    if data is None:
        return read_notice_file(file, root, registry)
    return cache.read(
        file,
        rel,
        data,
        lambda bytes_: read_notice_file(file, root, registry, bytes_),
        unchanged_attachments,
        stamp,
    )
