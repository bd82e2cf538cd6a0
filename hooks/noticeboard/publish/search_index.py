"""Write the Pagefind search bundle for the search records into `<site_dir>/pagefind/`.

Pagefind never crawls the built site (listing pages would give duplicate hits and 10,000 full
pages cost it 2.5 GB). Each record becomes a tiny page holding only the record — its text in
`data-pagefind-body`, its meta, filters and sort key as attributes — in a temporary folder, and
Pagefind's command-line binary indexes that folder. (`add_custom_record` would say the same
thing, but the Python service polls for each reply every 0.1 s: 10,000 records took 1,000 s.
And the service mode of Pagefind 1.5.2 answers "files written" before its writes reach the disk,
so closing it promptly can ship truncated files — Pagefind issue #1271, fixed after 1.5.2 by
pull request #1272; the command line waits for every write before it exits.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from pagefind.service import get_executable

from noticeboard.i18n import _
from noticeboard.publish.pagefind_bundle import BundleFormatError, normalise_bundle
from noticeboard.publish.search_records import SearchRecord

BUNDLE_DIR = "pagefind"
# Filter names, value ids, labels and counts for the /search/ page (ours, beside Pagefind's).
FILTERS_FILE = "nb-filters.json"
# Pagefind's prebuilt UIs and its web worker: /search/ uses its own small script and runs
# Pagefind on the main thread (`noWorker`), so these are not shipped.
UNUSED_BUNDLE_FILES: tuple[str, ...] = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """Pagefind could not build the index; the message says what to do."""


def record_page(record: SearchRecord) -> str:
    """The page Pagefind reads for one record: nothing in it but the record."""
    tags = [
        *(
            f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>'
            for key, value in sorted(record.meta.items())
        ),
        *(
            f'<span data-pagefind-filter="{escape(key)}">{escape(value)}</span>'
            for key, values in sorted(record.filters.items())
            for value in values
        ),
        *(
            f'<span data-pagefind-sort="{escape(key)}">{escape(value)}</span>'
            for key, value in sorted(record.sort.items())
        ),
    ]
    return (
        f'<!DOCTYPE html><html lang="{escape(record.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(record.meta.get('title', ''))}</title></head><body>"
        + "".join(tags)
        + f"<main data-pagefind-body>{escape(record.content)}</main></body></html>"
    )


def record_path(record: SearchRecord) -> str:
    """Where the record's page sits, so that Pagefind derives `record.url` from it."""
    return record.url.strip("/") + "/index.html"


def write_record_pages(records: Sequence[SearchRecord], folder: Path) -> None:
    for record in records:
        path = folder / record_path(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_page(record), encoding="utf-8")


def _index_folder(pages: Path, bundle: Path) -> int:
    """Run Pagefind's binary (the pinned pagefind_bin_extended, or PAGEFIND_BINARY_PATH) over
    `pages`; returns how many pages it indexed."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("pagefind_bin_extended is not installed")
    done = subprocess.run(
        [str(binary), "--site", str(pages), "--output-path", str(bundle), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip()[-2000:])
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def write_search_index(
    records: Sequence[SearchRecord], site_dir: Path, filters: Mapping[str, object]
) -> Path:
    """Replace `<site_dir>/pagefind/` with a fresh, reproducible bundle for `records` and the
    /search/ page's `filters` document; returns its folder."""
    bundle = Path(site_dir).resolve() / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        with tempfile.TemporaryDirectory(prefix="noticeboard-search-") as tmp:
            write_record_pages(records, Path(tmp))
            count = _index_folder(Path(tmp), bundle)
    except FileNotFoundError as exc:
        raise SearchIndexError(
            _(
                "the Pagefind binary was not found ({problem}); install the pinned dependencies "
                "with `make build` (pagefind[extended] in requirements.lock)"
            ).format(problem=exc)
        ) from None
    except (OSError, RuntimeError, ValueError, KeyError) as exc:
        raise SearchIndexError(
            _("Pagefind could not build the search index: {problem}").format(problem=exc)
        ) from None
    if count != len(records):
        raise SearchIndexError(
            _("Pagefind indexed {count} of {total} notices; two notices may share a URL").format(
                count=count, total=len(records)
            )
        )
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        normalise_bundle(bundle)
    except BundleFormatError as exc:
        raise SearchIndexError(
            _(
                "the Pagefind bundle is not in the format this version expects ({problem}); "
                "install the pinned pagefind from requirements.lock"
            ).format(problem=exc)
        ) from None
    (bundle / FILTERS_FILE).write_text(
        json.dumps(filters, ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    return bundle
