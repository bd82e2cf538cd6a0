"""The syntax layer of a notice's front matter: known keys, values of the right type.

These are the only checks a draft gets; `noticerules` adds the rest for notices meant to be
published. Each value that is absent or of the wrong type comes out as None (or empty).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from noticeboard.i18n import N_, _
from noticeboard.load.fields import (
    CORRECTION_KEYS,
    FEEDBACK_KEYS,
    FIELDS_BY_KEY,
    PERIOD_KEYS,
    Kind,
)
from noticeboard.load.reporter import Reporter
from noticeboard.load.suggest import did_you_mean
from noticeboard.load.visible_text import text_problem
from noticeboard.load.yamldoc import InvalidDate, scalar_text, whole_number
from noticeboard.model import DISCLOSURE_ALIASES, Correction, Feedback


@dataclass
class Fields:
    """Typed front-matter values; `present` holds the keys written with a non-empty value,
    `invalid` those whose value has the wrong shape (so later rules do not pile on)."""

    present: set[str] = field(default_factory=set)
    invalid: set[str] = field(default_factory=set)
    title: str | None = None
    branch: str | None = None
    category: str | None = None
    disclosure: str | None = None
    start: date | None = None
    end: date | None = None
    expires: date | None = None
    number: str | None = None
    reviewed_by: str | None = None
    approved_by: str | None = None
    responds_to: str | None = None
    fulfils: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    opinions_received: int | None = None
    issuer: str | None = None
    major: bool = False
    draft: bool = False
    scope: str = "public"
    feedback: Feedback | None = None
    supersedes: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def type_name(value: Any) -> str:
    """How a YAML value reads to someone who wrote it."""
    if isinstance(value, InvalidDate):
        return _("an impossible date")
    names: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (dict, N_("a mapping")),
        (list, N_("a list")),
        (bool, N_("true/false")),
        (datetime, N_("a date and time")),
        (date, N_("a date")),
        ((int, float), N_("a number")),
        (type(None), N_("empty")),
    )
    name = next((name for kind, name in names if isinstance(value, kind)), None)
    return _(name) if name else type(value).__name__


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(r: Reporter, key: str, value: Any) -> str | None:
    if isinstance(value, str):
        problem = text_problem(key, value) if value.strip() else None
        if problem:
            r.err(key, problem)
            return None
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return scalar_text(value)  # as written: `number: 010` stays 010, `12:30` stays 12:30
    r.err(key, _("'{key}' must be text, not {kind}").format(key=key, kind=type_name(value)))
    return None


def as_date(r: Reporter, key: str, value: Any) -> date | None:
    """Only a YAML date (unquoted YYYY-MM-DD) is accepted, so every file reads the same way."""
    if isinstance(value, InvalidDate):
        r.err(
            key,
            _("'{key}' is {value}, which is not a real date; write it as YYYY-MM-DD").format(
                key=key, value=value
            ),
        )
    elif isinstance(value, datetime):
        r.err(
            key,
            _(
                "'{key}' has a time of day; write just the date as YYYY-MM-DD, e.g. 2024-06-01"
            ).format(key=key),
        )
    elif isinstance(value, date):
        return value
    elif isinstance(value, str) and _is_iso_date(value.strip()):
        r.err(
            key,
            _(
                "'{key}' must be a date written as YYYY-MM-DD without quotes: remove the quotes "
                "and write {name}: {value}"
            ).format(key=key, name=key.rpartition(".")[2], value=value.strip()),
        )
    else:
        shown = f"'{value}'" if isinstance(value, str) else type_name(value)
        r.err(
            key,
            _(
                "'{key}' must be a date written as YYYY-MM-DD (e.g. 2024-06-01) without quotes, "
                "not {shown}"
            ).format(key=key, shown=shown),
        )
    return None


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def as_bool(r: Reporter, key: str, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    r.err(
        key, _("'{key}' must be true or false, not {kind}").format(key=key, kind=type_name(value))
    )
    return None


def as_string_list(r: Reporter, key: str, value: Any) -> tuple[str, ...]:
    """A list of text items; a single text is taken as a list of one."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for index, item in enumerate(items):
        where = f"{key}[{index}]" if isinstance(value, list) else key
        if isinstance(item, str | int | float) and not isinstance(item, bool | InvalidDate):
            text = scalar_text(item).strip()
            problem = text_problem(where, text) if text else None
            if problem:
                r.err(where, problem)
            elif text:
                out.append(text)
        else:
            r.err(
                where,
                _(
                    "'{key}' must be a list of text items, one per line starting with '- ', "
                    "but has {kind}"
                ).format(key=key, kind=type_name(item)),
            )
    return tuple(out)


def _period(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    if not isinstance(value, dict):
        r.err(key, _("'period' must have 'start:' and 'end:' lines indented under it"))
        fields.invalid.add(key)
        return
    r.unknown_keys(value, PERIOD_KEYS, "period.")
    if not is_blank(value.get("start")):
        fields.present.add("period.start")
        fields.start = as_date(r, "period.start", value["start"])
    if not is_blank(value.get("end")):
        fields.present.add("period.end")
        fields.end = as_date(r, "period.end", value["end"])


def _feedback(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    if not isinstance(value, dict):
        r.err(
            key, _("'feedback' must have phone, email, address or person lines indented under it")
        )
        return
    r.unknown_keys(value, FEEDBACK_KEYS, "feedback.")
    channel = {
        k: as_text(r, f"feedback.{k}", value[k]) if not is_blank(value.get(k)) else None
        for k in FEEDBACK_KEYS
    }
    fields.feedback = Feedback(**channel)


def _id_or_list(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    if not isinstance(value, str | list):
        r.err(
            key,
            _(
                "'{key}' must be a notice id or a list of notice ids, e.g. jinpu/2024/dues-q1"
            ).format(key=key),
        )
        return
    setattr(fields, key, as_string_list(r, key, value))


def _count(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    """A whole number, 0 or more; `3.0`, `-1`, `三` and `true` are refused."""
    count = whole_number(value)
    if count is not None:
        fields.opinions_received = count
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = f"'{value}'" if isinstance(value, str) else type_name(value)
        r.err(
            key,
            _("'{key}' must be a whole number of opinions, 0 or more, not {shown}").format(
                key=key, shown=shown
            ),
        )
    elif value < 0:
        r.err(
            key,
            _("'{key}' is {value}: it counts opinions, so it cannot be negative").format(
                key=key, value=value
            ),
        )
    else:
        r.err(
            key,
            _("'{key}' is {value}: write a whole number of opinions, e.g. 3").format(
                key=key, value=scalar_text(value)
            ),
        )
    fields.invalid.add(key)


def _corrections(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    """A list of {date, note}; each entry needs both."""
    if not isinstance(value, list):
        r.err(
            key,
            _("'{key}' must be a list of entries, each '- date: YYYY-MM-DD' and 'note: …'").format(
                key=key
            ),
        )
        fields.invalid.add(key)
        return
    out: list[Correction] = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            r.err(where, _("'{where}' must have 'date:' and 'note:' lines").format(where=where))
            fields.invalid.add(key)
            continue
        r.unknown_keys(item, CORRECTION_KEYS, f"{where}.")
        day = None if is_blank(item.get("date")) else as_date(r, f"{where}.date", item["date"])
        note = None if is_blank(item.get("note")) else as_text(r, f"{where}.note", item["note"])
        for sub in CORRECTION_KEYS:
            if is_blank(item.get(sub)):
                r.err(
                    where,
                    _("'{where}' has no '{sub}': every correction needs a date and a note").format(
                        where=where, sub=sub
                    ),
                )
        if day is None or note is None:
            fields.invalid.add(key)
            continue
        out.append(Correction(day, note))
    fields.corrections = tuple(out)


def _scalar(convert: Callable[[Reporter, str, Any], Any]) -> Callable[..., None]:
    def store(r: Reporter, key: str, value: Any, fields: Fields) -> None:
        converted = convert(r, key, value)
        if converted is not None and hasattr(fields, key):
            setattr(fields, key, converted)

    return store


def _string_list_field(r: Reporter, key: str, value: Any, fields: Fields) -> None:
    converted = as_string_list(r, key, value)
    if hasattr(fields, key):
        setattr(fields, key, converted)


_BY_KIND: dict[Kind, Callable[[Reporter, str, Any, Fields], None]] = {
    Kind.STRING: _scalar(as_text),
    Kind.DATE: _scalar(as_date),
    Kind.BOOL: _scalar(as_bool),
    Kind.PERIOD: _period,
    Kind.FEEDBACK: _feedback,
    Kind.ID_OR_LIST: _id_or_list,
    Kind.STRING_LIST: _string_list_field,
    Kind.COUNT: _count,
    Kind.CORRECTIONS: _corrections,
}


def read_fields(r: Reporter, meta: dict[str, Any]) -> Fields:
    """Check every key is known and every value has its type; return the typed values."""
    fields = Fields()
    r.unknown_keys(meta, FIELDS_BY_KEY.keys())  # ordered for the message, O(1) to look up
    for key, value in meta.items():
        spec = FIELDS_BY_KEY.get(key) if isinstance(key, str) else None
        if spec is None or is_blank(value):
            continue
        fields.present.add(key)
        _BY_KIND[spec.kind](r, key, value, fields)
    _check_choices(r, fields)
    return fields


def _check_choices(r: Reporter, fields: Fields) -> None:
    """Values from a fixed list: disclosure (English or Chinese) and scope."""
    if fields.disclosure is not None:
        raw = fields.disclosure
        fields.disclosure = DISCLOSURE_ALIASES.get(raw, raw)
        if raw not in FIELDS_BY_KEY["disclosure"].choices:
            r.err(
                "disclosure",
                _(
                    "'disclosure' must be standing, periodic or ad-hoc (长期, 定期 or 随时), "
                    "not '{value}'{hint}"
                ).format(value=raw, hint=did_you_mean(raw, FIELDS_BY_KEY["disclosure"].choices)),
            )
            fields.disclosure = None
    if fields.scope not in FIELDS_BY_KEY["scope"].choices:
        r.err(
            "scope",
            _("'scope' must be public or internal (党内公开), not '{value}'").format(
                value=fields.scope
            ),
        )
        fields.scope = "public"
