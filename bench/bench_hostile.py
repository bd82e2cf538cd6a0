"""Hostile bodies: is every input either an error or built in linear time? (issue 10)

For each input family and size, the table shows what the checks say (ok, or the error the
pre-scan in load/body_limits.py gives) and the seconds taken by: the pre-scan, the privacy
scan (load/privacy.py), and, for inputs that pass, the Markdown conversion with mkdocs.yml's
extensions plus the sanitiser (what the build does to each body). `raw md` is the conversion
without the caps, for the families the caps reject, at the small sizes only (it grows
quadratically or worse: that is why they are rejected).

    python bench/run.py hostile
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from noticeboard.load.body_limits import body_problems
from noticeboard.load.privacy import find_personal_numbers
from noticeboard.publish.sanitize import clean_body

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
SIZES_KB = (1, 8, 24, 96)
RAW_LIMIT_KB = 8  # uncapped conversion of rejected inputs only up to this size


def repeat(unit: str, kb: int) -> str:
    return unit * max(1, kb * 1024 // len(unit.encode("utf-8")))


def nested(open_: str, close: str, kb: int) -> str:
    half = max(1, kb * 1024 // (len(open_) + len(close)))
    return open_ * half + close * half


FAMILIES: dict[str, Callable[[int], str]] = {
    "ordinary text": lambda kb: repeat("经支部委员会研究，现予公示。\n\n", kb),
    "links and brackets": lambda kb: repeat("见[通知](https://example.org/a)（附件）。\n\n", kb),
    "nested brackets": lambda kb: nested("[", "]", kb),
    "open brackets": lambda kb: repeat("[", kb),
    "link parens [a](": lambda kb: repeat("[a](", kb),
    "emphasis run *a": lambda kb: repeat("*a", kb),
    "backticks": lambda kb: repeat("`", kb),
    "angle brackets <": lambda kb: repeat("<", kb),
    "nested div markdown": lambda kb: nested('<div markdown="1">\n', "</div>\n", kb),
    "nested quotes": lambda kb: repeat(">", kb) + " x",
    "nested lists": lambda kb: repeat("".join("  " * i + "- x\n" for i in range(40)), kb),
    "table rows": lambda kb: "| a | b |\n|---|---|\n" + repeat("| 1 | 2 |\n", kb),
    "digits with separators": lambda kb: repeat("1 2-3.4 5 6 7 8 9 0 ", kb),
    "entity digits": lambda kb: repeat("&#49;&#51;&#56;&#32;", kb),
}


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def convert(body: str) -> str:
    return clean_body(markdown.markdown(body, extensions=EXTENSIONS))


def row(family: str, kb: int, body: str) -> str:
    problems: list = []
    scan = seconds(lambda: problems.extend(body_problems(body)))
    privacy = seconds(lambda: find_personal_numbers(body))
    if problems:
        verdict = "error: " + problems[0].message[:38]
        built = "—"
        raw = "—"
        if kb <= RAW_LIMIT_KB:
            try:
                raw = f"{seconds(lambda: convert(body)):8.3f}"
            except RecursionError:
                raw = "crash"
    else:
        verdict = "ok"
        built = f"{seconds(lambda: convert(body)):8.3f}"
        raw = "—"
    return f"| {family} | {kb} | {verdict} | {scan:.4f} | {privacy:.4f} | {built} | {raw} |"


def main() -> None:
    print("| family | KB | check | pre-scan s | privacy s | build s | raw md s |")
    print("|---|---|---|---|---|---|---|")
    for family, make in FAMILIES.items():
        for kb in SIZES_KB:
            print(row(family, kb, make(kb)), flush=True)


if __name__ == "__main__":
    main()
