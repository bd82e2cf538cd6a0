"""/statistics/: notices per branch and quarter, on-time rate, replies to opinions.

The numbers are pure functions of the placed notices and the ledger; the charts are drawn at
build time as SVG files by pygal (a maintained chart library), made byte-identical across builds:
pygal names each chart with a random uuid and stamps the day into a comment, so the chart gets a
fixed id and the comments (and its tooltip script, dead in an <img>) are dropped. Each chart goes
on the page as an <img> with a text alternative, beside a table of the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pygal  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

from noticeboard import urls
from noticeboard.model import Registry
from noticeboard.periods import period_of, periods_from
from noticeboard.publish.ledger import Cell, FeedbackState, Reply, Status
from noticeboard.publish.lifecycle import Placed
from noticeboard.publish.text import zh_date
from noticeboard.publish.views import AccountabilityPage, Chart, Link

_COMMENT = re.compile(r"<!--.*?-->", re.S)
# pygal always writes its tooltip configuration script; an <img> never runs it, so it goes.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
# Judged cells: those whose outcome is settled (not still due, not unverifiable, not standing).
JUDGED = (Status.ON_TIME, Status.LATE, Status.RETROACTIVE, Status.MISSING)
STYLE = Style(
    font_family="'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif",
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f1f1f",
    foreground_strong="#000000",
    foreground_subtle="#595959",
    colors=("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e"),
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
)


@dataclass(frozen=True)
class ChartFile:
    """A chart's SVG bytes and where they go (relative to the site root)."""

    path: str
    data: bytes


def quarters(today: date) -> list[str]:
    """The quarters of the previous and the current year up to today's (column keys)."""
    return [p.key for p in periods_from("quarter", date(today.year - 1, 1, 1), today)]


def notices_per_quarter(
    registry: Registry, placed: Mapping[str, Placed], today: date
) -> dict[str, dict[str, int]]:
    """branch id → quarter key → published notices whose period starts in that quarter."""
    keys = quarters(today)
    counts = {b.id: dict.fromkeys(keys, 0) for b in registry.branches}
    for p in placed.values():
        key = period_of("quarter", p.notice.start).key
        if key in counts.get(p.notice.branch, {}):
            counts[p.notice.branch][key] += 1
    return counts


def on_time_rates(registry: Registry, cells: Iterable[Cell]) -> dict[str, tuple[int, int]]:
    """branch id → (on time, judged) over the settled cells."""
    out = {b.id: (0, 0) for b in registry.branches}
    for c in cells:
        if c.status in JUDGED and c.branch in out:
            on, total = out[c.branch]
            out[c.branch] = (on + (c.status is Status.ON_TIME), total + 1)
    return out


def reply_shares(
    registry: Registry, placed: Mapping[str, Placed], feedback: Mapping[str, FeedbackState]
) -> dict[str, tuple[int, int]]:
    """branch id → (answered, notices with opinions received)."""
    out = {b.id: (0, 0) for b in registry.branches}
    for nid, state in feedback.items():
        p = placed.get(nid)
        if p is None or not p.notice.opinions_received or p.notice.branch not in out:
            continue
        done, total = out[p.notice.branch]
        out[p.notice.branch] = (done + (state.status is Reply.ANSWERED), total + 1)
    return out


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def render(chart: Any, chart_id: str) -> bytes:
    """The chart's SVG, the same bytes for the same numbers."""
    chart.uuid = chart_id
    svg = chart.render(is_unicode=True)
    return _SCRIPT.sub("", _COMMENT.sub("", svg)).encode("utf-8")


def _config(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": False,
        "width": 720,
        "height": 400,
        "legend_at_bottom": True,
        "print_values": False,
        "truncate_legend": -1,
    }


def percent_bars(
    name: str, title: str, shares: Mapping[str, tuple[int, int]], names: Mapping[str, str]
) -> ChartFile:
    """One bar per branch of `part / whole` in percent (none where the whole is 0)."""
    chart = pygal.HorizontalBar(**_config(title), range=(0, 100))
    chart.value_formatter = lambda v: f"{v:.0f}%"
    for bid, (part, whole) in shares.items():
        chart.add(names[bid], [round(100 * part / whole) if whole else None])
    return ChartFile(urls.chart_url(name), render(chart, f"nb-{name}"))


class StatisticsPage:
    def __init__(
        self,
        registry: Registry,
        placed: Mapping[str, Placed],
        cells: list[Cell],
        feedback: Mapping[str, FeedbackState],
        today: date,
    ) -> None:
        self.registry, self.placed, self.cells = registry, placed, cells
        self.feedback, self.today = feedback, today

    def build(self) -> tuple[AccountabilityPage, list[ChartFile]]:
        names = {b.id: b.name for b in self.registry.branches}
        files: list[ChartFile] = []
        charts: list[Chart] = []

        per_quarter = notices_per_quarter(self.registry, self.placed, self.today)
        keys = quarters(self.today)
        heads = tuple(period_of("quarter", _start(k)).zh for k in keys)
        bar = pygal.Bar(**_config("各党组织每季度发布的公示数"), x_label_rotation=0)
        bar.x_labels = [k.replace("Q", " Q") for k in keys]
        for bid, by_key in per_quarter.items():
            bar.add(names[bid], [by_key[k] for k in keys])
        files.append(ChartFile(urls.chart_url("notices-per-quarter"), render(bar, "nb-q")))
        total = sum(sum(v.values()) for v in per_quarter.values())
        busiest = max(per_quarter.items(), key=lambda kv: (sum(kv[1].values()), kv[0]))
        charts.append(
            Chart(
                anchor="per-quarter",
                title="各党组织每季度发布的公示数",
                src=urls.chart_url("notices-per-quarter"),
                alt=(
                    f"柱状图：{keys[0]}至{keys[-1]}各党组织每季度发布的公示数，共{total}条；"
                    f"发布最多的是{names[busiest[0]]}（{sum(busiest[1].values())}条）。"
                    "具体数字见下表。"
                ),
                head=("党组织", *heads),
                rows=tuple(
                    (names[bid], *(str(by_key[k]) for k in keys))
                    for bid, by_key in per_quarter.items()
                ),
            )
        )

        rates = on_time_rates(self.registry, self.cells)
        files.append(percent_bars("on-time-rate", "各党组织定期公开按时率", rates, names))
        charts.append(
            Chart(
                anchor="on-time",
                title="各党组织定期公开按时率",
                src=urls.chart_url("on-time-rate"),
                alt="条形图：各党组织已到截止日期的定期公开事项中按时公开的比例，"
                + "；".join(f"{names[b]}{_percent(on, j)}" for b, (on, j) in rates.items())
                + "。",
                head=("党组织", "按时", "应公开（已到期）", "按时率"),
                rows=tuple(
                    (names[b], str(on), str(j), _percent(on, j)) for b, (on, j) in rates.items()
                ),
            )
        )

        shares = reply_shares(self.registry, self.placed, self.feedback)
        answered = sum(a for a, _ in shares.values())
        received = sum(t for _, t in shares.values())
        files.append(percent_bars("replies", "收到意见的公示中已答复的比例", shares, names))
        charts.append(
            Chart(
                anchor="replies",
                title="收到意见的公示中已答复的比例",
                src=urls.chart_url("replies"),
                alt=(
                    f"条形图：全镇收到意见的公示共{received}条，已发布答复的{answered}条"
                    f"（{_percent(answered, received)}）。各党组织的数字见下表。"
                ),
                head=("党组织", "已答复", "收到意见的公示", "答复率"),
                rows=tuple(
                    (names[b], str(d), str(t), _percent(d, t)) for b, (d, t) in shares.items()
                ),
            )
        )
        view = AccountabilityPage(
            kind="statistics",
            title="统计",
            lead=(
                f"截至{zh_date(self.today)}的统计：各党组织每季度发布的公示数、定期公开按时率，"
                "以及收到意见的公示中已答复的比例。每张图下方附有相同数字的表格。"
            ),
            crumbs=(),
            built=zh_date(self.today),
            built_iso=self.today.isoformat(),
            charts=tuple(charts),
            csv=Link("公开台账", urls.COMPLIANCE_URL),
        )
        return view, files


def _start(key: str) -> date:
    year, quarter = key.split("Q")
    return date(int(year), (int(quarter) - 1) * 3 + 1, 1)
