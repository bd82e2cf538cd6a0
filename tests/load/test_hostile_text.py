"""Registry edits, scalars and bodies an attacker can carry in a pull request (issue 10): each is
a clear error at its line, never a silent change, a stall or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REGISTRY
from noticeboard.load.board import load_board
from noticeboard.load.body_limits import body_problems
from noticeboard.problems import Severity
from support.notice_text import MEMBER_NOTICE as GOOD
from support.notice_text import MEMBER_PATH as PATH
from support.notice_text import MEMBER_TODAY as TODAY


def errors(root: Path) -> list[tuple[str, int, str]]:
    result = load_board(root, TODAY)
    return [(p.path, p.line, p.message) for p in result.problems if p.severity is Severity.ERROR]


def test_parent_cycle_is_an_error(repo) -> None:
    registry = REGISTRY.replace(
        "    parent: town\n    maintainers", "    parent: yutao\n    maintainers"
    ).replace("    parent: town\ncategories", "    parent: jinpu\ncategories")
    found = errors(repo(registry=registry))
    assert [m for _, _, m in found if "circle" in m], found
    assert "jinpu → yutao → jinpu" in found[0][2]


def test_category_name_equal_to_another_id_is_an_error(repo) -> None:
    registry = REGISTRY.replace("name: 财务公开", "name: organisation")
    found = errors(repo(registry=registry))
    assert len(found) == 1 and "is the id of another category" in found[0][2]


def test_maintainer_with_a_newline_is_an_error(repo) -> None:
    registry = REGISTRY.replace(
        "maintainers: [jinpu-clerk]", 'maintainers: ["jinpu-clerk\\n* @attacker"]'
    )
    found = errors(repo(registry=registry))
    assert len(found) == 1 and "CODEOWNERS" in found[0][2]
    board = load_board(repo(registry=registry), TODAY).board
    assert board is not None and board.registry.branch("jinpu").maintainers == ()


@pytest.mark.parametrize(
    ("written", "kept"),
    [("010", "010"), ("0x1F", "0x1F"), ("12:30", "12:30"), ("1.10", "1.10"), ("1_000", "1_000")],
)
def test_yaml_11_numbers_are_kept_as_written(repo, written: str, kept: str) -> None:
    text = GOOD.replace("reviewed_by:", f"number: {written}\ntags: [{written}]\nreviewed_by:")
    result = load_board(repo({PATH: text}), TODAY)
    assert result.problems == []
    notice = result.board.notices[0]
    assert (notice.number, notice.tags) == (kept, (kept,))


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ('"\\u200b\\u200b\\u200b"', "no visible character"),
        ('"\\u200d\\ufeff"', "no visible character"),
        ('"\\x01\\x02"', "control character"),
        ('"关于\\u202e示公的"', "U+202E"),
        ('"\\u2066公示\\u2069"', "U+2066"),
    ],
)
def test_invisible_or_reordered_titles_are_refused(repo, title: str, words: str) -> None:
    text = GOOD.replace("title: 关于发展李四同志为中共预备党员的公示", f"title: {title}")
    found = errors(repo({PATH: text}))
    assert len(found) == 1 and words in found[0][2], found
    assert found[0][1] == 2


def test_bidi_in_registry_name_is_refused(repo) -> None:
    found = errors(repo(registry=REGISTRY.replace("name: 财务公开", 'name: "财务\\u202e公开"')))
    assert "U+202E" in found[0][2], found


def test_notices_superseding_each_other_are_an_error(repo) -> None:
    a = GOOD.replace("reviewed_by:", "supersedes: jinpu/2024/b\nreviewed_by:")
    b = GOOD.replace("reviewed_by:", "supersedes: jinpu/2024/a\nreviewed_by:").replace(
        "0550-1234567", "0550-7654321"
    )
    found = errors(repo({"jinpu/2024/a.md": a, "jinpu/2024/b.md": b}))
    assert len(found) == 1 and "circle" in found[0][2], found
    assert found[0][0] == "notices/jinpu/2024/a.md"


def test_unclosed_style_is_an_error_not_a_swallowed_body(repo) -> None:
    text = GOOD.replace("现予公示。", "第一段。\n\n<style>\n\n现予公示，请监督。")
    found = errors(repo({PATH: text}))
    assert len(found) == 1 and "<style> is never closed" in found[0][2]
    assert found[0][1] == 12


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 6000 + "a" + "]" * 6000, "open at once"),
        ("[a](" * 3000, "open at once"),
        ("(" * 100, "open at once"),
        ("a [ b " * 100, "open at once"),
        ("[ ( ] " * 40, "never closed"),
        ('<div markdown="1">\n' * 2000 + "x\n" + "</div>\n" * 2000, "nested more than 24"),
        (">" * 200 + " x", "quotes"),
        ("".join("  " * i + "- x\n" for i in range(200)), "indented"),
        ("字" * 30_000, "without a blank line"),
        ("<!-- x\n\n现予公示。", "never closed"),
        ("<plaintext>x</plaintext>", ""),
    ],
)
def test_costly_or_crashing_bodies_are_errors(body: str, words: str) -> None:
    found = body_problems(body)
    if not words:
        assert found == []
    else:
        assert len(found) >= 1 and words in found[0].message, found


@pytest.mark.parametrize(
    "body",
    [
        "见[通知](https://example.org/a)和[附件](b.pdf)。" * 40,
        "金额（元）：100（含税）。\n\n" * 200,
        "> 引用\n> > 二级引用\n",
        "- 一\n  - 二\n    - 三\n",
        '<div markdown="1">\n<div markdown="1">\n正文\n</div>\n</div>\n',
        "<style>p{}</style>正文",
    ],
)
def test_ordinary_bodies_pass(body: str) -> None:
    assert body_problems(body) == []
