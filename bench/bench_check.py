"""How long `noticeboard check` takes on a large board (target: 10,000 notices in 2 s or less).

Writes N synthetic notices (seeded, so every run checks the same files) into a temporary
repository, then times the in-process loader (no read cache) and the real console script:
cold (an empty read cache, as on a fresh clone) and warm (the read cache of the run before,
as on a second `check` or after a build; load/read_cache.py).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from noticeboard.periods import latest_ended_before

SIZES = (1_000, 10_000)
TARGET_SECONDS = 2.0
SEED = 20261126
BRANCHES = [f"village-{i:02d}" for i in range(24)]
CATEGORIES = ["organisation", "finance", "affairs", "members"]
WORDS = [
    "党支部",
    "委员会",
    "研究决定",
    "现予公示",
    "公示期间",
    "如有异议",
    "请向",
    "反映",
    "党员",
    "发展",
    "预备",
    "转正",
    "党费",
    "收缴",
    "村务",
    "财务",
    "收支",
    "情况",
]


def registry_text() -> str:
    lines = ["timezone: Asia/Shanghai", "branches:", "  - id: town", "    name: 镇党委"]
    lines += ["    feedback: {phone: 0550-1234567}"]
    for i, branch in enumerate(BRANCHES):
        lines += [f"  - id: {branch}", f"    name: 第{i}村党支部", "    parent: town"]
        if i % 2:
            lines += ["    feedback: {address: 村党群服务中心}"]
    lines += ["categories:"]
    lines += [f"  - id: {c}\n    name: 类别{c}" for c in CATEGORIES]
    # The minimum-period rule counts working days on every organisation notice (issue 11);
    # the registry's holidays carry the count past chinese-calendar's last year.
    lines.insert(
        lines.index("  - id: organisation\n    name: 类别organisation") + 1,
        "    min_working_days: 1",
    )
    lines += ["holidays:", "  2027:", "    off: [2027-01-01]", "    work: []"]
    lines += ["schedule:", "  - id: dues", "    name: 党费", "    every: quarter"]
    lines += ["    within_days: 15", "    branches: all"]
    return "\n".join(lines) + "\n"


def notice_text(
    rng: random.Random, index: int, start: date, branch: str, claimed: set[tuple[str, date]]
) -> str:
    end = start + timedelta(days=rng.choice((5, 7, 15, 30)))
    title = "关于" + "".join(rng.choices(WORDS, k=rng.randint(3, 8))) + "的公示"
    body = "\n\n".join(
        "".join(rng.choices(WORDS, k=rng.randint(20, 60))) + "。" for _ in range(rng.randint(2, 6))
    )
    category = rng.choice(CATEGORIES)
    if category == "organisation":  # at least one working day even over Spring Festival
        end = max(end, start + timedelta(days=15))
    front = [
        "---",
        f"title: {title}",
        f"branch: {branch}",
        f"category: {category}",
        f"disclosure: {rng.choice(('ad-hoc', 'periodic', '随时'))}",
        "period:",
        f"  start: {start.isoformat()}",
        f"  end: {end.isoformat()}",
        f"number: 党〔{start.year}〕{index}号",
        "reviewed_by: 支部委员会",
        "feedback:",
        "  phone: 0550-7654321",
        "  person: 王书记",
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
    ]
    # a bare `fulfils: dues` claims the quarter before the start; each branch claims one once
    quarter = (branch, latest_ended_before("quarter", start).start)
    if rng.random() < 0.1 and quarter not in claimed:
        claimed.add(quarter)
        front.append("fulfils: dues")
    return "\n".join([*front, "---", body, ""])


def write_board(root: Path, count: int) -> None:
    rng = random.Random(SEED)
    claimed: set[tuple[str, date]] = set()
    (root / "notices").mkdir(parents=True)
    (root / "notices" / "_board.yml").write_text(registry_text(), encoding="utf-8")
    for index in range(count):
        branch = rng.choice(BRANCHES)
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 6))
        folder = root / "notices" / branch / str(start.year)
        folder.mkdir(parents=True, exist_ok=True)
        text = notice_text(rng, index, start, branch, claimed)
        (folder / f"notice-{index:05d}.md").write_text(text, encoding="utf-8")


def time_in_process(root: Path) -> tuple[float, int]:
    from noticeboard.load.board import load_board

    began = time.perf_counter()
    result = load_board(root, "2026-11-26")
    elapsed = time.perf_counter() - began
    if result.problems:
        raise SystemExit(f"synthetic board has problems: {result.problems[:3]}")
    return elapsed, len(result.board.notices)


def time_cli(root: Path, cache: Path, lang: str = "zh") -> float:
    """The console script, messages in `lang` (zh: the default, with the catalogue loaded),
    its read cache in `cache`."""
    exe = str(Path(sys.executable).with_name("noticeboard"))
    env = {k: v for k, v in os.environ.items() if k != "NOTICEBOARD_LANG"}
    env["NOTICEBOARD_CACHE_DIR"] = str(cache)
    began = time.perf_counter()
    done = subprocess.run(
        [exe, "check", "--today", "2026-11-26", "--lang", lang],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"noticeboard check failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    print("### noticeboard check\n")
    print(f"Target: {TARGET_SECONDS:.0f} s at 10,000 notices (CLI, cold process).\n")
    print("Cold and warm: each the minimum of 2 runs.\n")
    print(
        "| notices | load_board (in-process, no cache) | check cold (CLI, zh) "
        "| check warm (CLI, zh) | warm `--lang en` | warm per notice | target (cold) |"
    )
    print("|---:|---:|---:|---:|---:|---:|:---:|")
    for size in SIZES:
        with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
            root = Path(tmp) / "repo"
            write_board(root, size)
            in_process, loaded = time_in_process(root)
            # cold: an empty read cache each time, the minimum of two runs (as bench_build)
            colds = [time_cli(root, Path(tmp) / f"cache-{run}") for run in range(2)]
            cold = min(colds)
            cache = Path(tmp) / "cache-1"
            warm = min(time_cli(root, cache) for _ in range(2))
            time_cli(root, cache, "en")  # the English messages' cache
            warm_en = time_cli(root, cache, "en")
            verdict = "ok" if size < 10_000 or cold <= TARGET_SECONDS else "MISSED"
            print(
                f"| {loaded:,} | {in_process:.2f} s | {cold:.2f} s | {warm:.2f} s "
                f"| {warm_en:.2f} s | {warm / loaded * 1000:.2f} ms | {verdict} |"
            )
    print()


if __name__ == "__main__":
    main()
