"""Notice bodies converted outside MkDocs' page render (body_worker): the later part by a
child process when there are many, the same bytes as converted here, whatever happens to it."""

from __future__ import annotations

import markdown
import pytest

from noticeboard.publish import body_worker
from noticeboard.publish.body import html_text
from noticeboard.publish.body_worker import Bodies, converter
from noticeboard.publish.sanitize import clean_body

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
CONFIGS = {"toc": {"permalink": False}}
WIDE = "| " + " | ".join(f"第{i}列" for i in range(9)) + " |\n|" + "---|" * 9 + "\n"
BODIES = {
    f"jinpu/2026/n{i}": f"## 事项{i}\n\n经研究，现予公示。<script>alert({i})</script>\n\n"
    + ("| 姓名 | 金额 |\n|---|---|\n| 李四 | 100 |\n" if i % 2 else WIDE)
    + f"\n[来源](https://example.org/{i})\n"
    for i in range(8)
}


def by_hand(body: str) -> str:
    """MkDocs' way of it: a new Markdown instance for the body, then the allow-list."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    return clean_body(md.convert(body))


def test_one_converter_for_many_bodies_gives_what_a_new_one_each_time_gives():
    convert = converter(EXTENSIONS, CONFIGS)
    for body in [*BODIES.values(), *BODIES.values()]:  # headings' ids do not carry over
        converted = convert(body)
        assert converted.html == by_hand(body)
        assert converted.text == html_text(converted.html)
        assert "<script" not in converted.html and "事项" in converted.text
    assert convert(BODIES["jinpu/2026/n0"]).wide and not convert(BODIES["jinpu/2026/n1"]).wide


def test_the_child_converts_the_later_part_as_it_would_be_converted_here():
    bodies = Bodies(BODIES, EXTENSIONS, CONFIGS, least=1)
    try:
        for notice_id in reversed(BODIES):  # in any order
            assert bodies.get(notice_id) == converter(EXTENSIONS, CONFIGS)(BODIES[notice_id])
        # really converted by the child: its share, from the end
        assert bodies.converted_by_child == int(len(BODIES) * body_worker.CHILD_SHARE)
    finally:
        bodies.close()
    assert bodies._child is not None and bodies._child.poll() is not None


def test_few_bodies_are_converted_here_without_a_child():
    bodies = Bodies(dict(list(BODIES.items())[:2]), EXTENSIONS, CONFIGS)  # below MIN_BODIES
    assert bodies._child is None
    assert bodies.get("jinpu/2026/n1").html == by_hand(BODIES["jinpu/2026/n1"])


def test_a_child_that_fails_leaves_the_bodies_to_this_process(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(body_worker, "_CHILD", "import sys; sys.exit(3)")
    bodies = Bodies(BODIES, EXTENSIONS, CONFIGS, least=1)
    assert [bodies.get(n).html for n in BODIES] == [by_hand(b) for b in BODIES.values()]
    assert bodies.converted_by_child == 0
    bodies.close()


def test_extensions_that_do_not_pickle_are_converted_here():
    class Local(markdown.Extension):  # a class no child could import
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            pass

    bodies = Bodies(BODIES, [*EXTENSIONS, Local()], CONFIGS, least=1)
    assert bodies._child is None
    assert bodies.get("jinpu/2026/n3").html == by_hand(BODIES["jinpu/2026/n3"])
