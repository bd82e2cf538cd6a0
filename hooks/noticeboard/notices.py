"""Reading one notice file into a `Notice`, with every per-file problem found on the way."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from noticeboard.fields import FEEDBACK_KEYS, FIELDS, FIELDS_BY_KEY, PERIOD_KEYS, Required
from noticeboard.model import (
    DISCLOSURE_ALIASES,
    DISCLOSURES,
    Attachment,
    Feedback,
    Notice,
    Registry,
)
from noticeboard.problems import Problem, error
from noticeboard.source import SourceError, decode, split_front_matter
from noticeboard.suggest import did_you_mean


class _Checker:
    def __init__(self, rel: str, lines: dict[str, int], first_line: int) -> None:
        self.rel = rel
        self.lines = lines
        self.first_line = first_line
        self.problems: list[Problem] = []

    def line(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.first_line

    def err(self, key: str, message: str) -> None:
        self.problems.append(error(self.rel, self.line(key), message, key or None))


def _date_hint(key: str, value: Any) -> str:
    return (
        f"'{key}' must be a date written as YYYY-MM-DD (e.g. 2024-06-01) without quotes, "
        f"not '{value}'"
    )


def _as_date(c: _Checker, key: str, value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    c.err(key, _date_hint(key, value))
    return None


def _as_text(c: _Checker, key: str, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        c.err(key, f"'{key}' must be text, not {_type_name(value)}")
        return None
    text = str(value).strip()
    return text or None


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        bool: "true/false",
        date: "a date",
        datetime: "a date and time",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def read_notice(
    file: Path, root: Path, registry: Registry | None
) -> tuple[Notice | None, list[Problem]]:
    """Read `file` (under `root/notices/`); the Notice is None when the file has any error."""
    rel = file.relative_to(root).as_posix()
    try:
        doc = split_front_matter(decode(file.read_bytes()))
    except SourceError as exc:
        return None, [error(rel, exc.line, exc.message)]
    except OSError as exc:
        return None, [error(rel, 1, f"cannot read the file: {exc.strerror}")]
    c = _Checker(rel, doc.meta.lines, doc.meta.first_line)
    meta = doc.meta.data
    if meta is None:
        c.err("", "the front matter is empty: add title, branch, category, disclosure, period")
        return None, c.problems
    if not isinstance(meta, dict):
        c.err("", f"the front matter must be 'key: value' lines, not {_type_name(meta)}")
        return None, c.problems
    notice = _build(c, file, root, meta, doc.body, doc.body_line, registry)
    return (notice if not c.problems else None), c.problems


def _build(
    c: _Checker,
    file: Path,
    root: Path,
    meta: dict,
    body: str,
    body_line: int,
    registry: Registry | None,
) -> Notice | None:
    for key in meta:
        if str(key) not in FIELDS_BY_KEY:
            c.err(
                str(key),
                f"unknown key '{key}'{did_you_mean(str(key), FIELDS_BY_KEY)}; "
                f"allowed keys are: {', '.join(f.key for f in FIELDS)}",
            )
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        c.err("draft", "'draft' must be true or false")
        draft = False
    major = meta.get("major", False)
    if not isinstance(major, bool):
        c.err("major", "'major' must be true or false")
        major = False

    for spec in FIELDS:
        missing = meta.get(spec.key) in (None, "")
        if not missing:
            continue
        if spec.required is Required.ALWAYS or (
            spec.required is Required.UNLESS_DRAFT and not draft
        ):
            c.err("", f"'{spec.key}' is required ({spec.zh}); add a line '{spec.key}: …'")
        elif spec.required is Required.IF_MAJOR and major:
            c.err("major", f"a major matter (major: true) needs 'approved_by' ({spec.zh})")

    notice_id = PurePosixPath(file.relative_to(root / "notices").as_posix()).with_suffix("")
    parts = notice_id.parts

    title = _as_text(c, "title", meta["title"]) if "title" in meta else None
    if title is not None and len(title) > 120:
        c.err("title", f"'title' is {len(title)} characters long; shorten it to 120 at most")

    branch = None
    if meta.get("branch") not in (None, ""):
        raw = _as_text(c, "branch", meta["branch"])
        if raw is not None and registry is not None:
            branch = registry.branch_id_for(raw)
            if branch is None:
                names = [b.name for b in registry.branches]
                c.err(
                    "branch",
                    f"unknown branch '{raw}'"
                    f"{did_you_mean(raw, [b.id for b in registry.branches] + names)}; "
                    f"known branches: {', '.join(f'{b.id} ({b.name})' for b in registry.branches)}",
                )
            elif len(parts) >= 1 and parts[0] != branch:
                c.err(
                    "branch",
                    f"branch '{raw}' does not match the folder '{parts[0]}': move "
                    f"the file to notices/{branch}/ or correct 'branch'",
                )

    category = None
    if meta.get("category") not in (None, ""):
        raw = _as_text(c, "category", meta["category"])
        if raw is not None and registry is not None:
            category = registry.category_id_for(raw)
            if category is None:
                names = [f"{x.id} ({x.name})" for x in registry.categories]
                choices = [x.id for x in registry.categories] + [
                    x.name for x in registry.categories
                ]
                c.err(
                    "category",
                    f"unknown category '{raw}'{did_you_mean(raw, choices)}; "
                    f"known categories: {', '.join(names)}",
                )

    disclosure = None
    if meta.get("disclosure") not in (None, ""):
        raw = _as_text(c, "disclosure", meta["disclosure"])
        disclosure = DISCLOSURE_ALIASES.get(raw or "", raw)
        if disclosure not in DISCLOSURES:
            c.err(
                "disclosure",
                f"'disclosure' must be standing, periodic or ad-hoc "
                f"(长期, 定期 or 随时), not '{raw}'",
            )
            disclosure = None

    start = end = None
    period = meta.get("period")
    if period is not None:
        if not isinstance(period, dict):
            c.err("period", "'period' must have 'start:' and 'end:' lines indented under it")
        else:
            for key in period:
                if key not in PERIOD_KEYS:
                    c.err(
                        f"period.{key}",
                        f"unknown key 'period.{key}'"
                        f"{did_you_mean(str(key), PERIOD_KEYS)}; 'period' has start and end",
                    )
            if period.get("start") is None:
                c.err("period", "'period.start' is required (the first day of the period)")
            else:
                start = _as_date(c, "period.start", period["start"])
            if period.get("end") is not None:
                end = _as_date(c, "period.end", period["end"])
            elif disclosure not in ("standing", None):
                c.err("period", "'period.end' is required unless the disclosure is standing (长期)")
            if start and end and end < start:
                c.err("period.end", f"'period.end' ({end}) is before 'period.start' ({start})")
    if start is not None and len(parts) >= 2 and parts[1] != str(start.year):
        c.err(
            "period.start",
            f"the file is in the folder '{parts[1]}' but period.start is in "
            f"{start.year}: move it to notices/{parts[0]}/{start.year}/",
        )
    if len(parts) != 3:
        c.err("", "a notice must be at notices/<branch-id>/<year>/<name>.md")

    expires = None
    if meta.get("expires") is not None:
        expires = _as_date(c, "expires", meta["expires"])
        if expires and end and expires < end:
            c.err(
                "expires",
                f"'expires' ({expires}) is before 'period.end' ({end}); a notice "
                "stays on the board at least until its period ends",
            )
    elif disclosure != "standing":
        expires = end

    def text_field(key: str) -> str | None:
        return _as_text(c, key, meta[key]) if meta.get(key) not in (None, "") else None

    number = text_field("number")
    reviewed_by = text_field("reviewed_by")
    approved_by = text_field("approved_by")
    responds_to = text_field("responds_to")
    fulfils = text_field("fulfils")
    scope = meta.get("scope", "public")
    if scope not in ("public", "internal"):
        c.err("scope", f"'scope' must be public or internal, not '{scope}'")

    feedback = None
    if meta.get("feedback") is not None:
        raw_fb = meta["feedback"]
        if not isinstance(raw_fb, dict):
            c.err(
                "feedback",
                "'feedback' must have phone, email, address or person lines indented under it",
            )
        else:
            for key in raw_fb:
                if key not in FEEDBACK_KEYS:
                    c.err(
                        f"feedback.{key}",
                        f"unknown key 'feedback.{key}'"
                        f"{did_you_mean(str(key), FEEDBACK_KEYS)}; allowed: "
                        f"{', '.join(FEEDBACK_KEYS)}",
                    )
            feedback = Feedback(
                **{
                    k: _as_text(c, f"feedback.{k}", raw_fb[k])
                    if raw_fb.get(k) is not None
                    else None
                    for k in FEEDBACK_KEYS
                }
            )

    supersedes: tuple[str, ...] = ()
    raw_sup = meta.get("supersedes")
    if isinstance(raw_sup, str):
        supersedes = (raw_sup.strip(),)
    elif isinstance(raw_sup, list) and all(isinstance(x, str) for x in raw_sup):
        supersedes = tuple(x.strip() for x in raw_sup)
    elif raw_sup is not None:
        c.err("supersedes", "'supersedes' must be a notice id or a list of notice ids")

    tags = _string_list(c, meta, "tags")
    attachments: list[Attachment] = []
    for index, rel_path in enumerate(_string_list(c, meta, "attachments")):
        target = (file.parent / rel_path).resolve()
        notices_dir = (root / "notices").resolve()
        key = f"attachments[{index}]"
        if not target.is_relative_to(notices_dir):
            c.err(
                key,
                f"attachment '{rel_path}' is outside the notices/ folder; put the file "
                "next to the notice",
            )
        elif not target.is_file():
            c.err(
                key,
                f"attachment '{rel_path}' does not exist next to the notice; add the "
                "file or correct the path",
            )
        else:
            attachments.append(
                Attachment(target.relative_to(notices_dir).as_posix(), target.stat().st_size)
            )

    if c.problems or not (title and branch and category and disclosure and start):
        return None
    return Notice(
        id=str(notice_id),
        source=file,
        title=title,
        branch=branch,
        category=category,
        disclosure=disclosure,
        start=start,
        end=end,
        expires=expires,
        body=body,
        body_line=body_line,
        number=number,
        reviewed_by=reviewed_by,
        major=major,
        approved_by=approved_by,
        scope=str(scope),
        draft=draft,
        feedback=feedback,
        supersedes=supersedes,
        responds_to=responds_to,
        fulfils=fulfils,
        attachments=tuple(attachments),
        tags=tags,
        lines=dict(c.lines),
    )


def _string_list(c: _Checker, meta: dict, key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if not isinstance(value, list) or not all(
        isinstance(x, str | int) and not isinstance(x, bool) for x in value
    ):
        c.err(key, f"'{key}' must be a list of text items, one per line starting with '- '")
        return ()
    return tuple(str(x).strip() for x in value)
