"""`noticeboard new`: write a new notice, filled in from the registry, and print its path.

The category decides what the writer is not asked for (`new_plan`): the disclosure, the period,
the schedule entry it fulfils and the issuer; what was chosen and why is printed. With no
--title on a terminal it asks for the missing values; in CI or with piped input it never asks.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from noticeboard import urls
from noticeboard.cli.new_plan import (
    DEFAULT_WORKING_DAYS,
    Plan,
    chosen_period,
    due_period,
    entries_for,
    plan_notice,
)
from noticeboard.cli.notice_draft import NewNotice, draft_reasons, render_notice
from noticeboard.i18n import _
from noticeboard.load.fields import TITLE_MAX
from noticeboard.load.registry import read_registry
from noticeboard.load.slug import free_slug, slugify
from noticeboard.load.suggest import Named, unknown_name
from noticeboard.load.workdays import CalendarRangeError
from noticeboard.model import (
    DISCLOSURE_ALIASES,
    DISCLOSURES,
    Body,
    Branch,
    Category,
    Feedback,
    Registry,
)
from noticeboard.problems import format_problems, has_errors
from noticeboard.today import TodayError, parse_day, resolve_today

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FEEDBACK_KEYS = ("phone", "email", "address", "person")


def _epilog() -> str:
    return _(
        """\
period:
  It starts today in the registry's timezone (or on --today / NOTICEBOARD_TODAY) and is
  inclusive at both ends.
  --days N          end = start + N - 1: a 5-day period from a Monday ends on Friday.
  --working-days N  N official working days in mainland China (statutory holidays and the
                    weekend days worked in exchange are taken into account).
                    The start day counts when it is a working day; otherwise counting starts
                    at the next working day. Needs the year in chinese-calendar's data or in
                    the registry's 'holidays'.
  Neither given: the category's minimum (min_working_days / min_days) in the registry, else
  {default} working days. Standing notices have no end and take neither option.

defaults from the registry:
  Without --disclosure the category's schedule entry decides (periodic, standing) or it is
  ad-hoc; a periodic notice gets 'fulfils' with the period due; the category's 'issuer'
  issues it. `new` prints what it chose and why.

drafts:
  The notice is written with 'draft: true' and a note saying what to fill in (the body
  always; the reviewer without --reviewed-by; the approval with --major); drafts are checked
  but never published.

asking:
  Without --title on a terminal, `new` asks for the branch, category, title and dates, with
  the registry's choices. It never asks when input is not a terminal or CI is set.

example:
  noticeboard new --branch jinpu --category 组织建设 \\
      --title 关于发展李某某同志为预备党员的公示 --reviewed-by 金铺村党支部委员会
"""
    ).format(default=DEFAULT_WORKING_DAYS)


class UsageError(Exception):
    """Bad options: the message says what to give instead (exit 2)."""


class Cancelled(Exception):
    """The writer ended the questions (Ctrl-D)."""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number").format(value=value)
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more, not {number}").format(number=number))
    return number


def _one_line(value: str) -> str:
    text = value.strip()
    if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029" for ch in text):
        raise argparse.ArgumentTypeError(_("must be one line of text"))
    return text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "new",
        help=_("write a new notice, filled in from the registry"),
        description=_(
            "Write notices/<branch>/<year>/<slug>.md with every required field filled\n"
            "in and hints for the optional ones, then print its path. The slug is the\n"
            "title in pinyin; an existing file is never overwritten (-2, -3, … is added)."
        ),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    req = parser.add_argument_group(_("what the notice is (asked for on a terminal)"))
    req.add_argument(
        "--branch",
        type=_one_line,
        help=_("branch id or exact display name, e.g. jinpu or 金铺村党支部"),
    )
    req.add_argument("--category", type=_one_line, help=_("category id or exact display name"))
    req.add_argument(
        "--title",
        type=_one_line,
        help=_("the notice's title, 1–{limit} characters").format(limit=TITLE_MAX),
    )
    opt = parser.add_argument_group(_("notice"))
    opt.add_argument(
        "--disclosure",
        default=None,
        type=_one_line,
        metavar="KIND",
        help=_("standing, periodic or ad-hoc (长期、定期、随时); default: from the registry"),
    )
    length = opt.add_mutually_exclusive_group()
    length.add_argument("--days", type=_positive, metavar="N", help=_("period of N calendar days"))
    length.add_argument(
        "--working-days",
        type=_positive,
        metavar="N",
        help=_("period of N working days; default: the category's minimum, else {default}").format(
            default=DEFAULT_WORKING_DAYS
        ),
    )
    opt.add_argument(
        "--today", metavar="DATE", help=_("start on this day instead of today (YYYY-MM-DD)")
    )
    opt.add_argument(
        "--issuer",
        type=_one_line,
        metavar="BODY",
        help=_("who issues it: the branch (default) or one of its bodies in the registry"),
    )
    opt.add_argument(
        "--period",
        type=_one_line,
        metavar="PERIOD",
        help=_(
            "the schedule period it fulfils, e.g. 2026Q2 (a late filing); default: the latest "
            "that ended before the first day"
        ),
    )
    opt.add_argument("--reviewed-by", type=_one_line, metavar="WHO", help=_("who reviewed it"))
    opt.add_argument(
        "--major",
        action="store_true",
        help=_("a major matter; published only with --approved-by"),
    )
    opt.add_argument(
        "--approved-by",
        type=_one_line,
        metavar="WHO",
        help=_("the higher organisation that approved it"),
    )
    opt.add_argument("--number", type=_one_line, help=_("document number, unique"))
    fb = parser.add_argument_group(_("feedback channel (default: from the registry)"))
    labels = {
        "phone": _("phone number"),
        "email": _("email address"),
        "address": _("postal or visiting address"),
        "person": _("contact person"),
    }
    for key in FEEDBACK_KEYS:
        fb.add_argument(f"--feedback-{key}", type=_one_line, metavar="TEXT", help=labels[key])
    parser.set_defaults(func=run)


@dataclass
class Terminal:
    """Where questions go and answers come from; tests give their own."""

    ask: Callable[[str], str]
    say: Callable[[str], None]


def can_ask() -> bool:
    """Only a person at a terminal is asked: never in CI, never with piped input."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(prompt: str) -> str:
    """Like input(), but the question goes to stderr: stdout carries only the new file's path."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _terminal() -> Terminal:
    return Terminal(ask=_ask, say=lambda text: print(text, file=sys.stderr))


def run(args: argparse.Namespace, terminal: Terminal | None = None) -> int:
    root: Path = args.root
    registry, problems = read_registry(root)
    if registry is None or has_errors(problems):
        if not (root / urls.REGISTRY_SOURCE).is_file():
            print(
                _(
                    "error: no {registry} in {root}: run this inside the notice board's "
                    "repository or pass --root"
                ).format(registry=urls.REGISTRY_SOURCE, root=root),
                file=sys.stderr,
            )
        else:
            print(format_problems(problems), file=sys.stderr)
            print(
                _("error: fix {registry} first, then run this again").format(
                    registry=urls.REGISTRY_SOURCE
                ),
                file=sys.stderr,
            )
        return EXIT_FAILED
    try:
        if args.title is None and (terminal is not None or can_ask()):
            ask_missing(args, registry, terminal or _terminal())
        notice, plan = notice_from_args(args, registry)
    except UsageError as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return EXIT_USAGE
    except Cancelled:
        print(_("cancelled; nothing was written"), file=sys.stderr)
        return EXIT_FAILED

    folder = root / urls.branch_folder(notice.branch.id, notice.start.year)
    slug = free_slug(slugify(notice.title), lambda s: (folder / f"{s}.md").exists())
    path = folder / f"{slug}.md"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(render_notice(notice))
    except OSError as exc:
        print(
            _("error: cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            file=sys.stderr,
        )
        return EXIT_FAILED

    print(_shown(path))
    if plan.reasons:
        print(_("chosen from the registry:"), file=sys.stderr)
        for reason in plan.reasons:
            print(f"  - {reason}", file=sys.stderr)
    print(_("note: written as a draft (draft: true), not published until:"), file=sys.stderr)
    for missing in draft_reasons(notice):
        print(f"  - {missing.text()}", file=sys.stderr)
    return EXIT_OK


def _shown(path: Path) -> str:
    """The path relative to the working folder when it is inside it, else absolute."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(absolute)


def _choose(terminal: Terminal, what: str, entries: Sequence[Named]) -> str:
    """A numbered list of the registry's entries; a number, an id or a name is accepted."""
    terminal.say(what)
    for number, entry in enumerate(entries, 1):
        terminal.say(f"  {number}. {entry.id}  {entry.name}")
    while True:
        answer = _answer(terminal, _("number, id or name: "))
        if answer.isdigit() and 1 <= int(answer) <= len(entries):
            return entries[int(answer) - 1].id
        match = next((e.id for e in entries if answer in (e.id, e.name)), None)
        if match is not None:
            return match
        terminal.say(_("'{answer}' is not in the list; try again").format(answer=answer))


def _answer(terminal: Terminal, prompt: str) -> str:
    try:
        return terminal.ask(prompt).strip()
    except EOFError:
        raise Cancelled from None


def ask_missing(args: argparse.Namespace, registry: Registry, terminal: Terminal) -> None:
    """Ask for what the options left out: branch, category, title, start and length."""
    terminal.say(_("New notice: answer each question (Ctrl-D cancels)."))
    if args.branch is None:
        args.branch = _choose(terminal, _("Which branch's board?"), registry.branches)
    if args.category is None:
        args.category = _choose(terminal, _("Which category?"), registry.categories)
    while not args.title:
        title = _answer(terminal, _("Title: "))
        if 0 < len(title) <= TITLE_MAX:
            args.title = title
        else:
            terminal.say(_("a title of 1 to {limit} characters, please").format(limit=TITLE_MAX))
    if args.today is None:
        while True:
            day = _answer(terminal, _("First day (YYYY-MM-DD, Enter for today): "))
            try:
                args.today = parse_day(day, _("first day")).isoformat() if day else None
                break
            except TodayError as exc:
                terminal.say(str(exc))
    category_id = registry.category_id_for(args.category)
    category = registry.category(category_id) if category_id else None
    if args.period is None and category is not None:
        _ask_period(args, registry, category, terminal)
    if args.days is None and args.working_days is None:
        default = (category.min_working_days if category else None) or DEFAULT_WORKING_DAYS
        while True:
            length = _answer(
                terminal,
                _("Working days of the period (Enter for {default}): ").format(default=default),
            )
            if not length:
                break
            if length.isdigit() and int(length) >= 1:
                args.working_days = int(length)
                break
            terminal.say(_("a whole number of working days, please"))


def _ask_period(
    args: argparse.Namespace, registry: Registry, category: Category, terminal: Terminal
) -> None:
    """For a category the schedule asks for periodically: which period, the latest by default."""
    branch_id = registry.branch_id_for(args.branch)
    branch = registry.branch(branch_id) if branch_id else None
    if branch is None:
        return
    try:
        start = resolve_today(registry.timezone, args.today, os.environ)
    except TodayError:
        return
    entries = entries_for(registry, branch, category)
    written = DISCLOSURE_ALIASES.get(args.disclosure, args.disclosure)
    if written not in (None, "periodic") or (
        written is None and any(e.every == "standing" for e in entries)
    ):
        return  # not a periodic notice: it fulfils no period
    entry = next((e for e in entries if due_period(e.every, start)), None)
    due = due_period(entry.every, start) if entry else None
    if entry is None or due is None:
        return
    while True:
        code = _answer(
            terminal,
            _(
                "Which period of '{name}' does it fulfil? (e.g. {code}; Enter for {period}): "
            ).format(name=entry.name, code=due.code, period=due.zh),
        )
        if not code:
            return
        try:
            chosen_period(entry, code, start)
        except ValueError as exc:
            terminal.say(str(exc))
            continue
        args.period = code
        return


def _body_for(branch: Branch, written: str | None) -> Body | None:
    if written is None or written in (branch.id, branch.name):
        return None
    body = next((b for b in branch.bodies if written in (b.id, b.name)), None)
    if body is None:
        hint, known = unknown_name(written, (branch, *branch.bodies))
        raise UsageError(
            _("unknown issuer '{value}'{hint}; --issuer takes one of: {known}").format(
                value=written, hint=hint, known=known
            )
        )
    return body


def notice_from_args(args: argparse.Namespace, registry: Registry) -> tuple[NewNotice, Plan]:
    """Check the options against the registry and the calendar; UsageError says what to fix."""
    missing = [
        option
        for option, value in (
            ("--branch", args.branch),
            ("--category", args.category),
            ("--title", args.title),
        )
        if value is None
    ]
    if missing:
        raise UsageError(
            _("give {options} (on a terminal, leave out --title and `new` asks for them)").format(
                options=", ".join(missing)
            )
        )
    branch_id = registry.branch_id_for(args.branch)
    if branch_id is None:
        hint, known = unknown_name(args.branch, registry.branches)
        raise UsageError(
            _("unknown branch '{value}'{hint}; --branch takes one of: {known}").format(
                value=args.branch, hint=hint, known=known
            )
        )
    category_id = registry.category_id_for(args.category)
    if category_id is None:
        hint, known = unknown_name(args.category, registry.categories)
        raise UsageError(
            _("unknown category '{value}'{hint}; --category takes one of: {known}").format(
                value=args.category, hint=hint, known=known
            )
        )
    disclosure = None
    if args.disclosure is not None:
        disclosure = DISCLOSURE_ALIASES.get(args.disclosure, args.disclosure)
        if disclosure not in DISCLOSURES:
            raise UsageError(
                _(
                    "unknown disclosure '{value}'; --disclosure takes standing, periodic or "
                    "ad-hoc (长期, 定期 or 随时)"
                ).format(value=args.disclosure)
            )
    if not args.title:
        raise UsageError(_("--title is empty; give the notice's title"))
    if len(args.title) > TITLE_MAX:
        raise UsageError(
            _("--title is {length} characters long; shorten it to {limit} at most").format(
                length=len(args.title), limit=TITLE_MAX
            )
        )
    if args.approved_by and not args.major:
        raise UsageError(_("--approved-by is only for major matters: add --major or leave it out"))
    if disclosure == "standing" and (args.days or args.working_days):
        raise UsageError(
            _("a standing (长期) notice has no end: leave out --days and --working-days")
        )

    try:
        start = resolve_today(registry.timezone, args.today, os.environ)
    except TodayError as exc:
        raise UsageError(str(exc)) from None

    branch = registry.branch(branch_id)
    category = registry.category(category_id)
    assert branch is not None and category is not None
    try:
        plan = plan_notice(
            registry,
            branch,
            category,
            start,
            disclosure=disclosure,
            days=args.days,
            working_days=args.working_days,
            issuer=_body_for(branch, args.issuer),
            period=args.period,
        )
    except CalendarRangeError as exc:
        raise UsageError(
            _("{problem}; or give --days N (calendar days) instead").format(problem=exc)
        ) from None
    except ValueError as exc:  # a period past the year 9999
        raise UsageError(str(exc)) from None

    feedback = Feedback(
        phone=args.feedback_phone,
        email=args.feedback_email,
        address=args.feedback_address,
        person=args.feedback_person,
    )
    owner = registry.feedback_owner(branch.id, category.id)
    notice = NewNotice(
        title=args.title,
        branch=branch,
        category=category,
        disclosure=plan.disclosure,
        start=start,
        end=plan.end,
        length_zh=plan.length_zh,
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
        issuer=plan.issuer,
        fulfils=(plan.fulfils_written or plan.fulfils[0].id, plan.fulfils[1].zh)
        if plan.fulfils
        else None,
        inherited_feedback=owner.feedback if owner else None,
        feedback_owner=owner.name if owner else branch.name,
    )
    return notice, plan
