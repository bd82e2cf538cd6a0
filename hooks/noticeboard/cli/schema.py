"""`noticeboard schema`: the JSON Schema of the front matter, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.frontmatter_schema import front_matter_schema
from noticeboard.load.registry import read_registry

EXIT_OK, EXIT_FAILED = 0, 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "schema",
        help=_("print the JSON Schema of a notice's front matter, for editors"),
        description=_(
            "Print the JSON Schema (draft 2020-12) of a notice's front matter, for "
            "editors and tools that check YAML against a schema as you type. When the "
            "repository has {registry}, branch, category and fulfils list the "
            "registry's ids and names. Rules that need other files (folders, attachments, "
            "links) stay with 'noticeboard check'."
        ).format(registry=urls.REGISTRY_SOURCE),
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help=_("write the schema to FILE instead of printing it"),
    )
    parser.add_argument(
        "--generic",
        action="store_true",
        help=_("leave out the registry's ids and names"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    registry = None
    if not args.generic and (args.root / urls.REGISTRY_SOURCE).is_file():
        registry, _problems = read_registry(args.root)
        if registry is None:
            print(
                _(
                    "warning: {registry} cannot be read, so the schema lists no "
                    "branches or categories; run 'noticeboard check' to see why"
                ).format(registry=urls.REGISTRY_SOURCE),
                file=sys.stderr,
            )
    text = json.dumps(front_matter_schema(registry), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(
            _("error: cannot write {path}: {reason}").format(
                path=args.output, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("wrote {path}").format(path=args.output), file=sys.stderr)
    return EXIT_OK
