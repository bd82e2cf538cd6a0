"""Reading and checking the registry, `notices/_board.yml`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from noticeboard import urls
from noticeboard.audience import REPOSITORY_KINDS
from noticeboard.i18n import _
from noticeboard.load.privacy import yaml_findings
from noticeboard.load.registry_holidays import read_holidays
from noticeboard.load.registry_reader import RegistryReader, check_id, named_entries
from noticeboard.load.registry_schedule import read_schedule
from noticeboard.load.source import SourceError, YamlDoc, decode, parse_yaml
from noticeboard.load.suggest import did_you_mean
from noticeboard.load.yamldoc import scalar_text, whole_number
from noticeboard.model import (
    DEFAULT_REPLY_WITHIN_DAYS,
    FEEDBACK_BY_BRANCH,
    Body,
    Branch,
    Category,
    Group,
    Registry,
)
from noticeboard.problems import Problem, error

HANDLE_RE = re.compile(
    r"@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?"
    r"|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}"
)
"""A CODEOWNERS owner: a GitHub user, an org/team or an e-mail address; nothing that could
start a new line or a comment in the generated file."""
REGISTRY_KEYS = (
    "timezone",
    "branches",
    "categories",
    "schedule",
    "holidays",
    "repository",
    "since",
    "imported",
    "reply_within_days",
    "groups",
)
BRANCH_KEYS = ("id", "name", "parent", "feedback", "maintainers", "bodies")
BODY_KEYS = ("id", "name", "feedback")
CATEGORY_KEYS = (
    "id",
    "name",
    "description",
    "min_days",
    "min_working_days",
    "feedback_by",
    "issuer",
    "group",
)
GROUP_KEYS = ("id", "name")


def read_registry(root: Path) -> tuple[Registry | None, list[Problem]]:
    """Parse `notices/_board.yml` under the repository `root`; None when it cannot be used."""
    rel = urls.REGISTRY_SOURCE
    file = root / rel
    if not file.is_file():
        return None, [
            error(rel, 1, _("the registry file is missing; create {registry}").format(registry=rel))
        ]
    try:
        text = decode(file.read_bytes(), rel)
        doc = parse_yaml(text, offset=1)
    except SourceError as exc:
        return None, [error(rel, exc.line, exc.message)]
    except OSError as exc:
        message = _("cannot read the registry: {reason}").format(reason=exc.strerror or exc)
        return None, [error(rel, 1, message)]
    registry, problems = registry_from_yaml(rel, doc)
    # Names, feedback channels and descriptions reach every page: no unmasked number either.
    for finding, key in yaml_findings(text, doc.data):
        line = finding.line if key is None else doc.lines.get(key, 1)
        problems.append(error(rel, line, finding.message(), "privacy"))
    return registry, problems


def registry_from_yaml(rel: str, doc: YamlDoc) -> tuple[Registry | None, list[Problem]]:
    r = RegistryReader(rel, doc)
    for key, line in doc.duplicates:
        r.err_at(line, _("'{key}' is written twice; keep one").format(key=key), key)
    data = doc.data
    if not isinstance(data, dict):
        r.err(
            "",
            _(
                "the registry must be a mapping with timezone, branches, categories, schedule; "
                "write them as 'key:' lines"
            ),
        )
        return None, r.problems
    r.unknown_keys(data, REGISTRY_KEYS, "")

    timezone = data.get("timezone") or "Asia/Shanghai"
    if not isinstance(timezone, str):
        r.err("timezone", _("'timezone' must be an IANA name such as Asia/Shanghai"))
        timezone = "Asia/Shanghai"
    else:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            r.err(
                "timezone",
                _("unknown timezone '{value}'; use an IANA name such as Asia/Shanghai").format(
                    value=timezone
                ),
            )
            timezone = "Asia/Shanghai"

    branches = _branches(r, data.get("branches"))
    groups = _groups(r, data.get("groups"))
    categories = _categories(r, data.get("categories"))
    _unique_names(r, branches)
    _unique_names(r, categories)
    _unique_names(r, groups)
    _categories_grouped(r, categories, groups, "groups" in data)
    _parents_known(r, branches)
    _no_parent_cycles(r, branches)
    _names_are_not_other_ids(r, branches, "branch")
    _names_are_not_other_ids(r, categories, "category")
    branch_ids = {b.id for _, b in branches}
    category_ids = {c.id for _, c in categories}
    schedule = read_schedule(r, data.get("schedule"), branch_ids, category_ids)
    _feedback_by_known(r, branches, categories)
    repository = data.get("repository", "public")
    if repository not in REPOSITORY_KINDS:
        r.err(
            "repository",
            _(
                "'repository' must be public or private (whether anyone can read this "
                "repository), not '{value}'"
            ).format(value=repository),
        )
        repository = "public"
    reply_within = data.get("reply_within_days", DEFAULT_REPLY_WITHIN_DAYS)
    if whole_number(reply_within) is None:
        r.err(
            "reply_within_days", _("'reply_within_days' must be a whole number of days, 0 or more")
        )
        reply_within = DEFAULT_REPLY_WITHIN_DAYS
    registry = Registry(
        timezone,
        tuple(b for _, b in branches),
        tuple(c for _, c in categories),
        tuple(schedule),
        read_holidays(r, data.get("holidays")),
        repository=repository,
        groups=tuple(g for _, g in groups),
        since=r.day(data, "since", "since"),
        imported=r.day(data, "imported", "imported"),
        reply_within_days=reply_within,
    )
    return registry, r.problems


def _parents_known(r: RegistryReader, branches: list[tuple[str, Branch]]) -> None:
    branch_ids = {b.id for _, b in branches}
    for where, b in branches:
        if b.parent == b.id:
            r.err(
                f"{where}.parent",
                _("branch '{id}' names itself as its parent; name another branch or none").format(
                    id=b.id
                ),
            )
        elif b.parent is not None and b.parent not in branch_ids:
            r.err(
                f"{where}.parent",
                _(
                    "branch '{id}' names parent '{parent}', which is not a branch id; "
                    "known ids: {known}"
                ).format(id=b.id, parent=b.parent, known=", ".join(sorted(branch_ids))),
            )


def _no_parent_cycles(r: RegistryReader, branches: list[tuple[str, Branch]]) -> None:
    """Following `parent` must reach a branch without one; a cycle has no top to review it."""
    parent = {b.id: b.parent for _, b in branches}
    where = {b.id: w for w, b in branches}
    reported: set[str] = set()
    for start in parent:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current is None or current not in chain:
            continue
        cycle = chain[chain.index(current) :]
        if len(cycle) == 1:
            continue  # a branch that is its own parent: _parents_known says so, once
        if reported.isdisjoint(cycle):
            reported.update(cycle)
            first = min(cycle)
            loop = " → ".join([*cycle[cycle.index(first) :], *cycle[: cycle.index(first)], first])
            r.err(
                f"{where[first]}.parent",
                _(
                    "the parents of these branches go round in a circle ({loop}); one of them "
                    "must have no parent or a parent outside the circle"
                ).format(loop=loop),
            )


def _names_are_not_other_ids(
    r: RegistryReader,
    items: list[tuple[str, Branch]] | list[tuple[str, Category]],
    kind: str,
) -> None:
    """A notice may name a branch or category by id or by display name: a name equal to
    another entry's id would quietly file that entry's notices under this one."""
    ids = {item.id for _, item in items}
    for where, item in items:
        if item.name in ids and item.name != item.id:
            message = (
                _(
                    "the branch name '{name}' is the id of another branch; notices naming "
                    "'{name}' would be ambiguous: choose another name"
                )
                if kind == "branch"
                else _(
                    "the category name '{name}' is the id of another category; notices naming "
                    "'{name}' would be ambiguous: choose another name"
                )
            )
            r.err(f"{where}.name", message.format(name=item.name))


def _unique_names(
    r: RegistryReader,
    items: list[tuple[str, Branch]] | list[tuple[str, Category]] | list[tuple[str, Group]],
) -> None:
    """Notices may name a branch or category by display name, so names must be unique too."""
    seen: dict[str, str] = {}
    for where, item in items:
        if item.name in seen:
            r.err(
                f"{where}.name",
                _(
                    "the name '{name}' is already used by '{other}'; "
                    "names must be unique because notices may use them"
                ).format(name=item.name, other=seen[item.name]),
            )
        seen.setdefault(item.name, item.id)


def _branches(r: RegistryReader, value: Any) -> list[tuple[str, Branch]]:
    out: list[tuple[str, Branch]] = []
    seen: set[str] = set()
    entries = named_entries(r, value, "branches", BRANCH_KEYS, required=True)
    for where, item, id_, name in entries:
        parent = r.text(item, "parent", f"{where}.parent", required=False)
        feedback = r.feedback(item.get("feedback"), f"{where}.feedback")
        maintainers_raw = item.get("maintainers") or []
        maintainers: list[str] = []
        if not isinstance(maintainers_raw, list) or not all(
            isinstance(m, str) for m in maintainers_raw
        ):
            r.err(
                f"{where}.maintainers",
                _("'maintainers' must be a list of GitHub user names, e.g. [jinpu-clerk]"),
            )
        else:
            maintainers = [m.strip() for m in maintainers_raw]
            for index, handle in enumerate(maintainers):
                if not HANDLE_RE.fullmatch(handle):
                    r.err(
                        f"{where}.maintainers[{index}]",
                        _(
                            "maintainer {handle} is not a GitHub user name ('jinpu-clerk'), team "
                            "('org/team') or e-mail address; it is written into "
                            ".github/CODEOWNERS"
                        ).format(handle=repr(handle)),
                    )
            maintainers = [m for m in maintainers if HANDLE_RE.fullmatch(m)]
        bodies = _bodies(r, item.get("bodies"), f"{where}.bodies", id_)
        if (good_id := check_id(r, id_, where, seen)) and name:
            out.append((where, Branch(good_id, name, parent, feedback, tuple(maintainers), bodies)))
    return out


def _bodies(r: RegistryReader, value: Any, key: str, branch_id: str | None) -> tuple[Body, ...]:
    """A branch's other issuing organisations: ids unique within the branch and never the
    branch's own id (a notice's `issuer` names either)."""
    out: list[Body] = []
    seen: set[str] = set()
    entries = named_entries(r, value, key, BODY_KEYS, required=False)
    for where, item, id_, name in entries:
        feedback = r.feedback(item.get("feedback"), f"{where}.feedback")
        if id_ is not None and id_ == branch_id:
            r.err(
                f"{where}.id",
                _(
                    "body id '{id}' is the branch's own id; give the body its own id, "
                    "e.g. cwh for the village committee"
                ).format(id=id_),
            )
        elif (good_id := check_id(r, id_, where, seen)) and name:
            out.append(Body(good_id, name, feedback))
    return tuple(out)


def _min_period(r: RegistryReader, item: dict[str, Any], key: str, where: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    days = whole_number(value, 1)
    if days is None:
        r.err(
            f"{where}.{key}",
            _("'{key}' must be a positive whole number of days such as 5, not '{value}'").format(
                key=f"{where}.{key}", value=scalar_text(value)
            ),
        )
        return None
    return days


def _feedback_by_known(
    r: RegistryReader, branches: list[tuple[str, Branch]], categories: list[tuple[str, Category]]
) -> None:
    body_ids = sorted({body.id for _, b in branches for body in b.bodies})
    for where, c in categories:
        for key, value in (("feedback_by", c.feedback_by), ("issuer", c.issuer)):
            if value != FEEDBACK_BY_BRANCH and value not in body_ids:
                r.err(
                    f"{where}.{key}",
                    _(
                        "'{key}' names '{value}', which is no branch's body; write branch or "
                        "one of: {known}"
                    ).format(key=f"{where}.{key}", value=value, known=", ".join(body_ids) or "—"),
                )


def _categories(r: RegistryReader, value: Any) -> list[tuple[str, Category]]:
    out: list[tuple[str, Category]] = []
    seen: set[str] = set()
    entries = named_entries(r, value, "categories", CATEGORY_KEYS, required=True)
    for where, item, id_, name in entries:
        description = r.text(item, "description", f"{where}.description", required=False)
        min_days = _min_period(r, item, "min_days", where)
        min_working_days = _min_period(r, item, "min_working_days", where)
        feedback_by = r.text(item, "feedback_by", f"{where}.feedback_by", required=False)
        issuer = r.text(item, "issuer", f"{where}.issuer", required=False)
        group = r.text(item, "group", f"{where}.group", required=False)
        if (good_id := check_id(r, id_, where, seen)) and name:
            category = Category(
                good_id,
                name,
                description,
                min_days,
                min_working_days,
                feedback_by or FEEDBACK_BY_BRANCH,
                issuer or FEEDBACK_BY_BRANCH,
                group=group,
            )
            out.append((where, category))
    return out


def _groups(r: RegistryReader, value: Any) -> list[tuple[str, Group]]:
    """The columns of a combined board; none means one column."""
    out: list[tuple[str, Group]] = []
    seen: set[str] = set()
    entries = named_entries(r, value, "groups", GROUP_KEYS, required=False)
    for where, _item, id_, name in entries:
        if (good_id := check_id(r, id_, where, seen)) and name:
            out.append((where, Group(good_id, name)))
    return out


def _categories_grouped(
    r: RegistryReader,
    categories: list[tuple[str, Category]],
    groups: list[tuple[str, Group]],
    groups_written: bool,
) -> None:
    """With groups, every category names one (else it would fall off the board's columns)."""
    group_ids = [g.id for _, g in groups]
    known = ", ".join(group_ids)
    for where, c in categories:
        if c.group is None:
            if groups:
                r.err(
                    where,
                    _(
                        "category '{category}' names no group; with 'groups' every category "
                        "needs 'group:' (one of: {known})"
                    ).format(category=c.id, known=known),
                )
        elif not groups_written:
            r.err(
                f"{where}.group",
                _(
                    "category '{category}' names group '{group}', but the registry has no "
                    "'groups'; add 'groups:' or remove 'group:'"
                ).format(category=c.id, group=c.group),
            )
        elif c.group not in group_ids:
            r.err(
                f"{where}.group",
                _(
                    "category '{category}' names unknown group '{group}'{hint}; "
                    "known groups: {known}"
                ).format(
                    category=c.id,
                    group=c.group,
                    hint=did_you_mean(c.group, group_ids),
                    known=known,
                ),
            )
