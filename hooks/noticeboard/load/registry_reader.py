"""Reading registry entries: problems at the line of each key, text values, id slugs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, NamedTuple

from noticeboard.i18n import _
from noticeboard.load.field_types import type_name
from noticeboard.load.fields import FEEDBACK_KEYS
from noticeboard.load.reporter import Reporter
from noticeboard.load.visible_text import text_problem
from noticeboard.load.yamldoc import YamlDoc, scalar_text
from noticeboard.model import Feedback

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


class RegistryReader(Reporter):
    """The problem collector, plus readers that turn the registry's YAML into model values."""

    def __init__(self, rel: str, doc: YamlDoc) -> None:
        super().__init__(rel, doc.lines, doc.first_line)

    def text(self, data: dict[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err(
                    where.rsplit(".", 1)[0] if "." in where else where,
                    _("'{key}' is required; add it").format(key=where),
                )
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.err(
                where,
                _("'{key}' must be text, not {kind}").format(key=where, kind=type_name(value)),
            )
            return None
        text = scalar_text(value).strip()
        problem = text_problem(where, text)
        if problem:
            self.err(where, problem)
            return None
        return text

    def day(self, data: dict[str, Any], key: str, where: str) -> date | None:
        """An optional YAML date (YYYY-MM-DD without quotes)."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.err(
            where,
            _("'{where}' must be a date written as YYYY-MM-DD, e.g. 2026-01-01").format(
                where=where
            ),
        )
        return None

    def feedback(self, value: Any, where: str) -> Feedback | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.err(
                where,
                _("'{key}' must be a mapping with phone, email, address or person").format(
                    key=where
                ),
            )
            return None
        self.unknown_keys(value, FEEDBACK_KEYS, f"{where}.")
        fields = {k: self.text(value, k, f"{where}.{k}", required=False) for k in FEEDBACK_KEYS}
        return Feedback(**fields)


def list_of_mappings(
    r: RegistryReader, value: Any, key: str, *, required: bool
) -> list[tuple[str, dict[str, Any]]]:
    if value is None:
        if required:
            r.err("", _("'{key}' is required: a list of entries").format(key=key))
        return []
    if not isinstance(value, list):
        r.err(
            key,
            _("'{key}' must be a list of entries, each starting with '- id: …'").format(key=key),
        )
        return []
    items = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            r.err(where, _("'{key}' must be a mapping such as '- id: …'").format(key=where))
            continue
        items.append((where, item))
    return items


class Entry(NamedTuple):
    """One mapping of a registry list: where it is, its keys, and its `id` and `name` as read."""

    where: str
    item: dict[str, Any]
    id: str | None
    name: str | None


def named_entries(
    r: RegistryReader, value: Any, key: str, allowed: tuple[str, ...], *, required: bool
) -> Iterator[Entry]:
    """Each entry of the list `key` (branches, bodies, categories, groups, schedule), after
    refusing keys it does not know; `id` and `name` are required in every one. Lazy, so each
    entry's problems are reported in the order of the file."""
    for where, item in list_of_mappings(r, value, key, required=required):
        r.unknown_keys(item, allowed, f"{where}.")
        id_ = r.text(item, "id", f"{where}.id", required=True)
        name = r.text(item, "name", f"{where}.name", required=True)
        yield Entry(where, item, id_, name)


def check_id(r: RegistryReader, value: str | None, where: str, seen: set[str]) -> str | None:
    """The id when it is a usable, unused slug (now marked used); None after reporting why."""
    if value is None:
        return None
    if not SLUG_RE.match(value):
        r.err(
            f"{where}.id",
            _(
                "'{key}' '{value}' must be lowercase letters, digits and "
                "hyphens (e.g. 'jinpu'), because it is used in web addresses"
            ).format(key=f"{where}.id", value=value),
        )
        return None
    if value in seen:
        r.err(
            f"{where}.id",
            _("'{key}' '{value}' is used twice; ids must be unique: choose another").format(
                key=f"{where}.id", value=value
            ),
        )
        return None
    seen.add(value)
    return value
