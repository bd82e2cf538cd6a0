"""`noticeboard due`: per branch, what falls due in the next N days and what is overdue."""

from __future__ import annotations

import argparse
import json

from noticeboard.cli.ledger_args import EXIT_OK, load_duties
from noticeboard.i18n import _
from noticeboard.publish.duties import DEFAULT_WITHIN, BranchDuties, reminder_text
from noticeboard.publish.ledger import cell_record


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "due", help=_("what each branch must publish in the next N days, and what is overdue")
    )
    parser.add_argument("--today", help=_("as of this day (YYYY-MM-DD)"))
    parser.add_argument(
        "--within",
        type=int,
        default=DEFAULT_WITHIN,
        metavar="N",
        help=_("days ahead to look (default 14)"),
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def as_json(d: BranchDuties) -> dict[str, object]:
    return {
        "branch": d.branch,
        "name": d.name,
        "maintainers": list(d.maintainers),
        "due": [cell_record(c) for c in d.due],
        "overdue": [cell_record(c) for c in d.overdue],
        "replies_due": [
            {"title": t, "label": s.label, "notice": s.notice_id} for t, s in d.replies_due
        ],
        "replies_overdue": [
            {"title": t, "label": s.label, "notice": s.notice_id} for t, s in d.replies_overdue
        ],
    }


def run(args: argparse.Namespace) -> int:
    work = load_duties(args, "due")
    if isinstance(work, int):
        return work
    if args.format == "json":
        print(json.dumps([as_json(d) for d in work.found], ensure_ascii=False, indent=2))
    else:
        texts = (reminder_text(d, work.today, work.within) for d in work.found if not d.empty)
        print("\n\n".join(texts))
    return EXIT_OK
