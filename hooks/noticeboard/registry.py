"""Reading and checking the registry, `notices/_board.yml`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from noticeboard.fieldtypes import type_name
from noticeboard.model import SCHEDULE_EVERY, Branch, Category, Feedback, Registry, ScheduleEntry
from noticeboard.problems import Problem, error
from noticeboard.source import SourceError, YamlDoc, decode, parse_yaml
from noticeboard.suggest import did_you_mean

REGISTRY_NAME = "_board.yml"
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
REGISTRY_KEYS = ("timezone", "branches", "categories", "schedule")
BRANCH_KEYS = ("id", "name", "parent", "feedback", "maintainers")
CATEGORY_KEYS = ("id", "name", "description")
SCHEDULE_KEYS = ("id", "name", "every", "within_days", "branches", "category")
FEEDBACK_KEYS = ("phone", "email", "address", "person")


class _Reader:
    """Collects problems while turning the registry's YAML into model objects."""

    def __init__(self, path: str, doc: YamlDoc) -> None:
        self.path = path
        self.doc = doc
        self.problems: list[Problem] = []

    def line(self, key: str) -> int:
        return self.doc.lines.get(key, self.doc.first_line)

    def err(self, key: str, message: str) -> None:
        self.problems.append(error(self.path, self.line(key), message, key))

    def unknown_keys(self, data: dict, allowed: tuple[str, ...], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                self.err(
                    f"{prefix}{key}",
                    f"unknown key '{prefix}{key}'{did_you_mean(str(key), allowed)}; "
                    f"allowed keys are: {', '.join(allowed)}",
                )

    def text(self, data: dict, key: str, where: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err(
                    where.rsplit(".", 1)[0] if "." in where else where, f"'{where}' is required"
                )
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            self.err(where, f"'{where}' must be text, not {type_name(value)}")
            return None
        return str(value).strip()

    def feedback(self, value: Any, where: str) -> Feedback | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.err(where, f"'{where}' must be a mapping with phone, email, address or person")
            return None
        self.unknown_keys(value, FEEDBACK_KEYS, f"{where}.")
        fields = {k: self.text(value, k, f"{where}.{k}", required=False) for k in FEEDBACK_KEYS}
        return Feedback(**fields)


def read_registry(root: Path) -> tuple[Registry | None, list[Problem]]:
    """Parse `notices/_board.yml` under the repository `root`; None when it cannot be used."""
    file = root / "notices" / REGISTRY_NAME
    rel = f"notices/{REGISTRY_NAME}"
    if not file.is_file():
        return None, [error(rel, 1, "the registry file is missing; create notices/_board.yml")]
    try:
        doc = parse_yaml(decode(file.read_bytes(), rel), offset=1)
    except SourceError as exc:
        return None, [error(rel, exc.line, exc.message)]
    except OSError as exc:
        return None, [error(rel, 1, f"cannot read the registry: {exc.strerror or exc}")]
    return registry_from_yaml(rel, doc)


def registry_from_yaml(rel: str, doc: YamlDoc) -> tuple[Registry | None, list[Problem]]:
    r = _Reader(rel, doc)
    for key, line in doc.duplicates:
        r.problems.append(error(rel, line, f"'{key}' is written twice; keep one", key))
    data = doc.data
    if not isinstance(data, dict):
        r.err("", "the registry must be a mapping with timezone, branches, categories, schedule")
        return None, r.problems
    r.unknown_keys(data, REGISTRY_KEYS, "")

    timezone = data.get("timezone") or "Asia/Shanghai"
    if not isinstance(timezone, str):
        r.err("timezone", "'timezone' must be an IANA name such as Asia/Shanghai")
        timezone = "Asia/Shanghai"
    else:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            r.err(
                "timezone", f"unknown timezone '{timezone}'; use an IANA name such as Asia/Shanghai"
            )
            timezone = "Asia/Shanghai"

    branches = _branches(r, data.get("branches"))
    categories = _categories(r, data.get("categories"))
    _unique_names(r, branches)
    _unique_names(r, categories)
    _parents_known(r, branches)
    branch_ids = {b.id for _, b in branches}
    category_ids = {c.id for _, c in categories}
    schedule = _schedule(r, data.get("schedule"), branch_ids, category_ids)
    registry = Registry(
        timezone,
        tuple(b for _, b in branches),
        tuple(c for _, c in categories),
        tuple(schedule),
    )
    return registry, r.problems


def _parents_known(r: _Reader, branches: list[tuple[str, Branch]]) -> None:
    branch_ids = {b.id for _, b in branches}
    for where, b in branches:
        if b.parent == b.id:
            r.err(f"{where}.parent", f"branch '{b.id}' names itself as its parent")
        elif b.parent is not None and b.parent not in branch_ids:
            r.err(
                f"{where}.parent",
                f"branch '{b.id}' names parent '{b.parent}', which is not a branch id; "
                f"known ids: {', '.join(sorted(branch_ids))}",
            )


def _unique_names(r: _Reader, items: list[tuple[str, Branch]] | list[tuple[str, Category]]) -> None:
    """Notices may name a branch or category by display name, so names must be unique too."""
    seen: dict[str, str] = {}
    for where, item in items:
        if item.name in seen:
            r.err(
                f"{where}.name",
                f"the name '{item.name}' is already used by '{seen[item.name]}'; "
                "names must be unique because notices may use them",
            )
        seen.setdefault(item.name, item.id)


def _list_of_mappings(
    r: _Reader, value: Any, key: str, *, required: bool
) -> list[tuple[str, dict]]:
    if value is None:
        if required:
            r.err("", f"'{key}' is required: a list of entries")
        return []
    if not isinstance(value, list):
        r.err(key, f"'{key}' must be a list of entries, each starting with '- id: …'")
        return []
    items = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            r.err(where, f"'{where}' must be a mapping such as '- id: …'")
            continue
        items.append((where, item))
    return items


def _check_id(r: _Reader, value: str | None, where: str, seen: set[str], kind: str) -> bool:
    if value is None:
        return False
    if not SLUG_RE.match(value):
        r.err(
            f"{where}.id",
            f"{kind} id '{value}' must be lowercase letters, digits and "
            "hyphens (e.g. 'jinpu'), because it is used in web addresses",
        )
        return False
    if value in seen:
        r.err(f"{where}.id", f"{kind} id '{value}' is used twice; ids must be unique")
        return False
    seen.add(value)
    return True


def _branches(r: _Reader, value: Any) -> list[tuple[str, Branch]]:
    out: list[tuple[str, Branch]] = []
    seen: set[str] = set()
    for where, item in _list_of_mappings(r, value, "branches", required=True):
        r.unknown_keys(item, BRANCH_KEYS, f"{where}.")
        id_ = r.text(item, "id", f"{where}.id", required=True)
        name = r.text(item, "name", f"{where}.name", required=True)
        parent = r.text(item, "parent", f"{where}.parent", required=False)
        feedback = r.feedback(item.get("feedback"), f"{where}.feedback")
        maintainers_raw = item.get("maintainers") or []
        maintainers: list[str] = []
        if not isinstance(maintainers_raw, list) or not all(
            isinstance(m, str) for m in maintainers_raw
        ):
            r.err(f"{where}.maintainers", "'maintainers' must be a list of GitHub user names")
        else:
            maintainers = [m.strip() for m in maintainers_raw]
        if _check_id(r, id_, where, seen, "branch") and name:
            out.append((where, Branch(id_, name, parent, feedback, tuple(maintainers))))
    return out


def _categories(r: _Reader, value: Any) -> list[tuple[str, Category]]:
    out: list[tuple[str, Category]] = []
    seen: set[str] = set()
    for where, item in _list_of_mappings(r, value, "categories", required=True):
        r.unknown_keys(item, CATEGORY_KEYS, f"{where}.")
        id_ = r.text(item, "id", f"{where}.id", required=True)
        name = r.text(item, "name", f"{where}.name", required=True)
        description = r.text(item, "description", f"{where}.description", required=False)
        if _check_id(r, id_, where, seen, "category") and name:
            out.append((where, Category(id_, name, description)))
    return out


def _schedule(
    r: _Reader, value: Any, branch_ids: set[str], category_ids: set[str]
) -> list[ScheduleEntry]:
    out: list[ScheduleEntry] = []
    seen: set[str] = set()
    for where, item in _list_of_mappings(r, value, "schedule", required=False):
        r.unknown_keys(item, SCHEDULE_KEYS, f"{where}.")
        id_ = r.text(item, "id", f"{where}.id", required=True)
        name = r.text(item, "name", f"{where}.name", required=True)
        every = item.get("every")
        ok = True
        if every not in SCHEDULE_EVERY:
            r.err(
                f"{where}.every" if "every" in item else where,
                f"'{where}.every' must be one of {', '.join(SCHEDULE_EVERY)}",
            )
            ok = False
        within = item.get("within_days")
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            r.err(
                f"{where}.within_days" if "within_days" in item else where,
                f"'{where}.within_days' must be a whole number of days, 0 or more",
            )
            ok = False
        raw_branches = item.get("branches", "all")
        branches: tuple[str, ...] | None = None
        if raw_branches != "all":
            if not isinstance(raw_branches, list) or not all(
                isinstance(b, str) for b in raw_branches
            ):
                r.err(f"{where}.branches", "'branches' must be 'all' or a list of branch ids")
                ok = False
            else:
                unknown = [b for b in raw_branches if b not in branch_ids]
                if unknown:
                    r.err(
                        f"{where}.branches",
                        f"unknown branch id(s) {', '.join(unknown)}; "
                        f"known ids: {', '.join(sorted(branch_ids))}",
                    )
                    ok = False
                branches = tuple(raw_branches)
        category = r.text(item, "category", f"{where}.category", required=False)
        if category is not None and category not in category_ids:
            r.err(
                f"{where}.category",
                f"unknown category id '{category}'; known ids: {', '.join(sorted(category_ids))}",
            )
            ok = False
        if _check_id(r, id_, where, seen, "schedule") and name and ok:
            out.append(ScheduleEntry(id_, name, str(every), int(within), branches, category))
    return out
