"""Run the benchmarks: every bench/bench_*.py main(), or only those named on the command line.

python bench/run.py            # all of them
python bench/run.py check      # bench_check.py only (names with or without 'bench_')
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def available() -> dict[str, Path]:
    return {p.stem.removeprefix("bench_"): p for p in sorted(BENCH_DIR.glob("bench_*.py"))}


def run_one(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()


def main(argv: list[str]) -> int:
    benches = available()
    names = [name.removeprefix("bench_").removesuffix(".py") for name in argv] or list(benches)
    unknown = [name for name in names if name not in benches]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(benches)}",
            file=sys.stderr,
        )
        return 2
    for name in names:
        run_one(benches[name])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
