"""`noticeboard check --changed`: only what a pull request is responsible for."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from noticeboard.cli.changed import link_graph, relevant_problems
from noticeboard.cli.main import main
from noticeboard.problems import error

REGISTRY = """\
timezone: Asia/Shanghai
branches:
  - id: town
    name: 镇党委
    feedback: {phone: "0550-1234567"}
  - id: jinpu
    name: 金铺村党支部
    parent: town
    feedback: {phone: "0550-7654321"}
categories:
  - id: organisation
    name: 组织建设
"""


def notice(title: str, *, extra: str = "") -> str:
    return (
        textwrap.dedent(
            f"""\
        ---
        title: {title}
        branch: jinpu
        category: organisation
        disclosure: ad-hoc
        period: {{start: 2026-11-02, end: 2026-11-06}}
        reviewed_by: 金铺村党支部委员会
        """
        )
        + (textwrap.dedent(extra) if extra else "")
        + "---\n正文。\n"
    )


BAD = notice("坏的", extra="titel: typo\n")  # an unknown key: an error in that file


# --- the pure filter ----------------------------------------------------------------------------


def test_only_problems_in_changed_files_are_kept() -> None:
    mine = error("notices/jinpu/2026/a.md", 3, "bad title", "title")
    theirs = error("notices/jinpu/2026/b.md", 3, "bad title", "title")
    assert relevant_problems([mine, theirs], {"notices/jinpu/2026/a.md"}, {}) == [mine]


def test_link_problems_on_unchanged_notices_are_kept_when_linked_to_a_change() -> None:
    graph = {"notices/jinpu/2026/b.md": {"notices/jinpu/2026/a.md"}}
    link = error("notices/jinpu/2026/b.md", 5, "supersedes a missing notice", "supersedes")
    item = error("notices/jinpu/2026/b.md", 6, "supersedes a missing notice", "supersedes[1]")
    other = error("notices/jinpu/2026/b.md", 2, "bad title", "title")
    kept = relevant_problems([link, item, other], {"notices/jinpu/2026/a.md"}, graph)
    assert kept == [link, item]  # b's own old title problem is not this change's business


def test_a_changed_registry_keeps_everything() -> None:
    problems = [error("notices/jinpu/2026/b.md", 2, "x", "title")]
    assert relevant_problems(problems, {"notices/_board.yml"}, {}) == problems


def test_a_changed_attachment_marks_its_branch() -> None:
    inside = error("notices/jinpu/2025/x.md", 9, "attachment missing", "attachments")
    outside = error("notices/town/2025/y.md", 9, "attachment missing", "attachments")
    kept = relevant_problems([inside, outside], {"notices/jinpu/2026/files/a.pdf"}, {})
    assert kept == [inside]


def test_link_graph_ties_numbers_and_links_both_ways(repo) -> None:
    from noticeboard.load.board import load_board

    root = repo(
        registry=REGISTRY,
        notices={
            "jinpu/2026/a.md": notice("甲", extra="number: 金党〔2026〕1号\n"),
            "jinpu/2026/b.md": notice("乙", extra="supersedes: jinpu/2026/gone\n"),
            "jinpu/2026/c.md": notice("丙", extra="number: 金党〔2026〕1号\n"),
        },
    )
    board = load_board(root, "2026-11-26").board
    graph = link_graph(board.notices)
    assert "notices/jinpu/2026/c.md" in graph["notices/jinpu/2026/a.md"]
    assert "notices/jinpu/2026/a.md" in graph["notices/jinpu/2026/c.md"]
    assert graph["notices/jinpu/2026/gone.md"] == {"notices/jinpu/2026/b.md"}


# --- against a real git repository --------------------------------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A git repository with `main` holding a registry and notices; returns a helper."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Clerk")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "clerk@example.org")
    root = tmp_path / "board"
    root.mkdir()

    class Repo:
        path = root

        def git(self, *args: str) -> None:
            subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

        def write(self, rel: str, text: str) -> None:
            file = root / rel
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")

        def commit(self, message: str) -> None:
            self.git("add", "-A")
            self.git("commit", "-q", "-m", message)

    r = Repo()
    r.git("init", "-q", "-b", "main")
    r.write("notices/_board.yml", REGISTRY)
    r.write("notices/jinpu/2026/old-bad.md", BAD)  # a problem already on main
    r.write("notices/jinpu/2026/a.md", notice("甲", extra="number: 金党〔2026〕1号\n"))
    r.write("notices/jinpu/2026/b.md", notice("乙", extra="supersedes: jinpu/2026/a\n"))
    r.commit("main")
    r.git("switch", "-q", "-c", "feature")
    return r


def changed_check(
    root: Path, capsys: pytest.CaptureFixture[str], *base: str
) -> tuple[int, set[str]]:
    argv = ["--root", str(root), "check", "--today", "2026-11-26", "--format", "json"]
    code = main([*argv, "--changed", *base])
    out = capsys.readouterr().out
    return code, {p["path"] for p in json.loads(out or "[]")}


def test_untouched_problems_are_not_reported(git_repo, capsys) -> None:
    code, paths = changed_check(git_repo.path, capsys)
    assert (code, paths) == (0, set())
    # while a full check does report it
    assert main(["--root", str(git_repo.path), "check", "--format", "json"]) == 1
    assert "old-bad.md" in capsys.readouterr().out


def test_committed_uncommitted_and_untracked_changes_are_all_checked(git_repo, capsys) -> None:
    git_repo.write("notices/jinpu/2026/committed.md", BAD)
    git_repo.commit("add a notice")
    git_repo.write("notices/jinpu/2026/a.md", BAD)  # modified, not committed
    git_repo.write("notices/jinpu/2026/untracked.md", BAD)
    code, paths = changed_check(git_repo.path, capsys, "main")
    assert code == 1
    assert {
        "notices/jinpu/2026/committed.md",
        "notices/jinpu/2026/a.md",
        "notices/jinpu/2026/untracked.md",
    } <= paths
    assert "notices/jinpu/2026/old-bad.md" not in paths


def test_deleting_a_notice_reports_the_unchanged_one_that_supersedes_it(git_repo, capsys) -> None:
    git_repo.git("rm", "-q", "notices/jinpu/2026/a.md")
    git_repo.commit("remove a")
    code, paths = changed_check(git_repo.path, capsys)
    assert code == 1
    assert "notices/jinpu/2026/b.md" in paths  # b.md itself was not touched


def test_renaming_a_notice_reports_the_notices_that_named_it(git_repo, capsys) -> None:
    git_repo.git("mv", "notices/jinpu/2026/a.md", "notices/jinpu/2026/a-renamed.md")
    git_repo.commit("rename a")
    code, paths = changed_check(git_repo.path, capsys)
    assert code == 1 and "notices/jinpu/2026/b.md" in paths


def test_a_new_notice_reusing_a_number_is_reported_wherever_the_error_lands(
    git_repo, capsys
) -> None:
    # "0-first" sorts before "a", so the duplicate-number error lands on the unchanged a.md
    git_repo.write("notices/jinpu/2026/0-first.md", notice("新", extra="number: 金党〔2026〕1号\n"))
    code, paths = changed_check(git_repo.path, capsys)
    assert code == 1
    assert paths & {"notices/jinpu/2026/a.md", "notices/jinpu/2026/0-first.md"}
    assert "notices/jinpu/2026/old-bad.md" not in paths


def test_a_changed_registry_checks_everything(git_repo, capsys) -> None:
    git_repo.write("notices/_board.yml", REGISTRY + "schedule: []\n")
    code, paths = changed_check(git_repo.path, capsys)
    assert "notices/jinpu/2026/old-bad.md" in paths
    assert code == 1


def test_origin_main_is_preferred_to_main(git_repo, capsys) -> None:
    # origin/main points at the feature commit that added a bad notice: against origin/main
    # nothing changed; against main the bad notice is new.
    git_repo.write("notices/jinpu/2026/new-bad.md", BAD)
    git_repo.commit("bad")
    git_repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
    assert changed_check(git_repo.path, capsys) == (0, set())
    code, paths = changed_check(git_repo.path, capsys, "main")
    assert code == 1 and "notices/jinpu/2026/new-bad.md" in paths


def test_unknown_base_is_a_usage_error(git_repo, capsys) -> None:
    code = main(["--root", str(git_repo.path), "check", "--changed", "no-such-branch"])
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown BASE 'no-such-branch'" in err and "Traceback" not in err


def test_no_default_base_is_a_usage_error(git_repo, capsys) -> None:
    git_repo.git("branch", "-q", "-m", "main", "trunk")
    code = main(["--root", str(git_repo.path), "check", "--changed"])
    assert code == 2
    assert "neither origin/main nor main" in capsys.readouterr().err


def test_outside_a_git_repository_is_a_usage_error(repo, capsys, monkeypatch) -> None:
    root = repo(registry=REGISTRY)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.parent))
    code = main(["--root", str(root), "check", "--changed"])
    assert code == 2
    assert "not inside a git repository" in capsys.readouterr().err


# --- a published notice changed without a declared correction ----------------------------------


def test_changing_a_published_notice_needs_a_corrections_entry(tmp_path: Path, capsys) -> None:
    from support.git_history import commit, git, init

    root = init(tmp_path)
    (root / "notices" / "jinpu" / "2026").mkdir(parents=True)
    (root / "notices" / "_board.yml").write_text(REGISTRY, encoding="utf-8")
    path = root / "notices" / "jinpu" / "2026" / "a.md"
    path.write_text(notice("原标题"), encoding="utf-8")
    commit(root, "Publish", "2026-11-02T09:00:00+08:00")
    git(root, "checkout", "-q", "-b", "fix")
    path.write_text(notice("新标题"), encoding="utf-8")
    commit(root, "Retitle", "2026-11-20T09:00:00+08:00")
    args = ["--root", str(root), "check", "--changed", "main", "--today", "2026-11-20"]
    assert main([*args, "--format", "json"]) == 1
    (found,) = json.loads(capsys.readouterr().out)
    assert (found["path"], found["line"], found["field"]) == (
        "notices/jinpu/2026/a.md",
        2,
        "corrections",
    )
    assert "title" in found["message"] and "corrections" in found["message"]
    path.write_text(
        notice("新标题", extra="corrections:\n  - {date: 2026-11-20, note: 改正标题}\n"),
        encoding="utf-8",
    )
    assert main([*args, "--format", "json"]) == 0, capsys.readouterr().out
    # recording the opinions received is not a correction
    path.write_text(notice("原标题", extra="opinions_received: 0\n"), encoding="utf-8")
    assert main([*args, "--format", "json"]) == 0, capsys.readouterr().out
