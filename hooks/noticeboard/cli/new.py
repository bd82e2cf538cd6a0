"""`noticeboard new`: write a new notice with today's dates filled in, and print its path."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from noticeboard.cli.notice_draft import NewNotice, draft_reasons, render_notice
from noticeboard.i18n import _
from noticeboard.load.fields import TITLE_MAX
from noticeboard.load.registry import read_registry
from noticeboard.load.slug import free_slug, slugify
from noticeboard.load.suggest import unknown_name
from noticeboard.load.workdays import CalendarRangeError, end_after_days, end_after_working_days
from noticeboard.model import DISCLOSURE_ALIASES, DISCLOSURES, Feedback, Registry
from noticeboard.problems import format_problems, has_errors
from noticeboard.today import TodayError, resolve_today

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_WORKING_DAYS = 5
FEEDBACK_OPTIONS = (
    ("phone", "phone number (电话)"),
    ("email", "email address (邮箱)"),
    ("address", "postal or visiting address (地址)"),
    ("person", "contact person (联系人)"),
)

EPILOG = f"""\
period (公示期):
  It starts today in the registry's timezone (or on --today / NOTICEBOARD_TODAY) and is
  inclusive at both ends.
  --days N          end = start + N - 1: a 5-day period from a Monday ends on Friday.
  --working-days N  N official working days in mainland China (法定工作日: statutory holidays
                    and the weekend days worked in exchange, 调休, are taken into account).
                    The start day counts when it is a working day; otherwise counting starts
                    at the next working day. Needs the year in chinese-calendar's data.
  Neither given: {DEFAULT_WORKING_DAYS} working days for ad-hoc (随时) and periodic (定期) notices.
  Standing (长期) notices have no end and take neither option.

drafts (草稿):
  Without --reviewed-by (or with --major but no --approved-by, or when neither the branch
  nor the options give a feedback channel) the notice is written with 'draft: true' and a
  Chinese note saying what to fill in; drafts are checked but never published.

example:
  noticeboard new --branch jinpu --category 组织建设 \\
      --title 关于发展李某某同志为预备党员的公示 --reviewed-by 金铺村党支部委员会
"""


class UsageError(Exception):
    """Bad options: the message says what to give instead (exit 2)."""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _one_line(value: str) -> str:
    text = value.strip()
    if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029" for ch in text):
        raise argparse.ArgumentTypeError("must be one line of text")
    return text


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="write a new notice with today's dates filled in (新建公示)",
        description="Write notices/<branch>/<year>/<slug>.md with every required field filled\n"
        "in and Chinese hints for the optional ones, then print its path. The slug is the\n"
        "title in pinyin; an existing file is never overwritten (-2, -3, … is added).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    req = parser.add_argument_group("required")
    req.add_argument(
        "--branch",
        required=True,
        type=_one_line,
        help="branch id or exact display name (支部编号或全称), e.g. jinpu or 金铺村党支部",
    )
    req.add_argument(
        "--category",
        required=True,
        type=_one_line,
        help="category id or exact display name (公开类别编号或名称)",
    )
    req.add_argument(
        "--title",
        required=True,
        type=_one_line,
        help=f"the notice's title, 1–{TITLE_MAX} characters (标题)",
    )
    opt = parser.add_argument_group("notice")
    opt.add_argument(
        "--disclosure",
        default="ad-hoc",
        type=_one_line,
        metavar="KIND",
        help="standing, periodic or ad-hoc (长期、定期、随时); default: ad-hoc",
    )
    length = opt.add_mutually_exclusive_group()
    length.add_argument(
        "--days", type=_positive, metavar="N", help="period of N calendar days (自然日)"
    )
    length.add_argument(
        "--working-days",
        type=_positive,
        metavar="N",
        help=f"period of N working days (工作日); default: {DEFAULT_WORKING_DAYS}",
    )
    opt.add_argument(
        "--today", metavar="DATE", help="start on this day instead of today (YYYY-MM-DD, 开始日期)"
    )
    opt.add_argument(
        "--reviewed-by", type=_one_line, metavar="WHO", help="who reviewed it (审核人或审核机构)"
    )
    opt.add_argument(
        "--major",
        action="store_true",
        help="a major matter (重大事项); published only with --approved-by",
    )
    opt.add_argument(
        "--approved-by",
        type=_one_line,
        metavar="WHO",
        help="the higher organisation that approved it (审批的上级党组织)",
    )
    opt.add_argument("--number", type=_one_line, help="document number (文号), unique")
    fb = parser.add_argument_group("feedback channel (意见反馈渠道; default: the branch's)")
    for key, zh in FEEDBACK_OPTIONS:
        fb.add_argument(f"--feedback-{key}", type=_one_line, metavar="TEXT", help=zh)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    registry, problems = read_registry(root)
    if registry is None or has_errors(problems):
        if not (root / "notices" / "_board.yml").is_file():
            print(
                f"error: no notices/_board.yml in {root}: run this inside the notice board's "
                "repository or pass --root",
                file=sys.stderr,
            )
        else:
            print(format_problems(problems), file=sys.stderr)
            print("error: fix notices/_board.yml first, then run this again", file=sys.stderr)
        return EXIT_FAILED
    try:
        notice = notice_from_args(args, registry)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    folder = root / "notices" / notice.branch.id / str(notice.start.year)
    slug = free_slug(slugify(notice.title), lambda s: (folder / f"{s}.md").exists())
    path = folder / f"{slug}.md"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(render_notice(notice))
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED

    print(_shown(path))
    reasons = draft_reasons(notice)
    if reasons:
        print("note: written as a draft (draft: true), not published until:", file=sys.stderr)
        for reason in reasons:
            print(f"  - {reason.en}", file=sys.stderr)
    return EXIT_OK


def _shown(path: Path) -> str:
    """The path relative to the working folder when it is inside it, else absolute."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(absolute)


def notice_from_args(args: argparse.Namespace, registry: Registry) -> NewNotice:
    """Check the options against the registry and the calendar; UsageError says what to fix."""
    branch_id = registry.branch_id_for(args.branch)
    if branch_id is None:
        hint, known = unknown_name(args.branch, registry.branches)
        raise UsageError(f"unknown branch '{args.branch}'{hint}; --branch takes one of: {known}")
    category_id = registry.category_id_for(args.category)
    if category_id is None:
        hint, known = unknown_name(args.category, registry.categories)
        raise UsageError(
            f"unknown category '{args.category}'{hint}; --category takes one of: {known}"
        )
    disclosure = DISCLOSURE_ALIASES.get(args.disclosure, args.disclosure)
    if disclosure not in DISCLOSURES:
        raise UsageError(
            f"unknown disclosure '{args.disclosure}'; --disclosure takes standing, periodic or "
            "ad-hoc (长期, 定期 or 随时)"
        )
    if not args.title:
        raise UsageError("--title is empty; give the notice's title")
    if len(args.title) > TITLE_MAX:
        raise UsageError(
            f"--title is {len(args.title)} characters long; shorten it to {TITLE_MAX} at most"
        )
    if args.approved_by and not args.major:
        raise UsageError("--approved-by is only for major matters: add --major or leave it out")

    try:
        start = resolve_today(registry.timezone, args.today, os.environ)
    except TodayError as exc:
        raise UsageError(str(exc)) from None

    end = None
    length_zh = None
    if disclosure == "standing":
        if args.days or args.working_days:
            raise UsageError(
                "a standing (长期) notice has no end: leave out --days and --working-days"
            )
    elif args.days:
        try:
            end = end_after_days(start, args.days)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        length_zh = f"{args.days}天"
    else:
        count = args.working_days or DEFAULT_WORKING_DAYS
        try:
            end = end_after_working_days(start, count)
        except CalendarRangeError as exc:
            raise UsageError(
                _("{problem}; or give --days N (calendar days) instead").format(problem=exc)
            ) from None
        length_zh = f"{count}个工作日"

    feedback = Feedback(
        phone=args.feedback_phone,
        email=args.feedback_email,
        address=args.feedback_address,
        person=args.feedback_person,
    )
    branch = registry.branch(branch_id)
    category = registry.category(category_id)
    assert branch is not None and category is not None
    return NewNotice(
        title=args.title,
        branch=branch,
        category=category,
        disclosure=disclosure,
        start=start,
        end=end,
        length_zh=length_zh,
        reviewed_by=args.reviewed_by or None,
        major=args.major,
        approved_by=args.approved_by or None,
        number=args.number or None,
        feedback=None if feedback.is_empty() else feedback,
        schedule=tuple(
            entry
            for entry in registry.schedule
            if entry.branches is None or branch.id in entry.branches
        ),
    )
