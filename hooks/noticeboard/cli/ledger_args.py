"""What `report`, `due` and `remind` share: loading the board for a day, its duties, a branch."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from noticeboard import urls
from noticeboard.audience import AudienceError
from noticeboard.i18n import _
from noticeboard.load.board import Board, load_board
from noticeboard.problems import Severity, format_problems
from noticeboard.publish.duties import BranchDuties, duties
from noticeboard.publish.ledger import Cell, FeedbackState, board_feedback, board_ledger
from noticeboard.today import TodayError, parse_day

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage: the message is already translated; the command exits 2."""


@dataclass(frozen=True)
class Loaded:
    board: Board
    cells: list[Cell]
    feedback: dict[str, FeedbackState]


def load(args: argparse.Namespace, command: str) -> Loaded | int:
    """The board as of `--today` with its ledger; an exit code when it cannot be had."""
    if not (args.root / urls.REGISTRY_SOURCE).is_file():
        print(
            f"noticeboard {command}: "
            + _(
                "no notices/{registry} in {root} or any folder above it; run this inside a "
                "notice-board repository, or pass --root PATH"
            ).format(registry=urls.REGISTRY_NAME, root=args.root.resolve()),
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        today = parse_day(args.today, "--today") if args.today else None
    except TodayError as exc:
        print(f"noticeboard {command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = load_board(args.root, today)
    except (TodayError, AudienceError) as exc:
        print(f"noticeboard {command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if result.board is None or errors:
        print(format_problems(errors), file=sys.stderr)
        print(
            f"noticeboard {command}: "
            + _(
                "{count} error(s) in the notices; run `noticeboard check` and fix them first"
            ).format(count=len(errors)),
            file=sys.stderr,
        )
        return EXIT_ERRORS
    for warning in result.problems:
        print(warning.text(), file=sys.stderr)
    board = result.board
    return Loaded(board, board_ledger(board), board_feedback(board))


@dataclass(frozen=True)
class DueWork:
    """What `due` and `remind` act on: each branch's duties within `within` days of `today`."""

    found: list[BranchDuties]
    today: date
    within: int


def load_duties(args: argparse.Namespace, command: str) -> DueWork | int:
    """The duties as of `--today` within `--within` days; an exit code when they cannot be had."""
    loaded = load(args, command)
    if isinstance(loaded, int):
        return loaded
    board, within = loaded.board, max(args.within, 0)
    found = duties(
        board.registry, loaded.cells, loaded.feedback, board.placed(), board.today, within
    )
    return DueWork(found, board.today, within)


def branch_id(board: Board, value: str | None) -> str | None:
    """`--branch` as an id or the exact display name; UsageError when it names none."""
    if value is None:
        return None
    found = board.registry.branch_id_for(value.strip())
    if found is None:
        known = ", ".join(b.id for b in board.registry.branches)
        raise UsageError(
            _("unknown branch '{value}'; known branches: {known}").format(value=value, known=known)
        )
    return found
