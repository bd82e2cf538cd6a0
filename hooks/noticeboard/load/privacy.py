"""Finding unmasked personal numbers (mainland ID card and mobile numbers) in notice text.

A public notice must show such numbers masked (138****5678, 35**************23). Text is
NFKC-normalised first so that full-width digits (１３８…) count; digit boundaries keep numbers
inside longer digit runs (bank accounts, serial numbers) from being taken for personal ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from noticeboard.i18n import _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# 1[3-9] + 9 digits, optionally written 3-4-4 with spaces or hyphens, optionally after +86/0086/86
_MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_ID18 = re.compile(r"(?<!\d)(\d{17}[\dXx])(?![\dXx])")
_ID15 = re.compile(r"(?<!\d)([1-8]\d{14})(?!\d)")
# Every number above lies in a run of digits, spaces and hyphens (with a leading + or a final
# X) at least eleven long: the patterns only look inside such runs, which keeps them fast.
_RUN = re.compile(r"\+?\d[\d -]{9,}[\dXx]")


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


def find_personal_numbers(text: str) -> list[Finding]:
    """Every unmasked ID card or mobile number in `text`, with its line."""
    normal = unicodedata.normalize("NFKC", text)
    found: list[Finding] = []
    for run in _RUN.finditer(normal):
        line = normal.count("\n", 0, run.start()) + 1
        found.extend(_findings_in(run.group(), line))
    return sorted(set(found))


def _findings_in(run: str, line: int) -> list[Finding]:
    found: list[Finding] = []
    for match in _ID18.finditer(run):
        number = match.group(1)
        if id18_is_valid(number):
            found.append(Finding(line, "id", mask_id(number.upper())))
    for match in _ID15.finditer(run):
        if _id15_is_plausible(match.group(1)):
            found.append(Finding(line, "id", mask_id(match.group(1))))
    for match in _MOBILE.finditer(run):
        number = "".join(match.groups())
        found.append(Finding(line, "mobile", mask_mobile(number)))
    return found
