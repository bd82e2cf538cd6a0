"""Did-you-mean hints for misspelt keys and names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
