"""The ledger's statuses, decided from notices, publication days and today (no git here)."""

from __future__ import annotations

from datetime import date, timedelta

from noticeboard.load.history import Publication
from noticeboard.model import Branch, Category, Notice, Registry, ScheduleEntry
from noticeboard.publish.ledger import (
    Cell,
    FeedbackState,
    Reply,
    Status,
    build_ledger,
    cell_record,
    feedback_state,
    feedback_states,
)
from noticeboard.publish.lifecycle import place

QUARTERLY = ScheduleEntry("dues", "党费", "quarter", 15, None, "dues")
DUTIES = ScheduleEntry("duties", "组织设置", "standing", 30, None, "duties")
REGISTRY = Registry(
    branches=(Branch("jinpu", "金铺"), Branch("yutao", "余套")),
    categories=(Category("dues", "党费"), Category("duties", "职责"), Category("org", "组织")),
    schedule=(QUARTERLY,),
    since=date(2026, 1, 1),
)


def n(id_: str, start: date, end: date | None, **kw) -> Notice:
    defaults = {"branch": id_.split("/")[0], "category": "dues", "disclosure": "periodic"}
    defaults.update(kw)
    return Notice(
        id=id_,
        title=id_,
        start=start,
        end=end,
        expires=kw.pop("expires", end),
        body="",
        body_line=1,
        **{k: v for k, v in defaults.items() if k != "expires"},
    )


def cells(notices, published: dict[str, date | None], today: date, registry=REGISTRY):
    pubs = {k: Publication(v) for k, v in published.items()}
    placed = place(notices, today)
    return {
        (c.branch, c.period_key): c for c in build_ledger(registry, notices, placed, pubs, today)
    }


def test_due_date_is_inclusive_on_time_late_and_retroactive() -> None:
    # Q1 2026 ends 31 March; due 15 April
    on_time = n("jinpu/2026/q1", date(2026, 4, 10), date(2026, 4, 20), fulfils=("dues",))
    late = n("yutao/2026/q1", date(2026, 4, 10), date(2026, 4, 20), fulfils=("dues",))
    got = cells(
        [on_time, late],
        {on_time.id: date(2026, 4, 15), late.id: date(2026, 4, 16)},
        date(2026, 5, 1),
    )
    assert (got["jinpu", "2026Q1"].status, got["jinpu", "2026Q1"].label) == (Status.ON_TIME, "按时")
    assert (got["yutao", "2026Q1"].status, got["yutao", "2026Q1"].label) == (Status.LATE, "逾期1天")
    assert got["yutao", "2026Q1"].days_late == 1
    # committed after its own period ended: a retroactive record, never on time
    retro = cells([on_time], {on_time.id: date(2026, 4, 21)}, date(2026, 5, 1))
    assert retro["jinpu", "2026Q1"].label == "补录"


def test_missing_after_the_due_day_due_until_then_and_the_year_boundary() -> None:
    on_due_day = cells([], {}, date(2026, 4, 15))
    assert on_due_day["jinpu", "2026Q1"].label == "待公开（剩0天）"
    assert on_due_day["jinpu", "2026Q2"].label == "待公开（剩91天）"  # due 15 July
    day_after = cells([], {}, date(2026, 4, 16))
    assert day_after["jinpu", "2026Q1"].status is Status.MISSING
    assert day_after["jinpu", "2026Q1"].label == "未公开"
    # nothing before since (1 Jan 2026) is owed; the new year's first quarter starts a row
    new_year = cells([], {}, date(2027, 1, 1))
    assert sorted(k for b, k in new_year if b == "jinpu") == [
        "2026Q1",
        "2026Q2",
        "2026Q3",
        "2026Q4",
        "2027Q1",
    ]
    assert new_year["jinpu", "2026Q4"].due == date(2027, 1, 15)


def test_unknown_publication_is_unverified_and_future_publication_does_not_count_yet() -> None:
    q1 = n("jinpu/2026/q1", date(2026, 4, 10), date(2026, 4, 20), fulfils=("dues",))
    assert cells([q1], {q1.id: None}, date(2026, 5, 1))["jinpu", "2026Q1"].label == "未核实"
    early = cells([q1], {q1.id: date(2026, 4, 12)}, date(2026, 4, 11))
    assert early["jinpu", "2026Q1"].status is Status.DUE


def test_a_correction_keeps_the_original_day_and_links_the_newer_notice() -> None:
    old = n("jinpu/2026/q1", date(2026, 4, 10), date(2026, 4, 20), fulfils=("dues",))
    new = n(
        "jinpu/2026/q1-fix",
        date(2026, 5, 10),
        date(2026, 5, 20),
        fulfils=("dues@2026Q1",),
        supersedes=(old.id,),
    )
    got = cells(
        [old, new], {old.id: date(2026, 4, 10), new.id: date(2026, 5, 10)}, date(2026, 6, 1)
    )["jinpu", "2026Q1"]
    assert (got.status, got.notice_id, got.published) == (Status.ON_TIME, new.id, date(2026, 4, 10))


def test_drafts_internal_and_upcoming_notices_fulfil_nothing() -> None:
    kw = {"fulfils": ("dues@2026Q1",)}
    draft = n("jinpu/2026/a", date(2026, 4, 1), date(2026, 4, 5), draft=True, **kw)
    internal = n("jinpu/2026/b", date(2026, 4, 1), date(2026, 4, 5), scope="internal", **kw)
    upcoming = n("jinpu/2026/c", date(2026, 4, 20), date(2026, 4, 25), **kw)
    pub = {x.id: date(2026, 4, 1) for x in (draft, internal, upcoming)}
    assert (
        cells([draft, internal, upcoming], pub, date(2026, 4, 19))["jinpu", "2026Q1"].status
        is Status.MISSING
    )


def test_standing_obligation_held_and_missing_since_the_gap() -> None:
    registry = Registry(
        branches=(Branch("jinpu", "金铺"),),
        categories=REGISTRY.categories,
        schedule=(DUTIES,),
        since=date(2026, 1, 1),
    )
    held = n("jinpu/2026/duties", date(2026, 1, 5), None, category="duties", disclosure="standing")
    got = cells([held], {held.id: date(2026, 1, 5)}, date(2026, 6, 1), registry)
    assert (got["jinpu", "standing"].label, got["jinpu", "standing"].notice_id) == (
        "在公开",
        held.id,
    )
    gone = n(
        "jinpu/2026/duties",
        date(2026, 1, 5),
        None,
        category="duties",
        disclosure="standing",
        expires=date(2026, 3, 31),
    )
    grace = cells([gone], {gone.id: date(2026, 1, 5)}, date(2026, 4, 30), registry)
    assert grace["jinpu", "standing"].label == "待公开（剩1天）"  # gap 1 April + 30 days
    missing = cells([gone], {gone.id: date(2026, 1, 5)}, date(2026, 6, 1), registry)
    assert missing["jinpu", "standing"].label == "未公开（自2026年4月1日起）"


def test_feedback_answered_awaiting_overdue_none_and_unrecorded() -> None:
    today = date(2026, 6, 1)
    end = today - timedelta(days=12)
    answered = n("jinpu/2026/a", end - timedelta(5), end, disclosure="ad-hoc", opinions_received=2)
    reply = n(
        "jinpu/2026/a-reply",
        end + timedelta(3),
        end + timedelta(8),
        disclosure="ad-hoc",
        responds_to=answered.id,
    )
    overdue = n("jinpu/2026/b", end - timedelta(5), end, disclosure="ad-hoc", opinions_received=1)
    awaiting = n(
        "jinpu/2026/c",
        end - timedelta(5),
        today - timedelta(2),
        disclosure="ad-hoc",
        opinions_received=1,
    )
    none = n("jinpu/2026/d", end - timedelta(5), end, disclosure="ad-hoc", opinions_received=0)
    unrecorded = n("jinpu/2026/e", end - timedelta(5), end, disclosure="ad-hoc")
    recent = n("jinpu/2026/f", end - timedelta(5), today - timedelta(10), disclosure="ad-hoc")
    periodic = n("jinpu/2026/g", end - timedelta(5), end)
    notices = [answered, reply, overdue, awaiting, none, unrecorded, recent, periodic]
    states = feedback_states(REGISTRY, notices, place(notices, today), {}, today)
    got = {k: (v.status, v.label) for k, v in states.items()}
    assert got == {
        answered.id: (Reply.ANSWERED, "已答复"),
        overdue.id: (Reply.OVERDUE, "逾期未答复"),
        awaiting.id: (Reply.AWAITING, "待答复（答复期限2026年6月9日）"),
        none.id: (Reply.NONE_RECEIVED, "未收到意见"),
        unrecorded.id: (Reply.UNRECORDED, "未登记意见情况"),
    }
    assert states[answered.id].replies == (reply.id,)


# --- a standing obligation, cell by cell (every field written out) ------------------------------

STANDING_REGISTRY = Registry(
    branches=(Branch("jinpu", "金铺"), Branch("yutao", "余套")),
    categories=REGISTRY.categories,
    schedule=(DUTIES,),  # 30 days to put a standing notice up; the board starts 1 Jan 2026
    since=date(2026, 1, 1),
)


def standing(id_: str, start: date, **kw) -> Notice:
    kw.setdefault("category", "duties")
    return n(id_, start, None, disclosure="standing", **kw)


def jinpu_cell(notices, published, today):
    return cells(notices, published, today, STANDING_REGISTRY)["jinpu", "standing"]


def test_a_held_standing_obligation_names_the_newest_notice_and_its_day() -> None:
    older = standing("jinpu/2026/duties", date(2026, 1, 5))
    newer = standing("jinpu/2026/duties-2", date(2026, 3, 1))
    pubs = {older.id: date(2026, 1, 5), newer.id: date(2026, 3, 2)}
    assert jinpu_cell([older, newer], pubs, date(2026, 6, 1)) == Cell(
        "jinpu", DUTIES, None, None, Status.HELD, notice_id=newer.id, published=date(2026, 3, 2)
    )
    # the same start: the later id is the newest; a notice git does not know has no day
    twin = standing("jinpu/2026/duties-3", date(2026, 3, 1))
    held = jinpu_cell([older, newer, twin], pubs, date(2026, 6, 1))
    assert (held.notice_id, held.published) == (twin.id, None)


def test_only_the_branchs_own_standing_notices_of_the_obligation_hold_it() -> None:
    today = date(2026, 6, 1)
    missing = Cell(
        "jinpu", DUTIES, None, date(2026, 1, 31), Status.MISSING, 151, gap_since=date(2026, 1, 1)
    )
    others = [
        standing("yutao/2026/duties", date(2026, 1, 5)),  # another branch's
        standing("jinpu/2026/org", date(2026, 1, 5), category="org"),  # another category
        n("jinpu/2026/adhoc", date(2026, 1, 5), date(2026, 1, 9), category="duties",
          expires=date(2026, 5, 1)),  # the category's, but not standing: no gap closes
    ]  # fmt: skip
    pubs = {x.id: date(2026, 1, 5) for x in others}
    assert jinpu_cell(others, pubs, today) == missing
    # a standing notice of another category that says it fulfils the obligation holds it
    claimed = standing(
        "jinpu/2026/org-duties", date(2026, 1, 5), category="org", fulfils=("duties",)
    )
    got = jinpu_cell([*others, claimed], {**pubs, claimed.id: date(2026, 1, 5)}, today)
    assert (got.status, got.notice_id) == (Status.HELD, claimed.id)


def test_a_standing_notice_published_after_today_does_not_hold_yet() -> None:
    notice = standing("jinpu/2026/duties", date(2026, 1, 5))
    today = date(2026, 1, 20)
    assert jinpu_cell([notice], {notice.id: date(2026, 1, 21)}, today).status is Status.DUE
    assert jinpu_cell([notice], {notice.id: today}, today).status is Status.HELD


def test_a_standing_gap_is_due_through_its_last_day_then_missing() -> None:
    gap = date(2026, 1, 1)
    assert jinpu_cell([], {}, date(2026, 1, 31)) == Cell(
        "jinpu", DUTIES, None, date(2026, 1, 31), Status.DUE, 0, gap_since=gap
    )
    assert jinpu_cell([], {}, date(2026, 2, 1)) == Cell(
        "jinpu", DUTIES, None, date(2026, 1, 31), Status.MISSING, 31, gap_since=gap
    )


def test_feedback_states_name_their_notice_and_count_only_replies_already_published() -> None:
    today = date(2026, 6, 1)
    end = date(2026, 5, 20)  # the reply is due 10 days on (the default): 30 May
    asked = n("jinpu/2026/a", date(2026, 5, 10), end, disclosure="ad-hoc", opinions_received=2)
    reply = n("jinpu/2026/a-reply", date(2026, 5, 25), date(2026, 5, 30), disclosure="ad-hoc",
              responds_to=asked.id)  # fmt: skip
    notices = [asked, reply]
    placed = place(notices, today)
    due = date(2026, 5, 30)
    published = {asked.id: Publication(date(2026, 5, 10)), reply.id: Publication(date(2026, 5, 25))}
    assert feedback_state(placed[asked.id], REGISTRY, today, published) == FeedbackState(
        asked.id, Reply.ANSWERED, replies=(reply.id,)
    )
    later = {**published, reply.id: Publication(today + timedelta(days=1))}  # not out yet
    assert feedback_state(placed[asked.id], REGISTRY, today, later) == FeedbackState(
        asked.id, Reply.OVERDUE, due
    )
    assert feedback_state(placed[asked.id], REGISTRY, due, later) == FeedbackState(
        asked.id,
        Reply.AWAITING,
        due,  # the due day itself is still in time
    )
    # no opinions, yet answered all the same; opinions on a standing notice await with no date
    none = n("jinpu/2026/b", date(2026, 5, 10), end, disclosure="ad-hoc", opinions_received=0)
    lasting = standing("jinpu/2026/c", date(2026, 5, 10), opinions_received=1)
    placed = place([none, lasting], today)
    assert feedback_state(placed[none.id], REGISTRY, today) == FeedbackState(
        none.id, Reply.NONE_RECEIVED
    )
    assert feedback_state(placed[lasting.id], REGISTRY, today) == FeedbackState(
        lasting.id, Reply.AWAITING
    )


def test_a_cell_as_a_json_record() -> None:
    q1 = n("jinpu/2026/q1", date(2026, 4, 10), date(2026, 4, 20), fulfils=("dues",))
    late = cells([q1], {q1.id: date(2026, 4, 17)}, date(2026, 5, 1))["jinpu", "2026Q1"]
    assert cell_record(late) == {
        "branch": "jinpu",
        "entry": "dues",
        "entry_name": "党费",
        "period": "2026Q1",
        "due": "2026-04-15",
        "status": "late",
        "label": "逾期2天",
        "days_late": 2,
        "notice": "jinpu/2026/q1",
        "published": "2026-04-17",
    }
    gap = jinpu_cell([], {}, date(2026, 2, 1))
    assert (cell_record(gap)["period"], cell_record(gap)["published"]) == ("standing", None)


def _fields(cell: Cell) -> tuple:
    return (cell.status, cell.days, cell.notice_id, cell.published, cell.effective, cell.due)


def test_a_chain_is_judged_by_its_earliest_known_notice_and_links_its_newest() -> None:
    today, due = date(2026, 6, 1), date(2026, 4, 15)
    kw = {"fulfils": ("dues@2026Q1",)}
    unknown = n("jinpu/2026/a-unknown", date(2026, 4, 1), date(2026, 4, 30), **kw)
    late = n("jinpu/2026/b-late", date(2026, 4, 1), date(2026, 4, 30), **kw)
    early = n("jinpu/2026/c-early", date(2026, 4, 1), date(2026, 4, 30), **kw)
    pubs = {unknown.id: None, late.id: date(2026, 4, 20), early.id: date(2026, 4, 12)}
    got = cells([unknown, late, early], pubs, today)["jinpu", "2026Q1"]
    # judged by the earliest day git knows (12 April: on time), linked to the latest published
    assert _fields(got) == (
        Status.ON_TIME,
        None,
        late.id,
        date(2026, 4, 12),
        date(2026, 4, 12),
        due,
    )
    only_unknown = cells([unknown], {unknown.id: None}, today)["jinpu", "2026Q1"]
    assert _fields(only_unknown) == (Status.UNVERIFIED, None, unknown.id, None, None, due)
    assert only_unknown.entry == QUARTERLY


def test_the_link_goes_to_the_notice_nothing_supersedes_even_if_published_first() -> None:
    old = n("jinpu/2026/q1", date(2026, 4, 1), date(2026, 4, 30), fulfils=("dues",))
    fix = n("jinpu/2026/q1-fix", date(2026, 4, 1), date(2026, 4, 30), fulfils=("dues@2026Q1",),
            supersedes=(old.id,))  # fmt: skip
    pubs = {fix.id: date(2026, 4, 12), old.id: date(2026, 4, 14)}
    got = cells([old, fix], pubs, date(2026, 6, 1))["jinpu", "2026Q1"]
    assert (got.notice_id, got.published) == (fix.id, date(2026, 4, 12))


def test_feedback_states_of_a_board() -> None:
    today = date(2026, 6, 1)
    asked = n("jinpu/2026/a", date(2026, 5, 10), date(2026, 5, 20), disclosure="ad-hoc",
              opinions_received=2)  # fmt: skip
    early_reply = n("jinpu/2026/a-reply", date(2026, 5, 25), date(2026, 5, 26),
                    disclosure="ad-hoc", responds_to=asked.id)  # fmt: skip
    unasked = n("jinpu/2026/b", date(2026, 4, 1), date(2026, 4, 10), disclosure="ad-hoc")
    answer = n("jinpu/2026/b-reply", date(2026, 4, 15), date(2026, 4, 20), disclosure="ad-hoc",
               responds_to=unasked.id)  # fmt: skip
    before = n("jinpu/2025/c", date(2025, 12, 1), date(2025, 12, 31), disclosure="ad-hoc")
    on_since = n("jinpu/2026/d", date(2025, 12, 20), date(2026, 1, 1), disclosure="ad-hoc")
    notices = [asked, early_reply, unasked, answer, before, on_since]
    pubs = {x.id: Publication(x.start) for x in notices}
    pubs[early_reply.id] = Publication(today + timedelta(days=1))  # committed after today
    states = feedback_states(REGISTRY, notices, place(notices, today), pubs, today)
    assert states == {
        asked.id: FeedbackState(asked.id, Reply.OVERDUE, date(2026, 5, 30)),
        unasked.id: FeedbackState(unasked.id, Reply.ANSWERED, replies=(answer.id,)),
        # ended on the board's first day (since 1 Jan 2026): its opinions should be on record;
        # ended before it: the board does not ask; a reply is itself the end of its loop
        on_since.id: FeedbackState(on_since.id, Reply.UNRECORDED),
    }


def test_without_since_the_board_starts_with_its_earliest_notices_year() -> None:
    registry = Registry(branches=REGISTRY.branches, categories=REGISTRY.categories)
    old = n("jinpu/2025/a", date(2025, 3, 1), date(2025, 3, 10), disclosure="ad-hoc")
    today = date(2026, 6, 1)
    states = feedback_states(registry, [old], place([old], today), {}, today)
    assert states == {old.id: FeedbackState(old.id, Reply.UNRECORDED)}


def test_rows_follow_the_schedule_entry_by_entry() -> None:
    """Each entry gives its own rows: one for some branches only, one that starts today, one
    standing; an entry that does not apply or has not started skips only itself."""
    only_yutao = ScheduleEntry("yutao-only", "余套专项", "quarter", 15, ("yutao",), "org")
    from_today = ScheduleEntry("later", "新事项", "year", 30, None, "org", since=date(2026, 5, 1))
    not_yet = ScheduleEntry("future", "未来事项", "year", 30, None, "org", since=date(2026, 5, 2))
    registry = Registry(
        branches=REGISTRY.branches,
        categories=REGISTRY.categories,
        schedule=(only_yutao, not_yet, DUTIES, from_today, QUARTERLY),
        since=date(2026, 1, 1),
    )
    rows = [
        (c.branch, c.entry.id, c.period_key)
        for c in build_ledger(registry, [], {}, {}, date(2026, 5, 1))
    ]
    assert rows == [
        ("jinpu", "duties", "standing"),
        ("jinpu", "later", "2026"),
        ("jinpu", "dues", "2026Q1"),
        ("jinpu", "dues", "2026Q2"),  # the quarter under way is a row too (due 15 July)
        ("yutao", "yutao-only", "2026Q1"),
        ("yutao", "yutao-only", "2026Q2"),
        ("yutao", "duties", "standing"),
        ("yutao", "later", "2026"),
        ("yutao", "dues", "2026Q1"),
        ("yutao", "dues", "2026Q2"),
    ]


def test_the_claims_of_a_notice_count_one_by_one() -> None:
    """A notice git does not know yet is unverified; a claim that cannot count (a period for
    a standing entry) does not stop the next one; a notice committed after today counts
    nothing, and the notices after it still count."""
    registry = Registry(
        branches=REGISTRY.branches,
        categories=REGISTRY.categories,
        schedule=(DUTIES, QUARTERLY),
        since=date(2026, 1, 1),
    )
    today = date(2026, 8, 1)
    both = n(
        "jinpu/2026/b", date(2026, 4, 10), date(2026, 4, 20), fulfils=("duties@2026Q1", "dues")
    )
    future = n("jinpu/2026/a", date(2026, 7, 1), date(2026, 7, 5), fulfils=("dues@2026Q2",))
    pubs = {both.id: Publication(date(2026, 4, 10)), future.id: Publication(date(2026, 8, 2))}
    placed = place([both, future], today)
    got = {
        (c.branch, c.period_key): c
        for c in build_ledger(registry, [both, future], placed, pubs, today)
    }
    assert (got["jinpu", "2026Q1"].status, got["jinpu", "2026Q1"].notice_id) == (
        Status.ON_TIME,
        both.id,
    )
    assert got["jinpu", "2026Q2"].status is Status.MISSING
    unknown = build_ledger(registry, [both], place([both], today), {}, today)
    assert [(c.branch, c.status) for c in unknown if c.period_key == "2026Q1"] == [
        ("jinpu", Status.UNVERIFIED),
        ("yutao", Status.MISSING),
    ]


def test_without_since_the_ledger_starts_in_the_earliest_notices_year() -> None:
    registry = Registry(branches=REGISTRY.branches, categories=REGISTRY.categories,
                        schedule=(QUARTERLY,))  # fmt: skip
    q = n("jinpu/2025/q4", date(2026, 1, 5), date(2026, 1, 10), fulfils=("dues@2025Q4",))
    old = n("jinpu/2025/old", date(2025, 11, 1), date(2025, 11, 5), category="org")
    got = cells([q, old], {q.id: date(2026, 1, 5)}, date(2026, 1, 20), registry)
    # 1 January 2025 on, to the quarter under way
    assert sorted(k for b, k in got if b == "jinpu") == [
        "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1"
    ]  # fmt: skip


def test_no_opinions_received_keeps_the_replies_it_had_all_the_same() -> None:
    today = date(2026, 6, 1)
    none = n("jinpu/2026/b", date(2026, 5, 1), date(2026, 5, 10), disclosure="ad-hoc",
             opinions_received=0)  # fmt: skip
    reply = n("jinpu/2026/b-reply", date(2026, 5, 12), date(2026, 5, 14), disclosure="ad-hoc",
              responds_to=none.id)  # fmt: skip
    placed = place([none, reply], today)
    assert feedback_state(placed[none.id], REGISTRY, today) == FeedbackState(
        none.id, Reply.NONE_RECEIVED, replies=(reply.id,)
    )
    held = jinpu_cell([standing("jinpu/2026/duties", date(2026, 1, 5))], {}, today)
    assert cell_record(held)["due"] is None  # a standing obligation that is held has no due day


def test_the_ledger_and_feedback_of_a_loaded_board(repo) -> None:
    """Through load_board, with conftest's registry (no `since`: the board starts on 1 January
    of its earliest notice's year) and no git history (publication days unknown)."""
    from noticeboard.load.board import load_board
    from noticeboard.publish.ledger import board_feedback, board_ledger
    from support.notice_text import MEMBER_NOTICE, MEMBER_PATH

    text = MEMBER_NOTICE.replace("reviewed_by:", "opinions_received: 1\nreviewed_by:")
    loaded = load_board(repo({MEMBER_PATH: text}), date(2024, 7, 20))
    assert loaded.ok, loaded.problems
    board = loaded.board
    assert board is not None
    notice_id = MEMBER_PATH.removesuffix(".md")
    assert board_feedback(board) == {
        notice_id: FeedbackState(notice_id, Reply.OVERDUE, date(2024, 6, 28))  # 18 June + 10
    }
    rows = [(c.period_key, c.status) for c in board_ledger(board) if c.branch == "jinpu"]
    assert rows == [("2024Q1", Status.MISSING), ("2024Q2", Status.MISSING), ("2024Q3", Status.DUE)]


def test_an_entry_for_some_branches_is_held_by_their_notices() -> None:
    only_yutao = ScheduleEntry("yutao-only", "余套专项", "quarter", 15, ("yutao",), "org")
    registry = Registry(branches=REGISTRY.branches, categories=REGISTRY.categories,
                        schedule=(only_yutao,), since=date(2026, 1, 1))  # fmt: skip
    q1 = n("yutao/2026/q1", date(2026, 4, 10), date(2026, 4, 20), category="org",
           fulfils=("yutao-only",))  # fmt: skip
    got = cells([q1], {q1.id: date(2026, 4, 10)}, date(2026, 5, 1), registry)
    assert (got["yutao", "2026Q1"].status, got["yutao", "2026Q1"].notice_id) == (
        Status.ON_TIME,
        q1.id,
    )
