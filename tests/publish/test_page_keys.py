"""A page's cache key follows every field of its spec, the view's inner fields included."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from noticeboard.load.board import Board
from noticeboard.model import Branch, Category, Notice, Registry
from noticeboard.publish.page_cache import page_key, spec_key
from noticeboard.publish.pages import PageSpec, site_pages
from noticeboard.publish.views import NoticeView

TODAY = date(2026, 11, 26)
REGISTRY = Registry(
    branches=(Branch("town", "镇党委"), Branch("jinpu", "金铺村党支部", parent="town")),
    categories=(Category("dues", "党费收缴"),),
)


def notice(**changes: object) -> Notice:
    start = date(2026, 11, 20)
    base: dict[str, object] = dict(
        id="jinpu/2026/a",
        title="关于党费收缴情况的公示",
        branch="jinpu",
        category="dues",
        disclosure="ad-hoc",
        start=start,
        end=start + timedelta(days=10),
        expires=start + timedelta(days=10),
        body="正文",
        body_line=8,
        reviewed_by="支部委员会",
    )
    base.update(changes)
    return Notice(**base)  # type: ignore[arg-type]


def notice_spec(**changes: object) -> PageSpec:
    board = Board(Path("/x"), REGISTRY, (notice(**changes),), TODAY)
    return next(s for s in site_pages(board, "https://e.example/") if s.notice_id)


def other_value(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return "x"
    raise AssertionError(f"no other value for {value!r}")


def test_every_field_of_the_spec_changes_the_key():
    spec = notice_spec()
    assert isinstance(spec.view, NoticeView)
    key = spec_key("shared", spec)
    assert spec_key("shared", notice_spec()) == key  # the same inputs: the same key
    assert spec_key("other code", spec) != key
    changed = {
        field.name: spec_key(
            "shared",
            dataclasses.replace(spec, **{field.name: other_value(getattr(spec, field.name))}),
        )
        for field in dataclasses.fields(PageSpec)
        if field.name != "view"
    }
    assert set(changed) == {f.name for f in dataclasses.fields(PageSpec)} - {"view"}
    assert key not in changed.values()


def test_what_the_view_shows_changes_the_key():
    key = spec_key("shared", notice_spec())
    for change in (
        {"title": "关于党费收缴情况的更正公示"},  # also the spec's title
        {"reviewed_by": "村务监督委员会"},
        {"end": date(2026, 11, 25)},  # the state today: closed, not active
        {"number": "金党〔2026〕3号"},
        {"body": "正文改动"},
    ):
        assert spec_key("shared", notice_spec(**change)) != key, change


def test_parts_are_kept_apart():
    assert page_key("s", "ab", "c") != page_key("s", "a", "bc")
    assert page_key("s", "a\0", "b") != page_key("s", "a", "\0b")
