"""Serve a built site on 127.0.0.1 from a thread, for the browser gates.

The site is mounted under the path of `site_url` (`/noticeboard/`), as it is deployed: MkDocs
writes that path into 404.html's asset links, so serving at `/` would break that page alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!!python/name:` or `!ENV` tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_path(mkdocs_yml: Path) -> str:
    """The URL path the site lives under, from `site_url` (`/` when it is not set)."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def _handler(site_dir: Path, prefix: str) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(site_dir), **kwargs)

        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(site_dir / "__outside_the_site__")  # answers 404
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output readable: no line per request."""

    return Handler


@contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Yield the site's base URL (`http://127.0.0.1:PORT/noticeboard/`) while serving it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site_dir, prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
