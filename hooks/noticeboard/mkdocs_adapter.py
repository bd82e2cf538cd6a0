"""The only module that knows MkDocs: turns the Board into MkDocs files and pages."""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from noticeboard import urls
from noticeboard.audience import AudienceError
from noticeboard.i18n import LanguageError, _, environment_language
from noticeboard.load.board import Board, load_board
from noticeboard.problems import Severity, format_problems
from noticeboard.publish.compliance import ledger_csv
from noticeboard.publish.feeds import build_feeds
from noticeboard.publish.pages import (
    ACCOUNTABILITY_TEMPLATE,
    LISTING_TEMPLATE,
    NOTICE_TEMPLATE,
    PageSpec,
    attachments_to_publish,
    build_site,
    source_date_epoch,
)
from noticeboard.publish.sanitize import clean_body
from noticeboard.publish.script_data import ScriptData, script_data
from noticeboard.publish.search_index import SearchIndexError, write_search_index
from noticeboard.publish.search_records import search_records
from noticeboard.publish.theme_markup import valid_theme_markup
from noticeboard.today import TodayError

log = get_plugin_logger("noticeboard")


@dataclass(frozen=True)
class BuildState:
    """What one build keeps between MkDocs events: the board, its pages, the scripts' data."""

    board: Board
    specs: dict[str, PageSpec]  # by MkDocs source path
    script: ScriptData
    extra_files: dict[str, bytes] = field(default_factory=dict)  # ledger.csv, chart SVGs


_builds: list[BuildState] = []  # the current build's state (MkDocs gives events no place for it)


def _state() -> BuildState:
    if not _builds:
        raise PluginError("noticeboard: on_config did not run before this event")
    return _builds[-1]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        environment_language()  # messages follow NOTICEBOARD_LANG; a bad value stops here
    except LanguageError as exc:
        raise PluginError(str(exc)) from None
    try:
        result = load_board(_root(config))
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
        for name in (NOTICE_TEMPLATE, LISTING_TEMPLATE, ACCOUNTABILITY_TEMPLATE)
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
    site = build_site(board, config.site_url, config.repo_url)
    specs = {spec.src_uri: spec for spec in site.pages}
    # Beside the pages: the ledger as CSV and the statistics charts, from the same Board.
    extra = {
        urls.LEDGER_CSV_URL: ledger_csv(board.registry, site.cells, config.site_url),
        **{chart.path: chart.data for chart in site.charts},
    }
    _builds[:] = [BuildState(board, specs, script_data(board.registry, board.today), extra)]
    return config


def _markdown(spec: PageSpec) -> str:
    # Material prints the page title unescaped (<title>, header, nav), so it is given as HTML.
    meta = {"title": html.escape(spec.title), "template": spec.template, "hide": ["toc"]}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n\n{spec.body}"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    board = _state().board
    specs = _state().specs
    docs_dir = Path(config.docs_dir).resolve().relative_to(board.root.resolve()).as_posix()
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
        file = File.generated(config, src_uri, content=_markdown(spec), inclusion=inclusion)
        if spec.notice_id is not None:
            # "view source" leads to the notice's own Markdown file (when repo_url is set)
            file.edit_uri = urls.source_edit_path(spec.notice_id, docs_dir)
        files.append(file)
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


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notice bodies come from many hands: only the allow-list reaches the page."""
    spec = _state().specs.get(page.file.src_uri)
    if spec is not None and spec.template == NOTICE_TEMPLATE:
        return clean_body(html)
    return html


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    spec = _state().specs.get(page.file.src_uri)
    if spec is not None:
        context["nb"] = spec.view
    context["nb_site"] = _state().script
    return context


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Static templates (404.html) extend main.html too, which reads the scripts' data."""
    context["nb_site"] = _state().script
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return valid_theme_markup(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return valid_theme_markup(output) if template_name.endswith(".html") else output


def on_post_build(config: MkDocsConfig) -> None:
    """Files beside the pages, from the same Board: the Atom feeds and the Pagefind index."""
    board = _state().board
    placed = board.placed()
    site_dir = Path(config.site_dir)
    site_url = config.site_url or "http://127.0.0.1:8000/"
    feeds = build_feeds(placed, board.registry, site_url, board.today, config.site_name)
    for rel, data in {**feeds, **_state().extra_files}.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        write_search_index(search_records(placed, board.registry), site_dir)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    server.watch(str(_root(config) / urls.NOTICES_DIR))
    return server
