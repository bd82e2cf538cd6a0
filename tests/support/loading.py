"""Comparing two loads of a board in tests: the notices and the problems, in full."""

from __future__ import annotations

from noticeboard.load.board import LoadResult


def summary(result: LoadResult) -> tuple[list[str], list[tuple[str, ...]]]:
    assert result.board is not None
    notices = [repr(n) for n in result.board.notices]
    return notices, [(p.path, str(p.line), p.message, p.severity.name) for p in result.problems]
