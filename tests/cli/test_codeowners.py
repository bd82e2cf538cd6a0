"""CODEOWNERS generated from the registry: who reviews which branch's notices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from noticeboard.cli.main import main
from noticeboard.load.registry import read_registry
from noticeboard.publish.codeowners_file import (
    GENERATED_MARKER,
    codeowners_problems,
    render_codeowners,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

# A town committee with two maintainers; jinpu shares one of them (it must not repeat); yutao has
# none of its own; jinpu-youth sits under jinpu and writes its handle with an @ already.
TREE = """\
timezone: Asia/Shanghai
branches:
  - id: yutao
    name: 余套村党支部
    parent: town
    feedback: {phone: "0550-1111111"}
  - id: town
    name: 镇党委
    feedback: {phone: "0550-1234567"}
    maintainers: [town-sec, town-org]
  - id: jinpu
    name: 金铺村党支部
    parent: town
    feedback: {phone: "0550-2222222"}
    maintainers: [jinpu-clerk, town-sec]
  - id: jinpu-youth
    name: 金铺村团支部
    parent: jinpu
    feedback: {phone: "0550-3333333"}
    maintainers: ["@youth-lead", "township/party-office"]
categories:
  - id: organisation
    name: 组织建设
"""

NOBODY = """\
branches:
  - id: town
    name: 镇党委
    feedback: {phone: "0550-1234567"}
  - id: jinpu
    name: 金铺村党支部
    parent: town
categories:
  - id: organisation
    name: 组织建设
"""


def registry_of(root: Path):
    registry, problems = read_registry(root)
    assert registry is not None, problems
    return registry


def rules(text: str) -> list[str]:
    """The lines that assign owners (not comments, not blank)."""
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_each_branch_is_owned_by_itself_and_every_branch_above_it(repo) -> None:
    text = render_codeowners(registry_of(repo(registry=TREE)))
    assert text.splitlines()[0] == GENERATED_MARKER
    assert rules(text) == [
        "/notices/_board.yml @town-sec @town-org",
        "/.github/ @town-sec @town-org",
        # tree order: the root, then its children by id, each followed by its own children
        "/notices/town/ @town-sec @town-org",
        "/notices/jinpu/ @jinpu-clerk @town-sec @town-org",
        "/notices/jinpu-youth/ @youth-lead @township/party-office @jinpu-clerk @town-sec @town-org",
        "/notices/yutao/ @town-sec @town-org",
    ]


def test_without_maintainers_the_rules_become_comments(repo) -> None:
    text = render_codeowners(registry_of(repo(registry=NOBODY)))
    assert rules(text) == []
    assert "# /notices/jinpu/ has no owner" in text
    assert "# /notices/_board.yml has no owner" in text


def test_a_parent_cycle_does_not_hang_and_lists_each_branch_once(repo) -> None:
    cyclic = TREE.replace('parent: town\n    feedback: {phone: "0550-1111111"}', "parent: yutao")
    registry = registry_of(repo(registry=cyclic))
    text = render_codeowners(registry)
    assert (
        sum(line.startswith("/notices/yutao/") for line in text.splitlines())
        + sum(line.startswith("# /notices/yutao/") for line in text.splitlines())
        == 1
    )


def test_command_prints_checks_and_writes(repo, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo(registry=TREE)
    assert main(["--root", str(root), "codeowners"]) == 0
    printed = capsys.readouterr().out
    assert "/notices/yutao/ @town-sec @town-org" in printed.splitlines()

    assert main(["--root", str(root), "codeowners", "--check"]) == 1  # missing
    assert "missing" in capsys.readouterr().err
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    assert (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == printed
    assert main(["--root", str(root), "codeowners", "--check"]) == 0

    registry = root / "notices" / "_board.yml"
    registry.write_text(TREE.replace("[jinpu-clerk, town-sec]", "[new-clerk]"), encoding="utf-8")
    assert main(["--root", str(root), "codeowners", "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_command_refuses_a_broken_registry(repo, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo(registry="branches: [\n")
    assert main(["--root", str(root), "codeowners", "--write"]) == 1
    err = capsys.readouterr().err
    assert "notices/_board.yml:" in err and "Traceback" not in err
    assert not (root / ".github" / "CODEOWNERS").exists()


def check_json(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = main(["--root", str(root), "check", "--format", "json", "--today", "2026-11-26"])
    return code, json.loads(capsys.readouterr().out or "[]")


def test_check_warns_when_the_committed_file_is_out_of_date(
    repo, capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo(registry=TREE)
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    capsys.readouterr()
    code, found = check_json(root, capsys)
    assert not [p for p in found if p["path"] == ".github/CODEOWNERS"]

    (root / "notices" / "_board.yml").write_text(
        TREE.replace("[town-sec, town-org]", "[town-sec]"), encoding="utf-8"
    )
    code, found = check_json(root, capsys)
    stale = [p for p in found if p["path"] == ".github/CODEOWNERS"]
    assert len(stale) == 1
    assert stale[0]["line"] == 1 and stale[0]["severity"] == "warning"
    assert "noticeboard codeowners --write" in stale[0]["message"]
    assert code == 0  # a warning, not an error


def test_windows_line_endings_still_count_as_current(repo) -> None:
    root = repo(registry=TREE)
    registry = registry_of(root)
    file = root / ".github" / "CODEOWNERS"
    file.parent.mkdir()
    file.write_bytes(render_codeowners(registry).replace("\n", "\r\n").encode())
    assert codeowners_problems(root, registry) == []


def test_a_hand_written_codeowners_is_left_alone(repo) -> None:
    root = repo(registry=TREE)
    file = root / ".github" / "CODEOWNERS"
    file.parent.mkdir()
    file.write_text("* @someone\n", encoding="utf-8")
    assert codeowners_problems(root, registry_of(root)) == []


def test_the_repository_codeowners_matches_its_registry() -> None:
    """The committed file is what the demo registry generates (else run --write)."""
    registry = registry_of(REPO_ROOT)
    committed = (REPO_ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == render_codeowners(registry), "run `noticeboard codeowners --write`"
    for branch in registry.branches:
        assert any(
            line.lstrip("# ").startswith(f"/notices/{branch.id}/ ")
            for line in committed.splitlines()
        )
