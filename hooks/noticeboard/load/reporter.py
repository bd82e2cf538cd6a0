"""Collecting problems for one file, each at the line of the key it is about."""

from __future__ import annotations

from noticeboard.problems import Problem, error


class Reporter:
    """Problems for the file `rel`; `lines` maps dotted key paths (`period.start`) to lines."""

    def __init__(self, rel: str, lines: dict[str, int], first_line: int = 1) -> None:
        self.rel = rel
        self.lines = lines
        self.first_line = first_line
        self.problems: list[Problem] = []

    def line(self, key: str) -> int:
        """The key's own line, else its nearest parent's (`feedback.phone` → `feedback`)."""
        while key:
            if key in self.lines:
                return self.lines[key]
            if "." in key:
                key = key.rpartition(".")[0]
            elif "[" in key:
                key = key.rpartition("[")[0]
            else:
                break
        return self.first_line

    def err(self, key: str, message: str) -> None:
        self.problems.append(error(self.rel, self.line(key), message, key or None))

    def err_at(self, line: int, message: str, key: str | None = None) -> None:
        self.problems.append(error(self.rel, line, message, key))
