"""Rules across notices: unique numbers, links that resolve, a feedback channel for each."""

from __future__ import annotations

from noticeboard.load.board import load_board
from noticeboard.problems import Severity

TODAY = "2024-06-15"


def notice(extra: str = "", branch: str = "jinpu", feedback: bool = True) -> str:
    """Line 2 title ... line 8 reviewed_by, then `extra` from line 9."""
    lines = [
        "---",
        "title: 公示",
        f"branch: {branch}",
        "category: organisation",
        "disclosure: ad-hoc",
        "period: {start: 2024-06-12, end: 2024-06-18}",
        "scope: public",
        "reviewed_by: 支委会",
    ]
    if extra:
        lines.append(extra)
    if feedback:
        lines.append("feedback: {address: 村部}")
    return "\n".join([*lines, "---", "正文", ""])


def errors(root) -> list[tuple[str, int, str]]:
    result = load_board(root, TODAY)
    return [(p.path, p.line, p.message) for p in result.problems if p.severity is Severity.ERROR]


def test_links_to_existing_notices_pass(repo):
    root = repo(
        {
            "jinpu/2024/a.md": notice(),
            "jinpu/2024/b.md": notice("supersedes: [jinpu/2024/a]"),
            "jinpu/2024/c.md": notice("responds_to: jinpu/2024/a"),
            "jinpu/2024/d.md": notice("fulfils: dues-quarterly"),
        }
    )
    assert errors(root) == []


def test_duplicate_number_names_the_first_file(repo):
    root = repo(
        {
            "jinpu/2024/a.md": notice("number: 金党〔2024〕1号"),
            "jinpu/2024/b.md": notice("number: 金党〔2024〕1号"),
        }
    )
    assert errors(root) == [
        (
            "notices/jinpu/2024/b.md",
            9,
            "number '金党〔2024〕1号' is already used by notices/jinpu/2024/a.md; "
            "document numbers (文号) must be unique: give this notice its own",
        )
    ]


def test_supersedes_unknown_id_reports_the_list_item_line(repo):
    root = repo(
        {
            "jinpu/2024/a.md": notice(),
            "jinpu/2024/b.md": notice("supersedes:\n  - jinpu/2024/a\n  - jinpu/2024/zz"),
        }
    )
    found = errors(root)
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/b.md", 11)]
    assert "'supersedes' names 'jinpu/2024/zz', which is not a notice id" in found[0][2]


def test_supersedes_itself(repo):
    found = errors(repo({"jinpu/2024/a.md": notice("supersedes: jinpu/2024/a")}))
    assert found == [
        (
            "notices/jinpu/2024/a.md",
            9,
            "'supersedes' names this notice itself; name another notice's id",
        )
    ]


def test_responds_to_unknown(repo):
    found = errors(repo({"jinpu/2024/a.md": notice("responds_to: jinpu/2023/gone")}))
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/a.md", 9)]
    assert "'responds_to' names 'jinpu/2023/gone'" in found[0][2]


def test_fulfils_must_be_a_schedule_id(repo):
    found = errors(repo({"jinpu/2024/a.md": notice("fulfils: dues")}))
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/a.md", 9)]
    assert "'fulfils' names 'dues'" in found[0][2] and "known: dues-quarterly" in found[0][2]


def test_link_to_a_notice_with_errors_is_not_an_extra_error(repo):
    """The target exists; its own errors are reported on its own file only."""
    root = repo(
        {
            "jinpu/2024/a.md": notice().replace("title: 公示", "title: [broken]"),
            "jinpu/2024/b.md": notice("supersedes: jinpu/2024/a"),
        }
    )
    assert {p for p, _, _ in errors(root)} == {"notices/jinpu/2024/a.md"}


def test_cross_errors_come_with_the_file_errors(repo):
    """A file with its own errors still gets its cross-notice errors in the same run."""
    text = notice("fulfils: nope").replace("period: {start: 2024-06-12", "period: {start: x")
    found = errors(repo({"jinpu/2024/a.md": text}))
    assert [line for _, line, _ in found] == [6, 9]


def test_no_feedback_channel_at_all(repo):
    """jinpu has no feedback channel in the registry; the notice gives none either."""
    found = errors(repo({"jinpu/2024/a.md": notice(feedback=False)}))
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/a.md", 3)]
    assert "no feedback channel" in found[0][2]


def test_empty_feedback_mapping_is_no_channel(repo):
    found = errors(repo({"jinpu/2024/a.md": notice("feedback: {}", feedback=False)}))
    assert [(p, line) for p, line, _ in found] == [("notices/jinpu/2024/a.md", 9)]
    assert "no feedback channel" in found[0][2]


def test_branch_feedback_is_inherited(repo):
    """town has a phone and address in the registry."""
    assert errors(repo({"town/2024/a.md": notice(branch="town", feedback=False)})) == []


def test_internal_notice_needs_no_feedback_channel(repo):
    text = notice(feedback=False).replace("scope: public", "scope: internal")
    assert errors(repo({"jinpu/2024/a.md": text})) == []
