"""find_personal_numbers cuts only the stretches that may hold a number into digit tokens:
it must find exactly what cutting the whole text finds, wherever digits, X, separators,
letters and markup fall around a number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.load import privacy
from noticeboard.load.privacy import find_personal_numbers, normalise

MOBILE = "13800138000"
ID18 = "11010519491231002X"  # a valid check digit


def whole_text(text: str) -> list[privacy.Finding]:
    """The scan cutting the whole (normalised) text into tokens: the reference."""
    normal = normalise(text)
    if privacy._CANDIDATE.search(normal) is None:
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in privacy._TOKEN.finditer(normal)]
    return sorted(set(privacy._findings_in_runs(normal, tokens)))


PIECES = st.sampled_from(
    [
        MOBILE,
        ID18,
        ID18.lower(),
        "0550-7654321",
        "86",
        "0086",
        "1",
        "12",
        "123",
        "X",
        "x",
        "a",
        "Xa",
        "号",
        "电话",
        " ",
        "-",
        ".",
        "*",
        "_",
        "\n",
        "  " * 7,
        "\u200b",
        "１３８",
        "<b>",
        "&#49;",
        "：",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=14))
def test_the_stretches_find_what_the_whole_text_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_personal_numbers(text) == whole_text(text)


def test_numbers_on_either_side_of_a_long_gap_are_each_found_once() -> None:
    text = f"电话：{MOBILE}" + " " * 13 + f"{ID18}，另 {MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}"
    found = find_personal_numbers(text)
    assert [f.kind for f in found] == ["id", "mobile"]  # one Finding per kind and mask
    assert found == whole_text(text)
