"""The state-label table of the 公开指南 (docs/guide.md), written from the lifecycle's labels.

The guide is hand-written, but its label table is not: the build puts the table where the page
says `<!-- noticeboard:state-labels -->`, so the guide can never name a label the site does not
show (or miss one it does).
"""

from __future__ import annotations

from noticeboard.publish.lifecycle import State, all_labels

MARKER = "<!-- noticeboard:state-labels -->"

# What each state means to a resident; {kind} is 公示 (ad-hoc) or 定期公开 (periodic/standing).
_MEANINGS: dict[State, str] = {
    State.ACTIVE: "{kind}正处于{word}期内，欢迎通过所列渠道提出意见",
    State.CLOSED: "{word}期已经结束，但仍在公开栏首页保留一段时间备查",
    State.STANDING: "长期有效的内容，例如组织设置与职责，有变化时更新",
    State.ARCHIVED: "已从首页撤下，保存在档案中，仍可查阅和搜索",
    State.SUPERSEDED: "已被后来发布的更正或更新取代，页面顶部有指向新内容的链接",
}


def state_labels_table() -> str:
    """A Markdown table: each label the site shows, and what it means."""
    rows = ["| 标签 | 适用于 | 含义 |", "|---|---|---|"]
    for state, text, kinds in all_labels():
        adhoc = "ad-hoc" in kinds
        meaning = _MEANINGS[state].format(
            kind="公示" if adhoc else "定期公开的内容", word="公示" if adhoc else "公开"
        )
        rows.append(f"| **{text}** | {_applies(state, kinds)} | {meaning} |")
    return "\n".join(rows) + "\n"


def _applies(state: State, kinds: tuple[str, ...]) -> str:
    if state is State.STANDING:
        return "长期公开的内容"
    if len(kinds) > 1 and "ad-hoc" in kinds:
        return "所有内容"
    return "随时公开的事项（如发展党员）" if "ad-hoc" in kinds else "定期公开的内容（如季度财务）"


def with_state_labels(markdown: str) -> str:
    """The page's Markdown with the label table where its marker is (unchanged without one)."""
    return markdown.replace(MARKER, state_labels_table()) if MARKER in markdown else markdown
