"""Per-notice rules: each bad input gives exactly one error, at the right file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.load.board import load_board
from noticeboard.problems import Severity

TODAY = "2024-06-15"
PATH = "jinpu/2024/new-member.md"
REL = f"notices/{PATH}"

# Line numbers below refer to this text: 1 '---', 2 title, 3 branch, ... 12 '---', 13 body.
GOOD = """\
---
title: 关于发展李四同志为中共预备党员的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period:
  start: 2024-06-12
  end: 2024-06-18
reviewed_by: 金铺村党支部委员会
feedback:
  phone: 0550-1234567
---
经支部委员会研究，拟发展李四同志为中共预备党员，现予公示。
"""


def errors(root: Path) -> list[tuple[str, int, str]]:
    result = load_board(root, TODAY)
    return [(p.path, p.line, p.message) for p in result.problems if p.severity is Severity.ERROR]


def test_good_notice_has_no_problem(repo):
    result = load_board(repo({PATH: GOOD}), TODAY)
    assert result.problems == []
    assert [n.id for n in result.board.notices] == ["jinpu/2024/new-member"]


def test_display_names_and_chinese_disclosure_are_accepted(repo):
    text = (
        GOOD.replace("branch: jinpu", "branch: 金铺村党支部")
        .replace("category: organisation", "category: 组织建设")
        .replace("disclosure: ad-hoc", "disclosure: 随时")
    )
    result = load_board(repo({PATH: text}), TODAY)
    assert result.problems == []
    notice = result.board.notices[0]
    assert (notice.branch, notice.category, notice.disclosure) == (
        "jinpu",
        "organisation",
        "ad-hoc",
    )


CASES = [
    # (id, old, new, line, words the message must contain)
    ("date-slashes", "start: 2024-06-12", "start: 2024/06/12", 7, ["period.start", "YYYY-MM-DD"]),
    (
        "date-quoted",
        "start: 2024-06-12",
        "start: '2024-06-12'",
        7,
        ["must be a date written as YYYY-MM-DD without quotes", "start: 2024-06-12"],
    ),
    ("date-impossible", "end: 2024-06-18", "end: 2024-13-45", 8, ["2024-13-45", "not a real"]),
    ("date-with-time", "end: 2024-06-18", "end: 2024-06-18 10:00:00", 8, ["time of day"]),
    ("date-number", "end: 2024-06-18", "end: 20240618", 8, ["YYYY-MM-DD", "a number"]),
    ("end-before-start", "end: 2024-06-18", "end: 2024-06-01", 8, ["before 'period.start'"]),
    ("end-missing", "  end: 2024-06-18\n", "", 6, ["'period.end' is required", "standing"]),
    ("start-missing", "  start: 2024-06-12\n", "", 6, ["'period.start' is required"]),
    (
        "period-not-mapping",
        "period:\n  start: 2024-06-12\n  end: 2024-06-18\n",
        "period: 2024-06-12\n",
        6,
        ["'period' must have"],
    ),
    (
        "period-unknown-key",
        "  end: 2024-06-18\n",
        "  end: 2024-06-18\n  ende: 2024-06-19\n",
        9,
        ["unknown key 'period.ende'", "did you mean 'end'"],
    ),
    (
        "expires-before-end",
        "reviewed_by:",
        "expires: 2024-06-17\nreviewed_by:",
        9,
        ["'expires' (2024-06-17) is before 'period.end'"],
    ),
    (
        "unknown-key-typo",
        "reviewed_by:",
        "reviewd_by: x\nreviewed_by:",
        9,
        ["unknown key 'reviewd_by'", "did you mean 'reviewed_by'"],
    ),
    (
        "unknown-key-no-hint",
        "reviewed_by:",
        "colour: red\nreviewed_by:",
        9,
        ["unknown key 'colour'", "allowed keys are"],
    ),
    (
        "title-missing",
        "title: 关于发展李四同志为中共预备党员的公示\n",
        "",
        2,
        ["'title' is required"],
    ),
    (
        "title-empty",
        "title: 关于发展李四同志为中共预备党员的公示",
        "title: ''",
        2,
        ["'title' is required"],
    ),
    (
        "title-too-long",
        "title: 关于发展李四同志为中共预备党员的公示",
        "title: " + "长" * 121,
        2,
        ["121 characters", "120"],
    ),
    (
        "title-two-lines",
        "title: 关于发展李四同志为中共预备党员的公示",
        "title: |\n  第一行\n  第二行",
        2,
        ["one line"],
    ),
    (
        "title-list",
        "title: 关于发展李四同志为中共预备党员的公示",
        "title: [a, b]",
        2,
        ["'title' must be text", "a list"],
    ),
    (
        "branch-unknown",
        "branch: jinpu",
        "branch: jinpo",
        3,
        ["unknown branch 'jinpo'", "did you mean 'jinpu'"],
    ),
    (
        "branch-other-folder",
        "branch: jinpu",
        "branch: yutao",
        3,
        ["does not match the folder 'jinpu'", "notices/yutao/"],
    ),
    (
        "category-unknown",
        "category: organisation",
        "category: 组织",
        4,
        ["unknown category '组织'", "organisation (组织建设)"],
    ),
    (
        "disclosure-bad",
        "disclosure: ad-hoc",
        "disclosure: adhoc",
        5,
        ["standing, periodic or ad-hoc", "长期", "did you mean 'ad-hoc'"],
    ),
    (
        "year-folder",
        "start: 2024-06-12\n  end: 2024-06-18",
        "start: 2023-12-30\n  end: 2024-06-18",
        7,
        ["folder '2024'", "notices/jinpu/2023/"],
    ),
    (
        "reviewed-by-missing",
        "reviewed_by: 金铺村党支部委员会\n",
        "",
        2,
        ["'reviewed_by' is required"],
    ),
    (
        "major-without-approval",
        "reviewed_by:",
        "major: true\nreviewed_by:",
        9,
        ["major", "approved_by"],
    ),
    (
        "major-not-bool",
        "reviewed_by:",
        "major: 是\nreviewed_by:",
        9,
        ["'major' must be true or false"],
    ),
    ("scope-bad", "reviewed_by:", "scope: private\nreviewed_by:", 9, ["public or internal"]),
    (
        "feedback-unknown-key",
        "  phone: 0550-1234567",
        "  phone: 0550-1234567\n  wechat: x",
        12,
        ["unknown key 'feedback.wechat'"],
    ),
    (
        "feedback-not-mapping",
        "feedback:\n  phone: 0550-1234567",
        "feedback: 0550-1234567",
        10,
        ["'feedback' must have"],
    ),
    ("tags-mapping", "reviewed_by:", "tags: {a: b}\nreviewed_by:", 9, ["list of text items"]),
    (
        "supersedes-mapping",
        "reviewed_by:",
        "supersedes: {a: b}\nreviewed_by:",
        9,
        ["notice id or a list"],
    ),
    (
        "attachment-missing",
        "reviewed_by:",
        "attachments:\n  - roster.pdf\nreviewed_by:",
        10,
        ["'roster.pdf' does not exist"],
    ),
    (
        "attachment-escapes",
        "reviewed_by:",
        "attachments: [../../../../etc/passwd]\nreviewed_by:",
        9,
        ["in the notice's own folder"],
    ),
    (
        "duplicate-key",
        "reviewed_by:",
        "title: again\nreviewed_by:",
        9,
        ["'title' is written twice (first on line 2)"],
    ),
    ("tab-indent", "  start: 2024-06-12", "\tstart: 2024-06-12", 7, ["not valid", "tabs"]),
    (
        "yaml-alias",
        "title: 关于发展李四同志为中共预备党员的公示",
        "title: &t 公示\nnumber: *t",
        3,
        ["anchors and aliases"],
    ),
    (
        "front-matter-list",
        "title: 关于发展李四同志为中共预备党员的公示\n",
        "- a\n",
        3,
        ["not valid"],
    ),
    ("unclosed-front-matter", "---\n经支部", "经支部", 13, ["not closed"]),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_notice_reports_one_error_at_its_line(repo, old, new, line, words):
    assert old in GOOD
    found = errors(repo({PATH: GOOD.replace(old, new, 1)}))
    assert [(path, at) for path, at, _ in found] == [(REL, line)], found
    for word in words:
        assert word in found[0][2]


def test_front_matter_must_be_a_mapping(repo):
    found = errors(repo({PATH: "---\n- title\n- branch\n---\nbody\n"}))
    assert found == [(REL, 2, "the front matter must be 'key: value' lines, not a list")]


def test_missing_front_matter(repo):
    found = errors(repo({PATH: "# 公示\n正文\n"}))
    assert [(p, line) for p, line, _ in found] == [(REL, 1)]
    assert "no front matter" in found[0][2]


def test_empty_front_matter(repo):
    found = errors(repo({PATH: "---\n---\nbody\n"}))
    assert [(p, line) for p, line, _ in found] == [(REL, 2)]
    assert "front matter is empty" in found[0][2]


def test_notice_outside_branch_year_folder(repo):
    found = errors(repo({"jinpu/stray.md": GOOD}))
    assert ("notices/jinpu/stray.md", 2) in [(p, line) for p, line, _ in found]
    assert any("notices/<branch-id>/<year>/<name>.md" in m for _, _, m in found)


def test_standing_notice_needs_no_end(repo):
    text = GOOD.replace("disclosure: ad-hoc", "disclosure: standing").replace(
        "  end: 2024-06-18\n", ""
    )
    result = load_board(repo({PATH: text}), TODAY)
    assert result.problems == []
    assert result.board.notices[0].expires is None


def test_every_problem_in_a_file_is_reported_at_once(repo):
    text = (
        GOOD.replace("start: 2024-06-12", "start: 2024/06/12")
        .replace("branch: jinpu", "branch: nowhere")
        .replace("reviewed_by:", "colour: red\nreviewed_by:")
    )
    found = errors(repo({PATH: text}))
    assert [line for _, line, _ in found] == [3, 7, 9]


def test_major_with_approval_passes(repo):
    text = GOOD.replace("reviewed_by:", "major: true\napproved_by: 镇党委\nreviewed_by:")
    assert errors(repo({PATH: text})) == []


def test_attachment_next_to_notice_is_recorded(repo):
    root = repo({PATH: GOOD.replace("reviewed_by:", "attachments: [roster.pdf]\nreviewed_by:")})
    (root / "notices/jinpu/2024/roster.pdf").write_bytes(b"%PDF-1.4 test")
    result = load_board(root, TODAY)
    assert result.problems == []
    assert [(a.path, a.size) for a in result.board.notices[0].attachments] == [
        ("jinpu/2024/roster.pdf", 13)
    ]


def test_crlf_and_bom_keep_line_numbers(repo):
    text = GOOD.replace("start: 2024-06-12", "start: 2024/06/12").replace("\n", "\r\n")
    found = errors(repo({PATH: b"\xef\xbb\xbf" + text.encode("utf-8")}))
    assert [(p, line) for p, line, _ in found] == [(REL, 7)]


# --- drafts: syntax only ----------------------------------------------------------------------

DRAFT_INCOMPLETE = """\
---
title: 草稿
draft: true
branch: nowhere
period:
  start: 2099-01-01
---
联系电话 13812345678
"""


def test_incomplete_draft_passes_syntax_only(repo):
    """No required fields, no registry lookups, no folder or privacy rules for a draft."""
    assert errors(repo({PATH: DRAFT_INCOMPLETE})) == []


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("titel: x", 7, ["unknown key 'titel'", "did you mean 'title'"]),
        ("expires: 2024/01/01", 7, ["'expires' must be a date"]),
        ("tags: {a: b}", 7, ["list of text items"]),
        ("major: maybe", 7, ["'major' must be true or false"]),
    ],
)
def test_draft_still_gets_syntax_errors(repo, extra, line, words):
    text = DRAFT_INCOMPLETE.replace("---\n联系", f"{extra}\n---\n联系")
    found = errors(repo({PATH: text}))
    assert [(p, at) for p, at, _ in found] == [(REL, line)]
    for word in words:
        assert word in found[0][2]


def test_draft_with_broken_yaml_is_reported(repo):
    found = errors(repo({PATH: "---\ndraft: true\ntitle: [unclosed\n---\n"}))
    assert [p for p, _, _ in found] == [REL]
    assert "not valid" in found[0][2]


def test_draft_takes_no_part_in_cross_rules(repo):
    draft = GOOD.replace("reviewed_by:", "draft: true\nnumber: N1\nsupersedes: nope\nreviewed_by:")
    other = GOOD.replace("reviewed_by:", "number: N1\nreviewed_by:")
    assert errors(repo({PATH: draft, "jinpu/2024/other.md": other})) == []


def test_every_field_kind_has_a_type_check():
    """A kind added to fields.py without a check here would crash the loader."""
    from noticeboard.load.field_types import _BY_KIND
    from noticeboard.load.fields import Kind

    assert set(Kind) == set(_BY_KIND)


def test_link_to_a_device_is_an_error_not_a_hang(repo):
    root = repo({PATH: GOOD})
    (root / "notices/jinpu/2024/zero.md").symlink_to("/dev/zero")
    found = errors(root)
    assert found == [
        (
            "notices/jinpu/2024/zero.md",
            1,
            "this notice file is a link; put the file itself here (links are not followed)",
        )
    ]


def test_huge_file_is_refused(repo):
    found = errors(repo({PATH: GOOD + "正文" * 1_000_000}))
    assert [(p, line) for p, line, _ in found] == [(REL, 1)]
    assert "larger than 2 MB" in found[0][2]


def test_full_width_colon_is_pointed_out(repo):
    found = errors(repo({PATH: GOOD.replace("reviewed_by: 金铺", "reviewed_by：金铺")}))
    assert [(p, line) for p, line, _ in found] == [(REL, 10)]
    assert "line 9 has a full-width colon '：'" in found[0][2]


@pytest.mark.parametrize(
    ("key", "lines"),
    [
        ("branch", "branch: jinpu\n"),
        ("category", "category: organisation\n"),
        ("disclosure", "disclosure: ad-hoc\n"),
        ("period", "period:\n  start: 2024-06-12\n  end: 2024-06-18\n"),
    ],
)
def test_each_required_key(repo, key, lines):
    found = errors(repo({PATH: GOOD.replace(lines, "")}))
    assert [(p, line) for p, line, _ in found] == [(REL, 2)]
    assert found[0][2].startswith(f"'{key}' is required (")


def test_a_named_pipe_or_folder_read_as_a_notice_is_refused_without_waiting(tmp_path):
    """The reader's own guard (discover skips these before): opened without waiting, then
    refused for what it is; a size just under the limit is read whole."""
    import os

    from noticeboard.load.notice_file import MAX_NOTICE_BYTES, notice_bytes, read_notice_file

    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.md"
    folder.mkdir()
    for path in (pipe, folder):
        assert notice_bytes(path) is None
        (problem,) = read_notice_file(path, tmp_path, None).problems
        assert "not a regular file" in problem.message
    full = tmp_path / "full.md"
    full.write_bytes(b"x" * MAX_NOTICE_BYTES)
    assert notice_bytes(full) == b"x" * MAX_NOTICE_BYTES
    full.write_bytes(b"x" * (MAX_NOTICE_BYTES + 1))
    assert notice_bytes(full) is None
