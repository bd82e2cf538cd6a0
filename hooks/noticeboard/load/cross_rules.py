"""Rules that span notices: unique numbers, links that resolve, a feedback channel for each.

Drafts take no part (they are checked for syntax only). A link may point at any notice file
that exists, even one with errors of its own: that file gets its own messages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from noticeboard import urls
from noticeboard.i18n import N_, _
from noticeboard.model import Feedback, Registry, effective_feedback, has_channel
from noticeboard.problems import Problem, error

_ID_HINT = N_("ids look like 'jinpu/2024/party-dues-q1', the path under notices/ without .md")


@dataclass(frozen=True)
class CrossFacts:
    """What the cross-notice rules need from one non-draft notice, even one with other errors
    (so that all its problems are reported in one run)."""

    rel: str
    id: str
    branch: str | None = None
    category: str | None = None
    scope: str = "public"
    number: str | None = None
    supersedes: tuple[str, ...] = ()
    responds_to: str | None = None
    fulfils: tuple[str, ...] = ()
    feedback: Feedback | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def duplicate_numbers(notices: list[CrossFacts]) -> list[Problem]:
    problems: list[Problem] = []
    first_with: dict[str, CrossFacts] = {}
    for n in notices:
        if not n.number:
            continue
        first = first_with.setdefault(n.number, n)
        if first is not n:
            problems.append(
                error(
                    n.rel,
                    n.line_of("number"),
                    _(
                        "number '{number}' is already used by {other}; "
                        "document numbers (文号) must be unique: give this notice its own"
                    ).format(number=n.number, other=first.rel),
                    "number",
                )
            )
    return problems


def links_resolve(
    registry: Registry, notices: list[CrossFacts], existing_ids: Collection[str]
) -> list[Problem]:
    problems: list[Problem] = []
    schedule_ids = {s.id for s in registry.schedule}
    for n in notices:
        targets: list[tuple[str, int | None, str]] = [
            ("supersedes", i, old) for i, old in enumerate(n.supersedes)
        ]
        if n.responds_to:
            targets.append(("responds_to", None, n.responds_to))
        for key, index, target in targets:
            line = n.lines.get(f"{key}[{index}]") or n.line_of(key)
            if target == n.id:
                message = _("'{key}' names this notice itself; name another notice's id").format(
                    key=key
                )
                problems.append(error(n.rel, line, message, key))
            elif target not in existing_ids:
                problems.append(
                    error(
                        n.rel,
                        line,
                        _("'{key}' names '{target}', which is not a notice id; {hint}").format(
                            key=key, target=target, hint=_(_ID_HINT)
                        ),
                        key,
                    )
                )
        for index, value in enumerate(n.fulfils):
            entry = value.partition("@")[0].strip()
            if entry in schedule_ids:
                continue
            problems.append(
                error(
                    n.rel,
                    n.lines.get(f"fulfils[{index}]") or n.line_of("fulfils"),
                    _(
                        "'fulfils' names '{value}', which is not in the schedule in "
                        "{registry}; known: {known}"
                    ).format(
                        registry=urls.REGISTRY_SOURCE,
                        value=entry,
                        known=", ".join(sorted(schedule_ids)) or "—",
                    ),
                    "fulfils",
                )
            )
    return problems


def supersede_cycles(notices: list[CrossFacts]) -> list[Problem]:
    """A notice that (through others) supersedes itself would take every notice of the circle
    off the board; the circle is reported once, at its first notice by id."""
    by_id = {n.id: n for n in notices}
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in sorted(by_id):
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        visited: set[str] = set()
        while stack:
            current, path = stack.pop()
            for newer_target in by_id[current].supersedes if current in by_id else ():
                if newer_target == current:
                    continue  # reported by links_resolve
                if newer_target == start and len(path) > 1 and reported.isdisjoint(path):
                    reported.update(path)
                    n = by_id[start]
                    problems.append(
                        error(
                            n.rel,
                            n.line_of("supersedes"),
                            _(
                                "these notices supersede each other in a circle ({circle}), so "
                                "none would stay on the board; only the newer notice names the "
                                "older one in 'supersedes'"
                            ).format(circle=" → ".join((*path, start))),
                            "supersedes",
                        )
                    )
                elif newer_target in by_id and newer_target not in visited:
                    visited.add(newer_target)
                    stack.append((newer_target, (*path, newer_target)))
    return problems


def feedback_channels(registry: Registry, notices: list[CrossFacts]) -> list[Problem]:
    """A public notice invites opinions, so it needs a channel: its own or its branch's."""
    problems: list[Problem] = []
    for n in notices:
        if n.scope != "public" or n.branch is None:
            continue
        if n.feedback is None and "feedback" in n.lines:
            continue  # written but unreadable: that file already has its own error
        if has_channel(n.feedback):
            continue  # its own (the branch's is looked up only when needed: 10,000 notices)
        inherited = registry.default_feedback(n.branch, n.category or "")
        if effective_feedback(n.feedback, inherited) is None:
            key = "feedback" if "feedback" in n.lines else "branch"
            problems.append(
                error(
                    n.rel,
                    n.line_of(key),
                    _(
                        "this notice has no feedback channel (反馈渠道): add 'feedback:' with a "
                        "phone, email, address or person, or give the branch one in "
                        "{registry}"
                    ).format(registry=urls.REGISTRY_SOURCE),
                    "feedback",
                )
            )
    return problems


def cross_notice_problems(
    registry: Registry, notices: list[CrossFacts], existing_ids: Collection[str]
) -> list[Problem]:
    """Every cross-notice problem; `existing_ids` are the ids of all notice files found."""
    checked = sorted(notices, key=lambda n: n.id)
    known = set(existing_ids)
    return [
        *duplicate_numbers(checked),
        *links_resolve(registry, checked, known),
        *supersede_cycles(checked),
        *feedback_channels(registry, checked),
    ]
