"""Rules that span notices: unique numbers, links that resolve, a feedback channel for each."""

from __future__ import annotations

from pathlib import Path

from noticeboard.model import Notice, Registry
from noticeboard.problems import Problem, error


def _rel(root: Path, notice: Notice) -> str:
    return notice.source.relative_to(root).as_posix()


def cross_notice_problems(root: Path, registry: Registry, notices: list[Notice]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {n.id: n for n in notices}
    by_number: dict[str, Notice] = {}
    for n in sorted(notices, key=lambda x: x.id):
        if n.number:
            first = by_number.setdefault(n.number, n)
            if first is not n:
                problems.append(
                    error(
                        _rel(root, n),
                        n.line_of("number"),
                        f"number '{n.number}' is already used by {_rel(root, first)}; "
                        "document numbers must be unique",
                        "number",
                    )
                )
        for old in n.supersedes:
            if old not in by_id:
                problems.append(
                    error(
                        _rel(root, n),
                        n.line_of("supersedes"),
                        f"'supersedes' names '{old}', which is not a notice id (ids look like "
                        "'jinpu/2024/party-dues-q1', the path under notices/ without .md)",
                        "supersedes",
                    )
                )
        if n.responds_to and n.responds_to not in by_id:
            problems.append(
                error(
                    _rel(root, n),
                    n.line_of("responds_to"),
                    f"'responds_to' names '{n.responds_to}', which is not a notice id",
                    "responds_to",
                )
            )
        schedule_ids = {s.id for s in registry.schedule}
        if n.fulfils and n.fulfils not in schedule_ids:
            problems.append(
                error(
                    _rel(root, n),
                    n.line_of("fulfils"),
                    f"'fulfils' names '{n.fulfils}', which is not in the registry's schedule; "
                    f"known: {', '.join(sorted(schedule_ids)) or 'none'}",
                    "fulfils",
                )
            )
        if not n.draft and n.scope == "public":
            branch = registry.branch(n.branch)
            own = n.feedback if n.feedback and not n.feedback.is_empty() else None
            inherited = branch.feedback if branch and branch.feedback else None
            if own is None and (inherited is None or inherited.is_empty()):
                problems.append(
                    error(
                        _rel(root, n),
                        1,
                        "this notice has no feedback channel: add 'feedback:' with a phone, "
                        "email, address or person, or give the branch one in notices/_board.yml",
                        "feedback",
                    )
                )
    return problems
