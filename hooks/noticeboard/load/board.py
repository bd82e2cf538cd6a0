"""Loading the whole board: the registry, every notice, and the rules that span notices."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path

from noticeboard import urls
from noticeboard.audience import MEMBERS, PUBLIC, resolve_audience
from noticeboard.background import in_background
from noticeboard.files import Stamp, stamp_of
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
from noticeboard.load.notice_file import NoticeRead, notice_bytes, relative
from noticeboard.load.read_cache import ReadCache, cache_folder, code_fingerprint, read_fingerprint
from noticeboard.load.read_child import Answer, ChildRead, min_files, read_one
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


def notice_ids(files: list[Path], root: Path) -> set[str]:
    """`root/notices/jinpu/2024/x.md` → `jinpu/2024/x` for each file (string work: fast at
    10,000 files)."""
    notices = root / urls.NOTICES_DIR
    prefix = str(notices) + os.sep
    found = set()
    for file in files:
        path = str(file)
        if path.startswith(prefix):
            found.add(path[len(prefix) :].removesuffix(".md").replace(os.sep, "/"))
        else:
            found.add(file.relative_to(notices).with_suffix("").as_posix())
    return found


def load_board(
    root: Path,
    today: str | date | None = None,
    *,
    history: History | None = None,
    cached: bool = False,
    remember: bool = False,
) -> LoadResult:
    """Read and check everything under `root/notices/`; `today` may be a date or YYYY-MM-DD.

    `history` is read from git (one `git log`) unless given (tests, benchmarks). `cached`:
    each file's reading comes from (and goes to) the read cache (`check` and the build);
    `remember`: the read cache stays in memory for the next load in this process (the
    preview, which loads at every save)."""
    registry, problems = read_registry(root)
    if registry is None:
        return LoadResult(None, sort_problems(problems))
    # A bad --today or NOTICEBOARD_TODAY is the caller's (TodayError names its source), not
    # a problem of any file: it propagates.
    day = today if isinstance(today, date) else resolve_today(registry.timezone, today)
    audience = resolve_audience(registry.repository)  # AudienceError: the caller's, like today
    notices: list[Notice] = []
    facts: list[CrossFacts] = []
    # `git log` runs while the files are read (a long history is seconds of it); its parse
    # takes the interpreter now and then, as a thread does.
    history_read = (
        in_background(partial(read_history, root, registry.timezone), "noticeboard-history")[0]
        if history is None
        else None
    )
    found = discover(root)
    problems.extend(found.problems)
    files = found.files
    cache = _read_cache(root, registry, remember) if cached else None
    for read in _read_all(files, root, registry, cache):
        problems.extend(read.problems)
        if read.notice is not None:
            notices.append(read.notice)
        if read.facts is not None:
            facts.append(read.facts)
    if cache is not None:
        cache.save()
    existing = notice_ids(files, root)
    problems.extend(cross_notice_problems(registry, facts, existing))
    known = history_read.result() if history_read is not None else history
    assert known is not None  # one of the two was given
    problems.extend(history_problems(known))
    board = Board(root, registry, tuple(notices), day, audience, known)
    problems.extend(claim_problems(registry, board.notices))
    # only notices with corrections need their publication (10,000 of them: 20 ms for nothing)
    corrected = [n for n in board.notices if n.corrections]
    published = {n.id: publication(n, known, registry) for n in corrected}
    problems.extend(correction_problems(corrected, published))
    return LoadResult(board, sort_problems(problems))


def _read_cache(root: Path, registry: Registry, remember: bool) -> ReadCache:
    code = code_fingerprint(Path(__file__).resolve().parent.parent)
    fingerprint = read_fingerprint(code, root, registry)
    return ReadCache.open(cache_folder(root), fingerprint, remember=remember)


# The files this process reads when a child reads the others (percent). The child's share is
# the smaller: it starts later (a new interpreter) and its answers are unpickled here; measured
# at 10,000 files, this ends both at about the same time.
MAIN_SHARE = 56


def _read_all(
    files: list[Path], root: Path, registry: Registry, cache: ReadCache | None
) -> list[NoticeRead]:
    """Each file's reading, in order: from the read cache where the file is as recorded (by
    time, else by its bytes); when many are left, a child process reads half of them
    meanwhile (read_child)."""
    readings: dict[Path, NoticeRead] = {}
    unread: list[Path] = []
    enough = max(min_files(), 2)
    # Nothing kept: most files will be read, so the child starts now and imports meanwhile.
    nothing_kept = cache is None or cache.empty
    child = ChildRead() if len(files) >= enough and nothing_kept else None
    for file in files:
        if cache is not None and not nothing_kept:
            # the stamp before the bytes: a file changed meanwhile has a newer time
            known = _known(file, root, stamp_of(file), cache)
            if known is not None:
                readings[file] = known
                continue
        unread.append(file)
    if len(unread) >= enough:
        mine = len(unread) * MAIN_SHARE // 100
        theirs = unread[mine:]
        child = child or ChildRead()
        child.ask(theirs, root, registry)
        unread = unread[:mine]
    elif child is not None:
        child.close()
        child = None
    for file in unread:
        readings[file] = _kept(file, root, cache, read_one(file, root, registry))
    if child is not None:
        if cache is not None:
            cache.pickle_ahead()  # while the child still reads
        answers = child.answers()
        if answers is not None and cache is not None:
            cache.adopt(answers.blob, answers.entries)
        for position, file in enumerate(child.files):
            if answers is not None:
                readings[file] = answers.reading(position, file)
            else:  # the child failed: the same reading made here
                readings[file] = _kept(file, root, cache, read_one(file, root, registry))
    return [readings[file] for file in files]


def _kept(file: Path, root: Path, cache: ReadCache | None, answer: Answer) -> NoticeRead:
    """A file's reading, stored in the read cache under its digest and the stamp it had when
    read (an unreadable file's reading, which has neither, is not)."""
    digest, stamp, reading = answer
    if cache is not None and digest is not None:
        cache.store(relative(file, root), digest, stamp, reading)
    return reading


def _known(file: Path, root: Path, stamp: Stamp | None, cache: ReadCache) -> NoticeRead | None:
    """The cached reading of a file whose time is as recorded, or whose bytes are."""

    def unchanged_attachments(stored: NoticeRead) -> bool:
        return stored.attachments_unchanged(file, root)

    rel = relative(file, root)
    known = cache.known(file, rel, stamp, unchanged_attachments)
    if known is not None or not cache.knows(rel):
        return known
    data = notice_bytes(file)
    return None if data is None else cache.same_bytes(file, rel, data, unchanged_attachments, stamp)
