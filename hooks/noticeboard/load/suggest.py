"""Did-you-mean hints for misspelt keys and names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Protocol

from noticeboard.i18n import _


class Named(Protocol):
    """A registry entry that notices may name by id or by display name (branch, category)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return _(" (did you mean '{match}'?)").format(match=match[0]) if match else ""


def unknown_name(value: str, entries: Iterable[Named]) -> tuple[str, str]:
    """For a value that names none of `entries`: the did-you-mean hint (matched against ids,
    then names) and the valid choices as `id (name), …`."""
    listed = list(entries)
    hint = did_you_mean(value, [e.id for e in listed] + [e.name for e in listed])
    return hint, ", ".join(f"{e.id} ({e.name})" for e in listed)
