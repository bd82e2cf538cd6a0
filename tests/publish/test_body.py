"""A notice body's one way to residents: Markdown, then sanitised HTML, then plain text."""

from __future__ import annotations

from noticeboard.publish.body import body_html, excerpt, plain_text


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
