"""axe-core findings in a form a person can read: which rule, where, and how to fix it."""

from __future__ import annotations

from typing import Any

BLOCKING_IMPACTS = frozenset({"serious", "critical"})


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations WCAG 2.1 AA work must clear: serious and critical ones."""
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(where: str, violations: list[dict[str, Any]], max_nodes: int = 3) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:max_nodes]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node.get('html', '')[:140]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    … and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)
