"""Which day it is for the board: the registry's timezone, or NOTICEBOARD_TODAY."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from noticeboard.i18n import _

TODAY_ENV = "NOTICEBOARD_TODAY"


class TodayError(ValueError):
    """A bad --today or NOTICEBOARD_TODAY; the message starts with which of the two it was."""


EARLIEST = date(1970, 1, 2)
LATEST = date(2105, 12, 31)
"""The days a build can stamp: the sitemap's gzip header holds its date as 32-bit seconds
since 1970 (SOURCE_DATE_EPOCH), and day arithmetic must not leave the calendar."""


def parse_day(value: str, source: str) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise TodayError(
            _("{source}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-01").format(
                source=source, value=value
            )
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise TodayError(
            _(
                "{source}: {day} is outside the days a build can date ({earliest} to {latest})"
            ).format(source=source, day=day.isoformat(), earliest=EARLIEST, latest=LATEST)
        )
    return day


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
