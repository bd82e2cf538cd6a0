"""The demo board in the real repository shows everything the public site must handle.

The demo is what a newcomer sees first and what the build and browser tests run on, so these
tests pin what it must contain on the fixed day 2026-11-26: every state, every category, every
disclosure type, the notices that must leave no trace, and the links between notices.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from noticeboard.load.board import Board, load_board
from noticeboard.problems import Severity
from noticeboard.publish.lifecycle import Placed, State
from support.demo_build import DEMO_MARKERS

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)

# Marker text written into the three notices that must never reach the public site; other
# tests grep the built site for them.
MARKERS = DEMO_MARKERS


@pytest.fixture(scope="module")
def board() -> Board:
    result = load_board(REPO_ROOT, TODAY)
    errors = [p.text() for p in result.problems if p.severity is Severity.ERROR]
    assert errors == []
    assert result.board is not None
    return result.board


@pytest.fixture(scope="module")
def placed(board: Board) -> dict[str, Placed]:
    return board.placed()


def test_the_demo_has_enough_notices(board: Board) -> None:
    assert len(board.notices) >= 30


def test_every_category_and_disclosure_type_is_used(board: Board) -> None:
    used = {n.category for n in board.notices}
    assert used == {c.id for c in board.registry.categories}
    assert len(used) == 8
    assert {n.disclosure for n in board.notices} == {"standing", "periodic", "ad-hoc"}


def test_every_branch_has_at_least_three_notices(board: Board) -> None:
    counts = Counter(n.branch for n in board.notices)
    assert len(board.registry.branches) == 6
    for branch in board.registry.branches:
        assert counts[branch.id] >= 3, branch.id


@pytest.mark.parametrize("state", [s for s in State if s is not State.UPCOMING])
def test_every_public_state_is_present(placed: dict[str, Placed], state: State) -> None:
    assert any(p.state is state for p in placed.values())


def test_several_notices_are_open_for_comment(placed: dict[str, Placed]) -> None:
    assert sum(p.state is State.ACTIVE for p in placed.values()) >= 3


def test_each_unpublished_kind_exists_and_carries_its_marker(
    board: Board, placed: dict[str, Placed]
) -> None:
    unpublished = [n for n in board.notices if n.id not in placed]
    kinds = {
        "draft": [n for n in unpublished if n.draft],
        "internal": [n for n in unpublished if n.scope == "internal"],
        "upcoming": [
            n for n in unpublished if not n.draft and n.scope == "public" and n.start > TODAY
        ],
    }
    for kind, notices in kinds.items():
        assert notices, kind
        assert any(MARKERS[kind] in n.title + n.body for n in notices), kind


def test_marker_text_appears_in_no_published_notice(placed: dict[str, Placed]) -> None:
    for p in placed.values():
        text = p.notice.title + p.notice.body + " ".join(p.notice.tags)
        assert not any(marker in text for marker in MARKERS.values()), p.notice.id


def test_a_reply_answers_a_published_notice(placed: dict[str, Placed]) -> None:
    replies = [p for p in placed.values() if p.notice.responds_to]
    assert replies
    for reply in replies:
        original = placed[reply.notice.responds_to]
        assert reply.notice.id in original.answered_by


def test_a_correction_supersedes_a_published_notice(placed: dict[str, Placed]) -> None:
    corrections = [p for p in placed.values() if p.notice.supersedes and "更正" in p.notice.title]
    assert corrections
    for correction in corrections:
        for old in correction.notice.supersedes:
            assert placed[old].state is State.SUPERSEDED
            assert correction.notice.id in placed[old].superseded_by


def test_a_major_matter_names_its_approver(board: Board) -> None:
    majors = [n for n in board.notices if n.major]
    assert majors
    assert all(n.approved_by for n in majors)


def test_attachments_exist_and_stay_small(board: Board) -> None:
    attachments = [a for n in board.notices for a in n.attachments]
    suffixes = {Path(a.path).suffix for a in attachments}
    assert {".csv", ".pdf"} <= suffixes
    for a in attachments:
        file = REPO_ROOT / "notices" / a.path
        assert file.is_file()
        assert 0 < file.stat().st_size < 5_000
    pdf = next(REPO_ROOT / "notices" / a.path for a in attachments if a.path.endswith(".pdf"))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_periodic_notices_fulfil_the_schedule(board: Board) -> None:
    schedule = {s.id for s in board.registry.schedule if s.every != "standing"}
    assert {"dues-quarterly", "village-finance-quarterly", "appraisal-yearly"} <= schedule
    fulfilled = {value.partition("@")[0] for n in board.notices for value in n.fulfils}
    assert fulfilled == schedule


def test_standing_notices_describe_every_branch(placed: dict[str, Placed]) -> None:
    standing = {p.notice.branch for p in placed.values() if p.state is State.STANDING}
    assert standing == {"town", "jinpu", "yutao", "shisun", "weigang", "yuying"}


def test_notices_span_three_years(placed: dict[str, Placed]) -> None:
    assert {p.notice.year for p in placed.values()} >= {2024, 2025, 2026}


def test_chinese_values_and_display_names_are_exercised() -> None:
    texts = [f.read_text(encoding="utf-8") for f in (REPO_ROOT / "notices").rglob("*.md")]
    for line in (
        "disclosure: 长期",
        "disclosure: 定期",
        "disclosure: 随时",
        "branch: 余套村党支部",
        "category: 村务公开",
    ):
        assert any(line in t for t in texts), line


MOBILE = re.compile(r"(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)")
LONG_DIGITS = re.compile(r"(?<!\d)\d{15}(?:\d{2}[\dXx])?(?!\d)")


def test_demo_text_carries_no_unmasked_mobile_or_id_number() -> None:
    for file in (REPO_ROOT / "notices").rglob("*"):
        if file.suffix not in {".md", ".csv", ".yml"}:
            continue
        text = unicodedata.normalize("NFKC", file.read_text(encoding="utf-8"))
        assert not MOBILE.search(text), file
        assert not LONG_DIGITS.search(text), file


@pytest.mark.parametrize("page", ["about.md", "guide.md", "submit.md"])
def test_each_doc_page_links_to_its_translation(page: str) -> None:
    zh = (REPO_ROOT / "docs" / page).read_text(encoding="utf-8")
    en = (REPO_ROOT / "docs" / "en" / page).read_text(encoding="utf-8")
    assert f"[English](en/{page})" in zh
    assert f"[中文](../{page})" in en
