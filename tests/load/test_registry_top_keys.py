"""The registry file itself and its top-level settings: missing file, duplicate keys, timezone,
repository, reply_within_days, imported, names, and personal numbers in the registry's text.
Each problem names the file, the line and the key; each setting has its documented default."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REGISTRY
from noticeboard.load.registry import read_registry
from noticeboard.model import DEFAULT_REPLY_WITHIN_DAYS
from noticeboard.problems import Problem, Severity

RELPATH = "notices/_board.yml"


def read(tmp_path: Path, text: str | None) -> tuple[object, list[Problem]]:
    (tmp_path / "notices").mkdir()
    if text is not None:
        (tmp_path / RELPATH).write_text(text, encoding="utf-8")
    return read_registry(tmp_path)


def only_error(problems: list[Problem]) -> Problem:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 1, [p.text() for p in problems]
    assert errors[0].path == RELPATH
    return errors[0]


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_a_missing_registry_says_where_to_create_it(tmp_path) -> None:
    registry, problems = read(tmp_path, None)
    assert registry is None
    p = only_error(problems)
    assert p.line == 1 and p.message == f"the registry file is missing; create {RELPATH}"


def test_defaults_when_the_settings_are_left_out(tmp_path) -> None:
    registry, problems = read(tmp_path, REGISTRY.replace("timezone: Asia/Shanghai\n", ""))
    assert problems == []
    assert registry.timezone == "Asia/Shanghai"
    assert registry.repository == "public"
    assert registry.reply_within_days == DEFAULT_REPLY_WITHIN_DAYS
    assert registry.imported is None


def test_settings_as_written(tmp_path) -> None:
    text = REGISTRY.replace("Asia/Shanghai", "Asia/Urumqi") + (
        "repository: private\nreply_within_days: 0\nimported: 2025-12-31\n"
    )
    registry, problems = read(tmp_path, text)
    assert problems == []
    assert (registry.timezone, registry.repository, registry.reply_within_days) == (
        "Asia/Urumqi",
        "private",
        0,
    )
    assert str(registry.imported) == "2025-12-31"


IANA = "use an IANA name such as Asia/Shanghai"


@pytest.mark.parametrize(
    ("setting", "message", "fallback"),
    [
        ("timezone: 8", "'timezone' must be an IANA name such as Asia/Shanghai", "Asia/Shanghai"),
        ("timezone: Asia/Beijing", f"unknown timezone 'Asia/Beijing'; {IANA}", "Asia/Shanghai"),
        (
            "repository: open",
            "'repository' must be public or private (whether anyone can read this repository), "
            "not 'open'",
            "public",
        ),
        (
            "reply_within_days: -1",
            "'reply_within_days' must be a whole number of days, 0 or more",
            DEFAULT_REPLY_WITHIN_DAYS,
        ),
        (
            "reply_within_days: 十",
            "'reply_within_days' must be a whole number of days, 0 or more",
            DEFAULT_REPLY_WITHIN_DAYS,
        ),
        (
            "imported: 2025年",
            "'imported' must be a date written as YYYY-MM-DD, e.g. 2026-01-01",
            None,
        ),
    ],
)
def test_a_bad_setting_is_an_error_at_its_line_and_falls_back(
    tmp_path, setting, message, fallback
) -> None:
    """The build goes on knowing the day and the repository kind; the error says what to write."""
    key = setting.split(":")[0]
    text = REGISTRY.replace("timezone: Asia/Shanghai\n", "") + setting + "\n"
    registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert (p.field, p.line, p.message) == (key, line_of(text, key + ":"), message)
    attribute = {"reply_within_days": "reply_within_days"}.get(key, key)
    assert getattr(registry, attribute) == fallback


def test_a_key_written_twice_is_named_at_its_second_line(tmp_path) -> None:
    text = REGISTRY + "timezone: Asia/Shanghai\n"
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert p.message == "'timezone' is written twice; keep one"
    assert p.field == "timezone" and p.line == len(text.splitlines())


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (
            "  - id: other\n    name: 财务公开\n",
            "the name '财务公开' is already used by 'finance'",
        ),
        ("  - id: other\n    name: finance\n", "finance"),
    ],
)
def test_category_names_are_unique_and_not_another_id(tmp_path, extra, says) -> None:
    text = REGISTRY.replace("    name: 财务公开\n", "    name: 财务公开\n" + extra)
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert says in p.message and p.field.startswith("categories[2].")


def test_group_names_are_unique(tmp_path) -> None:
    text = (
        REGISTRY.replace("    name: 组织建设\n", "    name: 组织建设\n    group: party\n").replace(
            "    name: 财务公开\n", "    name: 财务公开\n    group: party\n"
        )
        + "groups:\n  - {id: party, name: 党务公开}\n  - {id: money, name: 党务公开}\n"
    )
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert "the name '党务公开' is already used by 'party'" in p.message
    assert p.field == "groups[1].name"


def test_an_unmasked_number_in_the_registry_is_an_error_at_its_line(tmp_path) -> None:
    text = REGISTRY.replace('{phone: "0550-1234567"', '{phone: "13812345678"')
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert p.field == "privacy" and "unmasked mobile phone number" in p.message
    assert p.line == line_of(text, '    feedback: {phone: "138')


GROUPED = (
    REGISTRY.replace("    name: 组织建设\n", "    name: 组织建设\n    group: party\n").replace(
        "    name: 财务公开\n", "    name: 财务公开\n    group: money\n"
    )
    + "groups:\n  - {id: party, name: 党务公开}\n  - {id: money, name: 财务公开栏}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  - id: yutao\n", "  - id: jinpu\n", "branches[2].id"),
        ("  - id: finance\n", "  - id: organisation\n", "categories[1].id"),
        ("{id: money, name: 财务公开栏}", "{id: party, name: 财务公开栏}", "groups[1].id"),
    ],
)
def test_an_id_used_twice_is_named_with_its_list_and_place(tmp_path, old, new, field) -> None:
    _registry, problems = read(tmp_path, GROUPED.replace(old, new))
    errors = [p for p in problems if p.field == field]
    assert errors and "is used twice; ids must be unique" in errors[0].message


def test_a_body_id_used_twice_within_a_branch(tmp_path) -> None:
    bodies = "    bodies:\n      - {id: cwh, name: 村委会}\n      - {id: cwh, name: 监委会}\n"
    text = REGISTRY.replace(
        "    maintainers: [jinpu-clerk]\n", "    maintainers: [jinpu-clerk]\n" + bodies
    )
    registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert p.field == "branches[1].bodies[1].id" and "is used twice" in p.message
    assert [b.id for b in registry.branch("jinpu").bodies] == ["cwh"]


@pytest.mark.parametrize("key", ["description", "feedback_by", "issuer", "group", "parent"])
def test_an_optional_text_that_is_not_text_is_named(tmp_path, key) -> None:
    if key == "parent":
        owner, old = "branches[2]", "    name: 余套村党支部\n    parent: town\n"
        new = "    name: 余套村党支部\n    parent: [1, 2]\n"
    else:
        owner, old = "categories[1]", "    name: 财务公开\n"
        new = old + f"    {key}: [1, 2]\n"
    text = REGISTRY.replace(old, new)
    _registry, problems = read(tmp_path, text)
    found = [p for p in problems if p.field == f"{owner}.{key}"]
    assert found, [p.text() for p in problems]
    assert found[0].message == f"'{owner}.{key}' must be text, not a list"
    assert found[0].line == line_of(text, f"    {key}: [1, 2]")


def test_the_registry_keeps_optional_texts_as_written(tmp_path) -> None:
    text = REGISTRY.replace(
        "    name: 财务公开\n", "    name: 财务公开\n    description: 收支明细\n"
    )
    registry, problems = read(tmp_path, text)
    assert problems == []
    assert registry.category("finance").description == "收支明细"
    assert registry.branch("jinpu").parent == "town"


@pytest.mark.parametrize(
    ("value", "field", "says"),
    [
        (
            "jinpu-clerk",
            "branches[1].maintainers",
            "'maintainers' must be a list of GitHub user names, e.g. [jinpu-clerk]",
        ),
        (
            "[jinpu clerk]",
            "branches[1].maintainers[0]",
            "maintainer 'jinpu clerk' is not a GitHub user name ('jinpu-clerk'), team "
            "('org/team') or e-mail address; it is written into .github/CODEOWNERS",
        ),
    ],
)
def test_maintainers_are_github_handles(tmp_path, value, field, says) -> None:
    text = REGISTRY.replace("maintainers: [jinpu-clerk]", f"maintainers: {value}")
    registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert (p.field, p.message) == (field, says)
    assert registry is None or registry.branch("jinpu").maintainers == ()


def test_with_groups_every_category_names_a_known_one(tmp_path) -> None:
    registry, problems = read(tmp_path, GROUPED)
    assert problems == [] and [c.group for c in registry.categories] == ["party", "money"]
    _registry, problems = read_again(tmp_path, GROUPED.replace("    group: money\n", ""))
    p = only_error(problems)
    assert p.message == (
        "category 'finance' names no group; with 'groups' every category needs 'group:' "
        "(one of: party, money)"
    )
    _registry, problems = read_again(tmp_path, GROUPED.replace("group: money", "group: mony"))
    p = only_error(problems)
    assert p.message.startswith("category 'finance' names unknown group 'mony'")
    assert p.message.endswith("known groups: party, money")


def read_again(tmp_path: Path, text: str) -> tuple[object, list[Problem]]:
    (tmp_path / RELPATH).write_text(text, encoding="utf-8")
    return read_registry(tmp_path)


@pytest.mark.parametrize("key", ["feedback_by", "issuer"])
def test_a_category_names_a_body_that_exists(tmp_path, key) -> None:
    text = REGISTRY.replace("    name: 财务公开\n", f"    name: 财务公开\n    {key}: nobody\n")
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert (p.field, p.message) == (
        f"categories[1].{key}",
        f"'categories[1].{key}' names 'nobody', which is no branch's body; write branch or one "
        "of: —",
    )


def test_a_group_without_groups_says_to_add_them(tmp_path) -> None:
    text = REGISTRY.replace("    name: 财务公开\n", "    name: 财务公开\n    group: money\n")
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert (p.field, p.message) == (
        "categories[1].group",
        "category 'finance' names group 'money', but the registry has no 'groups'; "
        "add 'groups:' or remove 'group:'",
    )


def test_an_unknown_top_level_key_is_named_as_written(tmp_path) -> None:
    text = REGISTRY + "timezon: Asia/Shanghai\n"
    _registry, problems = read(tmp_path, text)
    p = only_error(problems)
    assert p.field == "timezon" and p.line == len(text.splitlines())
    assert p.message.startswith("unknown key 'timezon' (did you mean 'timezone'?)")


def test_a_registry_not_in_utf8_names_itself_in_the_conversion_command(tmp_path) -> None:
    (tmp_path / "notices").mkdir()
    (tmp_path / RELPATH).write_bytes(REGISTRY.encode("gb18030"))
    registry, problems = read_registry(tmp_path)
    p = only_error(problems)
    assert registry is None and p.line == line_of(REGISTRY, "    name: 镇党委")  # first non-ASCII
    assert RELPATH in p.message  # e.g. iconv -f GB18030 -t UTF-8 notices/_board.yml
