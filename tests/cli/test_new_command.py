"""`noticeboard new` through the real command line, in small repositories written by the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from noticeboard.cli.main import main
from noticeboard.load.board import load_board
from noticeboard.load.fields import PLACEHOLDER
from noticeboard.load.source import decode, split_front_matter

TITLE = "关于发展李某某同志为预备党员的公示"
SLUG = "guan-yu-fa-zhan-li-mou-mou-tong-zhi-wei-yu-bei-dang-yuan-de-gong-shi"


def new(root: Path, *options: str) -> int:
    return main(["--root", str(root), "new", *options])


def check(root: Path, today: str) -> int:
    return main(["--root", str(root), "check", "--today", today])


def finish(path: Path) -> dict:
    """What the writer does after `new`: the body written, the draft line removed."""
    text = path.read_text(encoding="utf-8")
    assert PLACEHOLDER in text
    text = text.replace(PLACEHOLDER, "经支部委员会研究，现予公示。")
    text = "".join(line for line in text.splitlines(True) if not line.startswith("draft: true"))
    path.write_text(text, encoding="utf-8")
    return front_matter(path)


def front_matter(path: Path) -> dict:
    return split_front_matter(decode(path.read_bytes())).meta.data


@pytest.fixture
def root(repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NOTICEBOARD_TODAY", raising=False)
    folder = repo()
    monkeypatch.chdir(folder)
    return folder


def test_reviewed_notice_is_written_ready_to_publish_and_passes_check(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new(
        root,
        *("--branch", "jinpu", "--category", "organisation", "--title", TITLE),
        *("--today", "2026-11-23", "--days", "5", "--reviewed-by", "金铺村党支部委员会"),
        *("--feedback-phone", "0550-7654321", "--feedback-person", "支部书记"),
    )
    out = capsys.readouterr().out
    assert code == 0
    path = root / "notices" / "jinpu" / "2026" / f"{SLUG}.md"
    assert out.strip() == f"notices/jinpu/2026/{SLUG}.md"
    assert path.is_file()
    assert front_matter(path)["draft"] is True  # until the body is written
    assert check(root, "2026-11-26") == 0
    finish(path)
    assert check(root, "2026-11-26") == 0

    board = load_board(root, "2026-11-26").board
    assert board is not None
    (notice,) = board.notices
    assert notice.id == f"jinpu/2026/{SLUG}"
    assert notice.title == TITLE
    assert (notice.start, notice.end) == (date(2026, 11, 23), date(2026, 11, 27))
    assert notice.disclosure == "ad-hoc"
    assert notice.reviewed_by == "金铺村党支部委员会"
    assert not notice.draft
    assert notice.feedback is not None and notice.feedback.person == "支部书记"
    assert notice.id in board.placed()  # published: on the board today


def test_without_reviewer_it_is_a_draft_that_passes_check(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new(root, "--branch", "jinpu", "--category", "organisation", "--title", TITLE)
    captured = capsys.readouterr()
    assert code == 0
    path = root / captured.out.strip()
    meta = front_matter(path)
    assert meta["draft"] is True
    assert "reviewed_by" not in meta
    text = path.read_text(encoding="utf-8")
    assert "# reviewed_by:" in text and "审核后填写 reviewed_by" in text
    assert "reviewed-by" in captured.err  # the terminal says why it is a draft
    assert check(root, "2026-11-26") == 0
    board = load_board(root, "2026-11-26").board
    assert board is not None and board.placed() == {}  # drafts are never published


def test_body_has_the_usual_headings_and_the_period_in_chinese(root: Path) -> None:
    new(
        root,
        *("--branch", "jinpu", "--category", "organisation", "--title", TITLE),
        *("--today", "2026-11-23", "--days", "7"),
    )
    doc = split_front_matter(decode((root / "notices/jinpu/2026" / f"{SLUG}.md").read_bytes()))
    headings = [line for line in doc.body.splitlines() if line.startswith("## ")]
    assert headings == ["## 正文", "## 公示期", "## 反馈方式"]
    assert "2026年11月23日至2026年11月29日（7天）" in doc.body


def test_branch_and_category_by_display_name(root: Path) -> None:
    code = new(
        root,
        *("--branch", "余套村党支部", "--category", "财务公开"),
        *("--title", "2026年第三季度党费收缴情况"),
        *("--today", "2026-11-02", "--feedback-phone", "0550-7777777", "--reviewed-by", "支委会"),
    )
    assert code == 0
    path = root / "notices/yutao/2026/2026-nian-di-san-ji-du-dang-fei-shou-jiao-qing-kuang.md"
    meta = finish(path)
    assert (meta["branch"], meta["category"]) == ("yutao", "finance")
    assert meta["feedback"] == {"phone": "0550-7777777"}
    assert "draft" not in meta
    assert check(root, "2026-11-26") == 0


@pytest.mark.parametrize(
    ("option", "value", "listed"),
    [
        ("--branch", "jinpoo", "jinpu (金铺村党支部)"),
        ("--category", "党建", "organisation (组织建设)"),
    ],
)
def test_unknown_branch_or_category_lists_the_choices(
    root: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, listed: str
) -> None:
    options = {"--branch": "jinpu", "--category": "organisation", option: value}
    code = new(root, *[x for pair in options.items() for x in pair], "--title", TITLE)
    err = capsys.readouterr().err
    assert code == 2
    assert f"'{value}'" in err and listed in err
    assert not (root / "notices" / "jinpu").exists()


def test_default_period_is_five_working_days(root: Path) -> None:
    start = date(2026, 9, 28)  # a Monday before the National Day holiday
    new(
        root,
        *("--branch", "jinpu", "--category", "organisation", "--title", TITLE),
        *("--today", start.isoformat()),
    )
    meta = front_matter(root / "notices/jinpu/2026" / f"{SLUG}.md")
    fifth = chinese_calendar.get_workdays(start, start + timedelta(days=30))[4]
    assert meta["period"] == {"start": start, "end": fifth}
    assert fifth > date(2026, 10, 7)  # the holiday did not count


def test_today_comes_from_the_environment(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTICEBOARD_TODAY", "2025-03-03")
    new(root, "--branch", "jinpu", "--category", "organisation", "--title", "x", "--days", "3")
    meta = front_matter(root / "notices/jinpu/2025/x.md")
    assert meta["period"] == {"start": date(2025, 3, 3), "end": date(2025, 3, 5)}


def test_the_year_folder_is_the_start_year(root: Path) -> None:
    new(
        root,
        *("--branch", "jinpu", "--category", "organisation", "--title", "年末公示"),
        *("--today", "2025-12-30", "--days", "5", "--reviewed-by", "支委会"),
    )
    meta = front_matter(root / "notices/jinpu/2025/nian-mo-gong-shi.md")
    assert meta["period"]["end"] == date(2026, 1, 3)
    assert check(root, "2026-01-01") == 0


def test_standing_notice_has_no_end(root: Path) -> None:
    code = new(
        root,
        *("--branch", "town", "--category", "组织建设", "--title", "镇党委组织机构及职责"),
        *("--disclosure", "长期", "--today", "2026-01-05", "--reviewed-by", "镇党委"),
    )
    assert code == 0
    path = root / "notices/town/2026/zhen-dang-wei-zu-zhi-ji-gou-ji-zhi-ze.md"
    meta = front_matter(path)
    assert meta["disclosure"] == "standing"
    assert meta["period"] == {"start": date(2026, 1, 5)}
    assert "自2026年1月5日起长期公开" in path.read_text(encoding="utf-8")
    assert check(root, "2026-11-26") == 0


def test_standing_notice_refuses_a_length(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = new(
        root,
        *("--branch", "town", "--category", "organisation", "--title", "x"),
        *("--disclosure", "standing", "--days", "5"),
    )
    assert code == 2
    assert "no end" in capsys.readouterr().err


def test_an_existing_file_is_never_overwritten(root: Path) -> None:
    args = ("--branch", "jinpu", "--category", "organisation", "--title", TITLE)
    folder = root / "notices/jinpu/2026"
    folder.mkdir(parents=True)
    (folder / f"{SLUG}.md").write_text("mine", encoding="utf-8")
    assert new(root, *args, "--today", "2026-11-23") == 0
    assert new(root, *args, "--today", "2026-11-23") == 0
    assert (folder / f"{SLUG}.md").read_text(encoding="utf-8") == "mine"
    assert (folder / f"{SLUG}-2.md").is_file()
    assert (folder / f"{SLUG}-3.md").is_file()


def test_working_days_past_the_calendar_say_to_give_days(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--branch", "jinpu", "--category", "organisation", "--title", "x")
    code = new(root, *args, "--today", "2026-12-28", "--working-days", "10")
    err = capsys.readouterr().err
    assert code == 2
    assert "chinese-calendar" in err and "--days" in err
    assert "Traceback" not in err
    assert not (root / "notices/jinpu").exists()
    assert new(root, *args, "--today", "2026-12-28", "--days", "10") == 0
    assert front_matter(root / "notices/jinpu/2026/x.md")["period"]["end"] == date(2027, 1, 6)


def test_major_with_approval_is_published(root: Path) -> None:
    code = new(
        root,
        *("--branch", "town", "--category", "organisation", "--title", "重大事项"),
        *("--today", "2026-11-23", "--reviewed-by", "镇党委", "--major", "--approved-by", "县委"),
    )
    assert code == 0
    meta = finish(root / "notices/town/2026/zhong-da-shi-xiang.md")
    assert (meta["major"], meta["approved_by"]) == (True, "县委")
    assert "draft" not in meta
    assert check(root, "2026-11-26") == 0


def test_major_awaiting_approval_is_a_draft_that_passes_check(root: Path) -> None:
    code = new(
        root,
        *("--branch", "jinpu", "--category", "organisation", "--title", "重大事项"),
        *("--today", "2026-11-23", "--reviewed-by", "支委会", "--major"),
    )
    assert code == 0
    path = root / "notices/jinpu/2026/zhong-da-shi-xiang.md"
    assert front_matter(path)["draft"] is True
    assert "# approved_by:" in path.read_text(encoding="utf-8")
    assert check(root, "2026-11-26") == 0


def test_branch_without_feedback_channel_gives_a_draft(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # yutao has no feedback channel in the registry, and the notice gives none
    code = new(
        root,
        *("--branch", "yutao", "--category", "organisation", "--title", "x"),
        *("--today", "2026-11-23", "--reviewed-by", "支委会"),
    )
    assert code == 0
    assert front_matter(root / "notices/yutao/2026/x.md")["draft"] is True
    assert "feedback" in capsys.readouterr().err
    assert check(root, "2026-11-26") == 0


def test_optional_hints_are_valid_once_uncommented(root: Path) -> None:
    code = new(
        root,
        *("--branch", "town", "--category", "finance", "--title", "党费收缴情况"),
        *("--disclosure", "定期", "--today", "2026-10-09", "--reviewed-by", "镇党委"),
    )
    assert code == 0
    path = root / "notices/town/2026/dang-fei-shou-jiao-qing-kuang.md"
    text = path.read_text(encoding="utf-8")
    assert "\nfulfils: dues-quarterly  # 完成定期公开事项：2026年第三季度\n" in text  # chosen
    for key in ("expires", "scope", "tags"):
        assert f"\n# {key}: " in text
        text = text.replace(f"\n# {key}: ", f"\n{key}: ")
    path.write_text(text, encoding="utf-8")
    meta = front_matter(path)
    assert (meta["scope"], meta["fulfils"], meta["expires"]) == (
        "internal",
        "dues-quarterly",  # the registry's schedule entry, the quarter that just ended
        date(2026, 12, 31),
    )
    assert check(root, "2026-11-26") == 0


@pytest.mark.parametrize("title", ["2024", "yes", "标题: 带冒号 #号 'quote' \"double\"", "- 列表"])
def test_titles_read_back_exactly(root: Path, title: str) -> None:
    code = new(
        root,
        *("--branch", "town", "--category", "organisation", "--title", title),
        *("--today", "2026-11-23", "--reviewed-by", "镇党委"),
    )
    assert code == 0
    (path,) = (root / "notices/town/2026").glob("*.md")
    assert front_matter(path)["title"] == title
    assert "draft" not in finish(path)  # published, so fully checked
    assert check(root, "2026-11-26") == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--title", "题" * 121), "120"),
        (("--title", "   "), "empty"),
        (("--title", "two\nlines"), "one line"),
        (("--title", "x", "--today", "2026/11/26"), "YYYY-MM-DD"),
        (("--title", "x", "--days", "0"), "1 or more"),
        (("--title", "x", "--today", "9999-12-30", "--days", "5"), "9999"),
        (("--title", "x", "--days", "3", "--working-days", "3"), "not allowed with"),
        (("--title", "x", "--disclosure", "weekly"), "standing, periodic or ad-hoc"),
        (("--title", "x", "--approved-by", "镇党委"), "--major"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    root: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], message: str
) -> None:
    code = new(root, "--branch", "jinpu", "--category", "organisation", *options)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert not (root / "notices/jinpu").exists()


def test_outside_a_board_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["new", "--branch", "jinpu", "--category", "organisation", "--title", "x"])
    assert code == 1
    assert "notices/_board.yml" in capsys.readouterr().err


def test_broken_registry_is_reported_not_written_around(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo(registry="branches: 3\ncategories: []\n")
    code = new(root, "--branch", "jinpu", "--category", "organisation", "--title", "x")
    err = capsys.readouterr().err
    assert code == 1
    assert "notices/_board.yml:" in err
    assert list((root / "notices").iterdir()) == [root / "notices" / "_board.yml"]


def test_help_explains_the_period_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--working-days N" in text
    assert "start day counts when it is a working day" in text
    assert "drafts:" in text and "working days" in text
