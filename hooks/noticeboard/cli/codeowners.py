"""`noticeboard codeowners`: print, check or write .github/CODEOWNERS from the registry."""

from __future__ import annotations

import argparse
import sys

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.registry import read_registry
from noticeboard.model import Registry
from noticeboard.problems import format_problems, has_errors
from noticeboard.publish.codeowners_file import CODEOWNERS_PATH, is_current, render_codeowners

EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "codeowners",
        help=_("print .github/CODEOWNERS as generated from the registry's maintainers"),
        description=_(
            "Print the CODEOWNERS file generated from {registry}: each branch's "
            "folder is owned by its maintainers and those of the branches above it."
        ).format(registry=urls.REGISTRY_SOURCE),
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help=_("exit 1 if {path} is missing or differs from what would be generated").format(
            path=CODEOWNERS_PATH
        ),
    )
    mode.add_argument(
        "--write", action="store_true", help=_("write {path}").format(path=CODEOWNERS_PATH)
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    registry, problems = read_registry(args.root)
    if registry is None or has_errors(problems):
        print(format_problems(problems), file=sys.stderr)
        print(_("fix the registry first; CODEOWNERS was not generated"), file=sys.stderr)
        return EXIT_STALE
    try:
        return _act(args, registry)
    except OSError as exc:
        print(f"{CODEOWNERS_PATH}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_STALE


def _act(args: argparse.Namespace, registry: Registry) -> int:
    content = render_codeowners(registry)
    target = args.root / CODEOWNERS_PATH
    if args.check:
        try:
            committed = target.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            print(
                _("{path} is missing; run `noticeboard codeowners --write`").format(
                    path=CODEOWNERS_PATH
                ),
                file=sys.stderr,
            )
            return EXIT_STALE
        if not is_current(committed, registry):
            print(
                _("{path} is out of date; run `noticeboard codeowners --write`").format(
                    path=CODEOWNERS_PATH
                ),
                file=sys.stderr,
            )
            return EXIT_STALE
        print(_("{path} is up to date").format(path=CODEOWNERS_PATH), file=sys.stderr)
        return EXIT_OK
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")
        print(_("wrote {path}").format(path=CODEOWNERS_PATH), file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(content)
    return EXIT_OK
