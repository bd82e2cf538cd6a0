"""Bodies that issue notices on a branch's board (issuer) and whose channel takes feedback."""

from __future__ import annotations

from conftest import REGISTRY
from noticeboard.load.board import load_board
from noticeboard.load.registry import read_registry

BODIES = REGISTRY.replace(
    "    maintainers: [jinpu-clerk]\n",
    """    maintainers: [jinpu-clerk]
    bodies:
      - id: cwh
        name: 金铺村村民委员会
      - id: jwh
        name: 金铺村村务监督委员会
        feedback: {phone: "0550-7654321", person: 村务监督委员会}
""",
).replace(
    "  - id: finance\n    name: 财务公开\n",
    "  - id: finance\n    name: 财务公开\n    feedback_by: jwh\n",
)
NOTICE = """\
---
title: 2024年第二季度村级财务收支公开
branch: jinpu
category: {category}
disclosure: periodic
period: {{start: 2024-07-05, end: 2024-07-14}}
reviewed_by: 村务监督委员会
{issuer}---
正文
"""


def notice(category: str = "finance", issuer: str = "issuer: cwh\n") -> str:
    return NOTICE.format(category=category, issuer=issuer)


def test_bodies_are_read_with_their_channel(repo):
    registry, problems = read_registry(repo(registry=BODIES))
    assert problems == []
    jinpu = registry.branch("jinpu")
    assert [(b.id, b.name) for b in jinpu.bodies] == [
        ("cwh", "金铺村村民委员会"),
        ("jwh", "金铺村村务监督委员会"),
    ]
    assert registry.category("finance").feedback_by == "jwh"
    assert registry.category("organisation").feedback_by == "branch"


def test_issuer_by_id_or_name_gives_the_body_name(repo):
    for written in ("cwh", "金铺村村民委员会"):
        root = repo({"jinpu/2024/q2.md": notice(issuer=f"issuer: {written}\n")}, registry=BODIES)
        result = load_board(root, "2024-07-06")
        assert result.problems == []
        (n,) = result.board.notices
        assert n.issuer == "cwh"
        assert result.board.registry.issuer_name(n.branch, n.issuer) == "金铺村村民委员会"


def test_without_issuer_the_branch_issues_it(repo):
    result = load_board(
        repo({"jinpu/2024/q2.md": notice(issuer="")}, registry=BODIES), "2024-07-06"
    )
    (n,) = result.board.notices
    assert n.issuer is None
    assert result.board.registry.issuer_name(n.branch, n.issuer) == "金铺村党支部"


def test_unknown_issuer_is_an_error_at_its_line_in_chinese(repo, chinese):
    root = repo({"jinpu/2024/q2.md": notice(issuer="issuer: 村委会\n")}, registry=BODIES)
    problems = load_board(root, "2024-07-06").problems
    assert [(p.path, p.line) for p in problems] == [("notices/jinpu/2024/q2.md", 8)]
    message = problems[0].message
    assert "发布单位 issuer “村委会”不存在" in message
    assert "cwh (金铺村村民委员会)" in message


def test_a_body_of_another_branch_is_not_an_issuer(repo):
    root = repo(
        {"yutao/2024/q2.md": notice(issuer="issuer: cwh\n").replace("jinpu", "yutao")},
        registry=BODIES,
    )
    problems = [p for p in load_board(root, "2024-07-06").problems if p.field == "issuer"]
    assert [p.line for p in problems] == [8]
    assert "unknown issuer 'cwh'" in problems[0].message


def test_feedback_by_gives_the_body_channel_party_affairs_keep_the_branch(repo):
    registry, _ = read_registry(repo(registry=BODIES))
    assert registry.default_feedback("jinpu", "finance").phone == "0550-7654321"
    assert registry.feedback_owner("jinpu", "finance").name == "金铺村村务监督委员会"
    # organisation names no feedback_by: the branch's channel (jinpu has none of its own)
    assert registry.feedback_owner("jinpu", "organisation").name == "金铺村党支部"
    # yutao has no body jwh: its own channel
    assert registry.feedback_owner("yutao", "finance").name == "余套村党支部"


def test_a_finance_notice_without_own_channel_uses_the_supervisory_committee(repo):
    """jinpu has no channel of its own: finance gets jwh's, organisation has none at all."""
    root = repo(
        {
            "jinpu/2024/q2.md": notice(issuer=""),
            "jinpu/2024/org.md": notice(category="organisation", issuer=""),
        },
        registry=BODIES,
    )
    problems = load_board(root, "2024-07-06").problems
    assert [p.path for p in problems] == ["notices/jinpu/2024/org.md"]
    assert "no feedback channel" in problems[0].message


def test_feedback_by_must_name_a_body(repo, chinese):
    text = BODIES.replace("feedback_by: jwh", "feedback_by: jiwei")
    _, problems = read_registry(repo(registry=text))
    assert [(p.line, p.field) for p in problems] == [(24, "categories[1].feedback_by")]
    assert "categories[1].feedback_by 写的是“jiwei”" in problems[0].message
    assert "branch" in problems[0].message and "cwh, jwh" in problems[0].message


def test_body_id_must_differ_from_its_branch(repo):
    _, problems = read_registry(repo(registry=BODIES.replace("- id: cwh", "- id: jinpu")))
    assert [p.line for p in problems] == [11]
    assert "the branch's own id" in problems[0].message
