"""What MkDocs reads for a generated page: the body whole, whatever its first lines say, and
the meta (title, template) from the hook, not from a YAML dump."""

from __future__ import annotations

from mkdocs.utils.meta import get_data

from noticeboard.mkdocs_adapter import _markdown, _page_meta
from noticeboard.publish.pages import PageSpec


def spec(body: str, title: str = "公示") -> PageSpec:
    return PageSpec(
        src_uri="notices/a/2026/b.md", title=title, template="notice.html", view=None, body=body
    )


def test_a_body_that_looks_like_front_matter_or_meta_stays_the_body():
    for body in ("Title: 假标题\nTemplate: x.html\n\n正文", "---\ntemplate: main.html\n---\n正文"):
        markdown, meta = get_data(_markdown(spec(body)))
        assert markdown == body and meta == {}


def test_the_meta_holds_the_escaped_title_and_the_template():
    meta = _page_meta(spec("正文", title='<b>"关于"</b>'))
    assert meta == {
        "title": "&lt;b&gt;&quot;关于&quot;&lt;/b&gt;",
        "template": "notice.html",
        "hide": ["toc"],
    }
