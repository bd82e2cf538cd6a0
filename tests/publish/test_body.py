"""A notice body's one way to residents: Markdown, then sanitised HTML, then plain text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from noticeboard.publish.body import BLOCK_TAGS, body_html, excerpt, html_text, plain_text


def test_plain_text_drops_markup_and_script_but_keeps_words():
    text = plain_text(
        "## 标题\n\n第一段 *强调*。\n\n<script>alert(1)</script>\n\n- 甲\n- 乙 &amp; 丙"
    )
    assert text == "标题 第一段 强调。 甲 乙 & 丙"


def test_plain_text_is_the_text_of_the_sanitised_html():
    body = '<p onclick="x()">甲</p>\n\n!!! note "注意"\n    乙\n\n<iframe src="https://e.x">丙</iframe>'
    html = body_html(body)
    assert "onclick" not in html and "<iframe" not in html
    assert '<div class="admonition note">' in html
    assert plain_text(body) == "甲 注意 乙 丙"


def test_excerpt_cuts_and_marks_the_cut():
    assert excerpt("甲乙丙", 3) == "甲乙丙"
    assert excerpt("甲乙 丙丁", 3) == "甲乙…"


class _ReferenceText(HTMLParser):
    """The standard library's HTML parser, as an independent reading of the same HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" " if tag in BLOCK_TAGS else "")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" " if tag in BLOCK_TAGS else "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


TRICKY_BODIES = [
    '<a href="https://e.x/?a=1&b=2" title="1 > 0 & \'q\' &quot;">链接</a>后文',
    '[链接](https://e.x/a>b "标题 > <b>假标签</b>")与 `<code>` 及 a < b > c',
    "| 甲 | 乙 |\n|---|---|\n| 1&lt;2 | &amp;amp; |\n\n<div markdown>**粗**<br>换行</div>",
    "<img src=x onerror=alert(1)>\"'&<!-- 注释 -->正文<script>x<y</script><style>p{}</style>",
    "&#x3C;script&#x3E; &nbsp;不换行&#160;空格 &copy; 😀\n\n> 引用\n> 第二行",
    '<abbr title="a"b">缩写</abbr><span title=\'单"引号>\'>span</span>',
]


@pytest.mark.parametrize("body", TRICKY_BODIES)
def test_the_text_of_sanitised_html_matches_an_html_parser(body: str) -> None:
    clean = body_html(body)
    reference = _ReferenceText()
    reference.feed(clean)
    reference.close()
    expected = re.sub(r"\s+", " ", "".join(reference.parts)).strip()
    assert html_text(clean) == expected
