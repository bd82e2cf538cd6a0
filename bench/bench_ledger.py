"""What the accountability layer adds to a build: the git pass (publication days, edits) and the
ledger, at 10,000 notices with 3 commits each (target: 2 s extra or less).

Writes a temporary git repository with `git fast-import` (each notice added by one commit and
edited by two later ones, 30,000 commits in date order, seeded), then times loading the board
without history and with it (the difference is the one `git log` pass and the rules that use
it), the ledger and feedback states, and the pages, CSV and charts drawn from them.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

NOTICES = 10_000
TARGET_SECONDS = 2.0
SEED = 20261130
TODAY = date(2026, 11, 30)
BRANCHES = [f"village-{i:02d}" for i in range(24)]


def registry_text() -> str:
    lines = ["timezone: Asia/Shanghai", "since: 2024-01-01", "branches:"]
    lines += ["  - id: town", "    name: 镇党委", "    feedback: {phone: 0550-1234567}"]
    for i, branch in enumerate(BRANCHES):
        lines += [f"  - id: {branch}", f"    name: 第{i}村党支部", "    parent: town"]
        lines += ["    feedback: {address: 村党群服务中心}"]
    lines += ["categories:", "  - id: affairs", "    name: 村务", "  - id: dues", "    name: 党费"]
    lines += ["  - id: duties", "    name: 职责"]
    lines += ["schedule:", "  - id: dues", "    name: 党费", "    every: quarter"]
    lines += ["    within_days: 15", "    branches: all", "    category: dues"]
    lines += ["  - id: duties", "    name: 职责", "    every: standing", "    within_days: 30"]
    lines += ["    branches: all", "    category: duties"]
    return "\n".join(lines) + "\n"


def notice_text(index: int, branch: str, start: date, fulfils: bool, edit: int) -> str:
    end = start + timedelta(days=7)
    front = [
        "---",
        f"title: 关于第{index}号事项的公示" + ("（修改）" * edit),
        f"branch: {branch}",
        f"category: {'dues' if fulfils else 'affairs'}",
        f"disclosure: {'periodic' if fulfils else 'ad-hoc'}",
        f"period: {{start: {start.isoformat()}, end: {end.isoformat()}}}",
        "reviewed_by: 支部委员会",
    ]
    if fulfils:
        front.append("fulfils: dues")
    if index % 7 == 0:
        front.append(f"opinions_received: {index % 3}")
    return "\n".join([*front, "---", f"第{index}号事项，现予公示。修改{edit}次。", ""])


def plan(rng: random.Random) -> list[tuple[datetime, str, str, str]]:
    """(when, path, text, message) for every commit, oldest first."""
    events = []
    used: set[tuple[str, int, int]] = set()
    for index in range(NOTICES):
        branch = rng.choice(BRANCHES)
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(365 * 3 - 60))
        quarter = (start.year, (start.month - 1) // 3)
        fulfils = (branch, *quarter) not in used and rng.random() < 0.3
        if fulfils:
            used.add((branch, *quarter))
        path = f"notices/{branch}/{start.year}/n{index:05d}.md"
        added = datetime(start.year, start.month, start.day, 9, tzinfo=UTC) - timedelta(
            days=rng.randrange(3)
        )
        for edit, delay in enumerate((0, 1, 5)):
            text = notice_text(index, branch, start, fulfils, edit)
            events.append((added + timedelta(days=delay), path, text, f"notice {index} v{edit}"))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def write_repo(root: Path) -> int:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    registry = registry_text().encode()
    chunks: list[bytes] = []
    first = datetime(2023, 12, 31, tzinfo=UTC)

    def commit(mark: int, when: datetime, message: str, path: str, data: bytes) -> None:
        msg = message.encode()
        chunks.append(
            b"commit refs/heads/main\n"
            + f"mark :{mark}\n".encode()
            + f"committer Bench <b@example.org> {int(when.timestamp())} +0800\n".encode()
            + f"data {len(msg)}\n".encode()
            + msg
            + b"\n"
            + (f"from :{mark - 1}\n".encode() if mark > 1 else b"")
            + f"M 100644 inline {path}\ndata {len(data)}\n".encode()
            + data
            + b"\n"
        )

    commit(1, first, "registry", "notices/_board.yml", registry)
    events = plan(random.Random(SEED))
    for mark, (when, path, text, message) in enumerate(events, start=2):
        commit(mark, when, message, path, text.encode())
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(chunks), check=True
    )
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)
    return len(events) + 1


def timed(fn):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - began


def main() -> None:
    from noticeboard.load.board import load_board
    from noticeboard.load.history import History, read_history
    from noticeboard.publish.compliance import CompliancePages, ledger_csv
    from noticeboard.publish.ledger import board_feedback, board_ledger
    from noticeboard.publish.statistics import StatisticsPage

    print("### accountability: git pass and ledger\n")
    print(f"Target: {TARGET_SECONDS:.0f} s extra at {NOTICES:,} notices x 3 commits.\n")
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as tmp:
        root = Path(tmp)
        commits, setup = timed(lambda: write_repo(root))
        plain, t_plain = timed(lambda: load_board(root, TODAY, history=History()))
        history, t_git = timed(lambda: read_history(root, "Asia/Shanghai"))
        loaded, t_loaded = timed(lambda: load_board(root, TODAY))
        if not loaded.ok:
            raise SystemExit(f"synthetic board has problems: {loaded.problems[:3]}")
        board = loaded.board
        cells, t_ledger = timed(lambda: board_ledger(board))
        feedback, t_feedback = timed(lambda: board_feedback(board))

        def pages() -> int:
            specs = CompliancePages(
                board.registry, cells, feedback, board.placed(), board.today
            ).pages()
            ledger_csv(board.registry, cells, "https://example.org/")
            StatisticsPage(board.registry, board.placed(), cells, feedback, board.today).build()
            return len(specs)

        count, t_pages = timed(pages)
        extra = (t_loaded - t_plain) + t_ledger + t_feedback + t_pages
        known = sum(1 for p in board.publications().values() if p.day is not None)
        print(
            f"Repository: {len(board.notices):,} notices, {commits:,} commits "
            f"(written in {setup:.1f} s); {known:,} publication days found; "
            f"{len(cells):,} ledger cells; {count} ledger pages.\n"
        )
        print("| step | seconds |")
        print("|---|---:|")
        print(f"| load_board without history | {t_plain:.2f} |")
        print(f"| `git log` pass alone (read_history) | {t_git:.2f} |")
        print(f"| load_board with history (git pass + claim/correction rules) | {t_loaded:.2f} |")
        print(f"| ledger (board_ledger) | {t_ledger:.2f} |")
        print(f"| feedback states | {t_feedback:.2f} |")
        print(f"| /compliance/ pages + ledger.csv + /statistics/ charts | {t_pages:.2f} |")
        verdict = "ok" if extra <= TARGET_SECONDS else "MISSED"
        print(f"| **extra in all** | **{extra:.2f}** ({verdict}) |")
        print()
        assert history.known and plain.board is not None


if __name__ == "__main__":
    main()
