"""`mkdocs build` runs the same checks and stops with the same messages, never a traceback."""

from __future__ import annotations

import re

import pytest

from support.tiny_site import GOOD, run_build, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

BAD_DATES = GOOD.replace(
    "period: {start: 2024-06-12, end: 2024-06-18}", "period: {start: 2024-06-12, end: 2024-06-01}"
)
BAD_PHONE = GOOD.replace("现予公示。", "现予公示。\n\n联系电话：13812345678")
PROBLEM_LINE = re.compile(r"^notices/\S+:\d+: (error|warning): ")


def test_build_stops_with_the_check_messages(repo):
    root = write_site(
        repo({"jinpu/2024/a.md": BAD_DATES, "jinpu/2024/b.md": BAD_PHONE, "jinpu/2024/ok.md": GOOD})
    )
    done = run_build(root)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    problem_lines = [line for line in done.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert problem_lines == [  # in Chinese: the build's default, like the CLI's
        "notices/jinpu/2024/a.md:6: error: period.end（2024-06-01）早于 period.start"
        "（2024-06-12）：截止日期应不早于开始日期",
        "notices/jinpu/2024/b.md:12: error: 手机号码未遮挡：公开的公示不得显示完整号码，"
        "请写成 138****5678",
    ]
    assert "公示中有 2 个错误，未生成网站" in done.stderr
    assert not (root / "site" / "index.html").exists()


def test_build_with_a_broken_registry_stops_cleanly(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}, registry="branches: [\n"))
    done = run_build(root)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    problem_lines = [line for line in done.stderr.splitlines() if PROBLEM_LINE.match(line)]
    assert len(problem_lines) == 1
    assert problem_lines[0].startswith("notices/_board.yml:2: error: YAML 格式有误")


def test_build_messages_in_english_on_request(repo):
    root = write_site(repo({"jinpu/2024/a.md": BAD_DATES}))
    done = run_build(root, env={"NOTICEBOARD_LANG": "en"})
    assert "'period.end' (2024-06-01) is before 'period.start' (2024-06-12)" in done.stderr
    assert "1 error(s) in the notices; nothing was built" in done.stderr


def test_a_bad_language_stops_the_build_in_chinese(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}))
    done = run_build(root, env={"NOTICEBOARD_LANG": "fr"})
    assert done.returncode != 0
    assert "NOTICEBOARD_LANG：不支持的语言“fr”" in done.stderr
    assert "Traceback" not in done.stderr


def test_clean_board_builds(repo):
    root = write_site(repo({"jinpu/2024/ok.md": GOOD}))
    done = run_build(root)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "index.html").is_file()
