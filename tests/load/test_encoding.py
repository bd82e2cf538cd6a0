"""File encodings: UTF-8 (with or without BOM, LF or CRLF) is read; anything else is named."""

from __future__ import annotations

from noticeboard.load.board import load_board
from noticeboard.load.registry import read_registry

NOTICE = """\
---
title: 关于发展李四同志为预备党员的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2024-06-12, end: 2024-06-18}
reviewed_by: 支委会
feedback: {phone: 0550-1234567}
---
经支部委员会研究，现予公示。
"""
REL = "notices/jinpu/2024/a.md"


def problems(root):
    return [(p.path, p.line, p.message) for p in load_board(root, "2024-06-15").problems]


def test_gbk_file_is_named_with_a_conversion_command(repo):
    found = problems(repo({"jinpu/2024/a.md": NOTICE.encode("gbk")}))
    assert [(path, line) for path, line, _ in found] == [(REL, 2)]
    message = found[0][2]
    assert "not UTF-8" in message and "GBK/GB18030" in message
    assert f"iconv -f GB18030 -t UTF-8 {REL}" in message


def test_gb18030_error_line_is_the_first_bad_line(repo):
    text = NOTICE.replace("title: 关于发展李四同志为预备党员的公示", "title: notice")
    found = problems(repo({"jinpu/2024/a.md": text.encode("gb18030")}))
    assert [(path, line) for path, line, _ in found] == [(REL, 7)]  # reviewed_by: 支委会


def test_utf16_is_named(repo):
    found = problems(repo({"jinpu/2024/a.md": NOTICE.encode("utf-16")}))
    assert [(path, line) for path, line, _ in found] == [(REL, 1)]
    assert "UTF-16" in found[0][2] and "iconv -f UTF-16" in found[0][2]


def test_binary_file(repo):
    found = problems(repo({"jinpu/2024/a.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}))
    assert found == [
        (REL, 1, "this is a binary file, not a Markdown notice; notices are .md text files")
    ]


def test_unknown_non_utf8_bytes(repo):
    found = problems(repo({"jinpu/2024/a.md": b"---\ntitle: \xff\xfe\xfa\n---\n"}))
    assert [(path, line) for path, line, _ in found] == [(REL, 2)]
    assert "not UTF-8" in found[0][2]


def test_bom_and_crlf_are_accepted(repo):
    data = b"\xef\xbb\xbf" + NOTICE.replace("\n", "\r\n").encode("utf-8")
    result = load_board(repo({"jinpu/2024/a.md": data}), "2024-06-15")
    assert result.problems == []
    notice = result.board.notices[0]
    assert notice.title == "关于发展李四同志为预备党员的公示"
    assert notice.body_line == 10 and "\r" not in notice.body


def test_crlf_error_lines_match_the_editor(repo):
    text = NOTICE.replace("branch: jinpu", "branch: nowhere").replace("\n", "\r\n")
    found = problems(repo({"jinpu/2024/a.md": text.encode("utf-8")}))
    assert [(path, line) for path, line, _ in found] == [(REL, 3)]


def test_gbk_registry(repo):
    from conftest import REGISTRY

    root = repo()
    (root / "notices/_board.yml").write_bytes(REGISTRY.encode("gbk"))
    registry, found = read_registry(root)
    assert registry is None
    assert [(p.path, p.line) for p in found] == [("notices/_board.yml", 4)]
    assert "GBK/GB18030" in found[0].message
