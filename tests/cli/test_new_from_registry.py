"""`noticeboard new` takes its defaults from the registry, says why, and asks on a terminal."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from conftest import REGISTRY
from noticeboard.cli.main import main
from noticeboard.load.source import decode, split_front_matter
from noticeboard.load.workdays import known_years

BOARD = (
    REGISTRY.replace(
        "    maintainers: [jinpu-clerk]\n",
        """    maintainers: [jinpu-clerk]
    feedback: {phone: "0550-1111111"}
    bodies:
      - id: cwh
        name: 金铺村村民委员会
      - id: jwh
        name: 金铺村村务监督委员会
        feedback: {phone: "0550-2222222"}
""",
    )
    .replace("    name: 组织建设\n", "    name: 组织建设\n    min_working_days: 5\n")
    .replace("    name: 财务公开\n", "    name: 财务公开\n    feedback_by: jwh\n    issuer: cwh\n")
)


def front_matter(path: Path) -> dict:
    return split_front_matter(decode(path.read_bytes())).meta.data


@pytest.fixture
def root(repo, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NOTICEBOARD_TODAY", raising=False)
    monkeypatch.delenv("CI", raising=False)
    folder = repo(registry=BOARD)
    monkeypatch.chdir(folder)
    return folder


def new(root: Path, *options: str) -> int:
    return main(["--root", str(root), "new", *options])


def test_a_scheduled_category_gives_periodic_and_the_quarter_due(root, capsys) -> None:
    code = new(root, "--branch", "jinpu", "--category", "finance", "--title", "三季度财务公开")
    assert code == 0
    out, err = capsys.readouterr()
    # --today not given: the environment fixes nothing, so give it explicitly next time
    path = root / out.strip()
    meta = front_matter(path)
    assert meta["disclosure"] == "periodic"
    assert meta["fulfils"] == "dues-quarterly"
    assert meta["issuer"] == "cwh"
    assert "dues-quarterly" in err and "issuer" in err


def test_the_period_due_and_the_reasons_in_chinese(root, capsys, chinese) -> None:
    code = new(
        root,
        *("--branch", "jinpu", "--category", "财务公开", "--title", "三季度财务公开"),
        *("--today", "2026-10-09"),
    )
    assert code == 0
    out, err = capsys.readouterr()
    path = root / out.strip()
    text = path.read_text(encoding="utf-8")
    assert "fulfils: dues-quarterly  # 完成定期公开事项：2026年第三季度" in text
    assert "issuer: cwh  # 发布单位：金铺村村民委员会" in text
    body = split_front_matter(text).body
    assert body.rstrip().endswith("金铺村村民委员会\n\n2026年10月9日")
    assert "向金铺村村务监督委员会反映" in body  # the category's feedback_by
    assert "已按登记表选择" in err
    assert "公开形式：定期（periodic）" in err
    assert "2026年第三季度" in err
    assert "发布单位：金铺村村民委员会" in err


def test_the_category_minimum_is_the_default_period(root, capsys) -> None:
    start = date(2026, 9, 28)  # before the National Day holiday
    assert (
        new(
            root,
            "--branch",
            "jinpu",
            "--category",
            "organisation",
            "--title",
            "发展党员公示",
            "--today",
            start.isoformat(),
        )
        == 0
    )
    meta = front_matter(root / capsys.readouterr().out.strip())
    fifth = chinese_calendar.get_workdays(start, start + timedelta(days=30))[4]
    assert meta["disclosure"] == "ad-hoc"
    assert meta["period"] == {"start": start, "end": fifth}
    assert "issuer" not in meta  # Party affairs: the branch issues them


def test_an_unknown_issuer_is_a_usage_error(root, capsys, chinese) -> None:
    code = new(
        root, "--branch", "jinpu", "--category", "finance", "--title", "x", "--issuer", "村委"
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "找不到发布单位“村委”" in err and "cwh (金铺村村民委员会)" in err


def test_working_days_into_a_year_only_the_registry_knows(repo, monkeypatch, capsys) -> None:
    last = known_years()[1]
    nxt = last + 1
    registry = BOARD + f"holidays:\n  {nxt}:\n    off: [{nxt}-01-01, {nxt}-01-02]\n"
    root = repo(registry=registry)
    monkeypatch.chdir(root)
    code = new(
        root,
        "--branch",
        "jinpu",
        "--category",
        "organisation",
        "--title",
        "年末公示",
        "--today",
        f"{last}-12-30",
        "--working-days",
        "5",
    )
    assert code == 0, capsys.readouterr().err
    meta = front_matter(root / capsys.readouterr().out.strip())
    days = [date(last, 12, 30) + timedelta(days=i) for i in range(15)]
    working = [
        d
        for d in days
        if (d.year == last and chinese_calendar.is_workday(d))
        or (d.year == nxt and d.weekday() < 5 and d.day > 2)
    ]
    assert meta["period"]["end"] == working[4]


def test_working_days_into_an_unknown_year_name_the_registry_key(root, capsys, chinese) -> None:
    last = known_years()[1]
    code = new(
        root,
        "--branch",
        "jinpu",
        "--category",
        "organisation",
        "--title",
        "年末公示",
        "--today",
        f"{last}-12-28",
    )
    assert code == 2
    err = capsys.readouterr().err
    assert f"“holidays:” → “{last + 1}:”" in err and "--days" in err
    assert "Traceback" not in err


class Keyboard(io.StringIO):
    """Typed answers on a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_asks_with_the_registry_choices(root, monkeypatch, capsys) -> None:
    answers = "\n".join(
        ["2", "组织建设", "", "关于发展李某同志为预备党员的公示", "2026-11-23", "7"]
    )
    monkeypatch.setattr(sys, "stdin", Keyboard(answers + "\n"))
    assert new(root) == 0
    out, err = capsys.readouterr()
    path = root / out.strip().splitlines()[-1]
    meta = front_matter(path)
    assert (meta["branch"], meta["category"], meta["title"]) == (
        "jinpu",
        "organisation",
        "关于发展李某同志为预备党员的公示",
    )
    start = date(2026, 11, 23)
    assert meta["period"] == {
        "start": start,
        "end": chinese_calendar.get_workdays(start, start + timedelta(days=30))[6],
    }
    assert "1. town  镇党委" in err and "2. jinpu  金铺村党支部" in err
    assert "organisation  组织建设" in err


def test_ctrl_d_cancels_and_writes_nothing(root, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", Keyboard("2\n"))
    assert new(root) == 1
    assert "cancelled" in capsys.readouterr().err
    assert not (root / "notices" / "jinpu").exists()


@pytest.mark.parametrize("ci", [None, "true"])
def test_it_never_asks_without_a_terminal_or_in_ci(root, monkeypatch, capsys, ci) -> None:
    stdin = Keyboard("2\n1\nx\n\n\n") if ci else io.StringIO("2\n1\nx\n\n\n")
    monkeypatch.setattr(sys, "stdin", stdin)
    if ci:
        monkeypatch.setenv("CI", ci)
    assert new(root) == 2
    err = capsys.readouterr().err
    assert "--branch, --category, --title" in err
    assert stdin.read() == "2\n1\nx\n\n\n"  # nothing was read


FINANCE = (
    "--branch",
    "jinpu",
    "--category",
    "finance",
    "--title",
    "财务公开",
    "--today",
    "2026-10-09",
)


def test_a_late_filing_names_its_period(root, capsys) -> None:
    """On 9 October the default is the third quarter; a late second-quarter account says so."""
    assert new(root, *FINANCE, "--period", "2026Q2") == 0
    path = root / capsys.readouterr().out.strip()
    assert front_matter(path)["fulfils"] == "dues-quarterly@2026Q2"
    assert "# 完成定期公开事项：2026年第二季度" in path.read_text(encoding="utf-8")
    assert main(["--root", str(root), "check", "--today", "2026-10-09"]) == 0
    # the default period, written out, stays the bare entry as before
    capsys.readouterr()
    assert (
        new(root, *FINANCE[:4], "--title", "三季度", "--today", "2026-10-09", "--period", "2026Q3")
        == 0
    )
    assert front_matter(root / capsys.readouterr().out.strip())["fulfils"] == "dues-quarterly"


@pytest.mark.parametrize(
    ("period", "says"),
    [
        ("2026H1", "'2026H1' is not a period of"),
        ("2026年二季度", "write it like 2026Q3"),
        ("2027Q1", "has not begun by the notice's first day 2026-10-09"),
    ],
)
def test_a_period_the_entry_does_not_have_is_a_usage_error(root, capsys, period, says) -> None:
    assert new(root, *FINANCE, "--period", period) == 2
    assert says in capsys.readouterr().err
    assert not (root / "notices" / "jinpu" / "2026").exists()


def test_on_a_terminal_it_asks_which_period_with_the_latest_as_default(
    root, monkeypatch, capsys
) -> None:
    answers = ["2", "财务公开", "", "财务公开", "2026-10-09", "2026H1", "2026Q2", ""]
    monkeypatch.setattr(sys, "stdin", Keyboard("\n".join(answers) + "\n"))
    assert new(root) == 0
    out, err = capsys.readouterr()
    assert front_matter(root / out.strip().splitlines()[-1])["fulfils"] == "dues-quarterly@2026Q2"
    assert "Enter for 2026年第三季度" in err and "'2026H1' is not a period of" in err
