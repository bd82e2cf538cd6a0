"""`report`, `due` and `remind`: thin commands over the ledger, run against a tiny repository."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from noticeboard.cli import reminders
from noticeboard.cli.main import main
from noticeboard.cli.reminders import Issue, marker
from support.git_history import commit, init

# conftest's registry: branches town, jinpu, yutao; dues-quarterly within 15 days, all branches
EXTRA = "since: 2026-01-01\n"


def dues(branch: str, start: str, end: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {branch}党费收缴情况公示\nbranch: {branch}\ncategory: finance\n"
        f"disclosure: periodic\nperiod: {{start: {start}, end: {end}}}\nreviewed_by: 支委会\n"
        f"feedback: {{address: 村部}}\nfulfils: dues-quarterly\n{extra}---\n正文。\n"
    )


@pytest.fixture
def root(repo) -> Path:
    from conftest import REGISTRY

    root = init(
        repo(
            registry=REGISTRY + EXTRA,
            notices={
                "jinpu/2026/q1.md": dues("jinpu", "2026-04-10", "2026-04-20"),
                "yutao/2026/q1.md": dues("yutao", "2026-04-10", "2026-04-20"),
            },
        )
    )
    commit(root, "Q1 dues", "2026-04-10T10:00:00+08:00")
    (root / "notices" / "yutao" / "2026" / "q2.md").write_text(
        dues("yutao", "2026-07-20", "2026-07-30"), encoding="utf-8"
    )
    commit(root, "Q2 dues, late", "2026-07-20T10:00:00+08:00")
    return root


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_report_text_json_and_csv(root: Path, capsys) -> None:
    assert run(root, "report", "--today", "2026-07-20") == 0
    out = capsys.readouterr().out
    assert "余套村党支部 (yutao)" in out and "2026年第2季度" in out and "逾期5天" in out
    assert run(root, "report", "--today", "2026-07-20", "--format", "json") == 0
    cells = {(c["branch"], c["period"]): c for c in json.loads(capsys.readouterr().out)}
    assert cells["jinpu", "2026Q1"]["status"] == "on-time"
    assert cells["jinpu", "2026Q2"]["status"] == "missing"
    assert cells["town", "2026Q1"]["label"] == "未公开"
    assert (cells["yutao", "2026Q2"]["days_late"], cells["yutao", "2026Q2"]["notice"]) == (
        5,
        "yutao/2026/q2",
    )
    assert run(root, "report", "--today", "2026-07-20", "--format", "csv") == 0
    data = capsys.readouterr().out
    assert data.startswith("\ufeffbranch,entry,period,due,status,days late,notice id")


def test_report_filters_by_period_and_branch_name(root: Path, capsys) -> None:
    args = ("report", "--today", "2026-07-20", "--format", "json")
    assert run(root, *args, "--period", "2026H1", "--branch", "余套村党支部") == 0
    cells = json.loads(capsys.readouterr().out)
    assert {(c["branch"], c["period"]) for c in cells} == {("yutao", "2026Q1"), ("yutao", "2026Q2")}
    assert run(root, *args, "--period", "2026Q5") == 2
    assert "2026Q3" in capsys.readouterr().err
    assert run(root, *args, "--branch", "nowhere") == 2
    assert "known branches: town, jinpu, yutao" in capsys.readouterr().err


def test_due_lists_overdue_and_what_falls_due_within_n_days(root: Path, capsys) -> None:
    assert run(root, "due", "--today", "2026-07-05", "--within", "14") == 0
    out = capsys.readouterr().out
    assert "## 镇党委" in out and "已逾期" in out  # town never published Q1
    assert "## 金铺村党支部" in out and "14天内到期" in out and "待公开（剩10天）" in out
    assert run(root, "due", "--today", "2026-07-05", "--within", "10", "--format", "json") == 0
    found = {d["branch"]: d for d in json.loads(capsys.readouterr().out)}
    assert [c["period"] for c in found["jinpu"]["due"]] == ["2026Q2"]
    assert [c["period"] for c in found["town"]["overdue"]] == ["2026Q1"]
    assert run(root, "due", "--today", "2026-07-05", "--within", "9", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)[1]["due"] == []


class FakeIssues:
    """The GitHub seam, in memory."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = {i.number: i for i in issues}
        self.closed: list[int] = []
        self.comments: dict[int, str] = {}
        self.commented: list[int] = []

    def open_issues(self) -> list[Issue]:
        return [i for n, i in sorted(self.issues.items()) if n not in self.closed]

    def create(self, title: str, body: str) -> int:
        number = max(self.issues, default=0) + 1
        self.issues[number] = Issue(number, title, body)
        return number

    def update(self, number: int, title: str, body: str) -> None:
        self.issues[number] = Issue(number, title, body)

    def comment(self, number: int, body: str) -> None:
        self.comments[number] = body
        self.commented.append(number)

    def close(self, number: int, comment: str) -> None:
        self.closed.append(number)
        self.comments[number] = comment


def remind(root: Path, client: FakeIssues, today: str) -> int:
    parser = argparse.ArgumentParser()
    args = parser.parse_args([])
    args.__dict__.update(
        root=root, today=today, within=14, repo="t/t", site_url=None, dry_run=False, client=client
    )
    return reminders.run(args)


def test_remind_keeps_exactly_one_open_issue_per_branch(root: Path, capsys) -> None:
    stale = Issue(7, "待公开事项提醒：金铺村党支部", f"{marker('jinpu')}\nold")
    twin = Issue(8, "待公开事项提醒：金铺村党支部", f"{marker('jinpu')}\nolder")
    unrelated = Issue(9, "别的问题", "与提醒无关")
    client = FakeIssues([stale, twin, unrelated])
    assert remind(root, client, "2026-07-05") == 0
    open_ = {i.number: i for i in client.open_issues()}
    assert 9 in open_ and 8 not in open_ and "重复" in client.comments[8]
    titles = sorted(i.title for i in open_.values() if i.number != 9)
    assert titles == [
        "待公开事项提醒：余套村党支部",
        "待公开事项提醒：金铺村党支部",
        "待公开事项提醒：镇党委",
    ]
    assert "2026年第2季度" in open_[7].body  # updated in place
    # mentions the branch's maintainers (conftest: jinpu-clerk)
    assert "@jinpu-clerk" in open_[7].body
    # nothing changes on a second run the same day
    before = dict(client.issues)
    assert remind(root, client, "2026-07-05") == 0
    assert client.issues == before
    # once every obligation is met, the branch's reminder closes
    (root / "notices" / "jinpu" / "2026" / "q2.md").write_text(
        dues("jinpu", "2026-07-06", "2026-07-12"), encoding="utf-8"
    )
    commit(root, "jinpu Q2", "2026-07-06T10:00:00+08:00")
    capsys.readouterr()
    assert remind(root, client, "2026-07-06") == 0
    assert 7 in client.closed and "closed #7 for jinpu" in capsys.readouterr().out


def test_remind_without_a_token_is_a_usage_error(root: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert run(root, "remind", "--today", "2026-07-05", "--repo", "t/t") == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err
    assert run(root, "remind", "--today", "2026-07-05", "--dry-run") == 0
    assert "create town" in capsys.readouterr().out


def test_an_update_with_news_mentions_the_maintainers_again(root: Path, capsys) -> None:
    """GitHub notifies a mention only in a new issue or comment, never in an edited body: an
    update that brings a new item (or turns a due item overdue) comments with just that item."""
    client = FakeIssues([])
    assert remind(root, client, "2026-07-05") == 0
    jinpu = next(i for i in client.open_issues() if "金铺村" in i.title)
    assert "待公开（剩10天）" in jinpu.body and client.commented == []  # creation notifies
    # a day later only the count of days left moves: the body follows, nobody is pinged
    assert remind(root, client, "2026-07-06") == 0
    assert "待公开（剩9天）" in client.issues[jinpu.number].body
    assert client.commented == []
    # past the deadline of 2026-07-15 the due quarter is overdue: that is news
    assert remind(root, client, "2026-07-16") == 0
    assert client.commented.count(jinpu.number) == 1
    news = client.comments[jinpu.number]
    assert "@jinpu-clerk" in news and "2026年第2季度" in news and "已逾期1天" in news
    assert "2026年第1季度" not in news  # jinpu published Q1: nothing old is repeated
    # the next day the overdue count moves, but nothing is new
    assert remind(root, client, "2026-07-17") == 0
    assert client.commented.count(jinpu.number) == 1
    assert "已逾期2天" in client.issues[jinpu.number].body
