"""The only module that knows MkDocs: turns the Board into MkDocs files and pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from noticeboard.board import Board, load_board
from noticeboard.feeds import build_feeds
from noticeboard.problems import Severity, format_problems

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


def on_post_build(config: MkDocsConfig) -> None:
    """Write the Atom feeds next to the pages (feeds are not MkDocs pages, so no File objects)."""
    board = _state["board"]
    site_url = config.site_url or "http://127.0.0.1:8000/"
    feeds = build_feeds(board.placed(), board.registry, site_url, board.today, config.site_name)
    site_dir = Path(config.site_dir)
    for rel, data in feeds.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(_root(config) / "notices"))
    return server
