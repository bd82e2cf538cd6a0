"""split_front_matter finds the front matter by one search without splitting the body: it must
give what splitting the whole file into lines gives, for every arrangement of the lines that
matter (openers, closers with trailing blanks, `...`, empty lines, no final newline)."""

from __future__ import annotations

import itertools

import pytest

from noticeboard.load.source import SourceError, split_front_matter
from noticeboard.load.yamldoc import parse_yaml

LINES = [
    "---",
    "...",
    "--- ",
    "---\t",
    " ---",
    "a: 1",
    "",
    "正文",
    "\u3000",
    "----",
    "---\r",
    "...\u2028",
]


def by_lines(text: str) -> tuple[object, str, int] | int:
    """The front matter's data, the body and its first line, or the line of the error."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            try:
                data = parse_yaml("\n".join(lines[1:index]), offset=2).data
            except SourceError as exc:
                return exc.line
            return data, "\n".join(lines[index + 1 :]), index + 2
    return len(lines)


def found(text: str) -> tuple[object, str, int] | int:
    try:
        doc = split_front_matter(text)
    except SourceError as exc:
        return exc.line
    return doc.meta.data, doc.body, doc.body_line


@pytest.mark.parametrize("count", range(5))
def test_the_same_split_as_line_by_line(count: int) -> None:
    for lines in itertools.product(LINES, repeat=count):
        for end in ("", "\n", "\r"):
            text = "\n".join(lines) + end
            assert found(text) == by_lines(text), text
