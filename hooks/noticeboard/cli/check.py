"""`noticeboard check`: every problem in the registry and the notices, at once."""

from __future__ import annotations

import argparse
import os
import sys

from noticeboard import urls
from noticeboard.audience import AudienceError
from noticeboard.cli.changed import ChangedError, add_changed_argument, review_scope
from noticeboard.i18n import _
from noticeboard.load.board import load_board
from noticeboard.problems import Severity, format_problems, has_errors
from noticeboard.today import TODAY_ENV, TodayError, parse_day

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help=_("check every notice and the registry"))
    parser.add_argument("--today", help=_("check as of this day (YYYY-MM-DD)"))
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help=_("text (default), github (workflow annotations) or json"),
    )
    add_changed_argument(parser)
    parser.set_defaults(func=run)


def _usage_error(message: str) -> int:
    print(f"noticeboard check: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    if not (args.root / urls.REGISTRY_SOURCE).is_file():
        return _usage_error(
            _(
                "no notices/{registry} in {root} or any folder above it; "
                "run this inside a notice-board repository, or pass --root PATH"
            ).format(registry=urls.REGISTRY_NAME, root=args.root.resolve())
        )
    try:
        if args.today:
            parse_day(args.today, "--today")
        elif os.environ.get(TODAY_ENV):
            parse_day(os.environ[TODAY_ENV], TODAY_ENV)
    except TodayError as exc:
        return _usage_error(str(exc))
    try:
        result = load_board(args.root, args.today, cached=True)
    except (TodayError, AudienceError) as exc:
        return _usage_error(str(exc))
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
            _("checked {count} notice(s): {errors} error(s), {warnings} warning(s)").format(
                count=count, errors=errors, warnings=warnings
            ),
            file=sys.stderr,
        )
    return EXIT_ERRORS if has_errors(result.problems) else EXIT_OK
