"""Registry `groups` (the columns of a combined board) and each category's `group`."""

from __future__ import annotations

from conftest import REGISTRY
from noticeboard.load.registry import read_registry

REL = "notices/_board.yml"

GROUPED = REGISTRY.replace(
    "categories:\n  - id: organisation\n    name: 组织建设\n  - id: finance\n    name: 财务公开\n",
    "groups:\n"
    "  - id: party\n"
    "    name: 党务公开\n"
    "  - id: money\n"
    "    name: 财务公开栏\n"
    "categories:\n"
    "  - id: organisation\n"
    "    name: 组织建设\n"
    "    group: party\n"
    "  - id: finance\n"
    "    name: 财务公开\n"
    "    group: money\n",
)


def problems_of(repo, text: str) -> list[tuple[str, int, str]]:
    _, problems = read_registry(repo(registry=text))
    return [(p.path, p.line, p.message) for p in problems]


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_groups_are_read_in_order_and_each_category_names_one(repo):
    assert GROUPED != REGISTRY
    registry, problems = read_registry(repo(registry=GROUPED))
    assert problems == []
    assert [(g.id, g.name) for g in registry.groups] == [
        ("party", "党务公开"),
        ("money", "财务公开栏"),
    ]
    assert [(c.id, c.group) for c in registry.categories] == [
        ("organisation", "party"),
        ("finance", "money"),
    ]


def test_without_groups_there_is_no_column_and_no_category_group(repo):
    registry, problems = read_registry(repo())
    assert problems == [] and registry.groups == ()
    assert {c.group for c in registry.categories} == {None}


def test_unknown_group_is_an_error_at_its_line_with_a_hint(repo):
    text = GROUPED.replace("    group: money\n", "    group: mony\n")
    found = problems_of(repo, text)
    assert [(p, line) for p, line, _ in found] == [(REL, line_of(text, "    group: mony"))]
    message = found[0][2]
    assert "'finance'" in message and "'mony'" in message and "did you mean 'money'" in message


def test_groups_without_every_category_assigned_names_the_category(repo):
    text = GROUPED.replace("    group: party\n", "")
    found = problems_of(repo, text)
    assert [(p, line) for p, line, _ in found] == [(REL, line_of(text, "  - id: organisation"))]
    assert "'organisation'" in found[0][2] and "group" in found[0][2]


def test_a_category_group_without_registry_groups_is_an_error(repo):
    text = REGISTRY.replace("    name: 组织建设\n", "    name: 组织建设\n    group: party\n")
    found = problems_of(repo, text)
    assert [(p, line) for p, line, _ in found] == [(REL, line_of(text, "    group: party"))]
    assert "no 'groups'" in found[0][2]


def test_group_ids_are_slugs_and_unique(repo):
    text = GROUPED.replace("  - id: money\n", "  - id: party\n")
    found = problems_of(repo, text)
    assert any("'groups[1].id' 'party' is used twice" in m for _, _, m in found), found
