"""`noticeboard check`: output formats, exit codes, and usage errors, through `main()` with the
working folder and environment of a real run; the console script itself runs once per exit
status in a subprocess (support/cli.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from noticeboard.cli.main import main
from support.cli import Ran, console_script, in_process
from support.notice_text import SHORT_NOTICE as GOOD

BAD_A = GOOD.replace("branch: jinpu", "branch: nowhere").replace("title: 公示", "titel: 公示")
BAD_B = GOOD.replace("period: {start: 2024-06-12", "period: {start: 2024/06/12")


TODAY = {"NOTICEBOARD_TODAY": "2024-06-15"}


@pytest.fixture
def run(monkeypatch, capsys) -> Callable[..., Ran]:
    """`noticeboard ARGS` from `cwd` on 2024-06-15 (env may override), in this process."""
    call = in_process(monkeypatch, capsys)
    return lambda args, cwd, **env: call(args, cwd, {**TODAY, **env})


@pytest.fixture
def broken(repo) -> Path:
    return repo({"jinpu/2024/b.md": BAD_B, "jinpu/2024/a.md": BAD_A, "jinpu/2024/ok.md": GOOD})


def test_clean_board_exits_0(run, repo):
    done = run(["check"], repo({"jinpu/2024/ok.md": GOOD}))
    assert (done.returncode, done.stdout) == (0, "")
    assert "checked 1 notice(s): 0 error(s)" in done.stderr
    assert "Traceback" not in done.stderr


def test_text_lists_every_problem_sorted_and_exits_1(run, broken):
    done = run(["check"], broken)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split(" error: ")[0] for line in lines] == [
        "notices/jinpu/2024/a.md:2:",
        "notices/jinpu/2024/a.md:2:",
        "notices/jinpu/2024/a.md:3:",
        "notices/jinpu/2024/b.md:6:",
    ]
    assert "unknown key 'titel' (did you mean 'title'?)" in lines[1]
    assert "unknown branch 'nowhere'" in lines[2]
    assert "'period.start' must be a date written as YYYY-MM-DD" in lines[3]


def test_runs_from_a_subfolder(run, broken):
    assert run(["check"], broken / "notices" / "jinpu").returncode == 1


def test_github_annotations(run, broken):
    done = run(["check", "--format", "github"], broken)
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith("::error file=notices/jinpu/2024/a.md,line=2::")
    assert len(done.stdout.splitlines()) == 4


def test_json_list(run, broken):
    done = run(["check", "--format", "json"], broken)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert [(d["path"], d["line"], d["severity"]) for d in data][-1] == (
        "notices/jinpu/2024/b.md",
        6,
        "error",
    )
    assert data[-1]["field"] == "period.start"


def test_json_empty_list_when_clean(run, repo):
    done = run(["check", "--format", "json"], repo({"jinpu/2024/ok.md": GOOD}))
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


@pytest.mark.parametrize("value", ["2024-13-01", "tomorrow", "2024/06/01"])
def test_bad_today_flag_is_usage_error(run, repo, value):
    done = run(["check", "--today", value], repo({"jinpu/2024/ok.md": GOOD}))
    assert done.returncode == 2
    assert f"--today: '{value}' is not a date; write it as YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_today_environment_is_usage_error(run, repo):
    done = run(["check"], repo({"jinpu/2024/ok.md": GOOD}), NOTICEBOARD_TODAY="soon")
    assert done.returncode == 2
    assert "NOTICEBOARD_TODAY: 'soon' is not a date" in done.stderr


def test_bad_format_is_usage_error(run, repo):
    done = run(["check", "--format", "xml"], repo())
    assert done.returncode == 2
    assert "invalid choice: 'xml'" in done.stderr


def test_outside_a_repository(run, tmp_path):
    done = run(["check"], tmp_path)
    assert done.returncode == 2
    assert "no notices/_board.yml" in done.stderr and "--root" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        ({"jinpu/2024/b.md": BAD_B}, ["check"], 1),
        ({"jinpu/2024/b.md": BAD_B}, ["check", "--today", "someday"], 2),
    ],
    ids=["errors", "usage"],  # 0 through the script: tests/cli/test_messages.py
)
def test_the_console_script_exits_with_mains_code(repo, files, args, code):
    """The installed script, as CI and pre-commit run it: the shell sees 0, 1 or 2, never a
    traceback, and problems go to stdout, the summary and usage errors to stderr."""
    done = console_script(args, repo(files), TODAY)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert (done.stdout.count(": error: "), "error(s), 0 warning(s)" in done.stderr) == {
        1: (1, True),
        2: (0, False),
    }[code]
    if code == 2:
        assert "--today: 'someday' is not a date" in done.stderr


def test_main_in_process_returns_exit_code(broken, capsys):
    assert main(["--root", str(broken), "check", "--today", "2024-06-15"]) == 1
    out = capsys.readouterr().out
    assert out.count(": error: ") == 4


def _stale_codeowners(root: Path) -> None:
    """A generated CODEOWNERS that no longer matches the registry: check's one warning."""
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    registry = root / "notices" / "_board.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("[jinpu-clerk]", "[new-clerk]"), encoding="utf-8")


@pytest.mark.parametrize(
    ("notices", "stale", "severities", "code"),
    [
        ({"jinpu/2024/ok.md": GOOD}, False, set(), 0),
        ({"jinpu/2024/ok.md": GOOD}, True, {"warning"}, 0),  # warnings alone pass
        ({"jinpu/2024/b.md": BAD_B}, False, {"error"}, 1),
        ({"jinpu/2024/b.md": BAD_B}, True, {"error", "warning"}, 1),
    ],
    ids=["clean", "warnings-only", "errors-only", "errors-and-warnings"],
)
def test_exit_code_follows_the_worst_severity(repo, capsys, notices, stale, severities, code):
    root = repo(notices)
    if stale:
        _stale_codeowners(root)
    capsys.readouterr()
    args = ["--root", str(root), "check", "--format", "json", "--today", "2024-06-15"]
    assert main(args) == code
    assert {p["severity"] for p in json.loads(capsys.readouterr().out)} == severities


def test_usage_error_exits_2_even_on_a_board_with_errors(repo, capsys):
    root = repo({"jinpu/2024/b.md": BAD_B})
    assert main(["--root", str(root), "check", "--today", "someday"]) == 2
    assert "--today" in capsys.readouterr().err
