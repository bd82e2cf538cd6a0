"""Paper decisions: landscape for wide tables, bodies moved onto the print board, CSS strings."""

from __future__ import annotations

import re

from noticeboard.publish.print_layout import (
    PORTRAIT_MAX_COLUMNS,
    css_string,
    moved_body,
    needs_landscape,
    table_columns,
)


def table(columns: int, colspan_first: int = 1) -> str:
    cells = "".join(f"<td>{i}</td>" for i in range(columns - colspan_first))
    return f"<table><tr><td colspan='{colspan_first}'>x</td>{cells}</tr><tr><td>y</td></tr></table>"


def test_table_columns_counts_the_widest_row_with_colspan() -> None:
    assert table_columns("<p>no table</p>") == 0
    assert table_columns(table(6)) == 6
    assert table_columns(table(6, colspan_first=3)) == 6
    assert table_columns(table(3) + table(9)) == 9
    assert table_columns("<table><tr><td colspan='99999'>x</td></tr></table>") == 1  # nonsense


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
