"""Bad `fulfils`, `opinions_received` and `corrections` are path:line errors, never tracebacks."""

from __future__ import annotations

from pathlib import Path

from noticeboard.load.board import load_board
from noticeboard.problems import Severity
from support.git_history import commit, init

REGISTRY_EXTRA = """\
  - id: appraisal
    name: 民主评议
    every: year
    within_days: 60
    branches: [jinpu]
    category: organisation
since: 2025-01-01
"""


def notice(extra: str = "", start: str = "2026-04-05", end: str = "2026-04-12") -> str:
    return (
        "---\ntitle: 党费收缴情况公示\nbranch: jinpu\ncategory: finance\ndisclosure: periodic\n"
        f"period: {{start: {start}, end: {end}}}\nreviewed_by: 支委会\n"
        f"feedback: {{address: 村部}}\n{extra}---\n正文。\n"
    )


def errors(root: Path, today: str = "2026-11-30") -> list[tuple[str, int, str]]:
    result = load_board(root, today)
    return [(p.path, p.line, p.message) for p in result.problems if p.severity is Severity.ERROR]


def board(repo, notices: dict[str, str]) -> Path:
    from conftest import REGISTRY

    return repo(notices=notices, registry=REGISTRY + REGISTRY_EXTRA)


def test_a_good_period_and_the_default_period_pass(repo) -> None:
    root = board(
        repo,
        {
            "jinpu/2026/q1.md": notice("fulfils: dues-quarterly\nopinions_received: 0\n"),
            "jinpu/2026/q2.md": notice("fulfils: [dues-quarterly@2026Q2, appraisal@2025]\n"),
        },
    )
    assert errors(root) == []


def test_malformed_and_mismatched_periods(repo) -> None:
    root = board(
        repo,
        {
            "jinpu/2026/a.md": notice("fulfils: dues-quarterly@2026Q5\n"),
            "jinpu/2026/b.md": notice("fulfils:\n  - appraisal@2026Q3\n"),
        },
    )
    found = errors(root)
    assert [(p, line) for p, line, _ in found] == [
        ("notices/jinpu/2026/a.md", 9),
        ("notices/jinpu/2026/b.md", 10),
    ]
    assert "no readable period" in found[0][2] and "dues-quarterly@2026Q3" in found[0][2]
    assert "appraisal@2026" in found[1][2]


def test_an_explicit_period_before_since_is_an_error(repo) -> None:
    root = board(repo, {"jinpu/2026/a.md": notice("fulfils: dues-quarterly@2024Q4\n")})
    ((path, line, message),) = errors(root)
    assert (path, line) == ("notices/jinpu/2026/a.md", 9)
    assert "2025-01-01" in message and "2024年第4季度" in message


def test_an_entry_that_does_not_apply_to_the_branch(repo) -> None:
    text = notice("fulfils: appraisal@2025\n").replace("branch: jinpu", "branch: yutao")
    root = board(repo, {"yutao/2026/a.md": text})
    ((path, line, message),) = errors(root)
    assert (path, line) == ("notices/yutao/2026/a.md", 9)
    assert "does not apply to branch 'yutao'" in message


def test_one_period_twice_is_an_error_unless_one_supersedes_the_other(repo) -> None:
    twice = board(
        repo,
        {
            "jinpu/2026/a.md": notice("fulfils: dues-quarterly\n"),
            "jinpu/2026/b.md": notice("fulfils: dues-quarterly@2026Q1\n"),
        },
    )
    ((path, line, message),) = errors(twice)
    assert (path, line) == ("notices/jinpu/2026/b.md", 9)
    assert "already fulfilled by jinpu/2026/a" in message and "supersedes" in message
    corrected = board(
        repo,
        {
            "jinpu/2026/a.md": notice("fulfils: dues-quarterly\n"),
            "jinpu/2026/b.md": notice("fulfils: dues-quarterly@2026Q1\nsupersedes: jinpu/2026/a\n"),
        },
    )
    assert errors(corrected) == []


def test_opinions_received_must_be_a_whole_number(repo) -> None:
    cases = {"-1": "cannot be negative", "2.5": "whole number", "三条": "'三条'", "true": "true"}
    notices = {
        f"jinpu/2026/o{i}.md": notice(f"opinions_received: {value}\n")
        for i, value in enumerate(cases)
    }
    found = errors(board(repo, notices))
    assert [(p, line) for p, line, _ in found] == [
        (f"notices/jinpu/2026/o{i}.md", 9) for i in range(len(cases))
    ]
    for (_, _, message), hint in zip(found, cases.values(), strict=True):
        assert "opinions_received" in message and hint in message


def test_corrections_need_a_date_and_a_note(repo) -> None:
    text = notice("corrections:\n  - date: 2026-04-06\n  - note: 改正错字\n  - 一句话\n")
    found = errors(board(repo, {"jinpu/2026/a.md": text}))
    assert [(line, m.split(":")[0]) for _, line, m in found] == [
        (10, "'corrections[0]' has no 'note'"),
        (11, "'corrections[1]' has no 'date'"),
        (12, "'corrections[2]' must have 'date"),
    ]


def test_a_correction_dated_before_publication_is_an_error(repo) -> None:
    text = notice("corrections:\n  - {date: 2026-04-01, note: 改正错字}\n")
    root = init(board(repo, {"jinpu/2026/a.md": text}))
    commit(root, "Publish", "2026-04-05T10:00:00+08:00")
    ((path, line, message),) = errors(root)
    assert (path, line) == ("notices/jinpu/2026/a.md", 10)
    assert "2026-04-05" in message and "before the notice was published" in message
