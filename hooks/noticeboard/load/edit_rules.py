"""A published notice changes only with a declared correction (SPEC "A notice").

`undeclared_changes` compares the file as it was at the base revision with the file now: when
the title, body, period, number or attachments differ and no `corrections` entry was added, the
change is an error in `check --changed`. Recording `opinions_received` (or tags, feedback…) is
not a correction. Pure: both versions come in as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from noticeboard.i18n import _
from noticeboard.load.source import SourceError, split_front_matter

# what residents read as the notice itself; a change to any of them needs a correction
GUARDED = ("title", "period", "number", "attachments")


@dataclass(frozen=True)
class Version:
    meta: dict[str, Any]
    body: str
    lines: dict[str, int]
    body_line: int


def read_version(text: str) -> Version | None:
    """The front matter and body of one version; None when it cannot be read (then the file's
    own problems say why, and nothing is compared)."""
    try:
        doc = split_front_matter(text.replace("\r\n", "\n").removeprefix("\ufeff"))
    except SourceError:
        return None
    if not isinstance(doc.meta.data, dict):
        return None
    return Version(doc.meta.data, doc.body, dict(doc.meta.lines), doc.body_line)


def _corrections(meta: dict[str, Any]) -> list[Any]:
    value = meta.get("corrections")
    return list(value) if isinstance(value, list) else []


def _was_published(meta: dict[str, Any], today: date) -> bool:
    """Public, not a draft, and its period had started (an upcoming notice is not out yet)."""
    period = meta.get("period")
    start = period.get("start") if isinstance(period, dict) else None
    started = not isinstance(start, date) or start <= today
    return meta.get("draft") is not True and meta.get("scope", "public") == "public" and started


def undeclared_changes(old_text: str, new_text: str, today: date) -> list[tuple[str, int]]:
    """(field, line in the new file) for each guarded part that changed without a new
    `corrections` entry; empty when nothing needs declaring."""
    old, new = read_version(old_text), read_version(new_text)
    if old is None or new is None or not _was_published(old.meta, today):
        return []
    added = [c for c in _corrections(new.meta) if c not in _corrections(old.meta)]
    if added:
        return []
    changed = [
        (key, new.lines.get(key, 1)) for key in GUARDED if old.meta.get(key) != new.meta.get(key)
    ]
    if old.body.strip() != new.body.strip():
        changed.append(("body", new.body_line))
    return changed


def message(field: str) -> str:
    return _(
        "this published notice's {field} changed without a new 'corrections' entry: add one "
        "under 'corrections:' with the date and what was changed (更正说明)"
    ).format(field=field)
