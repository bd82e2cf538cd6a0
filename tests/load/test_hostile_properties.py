"""Hypothesis: front matter and registry values drawn from the dangerous alphabets (markup
characters, entities, control characters, bidi marks, separators inside digit runs) go through
the loader and the renderer (views and templates, no build): either a clear problem at a line,
or a page that shows them as text and runs nothing (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noticeboard.load.board import load_board
from noticeboard.load.privacy import find_personal_numbers
from noticeboard.mkdocs_adapter import _page_meta as page_meta
from noticeboard.publish.pages import site_pages

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
TODAY = "2024-06-15"

MARKUP = ["<", ">", '"', "'", "&", "</title>", "<script>", "javascript:", " onerror=", "`"]
ENTITIES = ["&lt;", "&gt;", "&quot;", "&#60;", "&#x3c;", "&nbsp;", "&#49;", "&amp;lt;"]
CONTROLS = ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f", "\u061c"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SEPARATORS = [" ", "\u00a0", "-", "–", "—", ".", "\n", "\u200b", "*"]
WORDS = ["公示", "金铺", "a", "1", "x"]

pieces = st.sampled_from(MARKUP + ENTITIES + CONTROLS + BIDI + INVISIBLE + WORDS)
dangerous_text = st.lists(pieces, min_size=1, max_size=12).map("".join)


@st.composite
def disguised_mobile(draw: st.DrawFn) -> str:
    """A real-looking mobile number with separators (or entities) between its digits."""
    digits = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    out = ""
    for digit in digits:
        out += digit if draw(st.booleans()) else f"&#{ord(digit)};"
        out += draw(st.sampled_from(["", "", *SEPARATORS]))
    return out


REGISTRY = """\
repository: private
branches:
  - id: jinpu
    name: {name}
    feedback: {{address: {address}, person: {person}, email: {email}}}
categories:
  - id: organisation
    name: {category}
"""
NOTICE = """\
---
title: {title}
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {{start: 2024-06-12, end: 2024-06-18}}
number: {number}
reviewed_by: {reviewed}
tags: [{tag}]
feedback: {{person: {fb_person}, email: {fb_email}}}
---
正文。
"""
FIELDS = ("title", "number", "reviewed", "tag", "fb_person", "fb_email")
REGISTRY_FIELDS = ("name", "address", "person", "email", "category")


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar


def env() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)))
    environment.filters["url"] = lambda value: value
    return environment


def runs_something(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = [str(tag)[:60] for tag in soup.find_all(["script", "iframe", "svg", "img", "style"])]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or text.strip().lower().startswith("javascript:"):
                found.append(f"{tag.name}[{name}]")
    return found


def write(root: Path, registry: str, notice: str) -> Path:
    (root / "notices/jinpu/2024").mkdir(parents=True, exist_ok=True)
    (root / "notices/_board.yml").write_text(registry, encoding="utf-8")
    (root / "notices/jinpu/2024/x.md").write_text(notice, encoding="utf-8")
    return root


def render_all(board) -> list[str]:
    """Every generated page's own markup: the notice and listing templates' content blocks."""
    environment = env()
    html = []
    for spec in site_pages(board, "https://example.org/"):
        if spec.notice_id is not None:
            view = spec.view
            html.append(
                environment.get_template("partials/nb-feedback.html").render(fb=view.feedback)
                if view.feedback
                else ""
            )
        else:
            view = spec.view
            # listings: sections and the board's columns; the printable board: its cover
            sections = [*getattr(view, "sections", ()), *getattr(view, "cover", ())]
            for column in getattr(view, "columns", ()):
                sections += [*column.sections, *([column.folded] if column.folded else [])]
            for section in sections:
                for item in section.items:
                    html.append(environment.get_template("partials/nb-item.html").render(item=item))
    return html


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


@pytest.mark.slow  # 60 boards loaded and rendered: 1-5 s
@SETTINGS
@given(values=st.fixed_dictionaries({k: dangerous_text for k in FIELDS + REGISTRY_FIELDS}))
def test_dangerous_values_are_problems_or_inert_text(base: Path, values: dict[str, str]) -> None:
    registry = REGISTRY.format(**{k: q(values[k]) for k in REGISTRY_FIELDS})
    notice = NOTICE.format(**{k: q(values[k]) for k in FIELDS})
    result = load_board(write(base, registry, notice), TODAY)
    for problem in result.problems:  # every problem names a file and a real line
        assert problem.path.startswith("notices/") and problem.line >= 1, problem
        problem.text().encode("utf-8")  # printable
    if not result.ok:
        return
    for html in render_all(result.board):
        assert runs_something(html) == [], html
    for spec in site_pages(result.board, "https://example.org/"):
        # the page title as MkDocs gets it: Material prints it raw in <title> and the header
        title = page_meta(spec)["title"]
        assert "<" not in title and '"' not in title, title


@SETTINGS
@given(number=disguised_mobile())
def test_a_disguised_mobile_number_is_found_anywhere(base: Path, number: str) -> None:
    assert find_personal_numbers(f"电话：{number}。"), number
    registry = REGISTRY.format(
        name=q("金铺村党支部"),
        address=q("村部"),
        person=q(f"王 {number}"),
        email=q("a@b.example"),
        category=q("组织建设"),
    )
    notice = NOTICE.format(
        title=q("公示"), number=q("1号"), reviewed=q("支委会"), tag=q("t"), fb_person=q("王"),
        fb_email=q("a@b.example"),
    )  # fmt: skip
    result = load_board(write(base, registry, notice), TODAY)
    assert any(p.path == "notices/_board.yml" and p.field == "privacy" for p in result.problems)
