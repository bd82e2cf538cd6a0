"""Write the Pagefind search bundles for the search records into `<site_dir>/pagefind/`.

Pagefind never crawls the built site (listing pages would give duplicate hits and 10,000 full
pages cost it 2.5 GB). Each record becomes a tiny page holding only the record — its text in
`data-pagefind-body`, its meta and filters as attributes — in a temporary folder, and
Pagefind's command-line binary indexes that folder. (`add_custom_record` would say the same
thing, but the Python service polls for each reply every 0.1 s: 10,000 records took 1,000 s.
And the service mode of Pagefind 1.5.2 answers "files written" before its writes reach the disk,
so closing it promptly can ship truncated files — Pagefind issue #1271, fixed after 1.5.2 by
pull request #1272; the command line waits for every write before it exits.)

The records go into a few bundles (`bundle_parts`), indexed one after the other, so the indexer
holds one at a time (its memory grows with what it indexes: 1.6 GB for 10,000 notices in one
run). Each bundle is kept in the build cache under a key of exactly what shapes it
(`search_bundles.py`), so a rebuild indexes only the bundles whose records changed. What moves
with the day, each notice's state, is not in the records: it is added to each kept bundle at
every build as a filter of its own (`pagefind_bundle.with_filters`), and /search/ computes the
state's label from the notice's dates, as the pages do. So a night where states move indexes
nothing; a night where a notice starts indexes only this month's small bundle.

The site gets `pagefind/<part>/` for each bundle, Pagefind's script once in `pagefind/`, and
`nb-filters.json` naming the parts newest first; /search/ loads the newest part's bundle and
merges the others into it in the browser (Pagefind's `mergeIndex`; see search.js).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import partial
from html import escape
from pathlib import Path

from pagefind.service import get_executable

from noticeboard.files import remove
from noticeboard.i18n import _
from noticeboard.publish.pagefind_bundle import (
    ENTRY,
    BundleFormatError,
    normalise_bundle,
    page_urls,
    with_filters,
)
from noticeboard.publish.search_bundles import BundleCache, bundle_key, code_fingerprint
from noticeboard.publish.search_records import SearchRecord, record_start

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
# Which page of a kept bundle is which notice (`pagefind_bundle.page_urls`), stored beside the
# bundle in the cache (not shipped): the per-build filters name pages by position.
PAGES_FILE = "nb-pages.json"
# The filter added at every build (not indexed): a notice's state.
STATE_FILTER = "state"
# Closed years are folded, oldest first, into bundles of at least this many records: each
# bundle costs a query its entry and meta files and a word-index chunk per word, so a dozen
# small old years cost more than one bundle of them.
GROUP_MIN = 1000
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


def bundle_parts(records: Sequence[SearchRecord], today: date) -> dict[str, list[SearchRecord]]:
    """The records of each bundle, newest part first, each part's records in the order given.

    - `YYYY-MM`: the notices that started this month. A notice starting on any day lands here,
      so only this small bundle is indexed again that night.
    - `YYYY-Qn`: the rest of this year by quarter, so an edit indexes at most a quarter again,
      and on the first of a month last month's notices join only their quarter's bundle.
    - closed years, folded oldest first into parts of at least GROUP_MIN records: `YYYY` alone
      or `YYYY-to-YYYY`. A folded part stays as it is once full: years are added after it.
      On the first of January last year's quarters become one part.

    A record's start date (its date filter) decides; its year is the start's year."""
    month = today.replace(day=1).isoformat()
    this_year = str(today.year)
    recent: list[SearchRecord] = []
    quarters: dict[str, list[SearchRecord]] = {}
    closed: dict[str, list[SearchRecord]] = {}
    for record in records:
        year = record_year(record)
        start = record_start(record)
        if start >= month:
            recent.append(record)
        elif year >= this_year:
            quarter = (int(start[5:7]) - 1) // 3 + 1 if start[:4] == year else 1
            quarters.setdefault(f"{year}-Q{quarter}", []).append(record)
        else:
            closed.setdefault(year, []).append(record)
    groups: list[list[str]] = [[]]
    for year in sorted(closed):
        if sum(len(closed[y]) for y in groups[-1]) >= GROUP_MIN:
            groups.append([])
        groups[-1].append(year)
    parts: dict[str, list[SearchRecord]] = {}
    if recent:
        parts[month[:7]] = recent
    for name in sorted(quarters, reverse=True):
        parts[name] = quarters[name]
    for years in reversed(groups):
        if years:
            name = years[0] if len(years) == 1 else f"{years[0]}-to-{years[-1]}"
            parts[name] = [record for year in years for record in closed[year]]
    return parts


def index_order(parts: Mapping[str, object]) -> list[str]:
    """The order parts are indexed in: oldest first (the largest, the folded closed years),
    so that in a build from nothing, whose pages are converted in this order too, the small
    recent parts are what is left to index when the last page is converted."""
    return list(reversed(list(parts)))


# How much lower Pagefind's priority is than the build's (nice values: 0 to 19).
PAGEFIND_NICENESS = 10


def behind_the_pages(command: list[str]) -> list[str]:
    """`command` (Pagefind) run at a lower priority where the system has `nice`: Pagefind
    indexes on every core it finds, and on two cores its threads otherwise take the core the
    pages render on; it still has every core the build leaves idle. (The process, not the
    thread that starts it: a thread of this interpreter holding the GIL at a low priority
    would keep the rendering thread waiting.)"""
    nice = shutil.which("nice")
    return [nice, "-n", str(PAGEFIND_NICENESS), *command] if nice else command


def _run_pagefind(binary: Path, pages: Path, bundle: Path) -> int:
    """Index `pages` into `bundle`; returns how many pages Pagefind indexed. Runs in the pages'
    folder with no PAGEFIND_* variables, so no pagefind.yml or setting from elsewhere shapes the
    bundle (its cache key knows only the records and the code)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(INDEX_CHUNK_SIZE)
    done = subprocess.run(
        behind_the_pages(
            [str(binary), "--site", str(pages), "--output-path", str(bundle), "--silent"]
        ),
        capture_output=True,
        text=True,
        check=False,
        cwd=pages,
        env=env,
    )
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip()[-2000:])
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


# Pagefind indexes on about one core; two parts are indexed at a time, so that the parts left
# when the last page is written take both cores.
INDEXERS = 2


def _kept_bundle(cache: BundleCache, key: str, write: Callable[[Path], None]) -> Path:
    """The bundle under `key`: kept from an earlier build, else written now."""
    return cache.get(key) or cache.put(key, write)


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
    normalise_bundle(bundle)  # BundleFormatError: write_search_index says what to do
    (bundle / PAGES_FILE).write_text(json.dumps(page_urls(bundle)), encoding="utf-8")


class PagefindMissing(FileNotFoundError):
    """No Pagefind binary where it should be (any other file not found is another problem:
    a cache folder removed while the index was written)."""


def _pagefind_binary() -> Path:
    """The pinned pagefind_bin_extended, or PAGEFIND_BINARY_PATH."""
    binary = get_executable()
    if binary is None:
        raise PagefindMissing("pagefind_bin_extended is not installed")
    path = Path(binary)
    try:
        path.stat()  # now, with the path, rather than from the first run
    except FileNotFoundError as exc:
        raise PagefindMissing(str(exc)) from None
    return path


def _walk(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Everything under `folder` by relative path, a folder after its content, symlinks not
    followed. (os.scandir gives each entry's type and inode without a stat: a part is ten
    thousand files, walked at every build.)"""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, rel + "/")
            yield rel, entry


def _bundle_files(cached: Path, *, with_wasm: bool) -> dict[str, os.DirEntry[str]]:
    """What `pagefind/<part>/` takes from the cached bundle as it is, by relative path:
    everything but Pagefind's script (once in `pagefind/`), the WebAssembly (first part only),
    the page list, and the entry and meta files (this build's own, `with_filters`)."""
    return {
        rel: entry
        for rel, entry in _walk(str(cached))
        if entry.is_file(follow_symlinks=False)
        and entry.name not in (SCRIPT, ENTRY, PAGES_FILE)
        and not ("/" not in rel and entry.name.endswith(".pf_meta"))
        and (with_wasm or not WASM.fullmatch(entry.name))
    }


def _link(source: str, destination: Path) -> None:
    """A hard link to a file of the cache (never written again, see search_bundles), or a
    copy across file systems."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _sync_bundle(
    target: Path, linked: Mapping[str, os.DirEntry[str]], own: Mapping[str, bytes]
) -> None:
    """Make the folder `target` hold exactly `linked` (the cache's files, as hard links) and
    `own` (this build's files, written new). What already is as wanted is left alone, so a
    rebuild where a part did not change rewrites only its few per-build files."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        remove(target)
    missing = set(linked) | set(own)
    folders = {
        "/".join(rel.split("/")[:i]) for rel in missing for i in range(1, rel.count("/") + 1)
    }
    if target.is_dir():
        # The cache's files are on one file system; a link there shares its inode numbers.
        cache_device = next(iter(linked.values())).stat().st_dev if linked else None
        same_device = target.stat().st_dev == cache_device
        for rel, entry in _walk(str(target)):
            if entry.is_dir(follow_symlinks=False):
                if rel not in folders:
                    remove(Path(entry.path))
                continue
            link = linked.get(rel)
            if not entry.is_file(follow_symlinks=False):
                kept = False
            elif link is not None:  # a hard link: same file system, same inode
                kept = same_device and entry.inode() == link.inode()
            else:
                kept = rel in own and Path(entry.path).read_bytes() == own[rel]
            if kept:
                missing.discard(rel)
            else:
                remove(Path(entry.path))
    made: set[Path] = set()  # each folder made once (a part is 10,000 files in three)
    for rel in sorted(missing):
        destination = target / rel
        if destination.is_dir() and not destination.is_symlink():
            remove(destination)
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        if rel in linked:
            _link(linked[rel].path, destination)
        else:
            _write_new(destination, own[rel])


def _write_new(path: Path, data: bytes) -> None:
    """Write a file of our own as a new file: never through a hard link into the cache."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def _pages(cached: Path) -> dict[str, list[str]]:
    """The page list `index_bundle` stored beside a kept bundle."""
    try:
        stored = json.loads((cached / PAGES_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        raise BundleFormatError(f"{cached.name}/{PAGES_FILE}: missing or damaged") from None
    return {str(language): [str(url) for url in urls] for language, urls in stored.items()}


def write_search_index(
    records: Sequence[SearchRecord],
    site_dir: Path,
    filters: Mapping[str, object],
    *,
    states: Mapping[str, str],
    today: date,
    cache_dir: Path | None = None,
    site_ready: Callable[[], bool] | None = None,
    filled: Callable[[list[SearchRecord]], list[SearchRecord]] | None = None,
) -> Path:
    """Make `<site_dir>/pagefind/` one reproducible bundle per part (`bundle_parts`) for
    `records`, with each record's state from `states` (by URL) as the `state` filter, and the
    /search/ page's `filters` document; returns its folder.

    With `cache_dir`, each part's bundle is taken from there when its key is unchanged and
    stored there when it is new; bundles no longer used are dropped. Files already in site/ as
    wanted are left alone; anything else in `pagefind/` goes. Nothing in site/ is touched
    before `site_ready()` says so (it may wait; False: leave site/ alone), so the indexing can
    start before site/ is ready for it.

    `filled` gives a part's records complete when `records` are not yet (a build from nothing
    knows a body's text once its page is converted): parts are decided from the records'
    dates, and each part is completed, then indexed, in `index_order`, so the first parts are
    indexed while the pages of the next are still being converted."""
    bundle = Path(site_dir).resolve() / BUNDLE_DIR
    try:
        parts = bundle_parts(records, today)
        with tempfile.TemporaryDirectory(prefix="noticeboard-bundles-") as scratch:
            cache = BundleCache(
                cache_dir if cache_dir is not None else Path(scratch), (ENTRY, PAGES_FILE)
            )
            binary = _pagefind_binary()
            code = code_fingerprint(binary)
            keyed: dict[str, tuple[str, Future[Path]]] = {}
            with ThreadPoolExecutor(INDEXERS, thread_name_prefix="noticeboard-index") as pool:
                for part in index_order(parts):
                    chosen = parts[part] = (
                        filled(parts[part]) if filled is not None else parts[part]
                    )
                    key = bundle_key(chosen, code)
                    write = partial(index_bundle, chosen, binary=binary)
                    keyed[part] = (key, pool.submit(_kept_bundle, cache, key, write))
            prepared = [(part, keyed[part][0], keyed[part][1].result()) for part in parts]
            if site_ready is not None and not site_ready():
                raise SearchIndexError(_("the build stopped; the search index was not written"))
            if bundle.is_symlink() or (bundle.exists() and not bundle.is_dir()):
                bundle.unlink()
            bundle.mkdir(parents=True, exist_ok=True)
            for stale in bundle.iterdir():
                if stale.name not in parts:
                    remove(stale)
            for position, (part, _key, cached) in enumerate(prepared):
                urls = {record.url for record in parts[part]}
                daily = {STATE_FILTER: {url: states[url] for url in urls}}
                _sync_bundle(
                    bundle / part,
                    _bundle_files(cached, with_wasm=position == 0),
                    with_filters(cached, _pages(cached), daily),
                )
                if position == 0:
                    _write_new(bundle / SCRIPT, (cached / SCRIPT).read_bytes())
            cache.keep_only(key for _part, key, _cached in prepared)
    except SearchIndexError:
        raise
    except BundleFormatError as exc:
        raise SearchIndexError(
            _(
                "the Pagefind bundle is not in the format this version expects ({problem}); "
                "install the pinned pagefind from requirements.lock"
            ).format(problem=exc)
        ) from None
    except PagefindMissing as exc:
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
    document = {**filters, "bundles": list(parts)}
    _write_new(
        bundle / FILTERS_FILE,
        json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"),
    )
    return bundle
