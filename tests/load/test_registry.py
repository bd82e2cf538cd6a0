"""The registry, notices/_board.yml: each bad input gives an error at its key's line."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REGISTRY as REGISTRY_LINES
from noticeboard.load.board import load_board
from noticeboard.load.registry import read_registry

REL = "notices/_board.yml"


def registry_errors(repo, text: str) -> list[tuple[str, int, str]]:
    _, problems = read_registry(repo(registry=text))
    return [(p.path, p.line, p.message) for p in problems]


def test_good_registry_reads_every_entry(repo):
    registry, problems = read_registry(repo())
    assert problems == []
    assert [b.id for b in registry.branches] == ["town", "jinpu", "yutao"]
    assert registry.branch("jinpu").parent == "town"
    assert [(s.id, s.every, s.within_days, s.branches) for s in registry.schedule] == [
        ("dues-quarterly", "quarter", 15, None)
    ]


# Lines of the default registry (tests/conftest.py), for reference:
# 1 timezone, 2 branches, 3 - id: town, 4 name, 5 feedback, 6 - id: jinpu, 7 name, 8 parent,
# 9 maintainers, 10 - id: yutao, 11 name, 12 parent, 13 categories, 14 - id: organisation,
# 15 name, 16 - id: finance, 17 name, 18 schedule, 19 - id: dues-quarterly, 20 name,
# 21 every, 22 within_days, 23 branches, 24 category
CASES = [
    ("timezone", "timezone: Asia/Shanghai", "timezone: Asia/Beijing", 1, ["unknown timezone"]),
    ("timezone-type", "timezone: Asia/Shanghai", "timezone: 8", 1, ["IANA name"]),
    (
        "unknown-top-key",
        "timezone: Asia/Shanghai",
        "timezone: Asia/Shanghai\nbranchs: []",
        2,
        ["unknown key 'branchs'", "did you mean 'branches'"],
    ),
    ("duplicate-id", "  - id: yutao", "  - id: jinpu", 10, ["'jinpu' is used twice"]),
    ("bad-slug", "  - id: yutao", "  - id: Yu Tao", 10, ["lowercase letters"]),
    ("missing-name", "    name: 余套村党支部\n", "", 10, ["'branches[2].name' is required"]),
    (
        "unknown-parent",
        "    parent: town\n    maintainers",
        "    parent: township\n    maintainers",
        8,
        ["parent 'township'", "not a branch id"],
    ),
    (
        "self-parent",
        "  - id: yutao\n    name: 余套村党支部\n    parent: town",
        "  - id: yutao\n    name: 余套村党支部\n    parent: yutao",
        12,
        ["names itself"],
    ),
    (
        "duplicate-name",
        "    name: 余套村党支部",
        "    name: 金铺村党支部",
        11,
        ["'金铺村党支部' is already used by 'jinpu'"],
    ),
    (
        "branch-unknown-key",
        "    maintainers: [jinpu-clerk]",
        "    maintainer: [jinpu-clerk]",
        9,
        ["unknown key 'branches[1].maintainer'", "did you mean 'maintainers'"],
    ),
    (
        "feedback-unknown-key",
        'feedback: {phone: "0550-1234567"',
        'feedback: {tel: "0550-1234567"',
        5,
        ["unknown key 'branches[0].feedback.tel'"],
    ),
    (
        "maintainers-type",
        "    maintainers: [jinpu-clerk]",
        "    maintainers: jinpu-clerk",
        9,
        ["list of GitHub user names"],
    ),
    ("category-dup", "  - id: finance", "  - id: organisation", 16, ["used twice"]),
    (
        "every-bad",
        "    every: quarter",
        "    every: weekly",
        21,
        ["'schedule[0].every' must be one of month, quarter, half-year, year"],
    ),
    ("every-missing", "    every: quarter\n", "", 19, ["'schedule[0].every' must be one of"]),
    ("within-days-negative", "    within_days: 15", "    within_days: -1", 22, ["whole number"]),
    ("within-days-text", "    within_days: 15", "    within_days: fifteen", 22, ["whole number"]),
    (
        "schedule-branches-unknown",
        "    branches: all",
        "    branches: [jinpu, nowhere]",
        23,
        ["unknown branch id(s) nowhere"],
    ),
    (
        "schedule-branches-type",
        "    branches: all",
        "    branches: every",
        23,
        ["'all' or a list of branch ids"],
    ),
    (
        "schedule-category-unknown",
        "    category: finance",
        "    category: money",
        24,
        ["unknown category id 'money'"],
    ),
    (
        "schedule-not-list",
        "schedule:\n  - id: dues-quarterly",
        "schedule: dues\nx:\n  - id: d",
        18,
        ["'schedule' must be a list"],
    ),
    (
        "duplicate-key",
        "timezone: Asia/Shanghai",
        "timezone: Asia/Shanghai\ntimezone: UTC",
        2,
        ["'timezone' is written twice"],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_registry_reports_error_at_its_line(repo, old, new, line, words):
    assert old in REGISTRY_LINES
    found = registry_errors(repo, REGISTRY_LINES.replace(old, new, 1))
    assert (REL, line) in [(p, at) for p, at, _ in found], found
    message = next(m for p, at, m in found if at == line)
    for word in words:
        assert word in message


def test_registry_required_lists(repo):
    found = registry_errors(repo, "timezone: Asia/Shanghai\n")
    assert [(p, line) for p, line, _ in found] == [(REL, 1), (REL, 1)]
    assert "'branches' is required" in found[0][2]
    assert "'categories' is required" in found[1][2]


def test_registry_must_be_a_mapping(repo):
    found = registry_errors(repo, "- town\n- jinpu\n")
    assert found == [
        (
            REL,
            1,
            "the registry must be a mapping with timezone, branches, categories, schedule; "
            "write them as 'key:' lines",
        )
    ]


def test_registry_missing(tmp_path):
    result = load_board(tmp_path)
    assert [(p.path, p.line) for p in result.problems] == [(REL, 1)]
    assert "missing" in result.problems[0].message


def test_registry_yaml_error_has_line(repo):
    found = registry_errors(repo, "timezone: Asia/Shanghai\nbranches: [\n  {id: a\n")
    assert len(found) == 1 and found[0][0] == REL and found[0][1] >= 2
    assert "not valid" in found[0][2]


def test_registry_problems_do_not_hide_notice_problems(repo):
    root = repo(
        {"jinpu/2024/x.md": "---\ntitle: x\n---\n"},
        registry=REGISTRY_LINES.replace("    every: quarter", "    every: weekly"),
    )
    paths = {p.path for p in load_board(root, "2024-06-01").problems}
    assert paths == {REL, "notices/jinpu/2024/x.md"}


@pytest.mark.parametrize("key", ["id", "name"])
def test_a_missing_entry_key_is_reported_on_the_entry_that_lacks_it(repo, key):
    """As a notice's missing `period.end` is reported on `period`: the key that is there."""
    lines = REGISTRY_LINES.replace(
        "  - id: yutao\n    name: 余套村党支部\n",
        {"id": "  - name: 余套村党支部\n", "name": "  - id: yutao\n"}[key],
    )
    _, problems = read_registry(repo(registry=lines))
    (missing,) = [p for p in problems if "is required" in p.message]
    assert (missing.line, missing.field) == (10, "branches[2]")
    assert missing.message == f"'branches[2].{key}' is required; add it"


def _problems(repo, text: str) -> list[tuple[int, str | None, str]]:
    _, problems = read_registry(repo(registry=text))
    return [(p.line, p.field, p.message) for p in problems]


ENTRY = "  - id: yutao\n    name: 余套村党支部\n    parent: town\n"  # lines 10-12
TOWN_FEEDBACK = 'feedback: {phone: "0550-1234567", address: 镇党群服务中心}'  # line 5
MUST_BE_A_SLUG = (
    "must be lowercase letters, digits and hyphens (e.g. 'jinpu'), because it is used in web "
    "addresses"
)
# Every message written out in full, with its line and the key it is filed under (the JSON
# output's `field`): the registry's readers, each way a value can be wrong.
READER_CASES = [
    (
        "a-list-entry-is-not-a-mapping-and-the-next-is-still-read",
        ENTRY,
        "  - yutao\n  - id: Yu Tao\n    name: 余套村党支部\n",
        [
            (10, "branches[2]", "'branches[2]' must be a mapping such as '- id: …'"),
            (11, "branches[3].id", f"'branches[3].id' 'Yu Tao' {MUST_BE_A_SLUG}"),
        ],
    ),
    (
        "an-id-used-twice",
        "  - id: yutao",
        "  - id: jinpu",
        [
            (
                10,
                "branches[2].id",
                "'branches[2].id' 'jinpu' is used twice; ids must be unique: choose another",
            )
        ],
    ),
    (
        "a-name-that-is-not-text",
        "    name: 余套村党支部",
        "    name: yes",
        [(11, "branches[2].name", "'branches[2].name' must be text, not true/false")],
    ),
    (
        "a-name-with-a-direction-control",
        "    name: 余套村党支部",
        "    name: 余套\u202e村党支部",
        [
            (
                11,
                "branches[2].name",
                "'branches[2].name' contains the invisible direction control U+202E, which makes "
                "the text display differently from what it says; delete it (retype the value)",
            )
        ],
    ),
    (
        "feedback-that-is-not-a-mapping",
        TOWN_FEEDBACK,
        "feedback: 镇党群服务中心",
        [
            (
                5,
                "branches[0].feedback",
                "'branches[0].feedback' must be a mapping with phone, email, address or person",
            )
        ],
    ),
    (
        "a-feedback-phone-that-is-a-list",
        TOWN_FEEDBACK,
        "feedback: {phone: [0550, 1234567]}",
        [
            (
                5,
                "branches[0].feedback.phone",
                "'branches[0].feedback.phone' must be text, not a list",
            )
        ],
    ),
    (
        "categories-that-are-not-a-list",
        "categories:\n  - id: organisation\n    name: 组织建设\n"
        "  - id: finance\n    name: 财务公开\n",
        "categories: 5\n",
        [
            (
                13,
                "categories",
                "'categories' must be a list of entries, each starting with '- id: …'",
            ),
            # and the schedule's category is unknown now (line 24 before, four lines fewer)
            (20, "schedule[0].category", "unknown category id 'finance'; known ids: "),
        ],
    ),
    (
        "a-since-that-is-not-a-date",
        "timezone: Asia/Shanghai",
        "timezone: Asia/Shanghai\nsince: 2026/01/01",
        [(2, "since", "'since' must be a date written as YYYY-MM-DD, e.g. 2026-01-01")],
    ),
    (
        "a-since-with-a-time",
        "timezone: Asia/Shanghai",
        "timezone: Asia/Shanghai\nsince: 2026-01-01 08:00:00",
        [(2, "since", "'since' must be a date written as YYYY-MM-DD, e.g. 2026-01-01")],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [c[1:] for c in READER_CASES], ids=[c[0] for c in READER_CASES]
)
def test_each_wrong_value_is_named_at_its_line(repo, old, new, expected):
    assert old in REGISTRY_LINES
    assert _problems(repo, REGISTRY_LINES.replace(old, new)) == expected


def test_a_registry_without_branches_says_they_are_required(repo):
    text = "timezone: Asia/Shanghai\ncategories:\n  - id: organisation\n    name: 组织建设\n"
    assert (1, None, "'branches' is required: a list of entries") in _problems(repo, text)


def test_the_dates_and_feedback_of_the_registry_are_read(repo):
    registry, problems = read_registry(
        repo(registry=REGISTRY_LINES + "since: 2026-01-01\nimported: 2025-12-31\n")
    )
    assert problems == []
    assert (registry.since, registry.imported) == (date(2026, 1, 1), date(2025, 12, 31))
    feedback = registry.branch("town").feedback
    assert (feedback.phone, feedback.address, feedback.email) == (
        "0550-1234567",
        "镇党群服务中心",
        None,
    )


# The rules between entries, each message in full.
RULE_CASES = [
    (
        "a-branch-that-is-its-own-parent",  # said once, not also as a circle of one
        [("    name: 余套村党支部\n    parent: town", "    name: 余套村党支部\n    parent: yutao")],
        [(12, "branches[2].parent",
          "branch 'yutao' names itself as its parent; name another branch or none")],
    ),
    (
        "a-parent-that-is-not-a-branch",
        [("    parent: town\n    maintainers", "    parent: township\n    maintainers")],
        [(8, "branches[1].parent", "branch 'jinpu' names parent 'township', which is not a "
          "branch id; known ids: jinpu, town, yutao")],
    ),
    (
        "parents-in-a-circle",
        [
            ("    parent: town\n    maintainers", "    parent: yutao\n    maintainers"),
            ("    name: 余套村党支部\n    parent: town",
             "    name: 余套村党支部\n    parent: jinpu"),
        ],
        [(8, "branches[1].parent", "the parents of these branches go round in a circle "
          "(jinpu → yutao → jinpu); one of them must have no parent or a parent outside the "
          "circle")],
    ),
    (
        "a-branch-name-that-is-another-branchs-id",
        [("    name: 余套村党支部", "    name: jinpu")],
        [(11, "branches[2].name", "the branch name 'jinpu' is the id of another branch; "
          "notices naming 'jinpu' would be ambiguous: choose another name")],
    ),
    (
        "a-category-name-that-is-another-categorys-id",
        [("    name: 财务公开", "    name: organisation")],
        [(17, "categories[1].name", "the category name 'organisation' is the id of another "
          "category; notices naming 'organisation' would be ambiguous: choose another name")],
    ),
    (
        "a-name-used-twice",
        [("    name: 余套村党支部", "    name: 金铺村党支部")],
        [(11, "branches[2].name", "the name '金铺村党支部' is already used by 'jinpu'; names "
          "must be unique because notices may use them")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edits", "expected"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES]
)
def test_each_rule_between_entries_says_what_is_wrong_in_full(repo, edits, expected):
    text = REGISTRY_LINES
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    assert _problems(repo, text) == expected


BODIES = "    maintainers: [jinpu-clerk]\n    bodies:\n{bodies}"  # after line 9: bodies on 10


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        (
            "      - id: jinpu\n        name: 村委会\n",
            [(11, "branches[1].bodies[0].id", "body id 'jinpu' is the branch's own id; give the "
              "body its own id, e.g. cwh for the village committee")],
        ),
        (
            "      - id: Cun Wei\n        name: 村委会\n",
            [(11, "branches[1].bodies[0].id",
              f"'branches[1].bodies[0].id' 'Cun Wei' {MUST_BE_A_SLUG}")],
        ),
        (
            "      - id: cwh\n        name: 村委会\n        feedback: 村部\n",
            [(13, "branches[1].bodies[0].feedback", "'branches[1].bodies[0].feedback' must be a "
              "mapping with phone, email, address or person")],
        ),
    ],
    ids=["the-branchs-own-id", "not-a-slug", "feedback-not-a-mapping"],
)  # fmt: skip
def test_a_wrong_body_is_named_at_its_line_and_left_out(repo, bodies, expected):
    text = REGISTRY_LINES.replace("    maintainers: [jinpu-clerk]\n", BODIES.format(bodies=bodies))
    registry, problems = read_registry(repo(registry=text))
    assert [(p.line, p.field, p.message) for p in problems] == expected
    kept = [] if expected[0][1].endswith(".id") else ["cwh"]  # a body with a wrong id goes
    assert registry is not None and [b.id for b in registry.branch("jinpu").bodies] == kept


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", []),  # one day is the shortest minimum
        ("0", [(16, "categories[0].min_days", "'categories[0].min_days' must be a positive "
                "whole number of days such as 5, not '0'")]),
        ("五", [(16, "categories[0].min_days", "'categories[0].min_days' must be a positive "
                "whole number of days such as 5, not '五'")]),
    ],
)  # fmt: skip
def test_a_categorys_minimum_period_is_a_positive_whole_number(repo, value, expected):
    text = REGISTRY_LINES.replace(  # min_days on line 16, after organisation's name
        "    name: 组织建设\n", f"    name: 组织建设\n    min_days: {value}\n"
    )
    assert _problems(repo, text) == expected


def test_a_branch_or_category_is_found_by_its_id_or_name_the_first_one_first():
    """A notice may name its branch or category by id or display name; where one's name is
    another's id, the one listed first wins (as the registry's order says)."""
    from noticeboard.model import Branch, Category, Registry

    registry = Registry(
        branches=(Branch("jinpu", "金铺村党支部"), Branch("yutao", "jinpu")),
        categories=(Category("dues", "党费"), Category("党费", "党费收缴")),
    )
    assert registry.branch_id_for("jinpu") == "jinpu"
    assert registry.branch_id_for("金铺村党支部") == "jinpu"
    assert registry.branch_id_for("yutao") == "yutao"
    assert registry.branch_id_for("余套") is None
    assert registry.category_id_for("党费") == "dues"
    assert registry.category_id_for("党费收缴") == "党费"
