"""Numbers are read as written: a YAML 1.1 spelling (`010` is 8 to YAML, `1:30` is 90) is an
error at its line, never silently another number (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REGISTRY
from noticeboard.load.board import load_board
from noticeboard.load.yamldoc import parse_yaml, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10", 10), ("0", 0), ("+3", 3), ("010", None), ("1:30", None), ("0x10", None),
     ("1_000", None), ("0o7", None), ("true", None), ("3.0", None), ("-1", None)],
)  # fmt: skip
def test_whole_number_takes_only_plain_decimal(text: str, expected: int | None) -> None:
    value = parse_yaml(f"n: {text}\n").data["n"]
    assert whole_number(value) == expected


def test_a_minimum_is_kept() -> None:
    assert whole_number(1900, 1900) == 1900
    assert whole_number(1899, 1900) is None


def test_within_days_written_010_is_an_error_at_its_line(
    repo: Callable[..., Path],
) -> None:
    registry = REGISTRY.replace("within_days: 15", "within_days: 015")
    root = repo(registry=registry)
    result = load_board(root, "2024-06-15")
    line = registry.splitlines().index("    within_days: 015") + 1
    found = [p for p in result.problems if "within_days" in p.message]
    assert [(p.path, p.line) for p in found] == [("notices/_board.yml", line)]
    assert not result.ok


def test_opinions_received_written_010_is_an_error(repo: Callable[..., Path]) -> None:
    root = repo(
        notices={
            "jinpu/2024/x.md": """\
                ---
                title: 关于发展李四同志为预备党员的公示
                branch: jinpu
                category: organisation
                disclosure: ad-hoc
                period: {start: 2024-06-03, end: 2024-06-07}
                reviewed_by: 支委会
                opinions_received: 010
                ---
                经支部委员会研究，现予公示。
                """
        }
    )
    result = load_board(root, "2024-06-20")
    found = [p for p in result.problems if "opinions_received" in p.message]
    assert len(found) == 1 and found[0].line == 8 and "010" in found[0].message
