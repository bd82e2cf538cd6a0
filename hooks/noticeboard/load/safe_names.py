"""One rule for every name that becomes part of a web address: notice files, their folders and
attachments.

A name is letters (Chinese too), digits, '-', '_' and '.', starting and ending with a letter or
digit. So a name never needs escaping in a link, never hides a '#', '?' or '%' that a browser
reads as part of the address, never carries quotes into markup, and never reads differently on
screen (no spaces, control, zero-width or bidi characters). Registry ids are stricter still
(lowercase ASCII, registry_reader.SLUG_RE) because they are typed into addresses by hand.
"""

from __future__ import annotations

import re

from noticeboard.i18n import N_, _

NAME_MAX = 100
"""Longest name, in characters; file systems stop at 255 bytes (85 Chinese characters in UTF-8)."""
NAME_MAX_BYTES = 240

_SAFE = re.compile(r"[^\W_](?:[\w.-]*[^\W_])?")
RESERVED_STEMS = frozenset({"index", "readme"})
"""MkDocs turns `index.md` and `README.md` into the folder's own page: no notice may be one."""

ALLOWED = N_(
    "letters (Chinese too), digits, '-', '_' and '.', starting and ending with a letter or "
    "digit; no spaces, '#', '?', '%', quotes or other punctuation"
)


def shown(name: str) -> str:
    """`name` printable in a message even when it is not UTF-8 (os gives surrogate escapes)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name_problem(name: str) -> str | None:
    """Why `name` (one path component: a file or folder) cannot be used, or None when it can."""
    if not is_utf8(name):
        return _("the name '{name}' is not UTF-8 text; rename it using {allowed}").format(
            name=shown(name), allowed=_(ALLOWED)
        )
    if len(name) > NAME_MAX or len(name.encode("utf-8")) > NAME_MAX_BYTES:
        return _("the name '{name}…' is {count} characters long; keep it under {most}").format(
            name=name[:40], count=len(name), most=NAME_MAX
        )
    if not _SAFE.fullmatch(name) or ".." in name:
        return _("the name '{name}' is not allowed in a web address: use {allowed}").format(
            name=name, allowed=_(ALLOWED)
        )
    return None


def notice_name_problem(stem: str) -> str | None:
    """Why a notice file's name (without `.md`) cannot be a notice id's last part."""
    problem = name_problem(stem)
    if problem is None and stem.lower() in RESERVED_STEMS:
        return _(
            "a notice cannot be called '{name}': MkDocs would make it the folder's own page; "
            "give it a name that says what the notice is"
        ).format(name=f"{stem}.md")
    return problem
