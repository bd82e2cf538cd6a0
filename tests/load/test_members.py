"""`repository: public|private` and the members' site (issue 10): an internal notice never sits
in a public repository; NOTICEBOARD_AUDIENCE=members only builds from a private one."""

from __future__ import annotations

import pytest

from conftest import REGISTRY
from noticeboard.audience import MEMBERS, PUBLIC, AudienceError, resolve_audience
from noticeboard.load.board import load_board
from noticeboard.problems import Severity

TODAY = "2024-06-15"
PUBLIC_REGISTRY = REGISTRY  # no `repository:`: public, the default
INTERNAL = """\
---
title: 党内通报
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2024-06-12, end: 2024-06-18}
reviewed_by: 支委会
scope: internal
---
仅供党员。
"""


def errors(root) -> list[tuple[str, int, str]]:
    return [
        (p.path, p.line, p.message)
        for p in load_board(root, TODAY).problems
        if p.severity is Severity.ERROR
    ]


@pytest.mark.parametrize("draft", [False, True])
def test_internal_notice_in_a_public_repository_is_an_error(repo, draft: bool) -> None:
    text = (
        INTERNAL.replace("scope: internal", "scope: internal\ndraft: true") if draft else INTERNAL
    )
    found = errors(repo({"jinpu/2024/x.md": text}, registry=PUBLIC_REGISTRY))
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/x.md", 8)]
    assert "private repository" in found[0][2]


def test_the_message_is_chinese_by_default(repo, monkeypatch) -> None:
    monkeypatch.delenv("NOTICEBOARD_LANG")
    found = errors(repo({"jinpu/2024/x.md": INTERNAL}, registry=PUBLIC_REGISTRY))
    assert "不得提交到公开仓库" in found[0][2] and "私有仓库" in found[0][2]


def test_internal_notice_in_a_private_repository_passes(repo) -> None:
    assert errors(repo({"jinpu/2024/x.md": INTERNAL})) == []


def test_repository_must_be_public_or_private(repo) -> None:
    found = errors(repo(registry=PUBLIC_REGISTRY + "repository: secret\n"))
    assert len(found) == 1 and "'repository' must be public or private" in found[0][2]


@pytest.mark.parametrize(
    ("repository", "env", "expected"),
    [
        ("public", {}, PUBLIC),
        ("private", {}, PUBLIC),
        ("private", {"NOTICEBOARD_AUDIENCE": "public"}, PUBLIC),
        ("private", {"NOTICEBOARD_AUDIENCE": "members"}, MEMBERS),
    ],
)
def test_audience(repository: str, env: dict[str, str], expected: str) -> None:
    assert resolve_audience(repository, env) == expected


@pytest.mark.parametrize(
    ("repository", "value", "words"),
    [("public", "members", "repository: private"), ("private", "everyone", "not an audience")],
)
def test_audience_refused(repository: str, value: str, words: str) -> None:
    with pytest.raises(AudienceError, match=words):
        resolve_audience(repository, {"NOTICEBOARD_AUDIENCE": value})


def test_members_board_places_internal_notices(repo, monkeypatch) -> None:
    root = repo({"jinpu/2024/x.md": INTERNAL})
    assert load_board(root, TODAY).board.placed() == {}
    monkeypatch.setenv("NOTICEBOARD_AUDIENCE", "members")
    board = load_board(root, TODAY).board
    assert list(board.placed()) == ["jinpu/2024/x"]
