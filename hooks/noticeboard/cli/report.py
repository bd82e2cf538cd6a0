"""`noticeboard report`: the ledger (公开台账) as text, CSV or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from noticeboard.cli.ledger_args import EXIT_OK, EXIT_USAGE, UsageError, branch_id, load
from noticeboard.i18n import _
from noticeboard.periods import Period, parse_period
from noticeboard.publish.ledger import Cell, cell_record


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("report", help=_("the disclosure ledger: every obligation's status"))
    parser.add_argument("--today", help=_("the ledger as of this day (YYYY-MM-DD)"))
    parser.add_argument(
        "--period",
        help=_("only periods within P: 2026, 2026H1, 2026Q3 or 2026-07"),
    )
    parser.add_argument("--branch", help=_("only this branch (id or name)"))
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    parser.set_defaults(func=run)


def within(cell: Cell, period: Period | None) -> bool:
    """A cell belongs to `--period P` when its period lies inside P (standing: always)."""
    if period is None or cell.period is None:
        return True
    return period.start <= cell.period.start and cell.period.end <= period.end


def as_text(cells: list[Cell], names: dict[str, str]) -> str:
    lines: list[str] = []
    current = None
    for c in cells:
        if c.branch != current:
            current = c.branch
            lines.append(f"{names.get(c.branch, c.branch)} ({c.branch})")
        period = c.period.zh if c.period else "长期公开"
        due = f"  截止{c.due.isoformat()}" if c.due else ""
        notice = f"  {c.notice_id}" if c.notice_id else ""
        lines.append(f"  {c.entry.name}  {period}{due}  {c.label}{notice}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    loaded = load(args, "report")
    if isinstance(loaded, int):
        return loaded
    period = None
    if args.period:
        period = parse_period(args.period)
        if period is None:
            print(
                "noticeboard report: "
                + _(
                    "--period '{value}' is not a period: write 2026, 2026H1, 2026Q3 or 2026-07"
                ).format(value=args.period),
                file=sys.stderr,
            )
            return EXIT_USAGE
    try:
        branch = branch_id(loaded.board, args.branch)
    except UsageError as exc:
        print(f"noticeboard report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    cells = [
        c for c in loaded.cells if (branch is None or c.branch == branch) and within(c, period)
    ]
    registry = loaded.board.registry
    if args.format == "csv":
        # Imported here: the page models it builds on cost every other command 20 ms.
        from noticeboard.publish.compliance import ledger_csv

        sys.stdout.buffer.write(ledger_csv(registry, cells, None))
        sys.stdout.flush()
    elif args.format == "json":
        print(json.dumps([cell_record(c) for c in cells], ensure_ascii=False, indent=2))
    else:
        print(as_text(cells, {b.id: b.name for b in registry.branches}))
    return EXIT_OK
