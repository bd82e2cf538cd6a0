"""argparse's own words (usage, errors, help headings) in the language of the messages.

argparse looks up its texts through the module-level names `argparse._` and
`argparse.ngettext` (gettext's, default domain) each time it prints. `in_language()` points
them at our catalogue while the `noticeboard` command parses its arguments, so `noticeboard`
with a missing or bad option answers in Chinese too. The msgids below are argparse's own
(Python 3.11+), listed with N_() so Babel extracts them into our catalogue; one that a later
Python rewords simply stays English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from noticeboard.i18n import N_, _

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _(singular if count == 1 else plural)


@contextmanager
def in_language() -> Iterator[None]:
    """argparse speaks the current language inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
