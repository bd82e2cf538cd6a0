"""The tables of common errors in docs/submit.md and docs/en/submit.md quote the checker's real
messages, in Chinese and in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from noticeboard.load.board import load_board
from noticeboard.load.fields import PLACEHOLDER

REPO = Path(__file__).resolve().parents[2]
GOOD = """---
title: 关于发展李某某同志为中共预备党员的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period:
  start: 2026-11-23
  end: 2026-11-27
reviewed_by: 金铺村党支部委员会
---
经支部委员会研究，拟发展李某某同志为中共预备党员，现予公示。
"""
# (folder year, the notice): each row of the table, made by writing the mistake it describes
CASES = {
    "full-width colon": ("2026", GOOD.replace("reviewed_by: ", "reviewed_by：")),
    "tab": ("2026", GOOD.replace("  end: 2026", "\tend: 2026")),
    "typo": ("2026", GOOD.replace("title:", "titel:")),
    "quoted date": ("2026", GOOD.replace("start: 2026-11-23", "start: '2026-11-23'")),
    "chinese date": ("2026", GOOD.replace("start: 2026-11-23", "start: 2026年11月23日")),
    "year folder": ("2025", GOOD),
    "branch folder": ("2026", GOOD.replace("branch: jinpu", "branch: yutao")),
    "category": ("2026", GOOD.replace("category: organisation", "category: 党费")),
    "reviewer": ("2026", GOOD.replace("reviewed_by: 金铺村党支部委员会\n", "")),
    "approval": ("2026", GOOD.replace("---\n经", "major: true\n---\n经")),
    "too short": ("2026", GOOD.replace("end: 2026-11-27", "end: 2026-11-25")),
    "attachment": ("2026", GOOD.replace("---\n经", "attachments: [名单.pdf]\n---\n经")),
    "supersedes": ("2026", GOOD.replace("---\n经", "supersedes: jinpu/2026/old.md\n---\n经")),
    "issuer": ("2026", GOOD.replace("---\n经", "issuer: 村委会\n---\n经")),
    "placeholder": ("2026", GOOD + "\n" + PLACEHOLDER + "\n"),
    "mobile": ("2026", GOOD + "\n联系电话：13812345678\n"),
}


def messages(tmp_path: Path, case: str) -> list[str]:
    year, text = CASES[case]
    (tmp_path / "notices").mkdir()
    shutil.copy(REPO / "notices" / "_board.yml", tmp_path / "notices" / "_board.yml")
    path = tmp_path / "notices" / "jinpu" / year / "a.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    problems = load_board(tmp_path, "2026-11-30").problems
    assert problems, case
    return [p.message.replace("|", "｜") for p in problems]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_table_quotes_the_message(tmp_path, chinese, case) -> None:
    message = messages(tmp_path, case)[0]
    table = (REPO / "docs" / "submit.md").read_text(encoding="utf-8")
    assert f"| {message} |" in table, f"docs/submit.md lacks the row for {case}: {message}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_english_table_quotes_the_english_message(tmp_path, case) -> None:
    table = (REPO / "docs" / "en" / "submit.md").read_text(encoding="utf-8")
    found = messages(tmp_path, case)
    assert any(f"| {m} |" in table for m in found), f"docs/en/submit.md lacks {case}: {found}"
