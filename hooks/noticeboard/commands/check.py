"""`noticeboard check`: every problem in the registry and the notices, at once."""

from __future__ import annotations

import argparse
import sys

from noticeboard.board import load_board
from noticeboard.changed import ChangedError, add_changed_argument, review_scope
from noticeboard.problems import Severity, format_problems, has_errors

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="check every notice and the registry")
    parser.add_argument("--today", help="check as of this day (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text")
    add_changed_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = load_board(args.root, args.today)
    try:
        result = review_scope(args.root, result, args.changed)
    except ChangedError as exc:
        print(f"noticeboard check --changed: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = format_problems(result.problems, args.format)
    if output:
        print(output)
    if args.format == "text":
        errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
        warnings = len(result.problems) - errors
        count = len(result.board.notices) if result.board else 0
        print(
            f"checked {count} notice(s): {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return EXIT_ERRORS if has_errors(result.problems) else EXIT_OK
