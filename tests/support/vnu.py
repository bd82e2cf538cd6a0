"""The W3C Nu HTML checker (vnu.jar from npm's vnu-jar), run once over many files."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material for MkDocs' own base.html, which the theme does not let us
# override block by block. Each is matched by its exact message AND a marker of the element
# Material writes, so the same mistake in our own markup is still reported.
MATERIAL_ERRORS: dict[str, str] = {
    # Material puts autocomplete="off" on its hidden drawer/search toggles
    # (<input class="md-toggle" type="checkbox">) so Firefox does not restore them open after
    # a back navigation. HTML allows autocomplete on text-like inputs only. Harmless to users.
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d,"
    " \u201cdate\u201d, \u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d,"
    " \u201cmonth\u201d, \u201cnumber\u201d, \u201cpassword\u201d, \u201crange\u201d,"
    " \u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d, \u201curl\u201d,"
    " or \u201cweek\u201d.": 'class="md-toggle"',
}


@dataclass(frozen=True)
class Finding:
    url: str
    line: int | None
    kind: str
    message: str
    extract: str

    def text(self) -> str:
        where = f"{self.url}:{self.line}" if self.line else self.url
        return f"{where}: {self.kind}: {self.message}\n    {self.extract.strip()[:160]}"


def run_vnu(pages: list[Path]) -> list[Finding]:
    """Every message the checker gives for `pages` (errors, warnings, info)."""
    if not VNU_JAR.is_file():
        raise FileNotFoundError(f"{VNU_JAR} is missing: run `npm ci` (or `make test`)")
    cmd = ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    run = subprocess.run(
        [*cmd, *map(str, pages)], capture_output=True, text=True, check=False, timeout=900
    )
    report = json.loads(run.stderr)  # vnu writes its JSON report to stderr
    return [
        Finding(
            url=m.get("url", ""),
            line=m.get("lastLine"),
            kind=m.get("subType", m["type"]),
            message=m.get("message", ""),
            extract=m.get("extract", ""),
        )
        for m in report["messages"]
    ]


def is_error(finding: Finding) -> bool:
    """Errors (and files the checker could not read); warnings and info are allowed."""
    return finding.kind in ("error", "fatal", "non-document-error", "io", "internal")


def is_known_material_error(finding: Finding) -> bool:
    marker = MATERIAL_ERRORS.get(finding.message)
    return marker is not None and marker in finding.extract
