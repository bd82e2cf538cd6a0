"""Notice bodies cannot run script: the allow-list in noticeboard.publish.sanitize, case by case."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from noticeboard.publish.sanitize import clean_body, plain_title


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(clean_body(html), "html.parser")


def render(md_text: str) -> str:
    """The body as MkDocs renders it (same extensions as mkdocs.yml), then cleaned."""
    html = markdown.markdown(
        md_text, extensions=["tables", "attr_list", "md_in_html", "admonition"]
    )
    return clean_body(html)


def test_script_and_style_elements_go_with_their_content() -> None:
    out = clean_body("<p>a</p><script>steal()</script><style>p{}</style><p>b</p>")
    assert out == "<p>a</p><p>b</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<p onclick="x()">t</p>',
        '<img src="a.png" onerror="x()">',
        '<a href="https://a.example/" onmouseover="x()">t</a>',
        '<table onload="x()"><tr><td>1</td></tr></table>',
    ],
)
def test_no_event_handler_attribute_survives(html: str) -> None:
    for tag in soup(html).find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_dangerous_urls_are_dropped(href: str) -> None:
    a = soup(f'<a href="{href}">x</a>').a
    assert a is not None and not a.has_attr("href")
    img = soup(f'<img src="{href}" alt="x">').img
    assert not img.has_attr("src")


def test_markdown_javascript_link_loses_its_href() -> None:
    out = BeautifulSoup(
        render("[点我](javascript:alert(1)) 和 [链接](JAVASCRIPT:alert(1))"), "html.parser"
    )
    assert [a.get("href") for a in out.find_all("a")] == [None, None]
    assert out.get_text() == "点我 和 链接"


def test_markdown_raw_html_is_cleaned_too() -> None:
    out = render('正文\n\n<div onclick="x()"><script>bad()</script>说明</div>\n')
    assert "script" not in out and "onclick" not in out and "说明" in out


def test_safe_links_keep_their_targets() -> None:
    links = soup(
        '<a href="https://x.example/a">1</a><a href="mailto:a@b.example">2</a>'
        '<a href="tel:05501234567">3</a><a href="../other/">4</a><a href="#part">5</a>'
    ).find_all("a")
    assert [a["href"] for a in links] == [
        "https://x.example/a",
        "mailto:a@b.example",
        "tel:05501234567",
        "../other/",
        "#part",
    ]
    assert not any(
        a.has_attr("target")
        for a in soup('<a href="https://x.example/" target="_blank">x</a>').find_all("a")
    )


def test_notice_markup_is_kept() -> None:
    html = (
        '<h2 id="jg">结果</h2><p><strong>重</strong><em>轻</em><code>c</code><br></p>'
        "<blockquote><p>引</p></blockquote><ul><li>1</li></ul><ol><li>2</li></ol>"
        '<table><thead><tr><th colspan="2">表</th></tr></thead><tbody><tr><td>1</td>'
        '<td rowspan="1">2</td></tr></tbody></table><img src="photo.jpg" alt="照片">'
    )
    out = soup(html)
    for selector in (
        "h2#jg",
        "strong",
        "em",
        "code",
        "br",
        "blockquote p",
        "ul li",
        "ol li",
        "table thead th[colspan]",
        "table tbody td",
        "img[src='photo.jpg'][alt]",
    ):
        assert out.select_one(selector) is not None, selector


def test_styles_and_foreign_classes_are_removed() -> None:
    out = soup('<div class="nb-banner md-header" style="position:fixed">假</div><p style="x">t</p>')
    assert not out.select("[style]")
    assert not out.select(".nb-banner, .md-header")


def test_admonitions_keep_their_classes() -> None:
    out = BeautifulSoup(render('!!! note "注意"\n    内容\n'), "html.parser")
    assert out.select_one("div.admonition.note p.admonition-title").text == "注意"


def test_forms_frames_and_objects_are_removed() -> None:
    out = soup(
        '<form action="https://evil.example/"><input name="id"><button>提交</button></form>'
        '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object>'
        '<svg><script>x()</script></svg><meta http-equiv="refresh" content="0;url=https://e/">'
        '<base href="https://evil.example/"><link rel="stylesheet" href="https://e/x.css">'
    )
    assert not out.select("form, input, button, iframe, object, svg, script, meta, base, link")


def test_plain_title_cannot_make_markup() -> None:
    title = plain_title('<img src=x onerror="alert(1)">&amp;</title>')
    assert "<" not in title and ">" not in title and "&" not in title and '"' not in title
    assert title == "＜img src=x onerror=＂alert(1)＂＞＆amp;＜/title＞"
    assert plain_title("关于《章程》的公示") == "关于《章程》的公示"


def test_only_the_allow_list_not_nh3s_wider_defaults() -> None:
    """Tags and schemes nh3 would allow by default are still removed; comments go; links get
    no rel (nothing opens a new window)."""
    out = clean_body(
        "<nav>n</nav><center>c</center><cite>t</cite><font>f</font>"
        '<a href="ftp://example.org/x">ftp</a><a href="https://example.org/">w</a>'
        "<!-- internal remark --><p>p</p>"
    )
    assert out == ('nctf<a>ftp</a><a href="https://example.org/">w</a><p>p</p>')
