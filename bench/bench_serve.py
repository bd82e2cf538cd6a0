"""The preview while writing: `mkdocs serve` on N notices, save one notice, time until its page
(as served) shows the edit.

Writes bench_build.py's synthetic repository (same seed), starts `mkdocs serve` on a free port
(the first build fills the page cache), then edits one notice's body --runs times and polls its
page every 50 ms until the new words are in it. What is measured is what a writer sees: the
file watcher noticing the save, the rebuild, and the page served.

    .venv/bin/python bench/bench_serve.py --sizes 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = (1_000, 10_000)
TARGET_SECONDS = 5.0
FIRST_BUILD_LIMIT = 1800.0  # seconds the first build may take before the run gives up


def _bench_build():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_build", REPO / "bench/bench_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_build"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, words: str, limit: float) -> float:
    """Seconds until the page at `url` contains `words` (polled every 50 ms)."""
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        page = fetch(url)
        if page is not None and words in page:
            return time.perf_counter() - began
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {words!r} within {limit:.0f} s")


@dataclass(frozen=True)
class Row:
    notices: int
    first_build: float
    edits: list[float]


def measure(count: int, runs: int, work: Path) -> Row:
    bench_build = _bench_build()
    made = bench_build.notices(count)
    root = work / f"serve-{count}"
    root.mkdir()
    bench_build.write_repo(root, made)
    target = made[len(made) // 2]
    edited = root / "notices" / f"{target.nid}.md"
    original = edited.read_text(encoding="utf-8")
    port = free_port()
    env = {
        **os.environ,
        "NOTICEBOARD_TODAY": bench_build.TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
    }
    args = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    log = (work / f"serve-{count}.log").open("w")
    server = subprocess.Popen(
        args, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/noticeboard/notices/{target.nid}/"
    try:
        first = wait_for(url, "data-nb-notice=", FIRST_BUILD_LIMIT)  # its page is served
        edits = []
        for attempt in range(runs):
            words = f"预览改动标记{attempt}号"
            time.sleep(1.0)  # the watcher settles after the last build
            edited.write_text(original + f"\n{words}\n", encoding="utf-8")
            edits.append(wait_for(url, words, 600))
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        edited.write_text(original, encoding="utf-8")
    return Row(sum(1 for n in made if "draft: true" not in n.text), first, edits)


def table(rows: list[Row]) -> str:
    lines = [
        f"Target: an edited notice shown within {TARGET_SECONDS:.0f} s of saving at 10,000.",
        "",
        "| notices (published) | first build (serve start) | save → page shown: min "
        "| median | max | target |",
        "|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        ordered = sorted(r.edits)
        verdict = "ok" if ordered[0] <= TARGET_SECONDS else "MISSED"
        lines.append(
            f"| {r.notices:,} | {r.first_build:.1f} s | {ordered[0]:.2f} s "
            f"| {ordered[len(ordered) // 2]:.2f} s | {ordered[-1]:.2f} s | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    print("### Preview: `mkdocs serve`, save → page shown\n")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        rows = [measure(size, args.runs, Path(tmp)) for size in args.sizes]
    print(table(rows))
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
