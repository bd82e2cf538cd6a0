"""Which day it is for the board: the registry's timezone, or NOTICEBOARD_TODAY."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from noticeboard.i18n import _

TODAY_ENV = "NOTICEBOARD_TODAY"


class TodayError(ValueError):
    pass


def parse_day(value: str, source: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise TodayError(
            _("{source}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01").format(
                source=source, value=value
            )
        ) from None


def resolve_today(
    timezone: str, override: str | None = None, environ: Mapping[str, str] | None = None
) -> date:
    """`override` (a --today flag) wins, then NOTICEBOARD_TODAY, then the clock in `timezone`."""
    if override:
        return parse_day(override, "--today")
    env = os.environ if environ is None else environ
    if env.get(TODAY_ENV):
        return parse_day(env[TODAY_ENV], TODAY_ENV)
    return datetime.now(ZoneInfo(timezone)).date()
