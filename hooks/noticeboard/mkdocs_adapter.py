"""The only module that knows MkDocs: turns the Board into MkDocs files and pages.

Generated pages go through the page cache (publish/page_cache.py): a page already in site/
with this build's key is left where it is (publish/site_keep.py), a page whose key is in the
cache is handed to MkDocs as a finished HTML file (not rendered); any other page is rendered by
MkDocs from a Markdown file, and its HTML is kept for the next build.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

import noticeboard
from noticeboard import collector, urls
from noticeboard.audience import AudienceError
from noticeboard.background import in_background
from noticeboard.build_lock import BuildLock
from noticeboard.files import Stamp
from noticeboard.i18n import LanguageError, _, environment_language
from noticeboard.load.board import Board, load_board
from noticeboard.load.read_cache import CACHE_DIR_VARIABLE, cache_folder
from noticeboard.problems import Severity, format_problems
from noticeboard.publish.body_worker import Bodies, Converted, cleaned, converter
from noticeboard.publish.compliance import ledger_csv
from noticeboard.publish.feeds import build_feeds
from noticeboard.publish.guide_labels import with_state_labels
from noticeboard.publish.page_cache import (
    Entry,
    PageCache,
    PageWriter,
    cacheable,
    fingerprint,
    page_key,
    spec_key,
)
from noticeboard.publish.pages import (
    ACCOUNTABILITY_TEMPLATE,
    BOARD_PRINT_TEMPLATE,
    LISTING_TEMPLATE,
    NOTICE_TEMPLATE,
    PageSpec,
    attachments_to_publish,
    build_site,
    qr_url,
    source_date_epoch,
    with_qr_code,
)
from noticeboard.publish.print_layout import dated, moved_body, needs_landscape, undated
from noticeboard.publish.qr_worker import QrCodes
from noticeboard.publish.qrcode import qr_svg
from noticeboard.publish.sanitize import clean_body
from noticeboard.publish.script_data import ScriptData, script_data
from noticeboard.publish.search_bundles import BundleCache
from noticeboard.publish.search_index import (
    BUNDLE_DIR,
    SearchIndexError,
    bundle_parts,
    index_order,
    write_search_index,
)
from noticeboard.publish.search_records import (
    SearchRecord,
    filter_values,
    filters_document,
    record_for,
    record_states,
    search_records,
)
from noticeboard.publish.shared_renders import shared_item, shared_nav, translations
from noticeboard.publish.site_keep import (
    drop_aside,
    forget_manifest,
    keep_unchanged,
    put_back,
    read_manifest,
    set_aside,
    write_manifest,
)
from noticeboard.publish.theme_markup import valid_theme_markup
from noticeboard.publish.views import BoardPrint
from noticeboard.today import TodayError

log = get_plugin_logger("noticeboard")


@dataclass(frozen=True)
class BuildState:
    """What one build keeps between MkDocs events: the board, its pages, the scripts' data."""

    board: Board
    specs: dict[str, PageSpec]  # by MkDocs source path
    script: ScriptData
    keys: dict[str, str | None]  # src_uri -> page cache key; None: rendered every build
    cache: PageCache
    warnings: CountHandler  # this build's warnings: renders are kept only when there are none
    # this build's renders, stored while it renders the rest (kept if the build warned nothing)
    writer: list[PageWriter] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # notice id -> body text (feeds, search)
    # told when texts arrive (every TEXTS_BATCH pages) and when every page is converted
    # (texts_done: [True]), for a search index started before that (`_texts_of`)
    texts_ready: threading.Condition = field(default_factory=threading.Condition)
    texts_done: list[bool] = field(default_factory=list)
    # notice id -> its search record without its body's text (enough to choose its part), for
    # a search index started before every page is converted; and record URL -> notice id
    skeletons: dict[str, SearchRecord] = field(default_factory=dict)
    skeleton_ids: dict[str, str] = field(default_factory=dict)
    doc_urls: list[str] = field(default_factory=list)  # the hand-written pages' URLs (sitemap)
    bodies: dict[str, str] = field(default_factory=dict)  # notice id -> cleaned body HTML
    wide: set[str] = field(default_factory=set)  # notice ids whose tables need landscape
    extra_files: dict[str, bytes] = field(default_factory=dict)  # ledger.csv, chart SVGs
    # the rendered notices' QR codes, drawn ahead from on_env (at most one; a list, so that
    # a frozen state can hold it for part of the build), and their URLs in render order
    qr_codes: list[QrCodes] = field(default_factory=list)
    qr_wanted: list[str] = field(default_factory=list)
    # the rendered notices' bodies converted outside MkDocs (body_worker; at most one)
    converting: list[Bodies] = field(default_factory=list)
    search: list[Future[Path]] = field(default_factory=list)  # the index being written (on_env)
    search_started: list[bool] = field(default_factory=list)  # [True] once on_env started it
    search_threads: list[threading.Thread] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # site/ folders kept from MkDocs' clean
    site_dir: list[Path] = field(default_factory=list)  # where they were set aside
    bundle_kept: list[bool] = field(default_factory=list)  # [True]: site/ had a pagefind/
    notice_keys: dict[str, str | None] = field(default_factory=dict)  # notice id -> page key
    stored_texts: dict[str, str] = field(default_factory=dict)  # text key -> text, as cached
    text_keys: dict[str, str] = field(default_factory=dict)  # notice id -> key of its text
    early_texts: dict[str, str] = field(default_factory=dict)  # notice id -> converted ahead
    # site/ is ready for the search index (after on_files put pagefind/ back): set, with
    # [True] in site_go, or with [False] when the build stopped
    site_ready: threading.Event = field(default_factory=threading.Event)
    site_go: list[bool] = field(default_factory=list)
    kept: dict[str, Stamp] = field(default_factory=dict)  # page path -> stamp, left in site/
    navs: dict[int, Markup] = field(default_factory=dict)  # notice pages' nav, by depth
    items: dict[tuple[int, int], tuple[object, Markup]] = field(default_factory=dict)  # lines


_builds: list[BuildState] = []  # the current build's state (MkDocs gives events no place for it)


def _state() -> BuildState:
    if not _builds:
        raise PluginError("noticeboard: on_config did not run before this event")
    return _builds[-1]


def _close_children() -> None:
    """Stop the current build's helper processes (QR codes, bodies), if they still run (never
    left behind)."""
    if _builds:
        for codes in _builds[-1].qr_codes:
            codes.close()
        for bodies in _builds[-1].converting:
            bodies.close()
        _builds[-1].qr_codes.clear()
        _builds[-1].converting.clear()


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


# The lock this process holds on its board while a build runs (build_lock.py).
_lock: list[BuildLock] = []


def _unlock() -> None:
    for held in _lock:
        held.release()
    _lock.clear()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _close_children()
    _pages_written(keep=False)  # a build of this process that stopped before its end
    _unlock()  # a build of this process that stopped before its end
    collector.planning()
    try:
        environment_language()  # messages follow NOTICEBOARD_LANG; a bad value stops here
    except LanguageError as exc:
        raise PluginError(str(exc)) from None
    _lock.append(BuildLock(cache_folder(_root(config))))
    _lock[0].acquire(
        lambda: log.info(_("another build of this board is running; waiting for it to end"))
    )
    try:
        return _configured(config)
    except BaseException:
        _unlock()
        raise


def _configured(config: MkDocsConfig) -> MkDocsConfig:
    try:
        result = load_board(_root(config), cached=True, remember=_preview())
    except (TodayError, AudienceError) as exc:
        raise PluginError(str(exc)) from None
    for problem in result.problems:
        if problem.severity is Severity.WARNING:
            log.warning(problem.text())
    if not result.ok or result.board is None:
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        raise PluginError(
            _("{count} error(s) in the notices; nothing was built:").format(count=len(errors))
            + "\n"
            + format_problems(errors)
        )
    if not config.use_directory_urls:
        raise PluginError(
            _("noticeboard needs 'use_directory_urls: true' in mkdocs.yml; set it there")
        )
    missing = [
        name
        for name in (
            NOTICE_TEMPLATE,
            LISTING_TEMPLATE,
            ACCOUNTABILITY_TEMPLATE,
            BOARD_PRINT_TEMPLATE,
        )
        if not any((Path(folder) / name).is_file() for folder in config.theme.dirs)
    ]
    if missing:
        raise PluginError(
            _(
                "mkdocs.yml: the theme has no template {names}: set "
                "'theme: custom_dir:' to the folder with noticeboard's templates (overrides/)"
            ).format(names=", ".join(missing))
        )
    if not config.repo_url:
        # Without a repository an edit link would be a relative path that leads nowhere.
        config.edit_uri = None
    board = result.board
    # Reproducible output: MkDocs dates the sitemap (and its gzip header) from this variable.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(board.today)))
    script = script_data(board.registry, board.today)
    shared = _fingerprint(config, board, repr(script))
    placed = board.placed()
    _builds[:] = [
        BuildState(
            board,
            {},
            script,
            keys={},
            cache=PageCache(_cache_folder(board) / PAGES_CACHE),
            warnings=_count_warnings(),
            text_keys={
                notice_id: _text_key(shared, p.notice.body)
                for notice_id, p in placed.items()
                if cacheable(p.notice.body)
            },
        )
    ]
    state = _state()
    state.stored_texts.update(state.cache.texts())
    for notice_id, text_key in state.text_keys.items():
        if text_key in state.stored_texts:
            state.texts[notice_id] = state.stored_texts[text_key]
    missing = [notice_id for notice_id in placed if notice_id not in state.texts]
    if not _preview() and len(missing) <= EARLY_TEXTS and set(missing) <= state.text_keys.keys():
        # The texts of all but a few notices are known (a nightly rebuild: states moved, some
        # notices start today; an edited notice): those few are converted here, and the
        # search index is prepared from now on, while the pages are planned, read and
        # rendered.
        converted = _converted_texts({n: placed[n].notice.body for n in missing}, config)
        state.texts.update(converted)
        state.early_texts.update(converted)
        log.debug(f"search index prepared from on_config ({len(converted)} texts converted ahead)")
        _start_search(config)
    site = build_site(board, config.site_url, config.repo_url, with_qr=False)
    # QR codes are drawn only for pages really rendered (on_page_context): the key holds the URL.
    # Printable boards are rendered and cached without today's date (put in when written).
    specs = [
        replace(spec, view=undated(spec.view, board.today))
        if isinstance(spec.view, BoardPrint)
        else spec
        for spec in site.pages
    ]
    state.specs.update((spec.src_uri, spec) for spec in specs)
    keys, notice_keys = _page_keys(shared, specs)
    state.keys.update(keys)
    state.notice_keys.update(notice_keys)
    # Beside the pages: the ledger as CSV and the statistics charts, from the same Board.
    state.extra_files.update(
        {
            urls.LEDGER_CSV_URL: ledger_csv(board.registry, site.cells, config.site_url),
            **{chart.path: chart.data for chart in site.charts},
        }
    )
    return config


def _text_key(shared: str, body: str) -> str:
    """The key of a notice body's text: the body as MkDocs converts it, and what the build
    shares (extensions, code), not the page's state, so a new state finds its text."""
    return page_key(shared, "text", body)


# At most this many notices' texts are converted ahead in on_config (each is converted again
# when its page renders); with more (a cold build), the search index waits for the pages.
EARLY_TEXTS = 200


def _converted_texts(bodies: dict[str, str], config: MkDocsConfig) -> dict[str, str]:
    """Notice id -> the text of its body, converted as its page converts it (body_worker)."""
    convert = _body_converter(config)
    return {notice_id: convert(body).text for notice_id, body in bodies.items()}


def _body_converter(config: MkDocsConfig) -> Callable[[str], Converted]:
    """A notice body's Markdown -> its cleaned HTML and text, with the site's extensions, as a
    notice page has it (body_worker.converter)."""
    return converter(config.markdown_extensions, config.mdx_configs)


def _count_warnings() -> CountHandler:
    """Count this build's warnings (as `--strict` does) to know whether its renders are clean;
    a previous build's counter (one that stopped before on_post_build) is taken off first,
    never MkDocs' own."""
    logger = logging.getLogger("mkdocs")
    if _builds:
        logger.removeHandler(_builds[-1].warnings)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    return counter


# The MkDocs settings a generated page can show (the resolved config, INHERIT included).
_CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "docs_dir",
    "use_directory_urls",
    "nav",
    "not_in_nav",
    "extra",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "mdx_configs",
    "validation",
)


def _fingerprint(config: MkDocsConfig, board: Board, script: str) -> str:
    """What every generated page shares (page_cache.fingerprint), read from this build;
    `script` is the scripts' data every page carries."""
    settings = {key: repr(config.get(key)) for key in _CONFIG_KEYS}
    settings["nb_site"] = script
    settings["theme"] = repr(sorted((k, repr(v)) for k, v in dict(config.theme).items()))
    settings["theme_dirs"] = repr(config.theme.dirs)
    settings.update({k: v for k, v in os.environ.items() if k.startswith("NOTICEBOARD_")})
    # Today enters through the views (state, a lead's date); where the cache is, nowhere.
    settings.pop("NOTICEBOARD_TODAY", None)
    settings.pop(CACHE_DIR_VARIABLE, None)
    # Where the repository sits is no input of a page (MkDocs makes docs_dir and the theme
    # folders absolute): a copy elsewhere (another CI runner, a test) finds the same pages.
    here = str(_root(config))
    settings = {key: value.replace(here, "<root>") for key, value in settings.items()}
    notices_dir = board.root / "notices"
    registry_files = sorted(notices_dir.glob("_*")) if notices_dir.is_dir() else []
    # Theme folders are hashed file by file (overrides/), except those of the installed MkDocs
    # and Material (10,000 icons): their versions are in the fingerprint already.
    return fingerprint(
        Path(noticeboard.__file__).resolve().parent,
        [*_own_theme_folders(config), Path(config.docs_dir)],
        [Path(config.config_file_path), *registry_files],
        settings,
    )


# The build cache's parts: rendered pages (page_cache) and each year's search bundle
# (search_bundles).
PAGES_CACHE = "pages"
SEARCH_CACHE = "search"
SITE_MANIFEST = "site.json"
TEMPLATES_CACHE = "templates"


def _installed_theme(folder: Path) -> bool:
    """A folder of the installed mkdocs or material package (versioned in page_cache)."""
    for name in ("mkdocs", "material"):
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            if folder.resolve().is_relative_to(Path(location).resolve()):
                return True
    return False


def _cache_folder(board: Board) -> Path:
    return cache_folder(board.root)


def _page_keys(
    shared: str, specs: list[PageSpec]
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """src_uri -> the page's cache key (None for a page that must be rendered every time), and
    notice id -> the key of its own page."""
    keys = {spec.src_uri: _page_key(shared, spec) for spec in specs}
    notice_keys = {
        spec.notice_id: keys[spec.src_uri]
        for spec in specs
        if spec.notice_id is not None and spec.template == NOTICE_TEMPLATE
    }
    for spec in specs:
        if isinstance(spec.view, BoardPrint) and cacheable(spec.body):
            # A printable board holds its notices' bodies, which its view does not show: its
            # key takes in theirs (each covers its body), and none when one has none.
            sheets = [notice_keys.get(sheet.notice.id) for sheet in spec.view.sheets]
            if all(sheets):
                keys[spec.src_uri] = page_key(spec_key(shared, spec), *map(str, sheets))
    return keys, notice_keys


def _page_key(shared: str, spec: PageSpec) -> str | None:
    if spec.in_nav or isinstance(spec.view, BoardPrint) or not cacheable(spec.body):
        # nav pages are few; relative links are checked on every render; printable boards
        # are keyed in _page_keys
        return None
    return spec_key(shared, spec)  # the code (this module's _markdown too) is in `shared`


def _markdown(spec: PageSpec) -> str:
    """A generated page's source for MkDocs: its body behind an empty front matter (which
    keeps MkDocs from reading the body's first lines as MultiMarkdown meta). The page's meta
    is set in on_page_markdown (a YAML dump and MkDocs' pure-Python parse of it cost 2 s of
    a build from nothing at 10,000 notices)."""
    return f"---\n{{}}\n---\n\n{spec.body}"


def _page_meta(spec: PageSpec) -> dict[str, Any]:
    # Material prints the page title unescaped (<title>, header, nav), so it is given as HTML.
    return {"title": html.escape(spec.title), "template": spec.template, "hide": ["toc"]}


def _page_folders() -> set[str]:
    """The top folders of site/ that hold pages the page cache can supply."""
    paths = (_html_path(src) for src, key in _state().keys.items() if key)
    return {path.split("/")[0] for path in paths if "/" in path}


# `mkdocs serve`: [True] once on_startup says so.
_serving: list[bool] = []


def on_startup(command: str, dirty: bool) -> None:
    _serving[:] = [command == "serve"]


def _preview() -> bool:
    return bool(_serving and _serving[0])


def on_pre_build(config: MkDocsConfig) -> None:
    """Runs before MkDocs empties site/: the page folders and the search bundles are set aside
    (site_keep) and put back in on_files."""
    folders = _page_folders() | {BUNDLE_DIR}
    _state().site_dir[:] = [Path(config.site_dir)]
    _state().set_aside[:] = set_aside(Path(config.site_dir), folders)


def on_build_error(error: Exception) -> None:
    """A build that failed leaves no hidden folder in site/ to be published, no QR child
    running and no search index being written."""
    _close_children()
    with contextlib.suppress(Exception):  # the build's own error is the one to report
        _pages_written(keep=False)
    if _builds:
        _builds[-1].site_go[:] = [False]  # a search index being prepared leaves site/ alone
        _builds[-1].site_ready.set()
        with _builds[-1].texts_ready:  # nor waits for texts any longer
            _builds[-1].texts_ready.notify_all()
    with contextlib.suppress(Exception):  # the build's own error is the one to report
        _search_written()
    if _builds:
        for site in _builds[-1].site_dir:
            drop_aside(site)
    _unlock()
    collector.ended(again_soon=_preview())


def _manifest() -> Path:
    """What the last clean build of this repository wrote into site/ (site_keep)."""
    return _cache_folder(_state().board) / SITE_MANIFEST


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state()
    board = state.board
    specs = state.specs
    site = Path(config.site_dir)
    back = put_back(site, state.set_aside)
    state.bundle_kept[:] = [BUNDLE_DIR in back]
    state.site_go[:] = [True]
    state.site_ready.set()
    # A notice's page is taken from site/ or the cache only with its text (feeds, search).
    usable = {
        src: key
        for src, key in state.keys.items()
        if key and (specs[src].notice_id is None or specs[src].notice_id in state.texts)
    }
    wanted = {_html_path(src): _site_key(src, key) for src, key in usable.items()}
    unchanged = read_manifest(_manifest()).unchanged(wanted)
    kept = keep_unchanged(site, [f for f in back if f != BUNDLE_DIR], unchanged)
    state.kept.update((path, unchanged[path]) for path in kept)
    docs_dir = Path(config.docs_dir).resolve().relative_to(board.root.resolve()).as_posix()
    _state().doc_urls[:] = [
        f.url
        for f in files.documentation_pages()
        if f.src_uri not in specs
        and f.inclusion in (InclusionLevel.INCLUDED, InclusionLevel.NOT_IN_NAV)
    ]
    drawn: list[str] = []  # the QR codes the rendered pages need, in the order they render
    outside: dict[str, str] = {}  # notice id -> body converted outside MkDocs, in that order
    rendered = 0  # generated pages MkDocs will render
    for spec in _conversion_order(list(specs.values())):
        src_uri = spec.src_uri
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning(
                _(
                    "docs/{path} is replaced by the generated page at the same address; "
                    "remove it from docs/"
                ).format(path=src_uri)
            )
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        path = _html_path(src_uri)
        if path in kept:
            # Already in site/ as this build would write it: nothing for MkDocs to do (it is
            # no page of MkDocs' own: the sitemap is ours, and no Markdown links to it).
            continue
        if src_uri in usable and (cached := state.cache.get(usable[src_uri])) is not None:
            # Unchanged since it was cached: written as a finished file, never rendered.
            content = _with_date(spec, cached)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
            continue
        if url := qr_url(spec.view):
            drawn.append(url)
        rendered += 1
        if spec.template == NOTICE_TEMPLATE and spec.notice_id and cacheable(spec.body):
            outside[spec.notice_id] = spec.body
        file = File.generated(config, src_uri, content=_markdown(spec), inclusion=inclusion)
        if spec.notice_id is not None:
            # "view source" leads to the notice's own Markdown file (when repo_url is set)
            file.edit_uri = urls.source_edit_path(spec.notice_id, docs_dir)
        if not spec.in_nav:  # a page in the nav takes its title from there: MkDocs makes it
            _EmptyRendersEmpty(None, file, config)
        files.append(file)
    _close_children()
    _state().qr_wanted[:] = drawn  # drawn from on_env: until then the bodies' child has the core
    _state().converting.append(Bodies(outside, config.markdown_extensions, config.mdx_configs))
    for path in attachments_to_publish(board.placed()):
        files.append(
            File.generated(
                config,
                urls.attachment_url(path),
                abs_src_path=str(board.root / urls.attachment_source(path)),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    collector.rendering(rendered + len(_state().doc_urls))
    _start_search(config)  # the texts it lacks come as the pages are converted (_texts_of)
    return files


class _EmptyRendersEmpty(Page):
    """A generated page that skips MkDocs' render when its Markdown is empty, as a notice
    page's is when its body is converted outside MkDocs (on_page_markdown, body_worker).
    MkDocs makes a Markdown instance with every extension for each page: 0.25 ms of nothing
    for each of 10,000 notices. What the render leaves is what converting "" leaves."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown:
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page gets its meta (title, template); hand-written pages (公开指南) get
    generated parts: the state-label table."""
    spec = _state().specs.get(page.file.src_uri)
    if spec is not None:
        page.meta = _page_meta(spec)
        # a body converted outside MkDocs (body_worker) reaches the page in on_page_content
        return "" if _outside(spec.notice_id) is not None else markdown
    return with_state_labels(markdown)


def _html_path(src_uri: str) -> str:
    """Where MkDocs writes the page of `src_uri` (use_directory_urls): a/b.md -> a/b/index.html."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def _keep_body(notice_id: str, body_html: str, wide: bool | None = None) -> None:
    """MkDocs renders every page's content before any template, so the printable boards find
    each rendered notice's cleaned body here (and which need a landscape sheet)."""
    _state().bodies[notice_id] = body_html
    if needs_landscape(body_html) if wide is None else wide:
        _state().wide.add(notice_id)


def _notice_body(notice_id: str, config: MkDocsConfig) -> str:
    """A notice's cleaned body for a printable board: as rendered this build or, for a page
    copied from the page cache (not rendered), as stored with that page when it was rendered
    (the key covers the body, the extensions and the code), else converted here with the
    site's extensions."""
    if notice_id not in _state().bodies:
        key = _state().notice_keys.get(notice_id)
        stored = _state().cache.body(key) if key else None
        if stored is None:
            body = _state().board.placed()[notice_id].notice.body
            stored = _body_converter(config)(body).html
        _keep_body(notice_id, stored)
    return _state().bodies[notice_id]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notice bodies come from many hands: only the allow-list reaches the page. The cleaned
    body's text is what feeds and search use, so each body is converted once per build."""
    spec = _state().specs.get(page.file.src_uri)
    if spec is None or spec.template != NOTICE_TEMPLATE:
        return html
    if spec.notice_id is None:
        return clean_body(html)
    converted = _converted_body(spec.notice_id, html)
    early = _state().early_texts.get(spec.notice_id)
    if early is not None and early != converted.text:
        # The search index was prepared from the text converted in on_config: a difference
        # is a bug here, and the warning keeps this build from counting.
        log.warning(
            _(
                "{path}: the text converted ahead differs from the page's; the search "
                "index may not match it (please report this)"
            ).format(path=spec.src_uri)
        )
    _state().texts[spec.notice_id] = converted.text
    _told_of_texts()
    _keep_body(spec.notice_id, converted.html, converted.wide)
    return converted.html


def _outside(notice_id: str | None) -> Bodies | None:
    """Who converts this notice's body outside MkDocs' page render (body_worker), if anyone."""
    for bodies in _state().converting if notice_id is not None else ():
        if notice_id in bodies:
            return bodies
    return None


def _converted_body(notice_id: str, html: str) -> Converted:
    """A rendered notice's body: converted outside MkDocs (its page's Markdown was empty), or
    MkDocs' HTML of it cleaned here (a body with relative links, which MkDocs checks)."""
    bodies = _outside(notice_id)
    return bodies.get(notice_id) if bodies is not None else cleaned(html)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    spec = _state().specs.get(page.file.src_uri)
    if spec is not None:
        codes = _state().qr_codes
        context["nb"] = with_qr_code(spec.view, codes[0].get if codes else qr_svg)
        context["nb_wide"] = _state().wide
        if isinstance(spec.view, BoardPrint):
            context["nb_sheet_bodies"] = {
                sheet.notice.id: moved_body(
                    _notice_body(sheet.notice.id, config),
                    urls.notice_url(sheet.notice.id),
                    page.file.url,
                    sheet.anchor,
                )
                for sheet in spec.view.sheets
            }
    context["nb_site"] = _state().script
    return context


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Static templates (404.html) extend main.html too, which reads the scripts' data."""
    context["nb_site"] = _state().script
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = valid_theme_markup(output)
    src_uri = page.file.src_uri
    spec = _state().specs.get(src_uri)
    if spec is None:
        return output
    written = _with_date(spec, output)
    if key := _state().keys.get(src_uri):
        if not _state().writer:
            _state().writer.append(PageWriter(_state().cache))
        site_file = Path(page.file.abs_dest_path) if written == output else None
        _state().writer[0].put(key, Entry(output, _body_to_keep(spec.notice_id)), site_file)
    return written


def _body_to_keep(notice_id: str | None) -> str:
    """The cleaned body to store with a notice's page: only a notice on a current board is
    printed (a state never moves back onto the board; a page whose state moves is rendered
    again), so only those are kept. One file fewer per notice in a build from nothing; a body
    not found is converted again (`_notice_body`)."""
    placed = _state().board.placed().get(notice_id) if notice_id else None
    if placed is None or not placed.on_current_board:
        return ""
    return _state().bodies.get(placed.notice.id, "")


def _with_date(spec: PageSpec, html: str) -> str:
    """A page as written: a printable board gets today's date (print_layout.undated)."""
    return dated(html, _state().board.today) if isinstance(spec.view, BoardPrint) else html


def _site_key(src_uri: str, key: str) -> str:
    """What the manifest records for a page: its key, and for a printable board the day too
    (a board written yesterday shows yesterday's date)."""
    if isinstance(_state().specs[src_uri].view, BoardPrint):
        return f"{key}@{_state().board.today.isoformat()}"
    return key


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "sitemap.xml":
        return _sitemap(config)
    return valid_theme_markup(output) if template_name.endswith(".html") else output


def _sitemap(config: MkDocsConfig) -> str:
    """Every page, hand-written and generated, whether rendered or copied from the cache: the
    same sitemap for a full and an incremental build."""
    lastmod = _state().board.today.isoformat()
    base = config.site_url or "/"
    locs = [
        *_state().doc_urls,
        *(_url(src) for src, spec in _state().specs.items() if spec.in_sitemap),
    ]
    rows = "".join(
        f"\n    <url>\n         <loc>{xml_escape(urljoin(base, url))}</loc>\n"
        f"         <lastmod>{lastmod}</lastmod>\n    </url>"
        for url in locs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}\n</urlset>\n'
    )


def _url(src_uri: str) -> str:
    path = _html_path(src_uri)
    return path.removesuffix("index.html")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's Markdown is converted by now (so every notice's text is known) and none is
    rendered yet: the search index is written from here on, in a thread, while MkDocs renders
    the pages (Pagefind is a child process: the two share the machine's cores)."""
    _told_of_texts(done=True)  # every page is converted
    _start_search(config)
    # The QR codes are needed from the first notice rendered on: a child draws them ahead on
    # the other core, which the bodies' child (body_worker) had until now.
    _state().qr_codes.append(QrCodes(_state().qr_wanted))
    env.globals["nb_shared_nav"] = shared_nav(_state().navs)
    env.globals["nb_item"] = shared_item(_state().items)
    env.globals["nb_translate"] = translations(env, config.theme["language"])
    # MkDocs makes a new environment every build, which compiles every template again (0.5 s
    # a build); Jinja's bytecode cache keeps them compiled, keyed by each template's source.
    compiled = _cache_folder(_state().board) / TEMPLATES_CACHE
    with contextlib.suppress(OSError):  # no cache folder: templates compiled as before
        compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    return env


def _start_search(config: MkDocsConfig) -> None:
    """Start writing this build's search index (once)."""
    state = _state()
    if state.search_started:
        return
    state.search_started.append(True)
    if _preview() and state.bundle_kept[:1] == [True]:
        # The preview re-indexes nothing: search keeps the index of the session's first build.
        log.info(_("preview: the search index is the one of the first build; not re-indexed"))
        return
    placed = state.board.placed()
    registry = state.board.registry
    filled: Callable[[list[SearchRecord]], list[SearchRecord]] | None = None
    if placed.keys() <= state.texts.keys():
        records = search_records(placed, registry, state.texts)
    else:
        # started before every page is converted (a build from nothing): the parts are
        # decided from the notices' dates, and each part waits for its pages' texts
        records = list(_skeletons().values())
        filled = partial(_texts_of, state)
    document = filters_document(filter_values(placed, registry))

    def site_ready() -> bool:
        state.site_ready.wait()
        return state.site_go[:1] == [True]

    bundles = _cache_folder(state.board) / SEARCH_CACHE
    state.search.append(
        _in_background(
            partial(
                write_search_index,
                records,
                Path(config.site_dir),
                document,
                states=record_states(placed),
                today=state.board.today,
                cache_dir=bundles,
                site_ready=site_ready,
                filled=filled,
            ),
            then=BundleCache(bundles).drop_old,
        )
    )


# A search index waiting for texts is told of them every this many converted pages.
TEXTS_BATCH = 50


def _texts_of(state: BuildState, records: list[SearchRecord]) -> list[SearchRecord]:
    """`records` (one part's, without their bodies' text) complete, in the same order (a
    bundle's key follows it): waits until each of their pages is converted (or every page
    is: a text still missing is converted here, as search_records does), or the build
    stops."""
    ids = [state.skeleton_ids[record.url] for record in records]
    with state.texts_ready:
        for notice_id in ids:
            while notice_id not in state.texts and not state.texts_done:
                if state.site_go[:1] == [False]:
                    raise SearchIndexError(_("the build stopped; the search index was not written"))
                state.texts_ready.wait()
        texts = {notice_id: state.texts[notice_id] for notice_id in ids if notice_id in state.texts}
    placed = state.board.placed()
    # in the order given (a part's own), each as search_records makes it
    return [record_for(placed[n], state.board.registry, texts.get(n)) for n in ids]


def _skeletons() -> dict[str, SearchRecord]:
    """Every published notice's search record without its body's text, in id order."""
    state = _state()
    if not state.skeletons:
        placed = state.board.placed()
        for notice_id in sorted(placed):
            record = record_for(placed[notice_id], state.board.registry, "")
            state.skeletons[notice_id] = record
            state.skeleton_ids[record.url] = notice_id
    return state.skeletons


def _conversion_order(specs: list[PageSpec]) -> list[PageSpec]:
    """The generated pages in the order MkDocs converts them: when some notices' texts are
    still to come (a build from nothing), the notices part by part in the order the search
    index takes the parts (search_index.index_order), so that it indexes the first parts while
    the pages of the next are converted; else as planned."""
    state = _state()
    notices = [spec for spec in specs if spec.template == NOTICE_TEMPLATE and spec.notice_id]
    if all(spec.notice_id in state.texts for spec in notices):
        return specs
    parts = bundle_parts(list(_skeletons().values()), state.board.today)
    rank = {
        state.skeleton_ids[record.url]: position
        for position, record in enumerate(
            record for part in index_order(parts) for record in parts[part]
        )
    }
    last = len(rank)
    first = [spec for spec in specs if not (spec.template == NOTICE_TEMPLATE and spec.notice_id)]
    return first + sorted(notices, key=lambda spec: rank.get(str(spec.notice_id), last))


def _told_of_texts(*, done: bool = False) -> None:
    """A search index waiting for texts (`_texts_of`) looks again: every TEXTS_BATCH texts,
    and when every page is converted (`done`)."""
    state = _state()
    if done or len(state.texts) % TEXTS_BATCH == 0:
        with state.texts_ready:
            if done:
                state.texts_done[:] = [True]
            state.texts_ready.notify_all()


def _in_background(run: Callable[[], Path], then: Callable[[], None]) -> Future[Path]:
    """`run` in a daemon thread (a build that stops never waits on it to exit), and `then`
    after its result is handed over: tidying that overlaps the build's last steps (the
    build waits for it at its very end, `_tidied`)."""
    future, thread = in_background(run, "noticeboard-search", then)
    _state().search_threads.append(thread)
    return future


def _tidied() -> None:
    for thread in _state().search_threads:
        thread.join()
    _state().search_threads.clear()


def _search_written() -> None:
    """Wait for the search index of this build (on_env), if one is being written."""
    pending = _state().search if _builds else []
    try:
        for future in pending:
            future.result()
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    finally:
        pending.clear()


def on_post_build(config: MkDocsConfig) -> None:
    """Files beside the pages, from the same Board: the Atom feeds; the Pagefind index is
    waited for."""
    _close_children()  # every page is rendered by now
    board = _state().board
    placed = board.placed()
    site_dir = Path(config.site_dir)
    site_url = config.site_url or "http://127.0.0.1:8000/"
    texts: dict[str, str] = _state().texts
    feeds = build_feeds(placed, board.registry, site_url, board.today, config.site_name, texts)
    for rel, data in {**feeds, **_state().extra_files}.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _start_search(config)  # here when the hooks file names no on_env (an older copy)
    _search_written()
    _keep_rendered_pages(site_dir)
    _tidied()
    _unlock()
    collector.ended(again_soon=_preview())


def _keep_rendered_pages(site: Path) -> None:
    """Store this build's renders and the manifest of what it left in site/, unless something
    warned (then nothing is kept, so the warning comes back next build), and drop what no page
    of this build uses."""
    state = _state()
    logging.getLogger("mkdocs").removeHandler(state.warnings)
    _pages_written(keep=not state.warnings.get_counts())
    if state.warnings.get_counts():
        forget_manifest(_manifest())
        return
    keyed = {src: key for src, key in state.keys.items() if key}
    texts = {
        text_key: state.texts[notice_id]
        for notice_id, text_key in state.text_keys.items()
        if notice_id in state.texts
    }
    if _preview():  # the preview's pages (its own site_url) leave the build's entries be
        texts = {**state.stored_texts, **texts}
    else:
        state.cache.keep_only(keyed.values())
    if texts != state.stored_texts:
        state.cache.save_texts(texts, state.stored_texts)
    pages = {_html_path(src): _site_key(src, key) for src, key in keyed.items()}
    write_manifest(_manifest(), site, pages, state.kept)


def _pages_written(*, keep: bool) -> None:
    """Wait for the renders being stored; keep them, or take them out again."""
    if _builds:
        for writer in _builds[-1].writer:
            writer.finish(keep=keep)
        _builds[-1].writer.clear()


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    server.watch(str(_root(config) / urls.NOTICES_DIR))
    # The board's own templates (overrides/): MkDocs watches a theme only with --watch-theme,
    # which would take in the installed Material too (thousands of folders).
    for folder in _own_theme_folders(config):
        server.watch(str(folder))
    _watch_natively(server)
    return server


def _own_theme_folders(config: MkDocsConfig) -> list[Path]:
    """The theme folders that are the board's (custom_dir), not an installed package's."""
    own = [Path(d) for d in config.theme.dirs if not _installed_theme(Path(d))]
    return [folder for folder in own if folder.is_dir()]


def _watch_natively(server: LiveReloadServer) -> None:
    """Have the preview learn of a save from the system (inotify) instead of MkDocs' polling:
    a poll of a 10,000-notice tree twice a second costs 60 ms each time, on the interpreter
    that rebuilds, and a save waits up to half a second to be seen. Where the system has no
    such events, a watch cannot be set up (inotify's limit), or MkDocs' server is not as
    expected, polling stays."""
    watched: dict[str, int] = dict(getattr(server, "_watched_paths", {}))  # path -> count
    if getattr(server, "observer", None) is None or not watched:
        return
    native: BaseObserver = _ChangesOnly()
    if isinstance(native, PollingObserver) or not _can_watch(list(watched)):
        return
    for path, count in watched.items():
        for _time in range(count):
            server.unwatch(path)
    server.observer = native  # type: ignore[assignment]
    for path, count in watched.items():
        for _time in range(count):
            server.watch(path)


# What a save (or a new, moved or deleted file) reports; not the opening and closing of a file
# that is only read, which the build itself does (each such event would start another build).
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirMovedEvent,
    DirDeletedEvent,
]


class _ChangesOnly(Observer):  # type: ignore[misc,valid-type]
    """The system's observer, reporting changes only (MkDocs asks for every event)."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        return super().schedule(  # type: ignore[no-any-return]
            event_handler,
            path,
            recursive=recursive,
            event_filter=CHANGES if event_filter is None else event_filter,
            follow_symlink=follow_symlink,
        )


def _can_watch(paths: list[str]) -> bool:
    """Whether the system's file events can watch `paths` (tried with an observer of its own:
    watches are set up when an observer starts)."""
    probe: BaseObserver = Observer()
    # Stopped at once, the probe's emitter may be asked for events after its watch closed, and
    # watchdog logs that as an error ("queue_events() called when the thread is inactive");
    # nothing is wrong, so it is kept out of the preview's output while the probe lives.
    emitter_log = logging.getLogger("watchdog.observers.inotify")
    was_disabled, emitter_log.disabled = emitter_log.disabled, True
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as exc:
        log.info(f"preview: watching by polling ({exc})")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
        emitter_log.disabled = was_disabled
    return True
