"""Finding unmasked personal numbers (mainland ID card and mobile numbers) in notice text.

A public notice must show such numbers masked (138****5678, 35**************23). Text is
NFKC-normalised first so that full-width digits (１３８…) count; digit boundaries keep numbers
inside longer digit runs (bank accounts, serial numbers) from being taken for personal ones.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from noticeboard.i18n import _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# A number may be written with separators anywhere between its digits: spaces (no-break ones
# too, after NFKC), hyphens and dashes, dots, line breaks and the indentation of folded YAML,
# Markdown emphasis marks, zero-width and bidi characters. Digits come in tokens (a final X
# belongs to an ID number); tokens joined by nothing but separators form one run.
_SEPARATOR_CHARS = (
    r"\s.\-+*_~`·\u00ad\u2010-\u2015\u2212\u2027\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
)
_SEPARATORS = f"[{_SEPARATOR_CHARS}]"
_GAP = re.compile(rf"{_SEPARATORS}{{1,12}}")
_TOKEN = re.compile(r"\d+(?:[Xx](?![A-Za-z0-9]))?|(?<![A-Za-z])[Xx](?![A-Za-z0-9])")
_MOBILE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")
_ID18 = re.compile(r"\d{17}[\dXx]")
_ID15 = re.compile(r"[1-8]\d{14}")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
_SHORTEST = 11  # digits in the shortest number looked for (a mobile number)
# Possessive (`{0,12}+`, `{10,}+`): digits and separators never overlap, so a run of separators
# given back could not be followed by a digit anyway; not trying saves a third of the scan.
_CANDIDATE = re.compile(rf"[\dXx](?:{_SEPARATORS}{{0,12}}+[\dXx]){{{_SHORTEST - 1},}}+")
"""A stretch that may hold a number: 11 digits (or X) or more, joined by what a gap allows."""

# The same test on the text as written, before NFKC (which costs ~0.2 ms for a notice). It is
# exact only for text made of characters whose NFKC form keeps their role one for one: a
# digit or X stays one digit or X (full-width ones too), a separator gives only separators,
# and the usual letters, CJK ideographs and punctuation give neither (`_RAW_OTHER`). None of
# these combines with a neighbour under NFKC. Any other character (①, ㎡, a combining mark)
# or any tag or entity (`<`, `&`) sends the text through the full normalisation first.
# tests/load/test_privacy.py checks each class against unicodedata, code point by code point.
_RAW_DIGIT_CHARS = r"\dXx\uff38\uff58"
_RAW_SEPARATOR_CHARS = _SEPARATOR_CHARS + r"\uff0a\uff0b\uff0d\uff0e\uff3f\uff40\uff5e\u2024-\u2026"
_RAW_OTHER_CHARS = (
    r"A-WYZa-wyz!\"#$%'(),/:;=>?@\[\\\]^{|}"
    r"\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u3014-\u301b\u2018\u2019\u201c\u201d"
    r"\uff01-\uff09\uff0c\uff0f\uff1a-\uff20\uff21-\uff37\uff39\uff3a\uff3b-\uff3e"
    r"\uff41-\uff57\uff59\uff5a\uff5b-\uff5d"
)
_RAW_UNSURE = re.compile(rf"[^{_RAW_DIGIT_CHARS}{_RAW_SEPARATOR_CHARS}{_RAW_OTHER_CHARS}]")
_RAW_CANDIDATE = re.compile(
    rf"[{_RAW_DIGIT_CHARS}](?:[{_RAW_SEPARATOR_CHARS}]{{0,12}}+[{_RAW_DIGIT_CHARS}])"
    rf"{{{_SHORTEST - 1},}}+"
)
_LONGEST = 18  # digits in the longest number looked for (an ID number; +86 and a mobile: 13)


@dataclass(frozen=True, order=True)
class Finding:
    """An unmasked number on `line` (1-based within the scanned text), and how to mask it."""

    line: int
    kind: str
    masked: str

    def message(self) -> str:
        if self.kind == "mobile":
            message = _(
                "unmasked mobile phone number: a public notice must not show it in full; "
                "write it masked as {masked}"
            )
        else:
            message = _(
                "unmasked ID card number (身份证号): a public notice must not show it in full; "
                "write it masked as {masked}"
            )
        return message.format(masked=self.masked)


def id18_is_valid(digits: str) -> bool:
    """True when the 18th character is the ISO 7064 MOD 11-2 check digit of the first 17."""
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def _id15_is_plausible(digits: str) -> bool:
    """The legacy form is area (6) + YYMMDD + sequence (3): require a real month and day."""
    month, day = int(digits[8:10]), int(digits[10:12])
    return 1 <= month <= 12 and 1 <= day <= 31


def mask_mobile(number: str) -> str:
    return f"{number[:3]}****{number[-4:]}"


def mask_id(number: str) -> str:
    return f"{number[:2]}{'*' * (len(number) - 4)}{number[-2:]}"


def normalise(text: str) -> str:
    """The text as a reader sees it, line for line: HTML tags dropped, entities decoded
    (`&#49;` is 1), then NFKC (full-width digits count). A decoded line break becomes a space,
    so line numbers still match the file.

    NFKC runs once over the whole text: no character normalises to a line break and a line
    break (a starter) blocks composition, so this equals normalising line by line, in one call
    instead of one per line."""
    if "<" in text or "&" in text:
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if "<" in line:
                line = _TAG.sub("", line)
            if "&" in line:
                line = html.unescape(line).replace("\n", " ")
            lines[index] = line
        text = "\n".join(lines)
    return unicodedata.normalize("NFKC", text).replace("\r", " ")


def find_personal_numbers(text: str) -> list[Finding]:
    """Every unmasked ID card or mobile number in `text`, with its line.

    Candidates are whole digit tokens joined across separators, never a piece cut out of a
    longer unbroken run of digits (a bank account); each token starts at most a handful of
    candidates (18 digits at most), so the scan is linear in the text. Text with no stretch
    of 11 digits joined by separators (the shortest number looked for) has none: one regex
    pass over the text as written settles most notices.

    Only such stretches are cut into tokens: a run of joined tokens holding 11 digits lies
    whole inside one (a stretch ends only where a run must end too: at a character that is
    neither a digit nor a separator, or after 12 separators), and a shorter run holds no
    number. (A notice with a contact telephone has one such stretch; tokenising its whole text
    was a third of its reading.)
    """
    if _RAW_UNSURE.search(text) is None:
        first = _RAW_CANDIDATE.search(text)
        if first is None:
            return []  # no '<' or '&' either: both are outside the raw classes
        normal = unicodedata.normalize("NFKC", text).replace("\r", " ")
        # Each character of a sure text normalises on its own to one or more characters of
        # the same role (tests/load/test_privacy.py): the same length means one each, in
        # place, so the stretches are where the raw scan finds them, from the first on.
        if len(normal) == len(text):
            stretches = _RAW_CANDIDATE.finditer(text, first.start())
        else:  # an ellipsis (…) became three dots
            stretches = _CANDIDATE.finditer(normal)
    else:
        normal = normalise(text)
        stretches = _CANDIDATE.finditer(normal)
    found: set[Finding] = set()
    for stretch in stretches:
        tokens = []
        # up to one character past the stretch: a token's lookahead sees what really follows
        # it (a scan to the end of the text looked for the next digit through the whole body)
        for m in _TOKEN.finditer(normal, stretch.start(), stretch.end() + 1):
            if m.start() >= stretch.end():
                break
            tokens.append((m.start(), m.end(), m.group()))
        found.update(_findings_in_runs(normal, tokens))
    return sorted(found)


def _findings_in_runs(text: str, tokens: list[tuple[int, int, str]]) -> list[Finding]:
    """The numbers in `tokens` (in text order), cut into runs of joined tokens."""
    found: list[Finding] = []
    run_start = 0
    for index in range(len(tokens) + 1):
        joined = (
            index < len(tokens) and index > 0 and _joined(text, tokens[index - 1], tokens[index])
        )
        if index == len(tokens) or (index > 0 and not joined):
            found.extend(_findings_in_run(text, tokens[run_start:index]))
            run_start = index
    return found


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    if left[2][-1] in "Xx":
        return False  # an X ends an ID number
    return _GAP.fullmatch(text, left[1], right[0]) is not None


def _findings_in_run(text: str, run: list[tuple[int, int, str]]) -> list[Finding]:
    """Numbers made of whole tokens of one run; one inside a longer one found is left out (the
    digits 2-12 of an ID number are not also a mobile number)."""
    spans: list[tuple[int, int, tuple[str, str]]] = []
    for first in range(len(run)):
        digits = ""
        for last in range(first, len(run)):
            digits += run[last][2]
            if len(digits) > _LONGEST:
                break
            number = _as_personal_number(digits)
            if number is not None:
                spans.append((first, last, number))
    found = []
    reach = -1  # the furthest token a kept number ends on; one sweep, not a pairwise test
    for first, last, number in sorted(spans, key=lambda s: (s[0], -s[1])):
        if last <= reach:
            continue
        reach = last
        line = text.count("\n", 0, run[first][0]) + 1
        found.append(Finding(line, *number))
    return found


def _as_personal_number(digits: str) -> tuple[str, str] | None:
    """(kind, masked) when `digits`, whole, is an ID card or mobile number."""
    if len(digits) == 18 and _ID18.fullmatch(digits) and id18_is_valid(digits):
        return "id", mask_id(digits.upper())
    if len(digits) == 15 and _ID15.fullmatch(digits) and _id15_is_plausible(digits):
        return "id", mask_id(digits)
    mobile = _MOBILE.fullmatch(digits)
    if mobile:
        return "mobile", mask_mobile(mobile.group(1))
    return None


TEXT_ATTACHMENTS = frozenset({".csv", ".txt"})
"""Attachments published as text beside a notice: scanned like the notice itself."""
MAX_TEXT_ATTACHMENT_BYTES = 5_000_000


def attachment_text(data: bytes) -> str:
    """A text attachment's characters: UTF-8 (with or without BOM), else the GB18030 that
    Chinese Excel and WPS write; undecodable bytes never hide the digits around them."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def name_findings(name: str) -> list[Finding]:
    """Numbers in a file or folder name (names reach the page as link text and addresses);
    `_` is one of the separators, as a space is."""
    return find_personal_numbers(name)


def yaml_findings(text: str, data: Any) -> list[tuple[Finding, str | None]]:
    """Numbers in a YAML file: in its own lines (exact line numbers, key None), then in the
    parsed strings, for numbers written with YAML escapes (`\\n`, `\\u0031`) that only appear
    once parsed; those come with the dotted key that holds them."""
    findings = find_personal_numbers(text)
    out: list[tuple[Finding, str | None]] = [(f, None) for f in findings]
    if "\\" not in text:
        return out  # without a backslash there are no YAML escapes: parsing adds nothing
    seen = {f.masked for f in findings}
    for key, value in _strings(data, ""):
        for finding in find_personal_numbers(value):
            if finding.masked not in seen:
                seen.add(finding.masked)
                out.append((finding, key))
    return out


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, f"{path}.{k}".lstrip("."))]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _strings(v, f"{path}[{i}]")]
    return []
