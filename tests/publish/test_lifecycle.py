from datetime import date

import pytest

from noticeboard.model import Notice
from noticeboard.publish.lifecycle import (
    State,
    all_labels,
    date_state,
    is_published,
    labels_for,
    place,
)


def make(nid: str = "jinpu/2024/a", **kw) -> Notice:
    base = dict(
        id=nid,
        title="t",
        branch="jinpu",
        category="organisation",
        disclosure="ad-hoc",
        start=date(2024, 6, 12),
        end=date(2024, 6, 18),
        expires=date(2024, 6, 30),
        body="",
        body_line=1,
        reviewed_by="r",
    )
    base.update(kw)
    return Notice(**base)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2024, 6, 11), State.UPCOMING),
        (date(2024, 6, 12), State.ACTIVE),
        (date(2024, 6, 18), State.ACTIVE),
        (date(2024, 6, 19), State.CLOSED),
        (date(2024, 6, 30), State.CLOSED),
        (date(2024, 7, 1), State.ARCHIVED),
    ],
)
def test_dates_are_inclusive(today: date, state: State) -> None:
    assert date_state(make(), today) is state


def test_standing_notice_stays_standing() -> None:
    n = make(disclosure="standing", end=None, expires=None)
    assert date_state(n, date(2030, 1, 1)) is State.STANDING
    assert date_state(n, date(2024, 6, 1)) is State.UPCOMING


def test_only_a_published_notice_supersedes() -> None:
    old = make("jinpu/2024/old")
    newer = make(
        "jinpu/2024/new",
        supersedes=("jinpu/2024/old",),
        start=date(2024, 6, 20),
        end=date(2024, 6, 26),
        expires=date(2024, 6, 26),
    )
    placed = place([old, newer], date(2024, 6, 15))
    assert placed["jinpu/2024/old"].state is State.ACTIVE  # the newer one is still upcoming
    assert "jinpu/2024/new" not in placed
    placed = place([old, newer], date(2024, 6, 21))
    assert placed["jinpu/2024/old"].state is State.SUPERSEDED
    assert placed["jinpu/2024/old"].superseded_by == ("jinpu/2024/new",)


def test_drafts_and_internal_notices_are_not_placed() -> None:
    placed = place([make("a/1/d", draft=True), make("a/1/i", scope="internal")], date(2024, 6, 15))
    assert placed == {}


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2024, 6, 11), State.UPCOMING),
        (date(2024, 6, 12), State.STANDING),
        (date(2025, 12, 31), State.STANDING),  # the day it expires is still on the board
        (date(2026, 1, 1), State.ARCHIVED),  # the day after, archived
    ],
)
def test_standing_notice_with_expires_is_on_the_board_through_that_day(
    today: date, state: State
) -> None:
    n = make(disclosure="standing", end=None, expires=date(2025, 12, 31))
    assert date_state(n, today) is state


def test_placed_standing_notice_leaves_the_current_board_the_day_after_it_expires() -> None:
    n = make(disclosure="standing", end=None, expires=date(2025, 12, 31))
    on_the_day = place([n], date(2025, 12, 31))[n.id]
    after = place([n], date(2026, 1, 1))[n.id]
    assert (on_the_day.state, on_the_day.on_current_board) == (State.STANDING, True)
    assert (after.state, after.on_current_board) == (State.ARCHIVED, False)


def test_a_notice_is_published_on_its_first_day() -> None:
    n = make()
    assert "jinpu/2024/a" in place([n], date(2024, 6, 12))
    assert place([n], date(2024, 6, 11)) == {}


def test_a_published_answer_links_back_to_the_notice_it_answers() -> None:
    asked = make("jinpu/2024/asked")
    answer = make("jinpu/2024/answer", responds_to="jinpu/2024/asked", start=date(2024, 6, 20))
    before = place([asked, answer], date(2024, 6, 15))
    assert before["jinpu/2024/asked"].answered_by == ()  # the answer is not out yet
    after = place([asked, answer], date(2024, 6, 21))
    assert after["jinpu/2024/asked"].answered_by == ("jinpu/2024/answer",)
    assert after["jinpu/2024/answer"].answered_by == ()


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2024, 6, 18), State.ACTIVE),  # a standing disclosure given a period end runs to it
        (date(2024, 6, 19), State.CLOSED),  # then reads 公开期满 until it expires
        (date(2024, 7, 1), State.ARCHIVED),
    ],
)
def test_a_standing_notice_with_a_period_end_runs_like_a_dated_one(today, state) -> None:
    """period.end is optional for a standing notice, not forbidden; when given it counts."""
    assert date_state(make(disclosure="standing"), today) is state


def test_an_internal_notice_is_published_only_when_members_are_asked_for() -> None:
    internal = make(scope="internal")
    assert not is_published(internal, date(2024, 6, 15))  # the public site is the default
    assert is_published(internal, date(2024, 6, 15), members=True)


def test_each_label_names_the_disclosure_types_that_carry_it() -> None:
    """公开指南 explains each label with the kinds of notice that show it."""
    every = ("ad-hoc", "periodic", "standing")
    assert [(state, text, kinds) for state, text, kinds in all_labels()] == [
        (State.ACTIVE, "公示中", ("ad-hoc",)),
        (State.ACTIVE, "公开中", ("periodic", "standing")),
        (State.CLOSED, "公示期满", ("ad-hoc",)),
        (State.CLOSED, "公开期满", ("periodic", "standing")),
        (State.STANDING, "长期公开", every),
        (State.ARCHIVED, "已归档", every),
        (State.SUPERSEDED, "已被替代", every),
    ]


def test_an_unknown_disclosure_type_reads_like_an_ad_hoc_notice() -> None:
    """The fallback of the label table: a value it lacks (the loader refuses such a notice)
    gets the objection notice's words rather than no label."""
    assert labels_for("weekly") == labels_for("ad-hoc")
    assert labels_for("weekly")[State.ACTIVE] == "公示中"


def test_the_members_site_places_internal_notices() -> None:
    internal = make("jinpu/2024/i", scope="internal")
    assert list(place([internal], date(2024, 6, 15), members=True)) == ["jinpu/2024/i"]
    assert place([internal], date(2024, 6, 15)) == {}
