"""What the browser's scripts are told about the site, from the same Python values the pages use.

`state.js` relabels notices on the visitor's clock and `search.js` builds the filter selects;
both read this from one JSON element every page carries (`overrides/main.html`), so neither
keeps its own copy of a state label, the filters or the board's timezone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from noticeboard import urls
from noticeboard.model import Registry
from noticeboard.publish.lifecycle import LABELS
from noticeboard.publish.search_records import FILTERS
from noticeboard.publish.text import zone_name


@dataclass(frozen=True)
class ScriptData:
    labels: dict[str, str]  # state → label (公示中 …)
    state_order: tuple[str, ...]  # the labels in the order the state filter lists them
    filters: tuple[tuple[str, str], ...]  # (name, label) of each search filter, in order
    timezone: str  # the registry's IANA timezone: "today" for a notice is a day there
    utc_offset_minutes: int  # its offset on the build's day, for browsers without Intl zones
    zone_name: str  # how the pages name it (北京时间)
    all_feed_url: str

    @property
    def script(self) -> dict[str, object]:
        """The JSON the scripts read (names in the scripts' camelCase)."""
        return {
            "labels": self.labels,
            "stateOrder": list(self.state_order),
            "filters": [list(f) for f in self.filters],
            "timezone": self.timezone,
            "utcOffsetMinutes": self.utc_offset_minutes,
        }


def utc_offset_minutes(timezone: str, day: date) -> int:
    offset = datetime.combine(day, time(12), tzinfo=ZoneInfo(timezone)).utcoffset()
    return int(offset.total_seconds()) // 60 if offset is not None else 0


def script_data(registry: Registry, today: date) -> ScriptData:
    offset = utc_offset_minutes(registry.timezone, today)
    return ScriptData(
        labels={state.value: label for state, label in LABELS.items()},
        state_order=tuple(LABELS.values()),
        filters=tuple(FILTERS.items()),
        timezone=registry.timezone,
        utc_offset_minutes=offset,
        zone_name=zone_name(registry.timezone, offset),
        all_feed_url=urls.ALL_FEED_URL,
    )
