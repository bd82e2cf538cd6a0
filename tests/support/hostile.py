"""A board where every front-matter field, every registry text value and a file name carry
markup: the input of tests/build/test_hostile_fields.py.

Each value is `<key>` followed by MARKUP, so a failure names the field that leaked. Values
that are not free text (dates, booleans, choices, ids, numbers of days) are still set, so the
board fills every field of `fields.py`; they cannot carry markup because the loader refuses it.
"""

from __future__ import annotations

import json
from pathlib import Path

MARKUP = "<img src=x onerror=alert(1)>\"'&"
TODAY = "2026-11-26"


def hostile(key: str) -> str:
    """The value a free-text field gets: its own name, then the markup."""
    return f"{key}{MARKUP}"


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# File names with markup are refused by `check` and the build (names go into addresses; issue
# 10), which test_hostile_fields.py asserts; the built board uses plain names.
FILE_STEM = "hostile"
ATTACHMENT = "att.csv"
MARKUP_FILE_STEM = "n" + MARKUP
MARKUP_ATTACHMENT = "att" + MARKUP + ".csv"

REGISTRY = f"""\
timezone: Asia/Shanghai
branches:
  - id: town
    name: {q(hostile("branch.name"))}
    feedback:
      phone: {q(hostile("branch.feedback.phone"))}
      email: {q(hostile("branch.feedback.email"))}
      address: {q(hostile("branch.feedback.address"))}
      person: {q(hostile("branch.feedback.person"))}
    maintainers: [town-clerk]
    bodies:
      - id: committee
        name: {q(hostile("body.name"))}
        feedback:
          phone: {q(hostile("body.feedback.phone"))}
          email: {q(hostile("body.feedback.email"))}
          address: {q(hostile("body.feedback.address"))}
          person: {q(hostile("body.feedback.person"))}
  - id: jinpu
    name: 金铺村党支部
    parent: town
categories:
  - id: organisation
    name: {q(hostile("category.name"))}
    description: {q(hostile("category.description"))}
    min_days: 1
    min_working_days: 1
    feedback_by: committee
  - id: finance
    name: 财务公开
schedule:
  - id: dues-quarterly
    name: {q(hostile("schedule.name"))}
    every: quarter
    within_days: 15
    branches: all
    category: organisation
holidays:
  2026: {{off: [2026-10-01], work: [2026-10-10]}}
"""

OLD = """\
---
title: 旧公示
branch: town
category: finance
disclosure: ad-hoc
period: {start: 2026-11-02, end: 2026-11-06}
reviewed_by: 支委会
---
正文。
"""

ASKED = """\
---
title: 征求意见
branch: town
category: finance
disclosure: ad-hoc
period: {start: 2026-11-02, end: 2026-11-06}
reviewed_by: 支委会
---
正文。
"""


def notice_text() -> str:
    """The hostile notice: every key of fields.FIELDS (guarded by the test)."""
    fb = ", ".join(
        f"{k}: {q(hostile('feedback.' + k))}" for k in ("phone", "email", "address", "person")
    )
    return (
        "---\n"
        f"title: {q(hostile('title'))}\n"
        f"branch: {q(hostile('branch.name'))}\n"
        f"category: {q(hostile('category.name'))}\n"
        "disclosure: 定期\n"
        "period: {start: 2026-11-20, end: 2026-11-30}\n"
        "expires: 2026-12-31\n"
        f"number: {q(hostile('number'))}\n"
        f"reviewed_by: {q(hostile('reviewed_by'))}\n"
        "major: true\n"
        f"approved_by: {q(hostile('approved_by'))}\n"
        "scope: public\n"
        "draft: false\n"
        f"feedback: {{{fb}}}\n"
        "supersedes: town/2026/old\n"
        "responds_to: town/2026/asked\n"
        "fulfils: dues-quarterly\n"
        f"corrections: [{{date: 2026-11-25, note: {q(hostile('corrections.note'))}}}]\n"
        "opinions_received: 2\n"
        "issuer: committee\n"
        f"attachments: [{q(ATTACHMENT)}]\n"
        f"tags: [{q(hostile('tags'))}]\n"
        "---\n"
        "正文。\n"
    )


def write_board(root: Path) -> Path:
    """notices/ of the hostile board under `root`."""
    notices = root / "notices"
    year = notices / "town" / "2026"
    year.mkdir(parents=True)
    (notices / "_board.yml").write_text(REGISTRY, encoding="utf-8")
    (year / "old.md").write_text(OLD, encoding="utf-8")
    (year / "asked.md").write_text(ASKED, encoding="utf-8")
    (year / f"{FILE_STEM}.md").write_text(notice_text(), encoding="utf-8")
    (year / ATTACHMENT).write_text("a,b\n1,2\n", encoding="utf-8")
    return root
