"""The `noticeboard` command line: parses arguments and hands each subcommand its module."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from noticeboard import urls
from noticeboard.cli import check, codeowners, new, schema

EXIT_OK, EXIT_USAGE = 0, 2
COMMANDS = (check, new, schema, codeowners)


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder upwards that has notices/_board.yml."""
    for folder in (start, *start.parents):
        if (folder / urls.REGISTRY_SOURCE).is_file():
            return folder
    return start


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noticeboard", description="Check and write the notices of a public notice board."
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: found from here)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.root is None:
        args.root = find_root(Path.cwd())
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
