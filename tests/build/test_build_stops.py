"""`mkdocs build` runs the same checks and stops with the same messages, never a traceback."""

from __future__ import annotations

import re
import subprocess

import pytest

from support.tiny_site import ENV, GOOD, MKDOCS, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

BAD_DATES = GOOD.replace(
    "period: {start: 2024-06-12, end: 2024-06-18}", "period: {start: 2024-06-12, end: 2024-06-01}"
)
BAD_PHONE = GOOD.replace("现予公示。", "现予公示。\n\n联系电话：13812345678")
PROBLEM_LINE = re.compile(r"^notices/\S+:\d+: (error|warning): ")


def build(root) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MKDOCS, "build", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )


def test_build_stops_with_the_check_messages(repo):
    root = write_site(
        repo({"jinpu/2024/a.md": BAD_DATES, "jinpu/2024/b.md": BAD_PHONE, "jinpu/2024/ok.md": GOOD})
    )
    done = build(root)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    problem_lines = [line for line in done.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert problem_lines == [
        "notices/jinpu/2024/a.md:6: error: 'period.end' (2024-06-01) is before 'period.start' "
        "(2024-06-12)",
        "notices/jinpu/2024/b.md:12: error: unmasked mobile phone number: a public notice must "
        "not show it in full; write it masked as 138****5678",
    ]
    assert "2 error(s) in the notices; nothing was built" in done.stderr
    assert not (root / "site" / "index.html").exists()


def test_build_with_a_broken_registry_stops_cleanly(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}, registry="branches: [\n"))
    done = build(root)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    problem_lines = [line for line in done.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert len(problem_lines) == 1
    assert problem_lines[0].startswith("notices/_board.yml:2: error: the YAML is not valid")


def test_clean_board_builds(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}))
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "index.html").is_file()
