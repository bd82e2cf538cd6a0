"""A published notice changes only with a declared correction; recording opinions is not one."""

from __future__ import annotations

from datetime import date

from noticeboard.load.edit_rules import undeclared_changes

TODAY = date(2026, 12, 1)
OLD = """\
---
title: 关于发展李某同志的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2026-11-02, end: 2026-11-06}
number: 金党〔2026〕1号
reviewed_by: 支委会
attachments: [a.pdf]
---
正文。
"""


def test_each_guarded_part_is_an_undeclared_change_at_its_line() -> None:
    cases = {
        "title": OLD.replace("李某同志", "李某某同志"),
        "period": OLD.replace("end: 2026-11-06", "end: 2026-11-09"),
        "number": OLD.replace("1号", "2号"),
        "attachments": OLD.replace("[a.pdf]", "[a.pdf, b.pdf]"),
        "body": OLD.replace("正文。", "正文有改动。"),
    }
    lines = {"title": 2, "period": 6, "number": 7, "attachments": 9, "body": 11}
    for field, new in cases.items():
        assert undeclared_changes(OLD, new, TODAY) == [(field, lines[field])], field


def test_a_new_corrections_entry_declares_the_change() -> None:
    new = OLD.replace("李某同志", "李某某同志").replace(
        "reviewed_by: 支委会\n",
        "reviewed_by: 支委会\ncorrections:\n  - {date: 2026-11-30, note: 改正姓名}\n",
    )
    assert undeclared_changes(OLD, new, TODAY) == []
    # an old entry does not cover a new change
    again = new.replace("李某某同志", "李某甲同志")
    assert undeclared_changes(new, again, TODAY) == [("title", 2)]


def test_recording_opinions_or_tags_is_not_a_correction() -> None:
    new = OLD.replace(
        "reviewed_by: 支委会\n", "reviewed_by: 支委会\nopinions_received: 2\ntags: [x]\n"
    )
    assert undeclared_changes(OLD, new, TODAY) == []


def test_drafts_internal_and_upcoming_notices_were_not_published() -> None:
    for old in (
        OLD.replace("reviewed_by", "draft: true\nreviewed_by"),
        OLD.replace("reviewed_by", "scope: internal\nreviewed_by"),
        OLD.replace("start: 2026-11-02", "start: 2026-12-02").replace(
            "end: 2026-11-06", "end: 2026-12-06"
        ),
    ):
        assert undeclared_changes(old, old.replace("李某", "王某"), TODAY) == []
