"""The `noticeboard` command: check, new, schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from noticeboard.board import load_board
from noticeboard.problems import format_problems, has_errors

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _find_root(start: Path) -> Path:
    """The repository root: the nearest folder upwards that has notices/_board.yml."""
    for folder in (start, *start.parents):
        if (folder / "notices" / "_board.yml").is_file():
            return folder
    return start


def cmd_check(args: argparse.Namespace) -> int:
    result = load_board(args.root, args.today)
    output = format_problems(result.problems, args.format)
    if output:
        print(output)
    if args.format == "text":
        errors = sum(1 for p in result.problems if p.severity == "error")
        warnings = len(result.problems) - errors
        count = len(result.board.notices) if result.board else 0
        print(
            f"checked {count} notice(s): {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return EXIT_ERRORS if has_errors(result.problems) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noticeboard", description="Check and write the notices of a public notice board."
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: found from here)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check every notice and the registry")
    check.add_argument("--today", help="check as of this day (YYYY-MM-DD)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.root is None:
        args.root = _find_root(Path.cwd())
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
