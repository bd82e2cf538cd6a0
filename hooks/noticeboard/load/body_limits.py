"""Bodies that would build slowly, crash the Markdown parser or lose text: found before the build.

Python-Markdown's inline parser scans forward from every unmatched '[' or '(' to the end of the
paragraph (24 KB of nested brackets took minutes), md_in_html recurses once per nested
`<div markdown>`, and an unclosed `<style>` or comment swallows the rest of the body in the
sanitiser. One linear pass over the body finds each; `bench/bench_hostile.py` measures them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from noticeboard.i18n import _

MAX_BRACKET_DEPTH = 16
MAX_UNMATCHED_BRACKETS = 32
"""Per paragraph: '[' and '(' left open (each costs a scan of the rest of the paragraph)."""
MAX_HTML_DEPTH = 24
MAX_QUOTE_DEPTH = 12
MAX_INDENT = 48
"""Columns of leading whitespace: list items nested about 12 levels deep."""
MAX_PARAGRAPH = 20_000
"""Characters in one paragraph (between blank lines): inline parsing is per paragraph."""

RAW_TEXT_ELEMENTS = (
    "style", "script", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript", "plaintext",
)  # fmt: skip
_RAW_OPEN = re.compile(rf"<({'|'.join(RAW_TEXT_ELEMENTS)})\b", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_QUOTES = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")


@dataclass(frozen=True)
class BodyProblem:
    line: int  # 1-based within the body
    message: str


def body_problems(body: str) -> list[BodyProblem]:
    """Every reason `body` cannot be built safely and quickly; empty when it can."""
    problems = _unclosed(body)
    problems += _html_depth(body)
    problems += _lines(body)
    problems += _paragraphs(body)
    return problems


def _line_of(body: str, offset: int) -> int:
    return body.count("\n", 0, offset) + 1


def _unclosed(body: str) -> list[BodyProblem]:
    """An unclosed raw-text element or comment would take all the text after it away."""
    if "<" not in body:  # neither an element nor a comment (most bodies)
        return []
    problems = []
    lower = body.lower()
    last_close = {name: lower.rfind(f"</{name}") for name in RAW_TEXT_ELEMENTS}
    for match in _RAW_OPEN.finditer(body):
        name = match.group(1).lower()
        if last_close[name] < match.end():
            problems.append(
                BodyProblem(
                    _line_of(body, match.start()),
                    _(
                        "<{name}> is never closed, so everything after it would disappear from "
                        "the page; delete it (a notice body cannot use <{name}>)"
                    ).format(name=name),
                )
            )
            break
    start = lower.find("<!--")
    if start != -1 and lower.rfind("-->") < start + 4:
        problems.append(
            BodyProblem(
                _line_of(body, start),
                _(
                    "an HTML comment '<!--' is never closed with '-->', so everything after it "
                    "would disappear from the page"
                ),
            )
        )
    return problems


def _html_depth(body: str) -> list[BodyProblem]:
    if "<" not in body:
        return []
    depth = 0
    for match in _TAG.finditer(body):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            return [
                BodyProblem(
                    _line_of(body, match.start()),
                    _(
                        "HTML elements are nested more than {most} deep here; "
                        "a notice needs far fewer levels"
                    ).format(most=MAX_HTML_DEPTH),
                )
            ]
    return []


def _lines(body: str) -> list[BodyProblem]:
    for number, line in enumerate(body.split("\n"), start=1):
        if not line or line[0] not in " \t>":
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT:
            return [
                BodyProblem(
                    number,
                    _(
                        "this line is indented {indent} columns; lists and quotes may nest "
                        "at most {most} columns deep"
                    ).format(indent=indent, most=MAX_INDENT),
                )
            ]
        quotes = _QUOTES.match(line)
        if quotes and quotes.group().count(">") > MAX_QUOTE_DEPTH:
            return [
                BodyProblem(
                    number,
                    _("quotes ('>') are nested more than {most} deep").format(most=MAX_QUOTE_DEPTH),
                )
            ]
    return []


def _paragraphs(body: str) -> list[BodyProblem]:
    """Brackets are matched within a paragraph, which is where the inline parser works."""
    offset = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", body):
        problem = _paragraph_problem(paragraph)
        if problem:
            return [BodyProblem(_line_of(body, offset), problem)]
        offset += len(paragraph)
    return []


def _paragraph_problem(text: str) -> str | None:
    if len(text) > MAX_PARAGRAPH:
        return _(
            "this paragraph is {count} characters long without a blank line; "
            "split it (at most {most})"
        ).format(count=len(text), most=MAX_PARAGRAPH)
    if "[" not in text and "(" not in text:
        return None
    open_brackets: list[str] = []
    unmatched = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "[(":
            open_brackets.append(ch)
            if len(open_brackets) > MAX_BRACKET_DEPTH:
                return _(
                    "more than {most} brackets '[' or '(' are open at once here "
                    "(nested, or never closed); close them, or write '\\[' and '\\(' for "
                    "literal brackets"
                ).format(most=MAX_BRACKET_DEPTH)
        elif ch in "])":
            want = "[" if ch == "]" else "("
            if want in open_brackets:
                while open_brackets.pop() != want:
                    unmatched += 1
    unmatched += len(open_brackets)
    if unmatched > MAX_UNMATCHED_BRACKETS:
        return _(
            "this paragraph has {count} brackets '[' or '(' that are never closed; "
            "close them or write them as '\\[' and '\\(' (at most {most})"
        ).format(count=unmatched, most=MAX_UNMATCHED_BRACKETS)
    return None
