"""Write the Pagefind search bundles for the search records into `<site_dir>/pagefind/`.

Pagefind never crawls the built site (listing pages would give duplicate hits and 10,000 full
pages cost it 2.5 GB). Each record becomes a tiny page holding only the record — its text in
`data-pagefind-body`, its meta, filters and sort key as attributes — in a temporary folder, and
Pagefind's command-line binary indexes that folder. (`add_custom_record` would say the same
thing, but the Python service polls for each reply every 0.1 s: 10,000 records took 1,000 s.
And the service mode of Pagefind 1.5.2 answers "files written" before its writes reach the disk,
so closing it promptly can ship truncated files — Pagefind issue #1271, fixed after 1.5.2 by
pull request #1272; the command line waits for every write before it exits.)

One bundle per year (the notice's year, the `year` filter's value), indexed one after the other,
so the indexer holds one year at a time (its memory grows with what it indexes: 1.6 GB for
10,000 notices in one run). Each year's bundle is kept in the build cache under a key of exactly
what shapes it (`search_bundles.py`), so a rebuild indexes only the years whose records changed.
The site gets `pagefind/<year>/` for each year, Pagefind's script once in `pagefind/`, and
`nb-filters.json` naming the years newest first; /search/ loads the newest year's bundle and
merges the others into it in the browser (Pagefind's `mergeIndex`; see search.js).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from html import escape
from pathlib import Path

from pagefind.service import get_executable

from noticeboard.files import remove
from noticeboard.i18n import _
from noticeboard.publish.pagefind_bundle import BundleFormatError, normalise_bundle
from noticeboard.publish.search_bundles import BundleCache, bundle_key, code_fingerprint
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
# Pagefind's script: one copy in `pagefind/`, the same for every year's bundle.
SCRIPT = "pagefind.js"
# Pagefind's WebAssembly: only the bundle /search/ loads first (the newest year) needs it; a
# merged bundle uses the one already loaded.
WASM = re.compile(r"wasm\..+\.pagefind")
_YEAR = re.compile(r"[0-9]{4}")
# Word locations per word-index chunk (Pagefind's default is 20,000; the setting is
# PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, `pagefind/src/options.rs`). A query loads, in every year's
# bundle, the chunk holding each of its words, filled up with the neighbouring words to this
# size: with twelve years at the default that is twelve full chunks (党费 at 10,000 notices:
# 205 KB of index, 436 KB in all). Smaller chunks mean a longer chunk list in each year's meta
# file; measured with bench_search's data at 10,000 notices, first query 党费: 20,000 -> 436 KB,
# 4,000 -> 291 KB, 1,500 -> 277 KB (one whole index: 242 KB).
INDEX_CHUNK_SIZE = 1500


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
    made: set[str] = set()  # each folder made once (pathlib's mkdir per page cost 1.4 s)
    for record in records:
        path = os.path.join(folder, record_path(record))
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "w", encoding="utf-8") as out:
            out.write(record_page(record))


def record_year(record: SearchRecord) -> str:
    """The bundle a record goes in: its `year` filter value (the notice's year)."""
    years = record.filters.get("year", [])
    if len(years) != 1 or not _YEAR.fullmatch(years[0]):
        raise ValueError(f"{record.url}: a search record needs one four-digit year, not {years}")
    return years[0]


def by_year(records: Sequence[SearchRecord]) -> dict[str, list[SearchRecord]]:
    """The records of each year, newest year first, each year's in the order given."""
    years: dict[str, list[SearchRecord]] = {}
    for record in records:
        years.setdefault(record_year(record), []).append(record)
    return {year: years[year] for year in sorted(years, reverse=True)}


def _run_pagefind(binary: Path, pages: Path, bundle: Path) -> int:
    """Index `pages` into `bundle`; returns how many pages Pagefind indexed. Runs in the pages'
    folder with no PAGEFIND_* variables, so no pagefind.yml or setting from elsewhere shapes the
    bundle (its cache key knows only the records and the code)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(INDEX_CHUNK_SIZE)
    done = subprocess.run(
        [str(binary), "--site", str(pages), "--output-path", str(bundle), "--silent"],
        capture_output=True,
        text=True,
        check=False,
        cwd=pages,
        env=env,
    )
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip()[-2000:])
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def _scratch() -> str | None:
    """Where the record pages go for Pagefind to read: memory (/dev/shm) where the system has
    it, since a year is thousands of small files written once and read once (3,000 on a
    virtual disk: 2-4 s of metadata writes; in memory: 0.1 s); else the usual temporary
    folder."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def index_bundle(records: Sequence[SearchRecord], bundle: Path, binary: Path) -> None:
    """Write one reproducible Pagefind bundle for `records` into the folder `bundle`."""
    with tempfile.TemporaryDirectory(prefix="noticeboard-search-", dir=_scratch()) as tmp:
        write_record_pages(records, Path(tmp))
        count = _run_pagefind(binary, Path(tmp), bundle)
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


def _pagefind_binary() -> Path:
    """The pinned pagefind_bin_extended, or PAGEFIND_BINARY_PATH."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("pagefind_bin_extended is not installed")
    path = Path(binary)
    path.stat()  # FileNotFoundError now, with the path, rather than from the first run
    return path


def _bundle_files(cached: Path, *, with_wasm: bool) -> dict[str, Path]:
    """Relative path -> file in the cache of what `pagefind/<year>/` holds for this bundle."""
    return {
        path.relative_to(cached).as_posix(): path
        for path in sorted(cached.rglob("*"))
        if path.is_file() and path.name != SCRIPT and (with_wasm or not WASM.fullmatch(path.name))
    }


def _in_place(target: Path, wanted: Mapping[str, Path]) -> bool:
    """Whether `target` holds exactly `wanted`, each file the cache's own (a hard link)."""
    if not target.is_dir() or target.is_symlink():
        return False
    found = 0
    for path in target.rglob("*"):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            return False
        if path.is_file():
            source = wanted.get(path.relative_to(target).as_posix())
            if source is None or not os.path.samefile(path, source):
                return False
            found += 1
    return found == len(wanted)


def _place_bundle(cached: Path, target: Path, *, with_wasm: bool) -> None:
    """Make `target` the cached bundle: left alone when it already is (a rebuild where this
    year did not change), else replaced by hard links to the cache's files (bundles in the
    cache are never written again, see search_bundles), or copies across file systems."""
    wanted = _bundle_files(cached, with_wasm=with_wasm)
    if _in_place(target, wanted):
        return
    remove(target)
    for rel, source in wanted.items():
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)


def _write_new(path: Path, data: bytes) -> None:
    """Write a file of our own as a new file: never through a hard link into the cache."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def write_search_index(
    records: Sequence[SearchRecord],
    site_dir: Path,
    filters: Mapping[str, object],
    cache_dir: Path | None = None,
    site_ready: Callable[[], bool] | None = None,
) -> Path:
    """Make `<site_dir>/pagefind/` one reproducible bundle per year for `records` and the
    /search/ page's `filters` document; returns its folder.

    With `cache_dir`, each year's bundle is taken from there when its key is unchanged and
    stored there when it is new; bundles no longer used are dropped. A year's folder already
    in site/ as the cache holds it is left alone; anything else in `pagefind/` goes. Nothing in
    site/ is touched before `site_ready()` says so (it may wait; False: leave site/ alone), so
    the indexing can start before site/ is ready for it."""
    bundle = Path(site_dir).resolve() / BUNDLE_DIR
    try:
        years = by_year(records)
        with tempfile.TemporaryDirectory(prefix="noticeboard-bundles-") as scratch:
            cache = BundleCache(cache_dir if cache_dir is not None else Path(scratch))
            binary = _pagefind_binary()
            code = code_fingerprint(binary)
            prepared: list[tuple[str, str, Path]] = []
            for year, chosen in years.items():
                key = bundle_key(chosen, code)
                cached = cache.get(key) or cache.put(
                    key, partial(index_bundle, chosen, binary=binary)
                )
                prepared.append((year, key, cached))
            if site_ready is not None and not site_ready():
                raise SearchIndexError(_("the build stopped; the search index was not written"))
            if bundle.is_symlink() or (bundle.exists() and not bundle.is_dir()):
                bundle.unlink()
            bundle.mkdir(parents=True, exist_ok=True)
            for stale in bundle.iterdir():
                if stale.name not in years:
                    remove(stale)
            for position, (year, _key, cached) in enumerate(prepared):
                _place_bundle(cached, bundle / year, with_wasm=position == 0)
                if position == 0:
                    _write_new(bundle / SCRIPT, (cached / SCRIPT).read_bytes())
            cache.keep_only(key for _year, key, _cached in prepared)
    except SearchIndexError:
        raise
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
    document = {**filters, "bundles": list(years)}
    _write_new(
        bundle / FILTERS_FILE,
        json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"),
    )
    return bundle
