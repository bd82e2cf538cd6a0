"""Text that reads as what it is: no bidi overrides, no control characters, not empty to the eye.

A title of zero-width spaces looks blank on the board; U+202E (RIGHT-TO-LEFT OVERRIDE) makes
'公示' display as something else than what the check and the search index read.
"""

from __future__ import annotations

import unicodedata

from noticeboard.i18n import _

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ALLOWED_CONTROLS = frozenset("\n\t")


def text_problem(key: str, value: str) -> str | None:
    """Why `value` (of front-matter or registry key `key`) would not read as written."""
    if value.isprintable():  # no Cc or Cf character (every bidi control is Cf): most values
        return None if _visible(value) else _invisible(key)
    bidi = sorted({ch for ch in value if ch in BIDI_CONTROLS})
    if bidi:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in bidi)
        return _(
            "'{key}' contains the invisible direction control {codes}, which makes the text "
            "display differently from what it says; delete it (retype the value)"
        ).format(key=key, codes=codes)
    controls = sorted(
        {ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS}
    )
    if controls:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in controls)
        return _(
            "'{key}' contains the control character {codes}; delete it (retype the value)"
        ).format(key=key, codes=codes)
    return None if _visible(value) else _invisible(key)


def _visible(value: str) -> bool:
    if value and unicodedata.category(value[0])[0] in "LNPS":
        return True  # most values: no generator for the first character's answer
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in value)


def _invisible(key: str) -> str:
    return _("'{key}' has no visible character; write it out").format(key=key)
