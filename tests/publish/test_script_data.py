"""What the browser's scripts read: the labels, filters and timezone the pages are built with."""

from __future__ import annotations

from datetime import date

from noticeboard.model import Registry
from noticeboard.publish.lifecycle import LABELS, State
from noticeboard.publish.script_data import script_data
from noticeboard.publish.text import zone_name


def test_the_scripts_get_the_python_labels_filters_and_timezone():
    data = script_data(Registry(timezone="Asia/Shanghai"), date(2026, 11, 30)).script
    assert data["labels"]["active"] == LABELS[State.ACTIVE] == "公示中"
    assert data["stateOrder"] == ["公示中", "公示期满", "长期公开", "已归档", "已被替代"]
    assert data["filters"][0] == ["branch", "党组织"]
    assert [name for name, _label in data["filters"]] == [
        "branch",
        "category",
        "year",
        "state",
        "disclosure",
    ]
    assert (data["timezone"], data["utcOffsetMinutes"]) == ("Asia/Shanghai", 480)


def test_another_timezone_is_named_with_its_offset_on_the_build_day():
    winter = script_data(Registry(timezone="Europe/London"), date(2026, 1, 15))
    summer = script_data(Registry(timezone="Europe/London"), date(2026, 7, 15))
    assert (winter.utc_offset_minutes, summer.utc_offset_minutes) == (0, 60)
    assert summer.zone_name == "Europe/London（UTC+01:00）时间"


def test_china_is_beijing_time_whatever_its_iana_alias():
    assert zone_name("Asia/Shanghai", 480) == "北京时间"
    assert zone_name("PRC", 480) == "北京时间"
    assert zone_name("America/St_Johns", -210) == "America/St_Johns（UTC-03:30）时间"
