"""The `noticeboard` command line: parses arguments and hands each subcommand its module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from noticeboard import collector, urls
from noticeboard.cli import check, codeowners, due, new, reminders, report, schema
from noticeboard.cli.argparse_words import in_language
from noticeboard.i18n import (
    LANGUAGES,
    LanguageError,
    _,
    environment_language,
    parse_language,
    use_language,
)

EXIT_OK, EXIT_USAGE = 0, 2
COMMANDS = (check, new, schema, codeowners, report, due, reminders)


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder upwards that has notices/_board.yml."""
    for folder in (start, *start.parents):
        if (folder / urls.REGISTRY_SOURCE).is_file():
            return folder
    return start


def _add_lang(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_("language of the messages: zh (Chinese, the default) or en"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noticeboard",
        description=_("Check and write the notices of a public notice board."),
    )
    parser.add_argument(
        "--root", type=Path, default=None, help=_("repository root (default: found from here)")
    )
    _add_lang(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    for command in sub.choices.values():
        _add_lang(command, argparse.SUPPRESS)  # `noticeboard check --lang en` works too
    return parser


def requested_language(argv: Sequence[str]) -> str | None:
    """The `--lang` value in argv (the last one wins, as argparse would take it), checked
    before argparse runs so that its own messages already come out in that language."""
    found: str | None = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return None if found is None else parse_language(found, "--lang")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = requested_language(arguments) or environment_language()
    except LanguageError as exc:
        print(f"noticeboard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    use_language(lang)
    try:
        return _run(arguments)
    finally:
        use_language(None)


def _run(arguments: list[str]) -> int:
    try:
        with in_language():
            args = build_parser().parse_args(arguments)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.root is None:
        args.root = find_root(Path.cwd())
    try:
        with collector.paused():  # a command loads and ends: nothing to collect meanwhile
            return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
