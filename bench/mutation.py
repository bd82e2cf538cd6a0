"""`make mutation`: mutmut over the modules where a wrong comparison costs the most; prints the
score per module and the surviving mutants. Not part of `make test` (minutes, not seconds).

mutmut 3 finds the code it mutates by convention (`src/` or the project folder) and names
mutants after the file path, while this repository keeps its package in `hooks/`. So the run
happens in a staging folder: hooks/noticeboard copied to src/noticeboard, the tests beside it,
and a pyproject.toml whose pythonpath points at src; one such folder and one mutmut run per
module. Only fast unit tests run (`-m "not build and not browser and not slow"`), those listed
for the module in MODULES; mutmut runs, for each mutant, only those that reached the mutated
function.

    .venv/bin/python bench/mutation.py                     # every module below
    .venv/bin/python bench/mutation.py publish/sanitize.py # the modules whose path ends with this
    .venv/bin/python bench/mutation.py --max-children 2    # mutants run side by side (default 1)

The default of one mutant at a time (run under `nice`) leaves the other core to whoever shares
the machine; `--max-children` trades that for speed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Each module with the tests that run against its mutants: the tests of its own layer that
# exercise it. mutmut already runs, per mutant, only the tests that reached the mutated
# function, but every notice load reaches privacy and the registry readers, and each surviving
# mutant runs all of those; the narrower list keeps a run in minutes on a shared machine. A
# narrower list can only kill fewer mutants, so the score is a lower bound.
REGISTRY_TESTS = [
    "tests/load/test_registry*.py",
    "tests/load/test_members.py",
    "tests/load/test_bodies.py",
    "tests/load/test_minimum_period.py",
    "tests/load/test_hostile_text.py",
    "tests/load/test_accountability.py",
]
MODULES: dict[str, list[str]] = {
    "noticeboard/publish/lifecycle.py": ["tests/publish"],
    "noticeboard/load/privacy.py": [
        "tests/load/test_privacy.py",
        "tests/load/test_hostile*.py",
        "tests/load/test_plain_numbers.py",
        "tests/load/test_notice_rules.py",
    ],
    "noticeboard/publish/sanitize.py": ["tests/publish"],
    "noticeboard/urls.py": ["tests/load", "tests/publish", "tests/cli"],
    "noticeboard/load/registry.py": REGISTRY_TESTS,
    "noticeboard/load/registry_reader.py": REGISTRY_TESTS,
    "noticeboard/publish/ledger.py": [
        "tests/publish/test_ledger.py",
        "tests/publish/test_accountability_views.py",
        "tests/cli/test_report_due.py",
    ],
}
TARGET = 0.90

CONFIG = """
[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["src", "tests"]
addopts = "-p no:randomly -p no:cacheprovider"
norecursedirs = [".*", "__pycache__", "node_modules", "fixtures"]
markers = ["browser: -", "build: -", "slow: -"]

[tool.mutmut]
source_paths = ["src/"]
only_mutate = {only}
also_copy = {also}
pytest_add_cli_args = ["-q", "-x", "-m", "not build and not browser and not slow"]
pytest_add_cli_args_test_selection = {tests}
"""


def stage(work: Path, module: str) -> None:
    """The repository as the tests expect it, with the package moved from hooks/ to src/."""
    skip = shutil.ignore_patterns("__pycache__", ".git", ".venv", "node_modules", "site", "bench")
    shutil.copytree(REPO, work, ignore=skip, dirs_exist_ok=True)
    (work / "src").mkdir()
    shutil.move(work / "hooks" / "noticeboard", work / "src" / "noticeboard")
    (work / "hooks" / "noticeboard").symlink_to(Path("..") / "src" / "noticeboard")
    (work / "pyproject.toml").unlink()
    tests = sorted(str(t.relative_to(work)) for g in MODULES[module] for t in work.glob(g))
    config = CONFIG.format(
        only=f'["src/{module}"]',
        also="[" + ", ".join(f'"{p.name}"' for p in sorted(work.iterdir())) + "]",
        tests="[" + ", ".join(f'"{t}"' for t in tests) + "]",
    )
    (work / "pyproject.toml").write_text(config, encoding="utf-8")


def results(work: Path) -> dict[str, str]:
    """mutant name -> status (killed, survived, no tests, timeout, ...)."""
    done = subprocess.run(
        [str(BIN / "mutmut"), "results", "--all", "true"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    found = {}
    for line in done.stdout.splitlines():
        m = re.match(r"\s*([\w.]+__mutmut_\d+): (.+)$", line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def show(work: Path, name: str) -> str:
    """The mutant's diff, for the list of survivors."""
    done = subprocess.run(
        [str(BIN / "mutmut"), "show", name], cwd=work, capture_output=True, text=True, check=False
    )
    changed = [
        line
        for line in done.stdout.splitlines()
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    return " / ".join(line.strip() for line in changed)


def module_of(mutant: str) -> str:
    """`noticeboard.urls.x_notice_url__mutmut_3` -> `noticeboard/urls.py`."""
    dotted = mutant.split(".x")[0] if ".x" in mutant else mutant.rsplit(".", 1)[0]
    return dotted.replace(".", "/") + ".py"


def run_module(module: str, max_children: int) -> tuple[Counter[str], list[str]]:
    """Stage the repository for `module`, run mutmut over it; counts by status, survivors."""
    with tempfile.TemporaryDirectory(prefix="nb-mutation-") as tmp:
        work = Path(tmp)
        stage(work, module)
        done = subprocess.run(
            [str(BIN / "mutmut"), "run", "--max-children", str(max_children)],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        # mutmut draws a spinner; keep its last words (the speed, or why it stopped)
        lines = [line.split("\r")[-1] for line in done.stdout.splitlines() if line.strip()]
        print(module, *(lines[-1:] if done.returncode == 0 else lines[-40:]), done.stderr[-2000:])
        status = results(work)
        diffs = {name: show(work, name) for name, state in status.items() if state != "killed"}
    counts: Counter[str] = Counter()
    survivors = []
    for name, state in sorted(status.items()):
        if module_of(name).endswith(module):
            counts[state] += 1
            if state != "killed":
                survivors.append(f"{name}: {state}\n    {diffs.get(name, '')}")
    return counts, survivors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help="run only the modules whose path ends so")
    parser.add_argument("--max-children", type=int, default=1, help="mutants run at once")
    args = parser.parse_args(argv)
    wanted = [m for m in MODULES if (REPO / "hooks" / m).is_file()]
    if args.modules:
        wanted = [m for m in wanted if any(m.endswith(a) for a in args.modules)]
        if not wanted:
            parser.error(f"no module of {list(MODULES)} ends with {args.modules}")
    os.nice(10)  # the mutants' pytest runs yield to everything else on the machine
    rows, survivors, failing = [], [], False
    for module in wanted:  # one staging folder and one mutmut run per module
        counts, found = run_module(module, args.max_children)
        total, killed = sum(counts.values()), counts["killed"]
        score = killed / total if total else 0.0
        failing |= score < TARGET
        other = total - killed - counts["survived"]
        rows.append(
            f"| {module} | {total} | {killed} | {counts['survived']} | {other} | {score:.0%} |"
        )
        survivors += found
    print("\n| module | mutants | killed | survived | other | score |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    if survivors:
        print("\nSurviving mutants (see `mutmut show NAME` in a staged run; bench/README.md):")
        print("\n".join(f"- {s}" for s in survivors))
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
