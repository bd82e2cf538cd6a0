"""The only module that knows MkDocs: turns the Board into MkDocs files and pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from noticeboard.board import Board, load_board
from noticeboard.problems import Severity, format_problems
from noticeboard.search_index import SearchIndexError, write_search_index
from noticeboard.search_records import search_records

log = get_plugin_logger("noticeboard")

_state: dict[str, Board] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    result = load_board(_root(config))
    for problem in result.problems:
        if problem.severity is Severity.WARNING:
            log.warning(problem.text())
    if not result.ok or result.board is None:
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        raise PluginError(
            f"{len(errors)} error(s) in the notices; nothing was built:\n" + format_problems(errors)
        )
    _state["board"] = result.board
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    board = _state["board"]
    for nid, placed in board.placed().items():
        notice = placed.notice
        content = f"# {notice.title}\n\n{notice.body}"
        files.append(
            File.generated(
                config,
                f"notices/{nid}.md",
                content=content,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
        )
    return files


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_root(config) / "notices"))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    board = _state["board"]
    try:
        write_search_index(search_records(board.placed(), board.registry), Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
