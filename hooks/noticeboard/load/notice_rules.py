"""The rules a notice meant for publication must meet beyond syntax (drafts skip them).

Each rule is a small function of the typed fields and what it needs to know; all report
through the Reporter, so one run finds every problem in the file. Rules only check: what a
value stands for (a branch id, an attachment file) is looked up in `notice_resolve`, which the
assembler asks too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from noticeboard import urls
from noticeboard.i18n import N_, _
from noticeboard.load.field_types import Fields
from noticeboard.load.fields import FIELDS, TITLE_MAX, Required
from noticeboard.load.notice_resolve import (
    ATTACHMENT_TYPES,
    NoticePlace,
    Unfound,
    attachment_parts,
    branch_id,
    category_id,
    issuer_id,
    locate_attachment,
)
from noticeboard.load.privacy import (
    MAX_TEXT_ATTACHMENT_BYTES,
    TEXT_ATTACHMENTS,
    attachment_text,
    find_personal_numbers,
)
from noticeboard.load.reporter import Reporter
from noticeboard.load.safe_names import name_problem
from noticeboard.load.suggest import unknown_name
from noticeboard.load.workdays import (
    CalendarRangeError,
    end_after_days,
    end_after_working_days,
    working_days_between,
)
from noticeboard.model import Attachment, Registry
from noticeboard.problems import error

Rule = Callable[[Reporter, Fields, Registry | None, NoticePlace], None]


def required_fields(r: Reporter, f: Fields, *_rest: object) -> None:
    for spec in FIELDS:
        if spec.key in f.present or spec.required not in (Required.ALWAYS, Required.UNLESS_DRAFT):
            continue
        r.err(
            "",
            _("'{key}' is required ({meaning}); add a line '{key}: …'").format(
                key=spec.key, meaning=spec.zh
            ),
        )
    if "period" not in f.present or "period" in f.invalid:
        return
    if "period.start" not in f.present:
        r.err(
            "period",
            _("'period.start' is required (the first day of the period); add 'start: YYYY-MM-DD'"),
        )
    if "period.end" not in f.present and f.disclosure != "standing":
        r.err(
            "period",
            _(
                "'period.end' is required unless the disclosure is standing (长期); "
                "add 'end: YYYY-MM-DD'"
            ),
        )


def major_needs_approval(r: Reporter, f: Fields, *_rest: object) -> None:
    if f.major and "approved_by" not in f.present:
        r.err(
            "major",
            _(
                "a major matter (major: true) needs 'approved_by': the higher Party organisation "
                "that approved it (审批)"
            ),
        )


def title_length(r: Reporter, f: Fields, *_rest: object) -> None:
    if f.title is None:
        return
    if len(f.title) > TITLE_MAX:
        r.err(
            "title",
            _("'title' is {length} characters long; shorten it to {limit}").format(
                length=len(f.title), limit=TITLE_MAX
            ),
        )
    if "\n" in f.title:
        r.err("title", _("'title' must be one line; put the rest in the body"))


def dates_in_order(r: Reporter, f: Fields, *_rest: object) -> None:
    if f.start and f.end and f.end < f.start:
        r.err(
            "period.end",
            _(
                "'period.end' ({end}) is before 'period.start' ({start}); write an end on or "
                "after the start"
            ).format(end=f.end, start=f.start),
        )
    if f.expires and f.end and f.expires < f.end:
        r.err(
            "expires",
            _(
                "'expires' ({expires}) is before 'period.end' ({end}); a notice stays on the "
                "board at least until its period ends"
            ).format(expires=f.expires, end=f.end),
        )


def branch_known(r: Reporter, f: Fields, reg: Registry | None, p: NoticePlace) -> None:
    if f.branch is None or reg is None:
        return
    branch = branch_id(f, reg)
    if branch is None:
        hint, known = unknown_name(f.branch, reg.branches)
        r.err(
            "branch",
            _("unknown branch '{value}'{hint}; known branches: {known}").format(
                value=f.branch, hint=hint, known=known
            ),
        )
    elif p.parts and p.parts[0] != branch:
        r.err(
            "branch",
            _(
                "branch '{value}' does not match the folder '{folder}': move the file to "
                "{target} or correct 'branch'"
            ).format(value=f.branch, folder=p.parts[0], target=urls.branch_folder(branch)),
        )


def category_known(r: Reporter, f: Fields, reg: Registry | None, _p: NoticePlace) -> None:
    if f.category is None or reg is None:
        return
    if category_id(f, reg) is None:
        hint, known = unknown_name(f.category, reg.categories)
        r.err(
            "category",
            _("unknown category '{value}'{hint}; known categories: {known}").format(
                value=f.category, hint=hint, known=known
            ),
        )


def issuer_known(r: Reporter, f: Fields, reg: Registry | None, _p: NoticePlace) -> None:
    """`issuer`: the branch itself (id or name) or one of its bodies (id or name)."""
    branch = reg.branch(branch_id(f, reg) or "") if reg is not None else None
    if f.issuer is None or branch is None or f.issuer in (branch.id, branch.name):
        return
    if issuer_id(f, reg) is not None:
        return
    hint, known = unknown_name(f.issuer, (branch, *branch.bodies))
    r.err(
        "issuer",
        _(
            "unknown issuer '{issuer}'{hint}; 'issuer' takes the branch or one of its bodies in "
            "{registry}: {known}"
        ).format(registry=urls.REGISTRY_SOURCE, issuer=f.issuer, hint=hint, known=known),
    )


def minimum_period(r: Reporter, f: Fields, reg: Registry | None, _p: NoticePlace) -> None:
    """A category's `min_days` / `min_working_days` (发展党员公示 5 working days)."""
    if reg is None or f.start is None or f.end is None:
        return
    if f.end < f.start:
        return  # dates_in_order already said so
    category = reg.category(category_id(f, reg) or "")
    if category is None:
        return
    days = (f.end - f.start).days + 1
    if category.min_days is not None and days < category.min_days:
        r.err(
            "period.end",
            _(
                "the period from {start} to 'period.end' {end} is {days} day(s), but a "
                "'{category}' notice runs at least {minimum} days: write 'end: {earliest}' "
                "or later"
            ).format(
                start=f.start,
                end=f.end,
                days=days,
                category=category.name,
                minimum=category.min_days,
                earliest=end_after_days(f.start, category.min_days),
            ),
        )
    if category.min_working_days is None:
        return
    try:
        counted = working_days_between(
            f.start, f.end, reg.holidays, enough=category.min_working_days
        )
        if counted >= category.min_working_days:
            return
        earliest = end_after_working_days(f.start, category.min_working_days, reg.holidays)
    except CalendarRangeError as exc:
        r.err("period.end", str(exc))
        return
    r.err(
        "period.end",
        _(
            "the period from {start} to 'period.end' {end} has {counted} working day(s) "
            "(weekends and statutory holidays do not count), but a '{category}' notice runs "
            "at least {minimum} working days: write 'end: {earliest}' or later"
        ).format(
            start=f.start,
            end=f.end,
            counted=counted,
            category=category.name,
            minimum=category.min_working_days,
            earliest=earliest,
        ),
    )


def folder_matches(r: Reporter, f: Fields, _reg: Registry | None, p: NoticePlace) -> None:
    if len(p.parts) != 3:
        r.err(
            "",
            _("a notice must be at notices/<branch-id>/<year>/<name>.md; move the file there"),
        )
    elif f.start is not None and p.parts[1] != str(f.start.year):
        r.err(
            "period.start",
            _(
                "the file is in the folder '{folder}' but period.start is in {year}: "
                "move it to {target}"
            ).format(
                folder=p.parts[1],
                year=f.start.year,
                target=urls.branch_folder(p.parts[0], f.start.year),
            ),
        )


_UNFOUND: dict[Unfound, str] = {
    Unfound.UNUSABLE: N_(
        "attachment '{path}' is not a usable path; give a file next to the notice"
    ),
    Unfound.OUTSIDE: N_(
        "attachment '{path}' must be a file in the notice's own folder (or below it), "
        "written relative to the notice, without '..' or a leading '/'"
    ),
    Unfound.LINK: N_("attachment '{path}' is (or is inside) a link; attach the file itself"),
    Unfound.MISSING: N_(
        "attachment '{path}' does not exist next to the notice; add the file or correct the path"
    ),
}


def attachments_exist(r: Reporter, f: Fields, _reg: Registry | None, p: NoticePlace) -> None:
    """Each attachment is a data file in the notice's folder; a text one (CSV, TXT) carries
    no unmasked number either (its name is in the front matter, scanned with the file)."""
    for index, rel_path in enumerate(f.attachments):
        key = f"attachments[{index}]"
        found = locate_attachment(p, rel_path)
        if found is Unfound.BAD_NAME:
            problem = next(filter(None, map(name_problem, attachment_parts(rel_path))))
            r.err(key, _("attachment '{path}': {problem}").format(path=rel_path, problem=problem))
        elif found is Unfound.NOT_DATA:
            suffix = PurePosixPath(attachment_parts(rel_path)[-1]).suffix.lower()
            message = _(
                "attachment '{path}' is a '{suffix}' file; attachments are data only "
                "({allowed}): a notice, Markdown, HTML, SVG, XML or script file cannot be attached"
            )
            allowed = ", ".join(sorted(ATTACHMENT_TYPES))
            r.err(key, message.format(path=rel_path, suffix=suffix, allowed=allowed))
        elif isinstance(found, Unfound):
            r.err(key, _(_UNFOUND[found]).format(path=rel_path))
        else:
            _text_attachment_privacy(r, p.notices_dir / found.path, found)


def _text_attachment_privacy(r: Reporter, target: Path, found: Attachment) -> None:
    """A text attachment's lines carry no unmasked number; reported at the attachment's line."""
    if target.suffix.lower() not in TEXT_ATTACHMENTS:
        return
    where = f"{urls.NOTICES_DIR}/{found.path}"
    if found.size > MAX_TEXT_ATTACHMENT_BYTES:
        message = _(
            "this text attachment is larger than {size} MB and cannot be checked for personal "
            "numbers; split it or attach it as PDF"
        ).format(size=MAX_TEXT_ATTACHMENT_BYTES // 1_000_000)
        r.problems.append(error(where, 1, message))
        return
    for finding in find_personal_numbers(attachment_text(target.read_bytes())):
        r.problems.append(error(where, finding.line, finding.message(), "privacy"))


PUBLICATION_RULES: tuple[Rule, ...] = (
    required_fields,
    major_needs_approval,
    title_length,
    dates_in_order,
    branch_known,
    category_known,
    issuer_known,
    minimum_period,
    folder_matches,
    attachments_exist,
)
