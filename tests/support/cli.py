"""The `noticeboard` command, run the two ways the CLI tests need.

`in_process` calls `main()` with the working folder and environment the test asks for and
captures what it prints: a fraction of a second instead of half a second per test, and seen by
mutation testing, which cannot follow a subprocess into the installed package. `console_script`
runs the installed console script in a subprocess, as CI and pre-commit do; the tests keep it
for what only a real process shows (the exit status the shell sees, no traceback on stderr).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from noticeboard.cli.main import main

LANG_ENV = "NOTICEBOARD_LANG"


@dataclass(frozen=True)
class Ran:
    """What a run of the command left: its exit code and its two output streams."""

    returncode: int
    stdout: str
    stderr: str


def console_script(args: Sequence[str], cwd: Path, env: Mapping[str, str | None]) -> Ran:
    """The installed `noticeboard` script in a subprocess; an env value None unsets it."""
    exe = Path(sys.executable).with_name("noticeboard")
    environ = {**os.environ, **env}
    done = subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={k: v for k, v in environ.items() if v is not None},
        timeout=60,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[Sequence[str], Path, Mapping[str, str | None]], Ran]:
    """A runner calling `main()` in this process from `cwd` with `env` set (None unsets)."""

    def run(args: Sequence[str], cwd: Path, env: Mapping[str, str | None]) -> Ran:
        with monkeypatch.context() as patch:
            patch.chdir(cwd)
            for key, value in env.items():
                if value is None:
                    patch.delenv(key, raising=False)
                else:
                    patch.setenv(key, value)
            capsys.readouterr()
            code = main(list(args))
            out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run
