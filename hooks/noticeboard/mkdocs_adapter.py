"""The only module that knows MkDocs: turns the Board into MkDocs files and pages.

Generated pages go through the page cache (publish/page_cache.py): a page whose key is in the
cache is handed to MkDocs as a finished HTML file (copied, not rendered); any other page is
rendered by MkDocs from a Markdown file, and its HTML is kept for the next build.
"""

from __future__ import annotations

import html
import importlib.util
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

import markdown
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

import noticeboard
from noticeboard import urls
from noticeboard.audience import AudienceError
from noticeboard.i18n import LanguageError, _, environment_language
from noticeboard.load.board import Board, load_board
from noticeboard.load.read_cache import CACHE_DIR_VARIABLE, cache_folder
from noticeboard.problems import Severity, format_problems
from noticeboard.publish.body import html_text
from noticeboard.publish.compliance import ledger_csv
from noticeboard.publish.feeds import build_feeds
from noticeboard.publish.guide_labels import with_state_labels
from noticeboard.publish.page_cache import (
    Entry,
    PageCache,
    cacheable,
    fingerprint,
    put_today,
    spec_key,
    with_built_tokens,
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
from noticeboard.publish.print_layout import moved_body, needs_landscape
from noticeboard.publish.qr_worker import QrCodes
from noticeboard.publish.qrcode import qr_svg
from noticeboard.publish.sanitize import clean_body
from noticeboard.publish.script_data import ScriptData, script_data
from noticeboard.publish.search_index import BUNDLE_DIR, SearchIndexError, write_search_index
from noticeboard.publish.search_records import filter_values, filters_document, search_records
from noticeboard.publish.site_keep import drop_aside, keep_unchanged, put_back, set_aside
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
    rendered: dict[str, Entry] = field(default_factory=dict)  # src_uri -> render to keep
    texts: dict[str, str] = field(default_factory=dict)  # notice id -> body text (feeds, search)
    doc_urls: list[str] = field(default_factory=list)  # the hand-written pages' URLs (sitemap)
    bodies: dict[str, str] = field(default_factory=dict)  # notice id -> cleaned body HTML
    wide: set[str] = field(default_factory=set)  # notice ids whose tables need landscape
    extra_files: dict[str, bytes] = field(default_factory=dict)  # ledger.csv, chart SVGs
    # the rendered notices' QR codes, drawn ahead from on_files (at most one; a list, so that
    # a frozen state can hold it for part of the build)
    qr_codes: list[QrCodes] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # site/ folders kept from MkDocs' clean
    site_dir: list[Path] = field(default_factory=list)  # where they were set aside
    bundle_kept: list[bool] = field(default_factory=list)  # [True]: preview kept pagefind/
    in_place: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # see _in_place
    notice_pages: dict[str, str] = field(default_factory=dict)  # notice id -> its page's src_uri


_builds: list[BuildState] = []  # the current build's state (MkDocs gives events no place for it)


def _state() -> BuildState:
    if not _builds:
        raise PluginError("noticeboard: on_config did not run before this event")
    return _builds[-1]


def _close_qr_codes() -> None:
    """Stop the QR child of the current build, if it still runs (never left behind)."""
    if _builds:
        for codes in _builds[-1].qr_codes:
            codes.close()
        _builds[-1].qr_codes.clear()


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _close_qr_codes()
    try:
        environment_language()  # messages follow NOTICEBOARD_LANG; a bad value stops here
    except LanguageError as exc:
        raise PluginError(str(exc)) from None
    try:
        result = load_board(_root(config), cached=True)
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
    site = build_site(board, config.site_url, config.repo_url, with_qr=False)
    # Pages are rendered with stand-ins for today's date (page_cache), put in when written.
    # QR codes are drawn only for pages really rendered (on_page_context): the key holds the URL.
    specs = [_tokenised(spec) for spec in site.pages]
    # Beside the pages: the ledger as CSV and the statistics charts, from the same Board.
    extra = {
        urls.LEDGER_CSV_URL: ledger_csv(board.registry, site.cells, config.site_url),
        **{chart.path: chart.data for chart in site.charts},
    }
    script = script_data(board.registry, board.today)
    shared = _fingerprint(config, board, repr(script))
    _builds[:] = [
        BuildState(
            board,
            {spec.src_uri: spec for spec in specs},
            script,
            keys={spec.src_uri: _page_key(shared, spec) for spec in specs},
            cache=PageCache(_cache_folder(board) / PAGES_CACHE),
            warnings=_count_warnings(),
            extra_files=extra,
        )
    ]
    return config


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


def _tokenised(spec: PageSpec) -> PageSpec:
    return replace(spec, view=with_built_tokens(spec.view))


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
    # Today enters through the views (state) and the date tokens; where the cache is, nowhere.
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
    own = [Path(d) for d in config.theme.dirs if not _installed_theme(Path(d))]
    return fingerprint(
        Path(noticeboard.__file__).resolve().parent,
        [*own, Path(config.docs_dir)],
        [Path(config.config_file_path), *registry_files],
        settings,
    )


# The build cache's parts: rendered pages (page_cache) and each year's search bundle
# (search_bundles).
PAGES_CACHE = "pages"
SEARCH_CACHE = "search"


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


def _page_key(shared: str, spec: PageSpec) -> str | None:
    """The page's cache key; None for a page that must be rendered every time."""
    if spec.in_nav or isinstance(spec.view, BoardPrint) or not cacheable(spec.body):
        # nav pages are few; relative links are checked on every render; a printable board
        # holds its notices' bodies, which its view does not show
        return None
    return spec_key(shared, spec)  # the code (this module's _markdown too) is in `shared`


def _markdown(spec: PageSpec) -> str:
    # Material prints the page title unescaped (<title>, header, nav), so it is given as HTML.
    meta: dict[str, Any] = {
        "title": html.escape(spec.title),
        "template": spec.template,
        "hide": ["toc"],
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n\n{spec.body}"


def _page_folders() -> set[str]:
    """The top folders of site/ that hold pages the page cache can supply."""
    paths = (_html_path(src) for src, key in _state().keys.items() if key)
    return {path.split("/")[0] for path in paths if "/" in path}


# `mkdocs serve`: [True] once on_startup says so; [True] in _search_written once a build of this
# process wrote the search index (the preview keeps it, see on_post_build).
_serving: list[bool] = []
_search_written: list[bool] = []


def on_startup(command: str, dirty: bool) -> None:
    _serving[:] = [command == "serve"]
    _search_written.clear()


def _preview() -> bool:
    return bool(_serving and _serving[0])


# The preview only: page path -> (key, today, body text) of each cacheable page the last
# successful build of this process left in site/ (MkDocs' own temporary folder, which only
# these builds write). Emptied when a build starts, filled when one succeeds.
_in_place: dict[str, tuple[str, str, str]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    """Runs before MkDocs empties site/: the page folders are set aside (site_keep), and in the
    preview the search index of an earlier rebuild too."""
    folders = _page_folders()
    if _preview() and _search_written:
        folders.add(BUNDLE_DIR)
    _state().site_dir[:] = [Path(config.site_dir)]
    _state().set_aside[:] = set_aside(Path(config.site_dir), folders)
    _state().in_place.update(_in_place if _preview() else {})
    _in_place.clear()


def on_build_error(error: Exception) -> None:
    """A build that failed before on_files leaves no hidden folder in site/ to be published,
    and no QR child running."""
    _close_qr_codes()
    if _builds:
        for site in _builds[-1].site_dir:
            drop_aside(site)


def _known_in_place() -> dict[str, str]:
    """src_uri -> body text of the pages the last build of this preview left in site/ with
    the same key and today: nothing to read or compare for those."""
    today = _state().board.today.isoformat()
    known = {}
    for src_uri, key in _state().keys.items():
        last = _state().in_place.get(_html_path(src_uri))
        if key and last is not None and last[:2] == (key, today):
            known[src_uri] = last[2]
    return known


def _cached_pages(skip: Iterable[str] = ()) -> dict[str, str]:
    """src_uri -> the finished page (today's date in) of every page the cache holds (but
    those in `skip`)."""
    board = _state().board
    skipped = set(skip)
    found = {}
    for src_uri, spec in _state().specs.items():
        key = _state().keys[src_uri]
        entry = _state().cache.get(key) if key and src_uri not in skipped else None
        if entry is not None:
            found[src_uri] = put_today(entry.html, board.today)
            if spec.notice_id is not None:
                _state().texts[spec.notice_id] = entry.text
    return found


def on_files(files: Files, config: MkDocsConfig) -> Files:
    board = _state().board
    specs = _state().specs
    site = Path(config.site_dir)
    back = put_back(site, _state().set_aside)
    _state().bundle_kept[:] = [BUNDLE_DIR in back]
    known = _known_in_place()
    cached = _cached_pages(skip=known)
    # What is already in site/ and identical stays; everything else there goes (site_keep).
    pages = {_html_path(src): page for src, page in cached.items()}
    folders = [folder for folder in back if folder != BUNDLE_DIR]
    kept = keep_unchanged(site, folders, pages, trusted={_html_path(src) for src in known})
    missing = [src for src in known if _html_path(src) not in kept]
    cached.update(_cached_pages(skip=set(specs) - set(missing)))
    for src_uri, text in known.items():
        notice_id = specs[src_uri].notice_id
        if src_uri not in missing and notice_id is not None:
            _state().texts[notice_id] = text
    docs_dir = Path(config.docs_dir).resolve().relative_to(board.root.resolve()).as_posix()
    _state().doc_urls[:] = [
        f.url
        for f in files.documentation_pages()
        if f.src_uri not in specs
        and f.inclusion in (InclusionLevel.INCLUDED, InclusionLevel.NOT_IN_NAV)
    ]
    drawn: list[str] = []  # the QR codes the rendered pages need, in the order they render
    for src_uri, spec in specs.items():
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
        if path in kept or src_uri in cached:
            # Unchanged since it was cached: copied as a finished file, never rendered; when
            # site/ already holds it, MkDocs copies it onto itself, which it skips.
            if path in kept:
                page = File.generated(
                    config, path, abs_src_path=str(site / path), inclusion=inclusion
                )
            else:
                page = File.generated(config, path, content=cached[src_uri], inclusion=inclusion)
            files.append(page)
            continue
        if url := qr_url(spec.view):
            drawn.append(url)
        file = File.generated(config, src_uri, content=_markdown(spec), inclusion=inclusion)
        if spec.notice_id is not None:
            # "view source" leads to the notice's own Markdown file (when repo_url is set)
            file.edit_uri = urls.source_edit_path(spec.notice_id, docs_dir)
        files.append(file)
    _close_qr_codes()
    _state().qr_codes.append(QrCodes(drawn))
    for path in attachments_to_publish(board.placed()):
        files.append(
            File.generated(
                config,
                urls.attachment_url(path),
                abs_src_path=str(board.root / urls.attachment_source(path)),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages (公开指南) get generated parts: the state-label table."""
    if page.file.src_uri in _state().specs:
        return markdown
    return with_state_labels(markdown)


def _html_path(src_uri: str) -> str:
    """Where MkDocs writes the page of `src_uri` (use_directory_urls): a/b.md -> a/b/index.html."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def _keep_body(notice_id: str, cleaned: str) -> None:
    """MkDocs renders every page's content before any template, so the printable boards find
    each rendered notice's cleaned body here (and which need a landscape sheet)."""
    _state().bodies[notice_id] = cleaned
    if needs_landscape(cleaned):
        _state().wide.add(notice_id)


def _notice_body(notice_id: str, config: MkDocsConfig) -> str:
    """A notice's cleaned body for a printable board: as rendered this build or, for a page
    copied from the page cache (not rendered), as stored with that page when it was rendered
    (the key covers the body, the extensions and the code), else converted here with the
    site's extensions."""
    if notice_id not in _state().bodies:
        key = _notice_key(notice_id)
        stored = _state().cache.body(key) if key else None
        if stored is None:
            converter = markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
            stored = clean_body(converter.convert(_state().board.placed()[notice_id].notice.body))
        _keep_body(notice_id, stored)
    return _state().bodies[notice_id]


def _notice_key(notice_id: str) -> str | None:
    """The page-cache key of a notice's own page."""
    state = _state()
    if not state.notice_pages:
        state.notice_pages.update(
            (spec.notice_id, src_uri)
            for src_uri, spec in state.specs.items()
            if spec.notice_id is not None and spec.template == NOTICE_TEMPLATE
        )
    src_uri = state.notice_pages.get(notice_id)
    return state.keys.get(src_uri) if src_uri else None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notice bodies come from many hands: only the allow-list reaches the page. The cleaned
    body's text is what feeds and search use, so each body is converted once per build."""
    spec = _state().specs.get(page.file.src_uri)
    if spec is not None and spec.template == NOTICE_TEMPLATE:
        cleaned = clean_body(html)
        if spec.notice_id is not None:
            _state().texts[spec.notice_id] = html_text(cleaned)
            _keep_body(spec.notice_id, cleaned)
        return cleaned
    return html


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
    if _state().keys.get(src_uri):
        text = _state().texts.get(spec.notice_id, "") if spec.notice_id else ""
        body = _state().bodies.get(spec.notice_id, "") if spec.notice_id else ""
        _state().rendered[src_uri] = Entry(output, text, body)
    return put_today(output, _state().board.today)


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


def on_post_build(config: MkDocsConfig) -> None:
    """Files beside the pages, from the same Board: the Atom feeds and the Pagefind index."""
    _close_qr_codes()  # every page is rendered by now
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
    if _state().bundle_kept[:1] == [True]:
        # The preview re-indexes nothing: search keeps the index of the session's first build.
        log.info(_("preview: the search index is the one of the first build; not re-indexed"))
    else:
        try:
            write_search_index(
                search_records(placed, board.registry, texts),
                site_dir,
                filters_document(filter_values(placed, board.registry)),
                cache_dir=_cache_folder(board) / SEARCH_CACHE,
            )
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        _search_written[:] = [True]
    _keep_rendered_pages()


def _keep_rendered_pages() -> None:
    """Store this build's renders, unless something warned (then nothing is kept, so the
    warning comes back next build), and drop what no page of this build uses."""
    state = _state()
    logging.getLogger("mkdocs").removeHandler(state.warnings)
    if state.warnings.get_counts():
        return
    for src_uri, entry in state.rendered.items():
        key = state.keys[src_uri]
        if key:
            state.cache.put(key, entry)
    if not _preview():  # the preview's pages (its own site_url) leave the build's entries be
        state.cache.keep_only(key for key in state.keys.values() if key)
    else:
        _remember_in_place(state)


def _remember_in_place(state: BuildState) -> None:
    """What this preview build left in site/: every page of the cache and every render."""
    today = state.board.today.isoformat()
    for src_uri, key in state.keys.items():
        if not key:
            continue
        spec = state.specs[src_uri]
        text = state.texts.get(spec.notice_id, "") if spec.notice_id else ""
        _in_place[_html_path(src_uri)] = (key, today, text)


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    server.watch(str(_root(config) / urls.NOTICES_DIR))
    return server
