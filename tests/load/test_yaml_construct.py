"""parse_yaml builds the usual front matter itself (without PyYAML's per-node bookkeeping):
whatever it builds must be exactly what PyYAML's own constructor gives, types and the text a
number was written with included, and anything else must still go to PyYAML."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.load import yamldoc
from noticeboard.load.yamldoc import (
    InvalidDate,
    SourceError,
    WrittenFloat,
    WrittenInt,
    parse_yaml,
)

DOCUMENTS = [
    "title: 关于拟发展李某为预备党员的公示\nbranch: jinpu\n",
    "period:\n  start: 2026-04-13\n  end: 2026-04-22\nexpires: 2026-13-45\n",
    "number: 010\nsize: 1_000\ntime: 12:30\nhex: 0x1F\nratio: 1.10\nbig: 1e3\nnan: .nan\n",
    "draft: yes\nshown: off\nnothing: ~\nempty:\nquoted: '2026-01-01'\n",
    "tags: [财务公开, 2026年第一季度]\nattachments:\n  - path: a.pdf\n    title: 附件\n",
    "nested:\n  deeper:\n    deepest: [1, [2, [3]]]\n",
    "key: one\nkey: two\n",  # written twice: the last one is kept, as YAML does
    "? 2026-01-01\n: dated key\n12: number key\ntrue: bool key\n",
    "explicit: !!str 12\nforced: !!int '7'\nstamp: !!timestamp 2026-01-02\n",
    "binary: !!binary aGVsbG8=\n",
    "base: &b {x: 1}\n",  # an anchor without an alias
    "merged:\n  <<: {a: 1}\n  b: 2\n",
    "set: !!set {a, b}\n",
    "ordered: !!omap [{a: 1}, {b: 2}]\n",
    "multi: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "'quoted key': \"double \\u0031\"\n",
]


def pyyaml(text: str) -> object:
    """The document as PyYAML's own (Python) constructor builds it with the same tags."""
    from noticeboard.load import yamldoc

    loader = yamldoc._FAST(text)
    try:
        return loader.construct_document(loader.get_single_node())
    finally:
        loader.dispose()


def typed(value: object) -> object:
    """`value` with every type and every number's written text made visible to ==."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list | set):
        return (type(value).__name__, [typed(v) for v in value])
    if isinstance(value, WrittenInt | WrittenFloat):
        return (type(value).__name__, repr(value), value.written)
    if isinstance(value, float) and value != value:
        return ("nan", type(value).__name__)
    return (type(value).__name__, value)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_document_is_what_pyyaml_builds(text: str) -> None:
    assert typed(parse_yaml(text).data) == typed(pyyaml(text))


def test_dates_numbers_and_their_written_text_come_through() -> None:
    data = parse_yaml(DOCUMENTS[1] + DOCUMENTS[2]).data
    assert data["period"]["start"] == datetime.date(2026, 4, 13)
    assert data["expires"] == "2026-13-45"  # no such day: kept as text
    assert isinstance(data["number"], WrittenInt) and data["number"].written == "010"
    assert data["number"] == 8 and data["time"] == 750
    assert isinstance(data["ratio"], WrittenFloat) and data["ratio"].written == "1.10"


@pytest.mark.parametrize(
    "text",
    [
        "? [a, b]\n: a list as a key\n",
        "? {a: 1}\n: a mapping as a key\n",
        "value: !custom thing\n",
        "merged:\n  <<: 5\n",
    ],
)
def test_what_pyyaml_refuses_is_still_refused(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        pyyaml(text)
    with pytest.raises(SourceError):
        parse_yaml(text)


def plain(value: object) -> object:
    """`value` with its numbers as plain int and float, and every type visible to ==."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, bool | type(None)):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return (type(value).__name__.replace("Written", "").lower(), value)
    return (type(value).__name__, value)


@pytest.mark.parametrize("text", [d for d in DOCUMENTS if "13-45" not in d])
def test_each_scalar_has_the_type_pure_python_yaml_gives_it_first_time_and_again(text: str):
    """Plain scalars' tags are resolved once per text and kept: a text met again (the same
    key in the next file) must get the same type as pure-Python PyYAML gives it."""
    expected = plain(yaml.load(text, Loader=yaml.SafeLoader))
    assert plain(parse_yaml(text).data) == expected
    assert plain(parse_yaml(text).data) == expected


def test_a_timestamp_met_again_has_the_value_it_had_first() -> None:
    """Timestamps are built once per text and kept (issue 13): the second file with the same
    date gets an equal value of the same type, and an impossible date stays text."""
    text = "a: 2026-04-13\nb: 2026-04-13 08:30:00+08:00\nc: 2026-13-45\nd: 2026-04-13\n"
    first, again = parse_yaml(text).data, parse_yaml(text).data
    assert first == again
    assert [type(again[k]) for k in "abcd"] == [type(first[k]) for k in "abcd"]
    assert type(again["a"]) is datetime.date and again["a"] == datetime.date(2026, 4, 13)
    assert again["b"] == datetime.datetime(2026, 4, 13, 0, 30, tzinfo=datetime.UTC) and isinstance(
        again["b"], datetime.datetime
    )
    assert isinstance(again["c"], InvalidDate) and again["c"] == "2026-13-45"


_NESTING_PIECES = st.sampled_from(["  ", "- ", "? ", ": ", "\t", "a", "\n", "[", "{", "]", "}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NESTING_PIECES | st.sampled_from([" " * 30, "- " * 20]), max_size=80))
def test_the_nesting_bound_is_the_prefix_plus_the_flow_depth(pieces: list[str]) -> None:
    """The one-search shortcut of `_may_nest_deeply` says what the plain bound says: the
    longest indentation-and-indicator prefix plus the deepest bracket, plus one, over 64."""
    text = "".join(pieces)
    prefix = max(len(m) for m in re.findall(r"^[ \t?:-]*", text, re.MULTILINE))
    depth = deepest = 0
    for bracket in re.findall(r"[][{}]", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    assert yamldoc._may_nest_deeply(text) == (prefix + deepest + 1 > yamldoc._MAX_FAST_DEPTH)
