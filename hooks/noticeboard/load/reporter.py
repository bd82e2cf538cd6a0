"""Collecting problems for one file, each at the line of the key it is about.

One collector for notices and the registry alike (`registry_reader.RegistryReader` adds the
registry's readers on top), so both report a key's line, an unknown key and its suggestion the
same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from noticeboard.i18n import _
from noticeboard.load.suggest import did_you_mean
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

    def unknown_keys(
        self, data: Iterable[object], allowed: Collection[str], prefix: str = ""
    ) -> None:
        """One error per key of `data` outside `allowed`, with the nearest allowed key."""
        for key in data:
            if not isinstance(key, str) or key not in allowed:
                shown = f"{prefix}{key}"
                self.err(
                    shown,
                    _("unknown key '{key}'{hint}; allowed keys are: {allowed}").format(
                        key=shown, hint=did_you_mean(str(key), allowed), allowed=", ".join(allowed)
                    ),
                )
