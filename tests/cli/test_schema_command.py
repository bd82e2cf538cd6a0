"""The JSON Schema of the front matter agrees with the validator on valid and invalid notices."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO_ROOT
from noticeboard import urls
from noticeboard.cli.main import main
from noticeboard.load.board import load_board
from noticeboard.load.frontmatter_schema import front_matter_schema
from noticeboard.load.registry import read_registry
from noticeboard.load.source import decode, parse_yaml, split_front_matter
from noticeboard.problems import Severity

BASE = """\
title: 基础公示
branch: town
category: organisation
disclosure: ad-hoc
period: {start: 2024-06-03, end: 2024-06-07}
reviewed_by: 镇党委
"""

VALID = {
    "minimal": BASE,
    "names-and-chinese-disclosure-standing": """\
        title: 镇党委组织机构
        branch: 镇党委
        category: 组织建设
        disclosure: 长期
        period:
          start: 2024-01-02
        reviewed_by: 镇党委
        """,
    "draft-without-reviewer": """\
        title: 草稿
        branch: town
        category: organisation
        disclosure: periodic
        period: {start: 2024-06-03, end: 2024-06-07}
        draft: true
        """,
    "every-optional-field": """\
        title: 关于某重大事项的公示
        branch: town
        category: finance
        disclosure: 随时
        period: {start: 2024-06-03, end: 2024-06-07}
        expires: 2024-06-30
        number: 镇党〔2024〕3号
        reviewed_by: 镇党委
        major: true
        approved_by: 县委组织部
        scope: internal
        draft: false
        feedback: {phone: 0550-1234567, email: a@example.org, address: 镇政府, person: 王某}
        supersedes: [town/2024/base]
        responds_to: town/2024/base
        fulfils: dues-quarterly
        tags: [财务, 2024]
        """,
    "blank-optional-values": """\
        title: 空白的可选项
        branch: town
        category: organisation
        disclosure: ad-hoc
        period: {start: 2024-06-03, end: 2024-06-07}
        reviewed_by: 镇党委
        number:
        expires:
        tags:
        feedback:
          phone:
          person: 王某
        """,
    "numbers-as-text-and-single-strings": """\
        title: 2024
        branch: town
        category: organisation
        disclosure: ad-hoc
        period: {start: 2024-06-03, end: 2024-06-07}
        reviewed_by: 镇党委
        number: 12
        supersedes: town/2024/base
        tags: 财务
        """,
}

INVALID = {
    "unknown-key": BASE + "titel: 拼错的键\n",
    "slashed-date": BASE.replace("2024-06-07", "2024/06/07"),
    "missing-title": BASE.replace("title: 基础公示\n", ""),
    "bad-disclosure": BASE.replace("ad-hoc", "weekly"),
    "major-without-approval": BASE + "major: true\n",
    "ad-hoc-without-end": BASE.replace(", end: 2024-06-07", ""),
    "published-without-reviewer": BASE.replace("reviewed_by: 镇党委\n", ""),
    "unknown-period-key": BASE.replace("end: 2024-06-07", "end: 2024-06-07, stop: 2024-06-08"),
    "bad-scope": BASE + "scope: everyone\n",
    "draft-as-text": BASE + "draft: 'no'\n",
    "title-too-long": BASE.replace("基础公示", "长" * 121),
    "unknown-branch": BASE.replace("branch: town", "branch: nowhere"),
    "feedback-not-a-mapping": BASE + "feedback: 0550-1234567\n",
}


def as_json(value: Any) -> Any:
    """YAML data as JSON data: dates become the ISO strings an editor sees."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def validator_for(schema: dict) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def fixture_repo(repo: Callable[..., Path], front_matter: str) -> Path:
    notice = f"---\n{textwrap.dedent(front_matter)}---\n正文。\n"
    return repo({"town/2024/base.md": f"---\n{BASE}---\n正文。\n", "town/2024/x.md": notice})


def checker_errors(root: Path) -> list[str]:
    result = load_board(root, "2024-06-05")
    return [p.text() for p in result.problems if p.severity is Severity.ERROR]


@pytest.fixture
def schema(repo: Callable[..., Path]) -> Draft202012Validator:
    registry, problems = read_registry(repo())
    assert registry is not None and not problems
    return validator_for(front_matter_schema(registry))


@pytest.mark.parametrize("name", VALID)
def test_valid_front_matter_passes_schema_and_check(
    name: str, repo: Callable[..., Path], schema: Draft202012Validator
) -> None:
    data = parse_yaml(textwrap.dedent(VALID[name])).data
    assert [e.message for e in schema.iter_errors(as_json(data))] == []
    assert checker_errors(fixture_repo(repo, VALID[name])) == []


@pytest.mark.parametrize("name", INVALID)
def test_invalid_front_matter_fails_schema_and_check(
    name: str, repo: Callable[..., Path], schema: Draft202012Validator
) -> None:
    data = parse_yaml(INVALID[name]).data
    assert list(schema.iter_errors(as_json(data))), f"the schema accepted {name}"
    assert checker_errors(fixture_repo(repo, INVALID[name])), f"check accepted {name}"


def test_blank_required_text_is_missing(schema: Draft202012Validator) -> None:
    # check reports a blank title as missing only from the `validation` branch on
    data = as_json(parse_yaml(BASE.replace("title: 基础公示", "title: '  '")).data)
    assert list(schema.iter_errors(data))


@pytest.mark.parametrize("value", ["2024-02-30", "2024-6-1", "June 1", "2024-06-01T10:00:00"])
def test_dates_must_be_real_calendar_days(schema: Draft202012Validator, value: str) -> None:
    data = as_json(parse_yaml(BASE).data)
    data["period"]["end"] = value
    assert list(schema.iter_errors(data))


def test_every_notice_in_the_repository_that_check_accepts_fits_the_schema() -> None:
    result = load_board(REPO_ROOT, "2026-11-26")
    assert result.board is not None
    registry = result.board.registry
    bad_files = {p.path for p in result.problems if p.severity is Severity.ERROR}
    accepted = [n for n in result.board.notices if urls.notice_source(n.id) not in bad_files]
    assert accepted, "the repository should hold at least one notice"
    for strict in (front_matter_schema(registry), front_matter_schema(None)):
        validator = validator_for(strict)
        for notice in accepted:
            source = REPO_ROOT / urls.notice_source(notice.id)
            data = split_front_matter(decode(source.read_bytes())).meta.data
            errors = [e.message for e in validator.iter_errors(as_json(data))]
            assert errors == [], f"{notice.id}: {errors}"


@pytest.mark.parametrize(
    "options",
    [
        ("--branch", "jinpu", "--title", "草稿"),
        ("--branch", "town", "--title", "已审核", "--reviewed-by", "镇党委"),
        ("--branch", "town", "--title", "长期", "--disclosure", "standing", "--reviewed-by", "x"),
        ("--branch", "town", "--title", "重大", "--major", "--approved-by", "县委"),
        ("--branch", "jinpu", "--title", "反馈", "--feedback-phone", "0550-1", "--number", "1"),
    ],
)
def test_notices_written_by_new_fit_the_schema(
    repo: Callable[..., Path],
    schema: Draft202012Validator,
    capsys: pytest.CaptureFixture[str],
    options: tuple[str, ...],
) -> None:
    root = repo()
    args = ["--root", str(root), "new", "--category", "organisation", "--today", "2026-11-23"]
    assert main([*args, *options]) == 0
    path = Path(capsys.readouterr().out.strip())
    path = path if path.is_absolute() else root / path
    data = split_front_matter(decode(path.read_bytes())).meta.data
    assert [e.message for e in schema.iter_errors(as_json(data))] == []


def test_registry_values_are_offered_to_editors(schema: Draft202012Validator) -> None:
    props = schema.schema["properties"]
    assert {"jinpu", "金铺村党支部", "town", "镇党委"} <= set(props["branch"]["enum"])
    assert {"finance", "财务公开"} <= set(props["category"]["enum"])
    assert "dues-quarterly" in json.dumps(props["fulfils"])


def test_without_a_registry_branch_is_any_text() -> None:
    validator = validator_for(front_matter_schema(None))
    data = as_json(parse_yaml(BASE.replace("branch: town", "branch: nowhere")).data)
    assert list(validator.iter_errors(data)) == []


def test_cli_prints_the_schema_with_the_registry(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo()
    assert main(["--root", str(root), "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    Draft202012Validator.check_schema(printed)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["additionalProperties"] is False
    assert printed["required"] == ["title", "branch", "category", "disclosure", "period"]
    assert "jinpu" in printed["properties"]["branch"]["enum"]

    assert main(["--root", str(root), "schema", "--generic"]) == 0
    generic = json.loads(capsys.readouterr().out)
    assert "enum" not in generic["properties"]["branch"]


def test_cli_writes_the_schema_to_a_file(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo()
    assert main(["--root", str(root), "schema"]) == 0
    printed = capsys.readouterr().out
    out = root / "notice.schema.json"
    assert main(["--root", str(root), "schema", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed
    assert capsys.readouterr().out == ""


def test_cli_outside_a_repository_prints_the_generic_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert "enum" not in printed["properties"]["branch"]


def test_cli_reports_an_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "schema.json"
    assert main(["--root", str(tmp_path), "schema", "--output", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
