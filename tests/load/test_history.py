"""Publication days and later edits from git: one pass, renames followed, registry timezone."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from noticeboard.load.board import load_board
from noticeboard.load.history import History, parse_log, read_history
from support.git_history import commit, git, init

NOTICE = """\
---
title: 关于{title}的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {{start: 2026-03-20, end: 2026-03-27}}
reviewed_by: 支委会
feedback: {{address: 村部}}
---
正文。
"""


def write(root: Path, rel: str, title: str = "甲") -> None:
    path = root / "notices" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NOTICE.format(title=title), encoding="utf-8")


def test_published_is_the_adding_commit_day_in_the_registry_timezone(repo, tmp_path) -> None:
    root = init(repo())
    write(root, "jinpu/2026/a.md")
    # 17:30 UTC on 31 March is already 1 April in Shanghai
    commit(root, "Add a", "2026-03-31T17:30:00+00:00")
    history = read_history(root, "Asia/Shanghai")
    assert history.of("jinpu/2026/a").added.day == date(2026, 4, 1)
    assert read_history(root, "UTC").of("jinpu/2026/a").added.day == date(2026, 3, 31)


def test_later_commits_are_edits_with_subject_and_renames_are_followed(repo) -> None:
    root = init(repo())
    write(root, "jinpu/2026/a.md")
    first = commit(root, "Add a", "2026-03-20T09:00:00+08:00")
    write(root, "jinpu/2026/a.md", title="乙")
    fix = commit(root, "Fix the title", "2026-03-22T09:00:00+08:00")
    git(root, "mv", "notices/jinpu/2026/a.md", "notices/jinpu/2026/b.md")
    moved = commit(root, "Rename a to b", "2026-03-25T09:00:00+08:00")
    history = read_history(root, "Asia/Shanghai")
    assert history.of("jinpu/2026/a") is None
    b = history.of("jinpu/2026/b")
    assert b is not None
    assert (b.added.sha, b.added.day) == (first, date(2026, 3, 20))
    assert [(c.sha, c.day, c.subject) for c in b.later] == [
        (fix, date(2026, 3, 22), "Fix the title"),
        (moved, date(2026, 3, 25), "Rename a to b"),
    ]


def test_a_notice_merged_from_a_side_branch_is_published_on_the_merge_day(repo) -> None:
    root = init(repo())
    commit(root, "Start", "2026-03-01T09:00:00+08:00")
    git(root, "checkout", "-q", "-b", "side")
    write(root, "jinpu/2026/a.md")
    commit(root, "Draft on a side branch", "2026-03-10T09:00:00+08:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "side", "-m", "Merge", when="2026-03-20T09:00:00+08:00")
    assert read_history(root, "Asia/Shanghai").of("jinpu/2026/a").added.day == date(2026, 3, 20)


def test_uncommitted_and_outside_git_are_unknown_without_a_problem(repo, tmp_path) -> None:
    plain = repo()
    write(plain, "jinpu/2026/a.md")
    result = load_board(plain, "2026-04-01")
    assert result.ok, result.problems
    assert result.board.publications()["jinpu/2026/a"].day is None
    assert read_history(plain, "Asia/Shanghai") == History()

    init(plain)
    commit(plain, "Registry only", "2026-03-01T09:00:00+08:00")  # a.md is committed too
    write(plain, "jinpu/2026/new.md", title="丙")  # written after: not committed
    pubs = load_board(plain, "2026-04-01").board.publications()
    assert pubs["jinpu/2026/a"].day == date(2026, 3, 1)
    assert pubs["jinpu/2026/new"].day is None


def test_a_shallow_clone_warns_how_to_fetch_history_and_claims_no_days(repo, tmp_path) -> None:
    origin = init(repo())
    write(origin, "jinpu/2026/a.md")
    commit(origin, "Add a", "2026-03-20T09:00:00+08:00")
    write(origin, "jinpu/2026/a.md", title="乙")
    commit(origin, "Edit a", "2026-03-25T09:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True
    )
    result = load_board(clone, "2026-04-01")
    (warn,) = [p for p in result.problems if p.severity == "warning"]
    assert warn.path == "notices/_board.yml" and "git fetch --unshallow" in warn.message
    assert result.board.publications()["jinpu/2026/a"].day is None


def test_imported_records_are_trusted_to_their_start_and_say_so(repo) -> None:
    registry = (Path(repo()) / "notices" / "_board.yml").read_text(encoding="utf-8")
    root = init(repo(registry=registry + "imported: 2026-03-31\n"))
    write(root, "jinpu/2026/a.md")
    commit(root, "Import from paper", "2026-03-30T09:00:00+08:00")
    write(root, "jinpu/2026/a.md", title="乙")
    commit(root, "Typo during the import", "2026-03-31T09:00:00+08:00")
    write(root, "jinpu/2026/a.md", title="丙")
    commit(root, "Edit after the import", "2026-04-02T09:00:00+08:00")
    write(root, "jinpu/2026/b.md")
    commit(root, "New notice", "2026-04-03T09:00:00+08:00")
    pubs = load_board(root, "2026-04-10").board.publications()
    a, b = pubs["jinpu/2026/a"], pubs["jinpu/2026/b"]
    assert (a.day, a.imported) == (date(2026, 3, 20), True)
    assert [c.subject for c in a.edits] == ["Edit after the import"]
    assert (b.day, b.imported, b.edits) == (date(2026, 4, 3), False, ())


def test_parse_log_reads_deletions_readds_and_chinese_names() -> None:
    rs, fs = "\x1e", "\x1f"
    output = (
        f"{rs}aaa{fs}1774000000{fs}Add\0\nA\0notices/j/2026/金铺.md\0A\0notices/j/2026/x.md\0"
        f"{rs}bbb{fs}1774100000{fs}Drop x\0\nD\0notices/j/2026/x.md\0"
        f"{rs}ccc{fs}1774200000{fs}Bring x back\0\nA\0notices/j/2026/x.md\0"
        f"{rs}ddd{fs}1774300000{fs}Edit\0\nM\0notices/j/2026/金铺.md\0"
    )
    files = parse_log(output, "UTC")
    assert files["notices/j/2026/x.md"].added.sha == "ccc"
    assert files["notices/j/2026/x.md"].later == ()
    assert [c.sha for c in files["notices/j/2026/金铺.md"].later] == ["ddd"]
