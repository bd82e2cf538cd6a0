"""Files an attacker can add beside a notice: each is a clear path:line error, never a page,
a traceback or a silent skip (issue 10's findings, one test each)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from noticeboard.load.board import load_board
from noticeboard.problems import Severity
from noticeboard.today import TodayError, parse_day
from support.notice_text import MEMBER_NOTICE as GOOD
from support.notice_text import MEMBER_PATH as PATH
from support.notice_text import MEMBER_TODAY as TODAY


def with_attachment(name: str) -> str:
    return GOOD.replace("reviewed_by:", f"attachments: ['{name}']\nreviewed_by:")


def errors(root: Path) -> list[tuple[str, str]]:
    result = load_board(root, TODAY)
    return [(p.path, p.message) for p in result.problems if p.severity is Severity.ERROR]


def only_error(root: Path) -> str:
    found = errors(root)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("other.md", "cannot be attached"),
        ("../2024/new-member.md", "without '..'"),
        ("../../yutao/2024/secret.md", "without '..'"),
        ("page.html", "cannot be attached"),
        ("logo.svg", "cannot be attached"),
        ("feed.xml", "cannot be attached"),
        ("run.js", "cannot be attached"),
        ("/etc/passwd", "leading '/'"),
        ('a".pdf', "not allowed in a web address"),
        ("a b.pdf", "not allowed in a web address"),
        ("a#b.pdf", "not allowed in a web address"),
        ("a%2e.pdf", "not allowed in a web address"),
        ("x" * 300 + ".pdf", "characters long"),
    ],
)
def test_attachment_is_data_inside_the_notice_folder(repo, name: str, words: str) -> None:
    root = repo({PATH: with_attachment(name), "jinpu/2024/other.md": GOOD.replace("0550", "0551")})
    for real in ("page.html", "logo.svg", "feed.xml", "run.js"):
        (root / "notices/jinpu/2024" / real).write_text("<script>x()</script>")
    assert words in only_error_of(root, PATH)


def only_error_of(root: Path, path: str) -> str:
    found = [m for p, m in errors(root) if p == f"notices/{path}"]
    assert len(found) == 1, found
    return found[0]


def test_attachment_link_leading_out_is_refused(repo, tmp_path: Path) -> None:
    root = repo({PATH: with_attachment("leak.pdf")})
    secret = tmp_path / "outside.pdf"
    secret.write_text("secret")
    (root / "notices/jinpu/2024/leak.pdf").symlink_to(secret)
    assert "link" in only_error(root)


def test_attachment_link_loop_is_an_error_not_a_traceback(repo) -> None:
    root = repo({PATH: with_attachment("loop.pdf")})
    folder = root / "notices/jinpu/2024"
    (folder / "loop.pdf").symlink_to(folder / "loop2.pdf")
    (folder / "loop2.pdf").symlink_to(folder / "loop.pdf")
    assert "link" in only_error(root)


def test_attachment_in_a_subfolder_is_published(repo) -> None:
    root = repo({PATH: with_attachment("附件/名单.pdf")})
    (root / "notices/jinpu/2024/附件").mkdir()
    (root / "notices/jinpu/2024/附件/名单.pdf").write_bytes(b"%PDF")
    result = load_board(root, TODAY)
    assert result.problems == []
    assert [a.path for a in result.board.notices[0].attachments] == ["jinpu/2024/附件/名单.pdf"]


@pytest.mark.parametrize("name", ["x.MD", "x.markdown", "x.Md", "x.mdown"])
def test_notice_with_another_markdown_suffix_is_reported(repo, name: str) -> None:
    root = repo({f"jinpu/2024/{name}": GOOD})
    assert "must end in '.md'" in only_error(root)


def test_symlinked_year_folder_is_reported(repo) -> None:
    root = repo({"jinpu/real/new-member.md": GOOD})
    (root / "notices/jinpu/2024").symlink_to(root / "notices/jinpu/real", target_is_directory=True)
    found = errors(root)
    assert any(p == "notices/jinpu/2024" and "link" in m for p, m in found), found


@pytest.mark.parametrize("stem", ["README", "index", "Index"])
def test_readme_and_index_cannot_be_notices(repo, stem: str) -> None:
    root = repo({f"jinpu/2024/{stem}.md": GOOD})
    assert "folder's own page" in only_error(root)


@pytest.mark.parametrize("stem", ["a b", "a#b", "a?b", "100%", "a'b", "a\u202eb", ".hidden-x"])
def test_unsafe_notice_names_say_what_is_allowed(repo, stem: str) -> None:
    root = repo({f"jinpu/2024/{stem}.md": GOOD})
    found = errors(root)
    if stem.startswith("."):
        assert found == []  # dot files are editors' files, never notices
    else:
        assert len(found) == 1 and "letters (Chinese too), digits" in found[0][1], found


def test_chinese_notice_name_is_allowed(repo) -> None:
    assert errors(repo({"jinpu/2024/发展党员公示-1.md": GOOD})) == []


def test_non_utf8_file_name_is_an_error_not_a_traceback(repo) -> None:
    root = repo({PATH: GOOD})
    folder = os.fsencode(root / "notices/jinpu/2024")
    with open(os.path.join(folder, b"\xff\xfe.md"), "wb") as handle:
        handle.write(GOOD.encode())
    found = errors(root)
    assert len(found) == 1 and "not UTF-8" in found[0][1]
    assert found[0][0].encode("utf-8")  # printable


@pytest.mark.parametrize("value", ["1969-12-31", "2106-02-08", "9999-12-31", "0001-01-01"])
def test_today_outside_what_a_build_can_date_is_refused(value: str) -> None:
    with pytest.raises(TodayError, match=r"NOTICEBOARD_TODAY: .* outside"):
        parse_day(value, "NOTICEBOARD_TODAY")


def test_bad_today_is_blamed_on_its_source_not_the_registry(repo, monkeypatch) -> None:
    monkeypatch.setenv("NOTICEBOARD_TODAY", "2024-13-01")
    with pytest.raises(TodayError, match=r"^NOTICEBOARD_TODAY: '2024-13-01'"):
        load_board(repo({PATH: GOOD}))


def test_numbers_in_a_csv_attachment_are_found_at_their_line(repo) -> None:
    root = repo({PATH: with_attachment("名单.csv")})
    (root / "notices/jinpu/2024/名单.csv").write_text(
        "姓名,电话\n张三,138****5678\n李四,139 1234 5678\n", encoding="utf-8"
    )
    found = errors(root)
    assert len(found) == 1 and found[0][0] == "notices/jinpu/2024/名单.csv", found
    assert "139****5678" in found[0][1]
    problem = next(p for p in load_board(root, TODAY).problems)
    assert problem.line == 3


def test_numbers_in_a_gbk_txt_attachment_are_found(repo) -> None:
    root = repo({PATH: with_attachment("名单.txt")})
    (root / "notices/jinpu/2024/名单.txt").write_bytes("李四 13912345678".encode("gb18030"))
    assert "139****5678" in only_error(root)


def test_numbers_in_an_attachment_name_are_found(repo) -> None:
    root = repo({PATH: with_attachment("李四13912345678.pdf")})
    (root / "notices/jinpu/2024/李四13912345678.pdf").write_bytes(b"%PDF")
    assert "139****5678" in only_error(root)


def test_numbers_in_a_notice_file_name_are_found(repo) -> None:
    assert "139****5678" in only_error(repo({"jinpu/2024/li-13912345678.md": GOOD}))


def test_numbers_in_registry_values_are_found(repo) -> None:
    from conftest import REGISTRY

    registry = REGISTRY.replace("name: 余套村党支部", "name: 余套村党支部 139-1234-5678")
    found = [(p.path, p.line) for p in load_board(repo(registry=registry), TODAY).problems]
    assert found == [
        ("notices/_board.yml", REGISTRY.split("\n").index("    name: 余套村党支部") + 1)
    ]
