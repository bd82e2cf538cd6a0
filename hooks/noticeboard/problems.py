"""Problems found in the registry and the notices, and how they are printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, tied to a file (relative to the repository root) and a 1-based line."""

    path: str
    line: int
    severity: Severity
    message: str
    field: str | None = None

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def error(path: str, line: int, message: str, field: str | None = None) -> Problem:
    return Problem(path, line, Severity.ERROR, message, field)


def warning(path: str, line: int, message: str, field: str | None = None) -> Problem:
    return Problem(path, line, Severity.WARNING, message, field)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.severity != Severity.ERROR, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == Severity.ERROR for p in problems)


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems as text lines, GitHub workflow annotations, or a JSON list."""
    ordered = sort_problems(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(
            f"::{p.severity} file={_github_escape(p.path, prop=True)},line={p.line}"
            f"::{_github_escape(p.message)}"
            for p in ordered
        )
    return "\n".join(p.text() for p in ordered)
