"""Paper decisions: landscape for wide tables, bodies moved onto the print board, CSS strings."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from noticeboard.load.board import load_board
from noticeboard.publish.pages import site_pages
from noticeboard.publish.print_layout import (
    PORTRAIT_MAX_COLUMNS,
    css_string,
    dated,
    moved_body,
    needs_landscape,
    table_columns,
    undated,
)
from noticeboard.publish.text import zh_date
from noticeboard.publish.views import BoardPrint
from support.search_fixture import REPO_ROOT


def table(columns: int, colspan_first: int = 1) -> str:
    cells = "".join(f"<td>{i}</td>" for i in range(columns - colspan_first))
    return f"<table><tr><td colspan='{colspan_first}'>x</td>{cells}</tr><tr><td>y</td></tr></table>"


def test_table_columns_counts_the_widest_row_with_colspan() -> None:
    assert table_columns("<p>no table</p>") == 0
    assert table_columns(table(6)) == 6
    assert table_columns(table(6, colspan_first=3)) == 6
    assert table_columns(table(3) + table(9)) == 9
    assert table_columns("<table><tr><td colspan='99999'>x</td></tr></table>") == 1  # nonsense


class _ParsedColumns(HTMLParser):
    """The same count by Python's HTML parser: the reference the fast count must agree with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.widest = self.row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.row = 0
        elif tag in ("td", "th"):
            spans = [value for name, value in attrs if name == "colspan"]  # a browser: the first
            span = ((spans[0] if spans else None) or "1").strip()
            self.row += int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
            self.widest = max(self.widest, self.row)


@pytest.mark.parametrize(
    "html",
    [
        table(6, colspan_first=3),
        '<table><tr><th title="a>b<td><td>" colspan="2">x</th><td>y</td></tr></table>',
        "<table><tr><td title='>'>a</td><td COLSPAN=4>b</td></tr></table>",
        '<TABLE><TR><TD data-colspan="9">a</TD><Td colspan = " 3 ">b</Td></TR></TABLE>',
        "<table><tr><td>1</td><!-- <td>2</td><td>3</td> --><td>4</td></tr></table>",
        "<p>&lt;td&gt;&lt;td&gt; text that only looks like cells</p><tdx><trick>",
        "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td><td>d</td></tr>",
        "<table><tr><td colspan='x'>a</td><td colspan=''>b</td><td colspan=0>c</td></tr>",
        "<table><tr/><td/><td />",
        '<table><tr><td title="x colspan=5">a</td><td title=\'colspan="7"\'>b</td></tr>',
        '<table><tr><td colspan="2" colspan="6">a</td><td colspan>b</td></tr>',
    ],
)
def test_the_fast_column_count_agrees_with_an_html_parser(html: str) -> None:
    parser = _ParsedColumns()
    parser.feed(html)
    parser.close()
    assert table_columns(html) == parser.widest


def test_six_columns_print_portrait_and_many_landscape() -> None:
    assert PORTRAIT_MAX_COLUMNS == 8
    assert not needs_landscape(table(6))
    assert not needs_landscape(table(8))
    assert needs_landscape(table(9))


def test_moved_body_rebases_links_and_prefixes_ids() -> None:
    html = (
        '<h2 id="_1">一</h2><p><a href="../mingxi.csv">明细</a> <a href="#_1">上</a> '
        '<a href="../../2025/old/">旧</a> <a href="https://e.example/x">外</a> '
        '<img src="../p.png" alt="图"></p>'
    )
    out = moved_body(html, "notices/jinpu/2026/q3/", "branches/jinpu/print/", "s2-")
    assert 'id="s2-_1"' in out and 'href="#s2-_1"' in out
    assert 'href="../../../notices/jinpu/2026/mingxi.csv"' in out
    assert 'href="../../../notices/jinpu/2025/old/"' in out
    assert 'href="https://e.example/x"' in out
    assert 'src="../../../notices/jinpu/2026/p.png"' in out


def test_moved_body_is_still_sanitised() -> None:
    out = moved_body(
        '<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a></p>',
        "notices/a/2026/x/",
        "branches/a/print/",
        "s1-",
    )
    assert "onclick" not in out and "script" not in out and "javascript" not in out


def test_css_string_cannot_close_the_string_the_rule_or_the_style_element() -> None:
    hostile = '金铺"; } body { display: none } </style><script>alert(1)</script>\\'
    literal = css_string(hostile)
    inner = literal[1:-1]
    assert literal[0] == literal[-1] == '"'
    assert not re.search(r'["<>{};/]', inner)
    assert "\\91d1 " in inner  # 金 as a hex escape
    assert "script" not in inner and "alert" not in inner  # letters escaped too


def test_a_printable_board_is_keyed_without_its_date_and_written_with_it() -> None:
    """undated() takes today's date out of every field of a board that shows it (so its cache
    key holds no date), and dated() puts exactly those back: text, ISO date and the CSS
    header."""
    day = date(2026, 11, 30)
    board = load_board(REPO_ROOT, day).board
    assert board is not None
    views = [s.view for s in site_pages(board, "https://example.org/")]
    boards = [v for v in views if isinstance(v, BoardPrint)]
    assert boards
    for view in boards:
        bare = undated(view, day)
        fields = ("lead", "printed", "printed_iso", "built", "built_iso", "page_header_css")
        for name in fields:
            shown, kept = getattr(view, name), getattr(bare, name)
            assert zh_date(day) not in kept and day.isoformat() not in kept
            assert dated(kept, day) == shown
        assert bare.sheets == view.sheets and bare.cover == view.cover
        later = date(2026, 12, 1)
        assert css_string("2026年12月1日打印")[1:-1] in dated(bare.page_header_css, later)
