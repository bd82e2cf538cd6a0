"""Notice bodies converted (Markdown, then the allow-list, then plain text) outside MkDocs'
page render: part of them by a second Python process, the rest here with one converter.

MkDocs converts each page with a new Markdown instance (0.26 ms to set up) on one core: at
10,000 notices, converting and cleaning the bodies was 20 s of a 52 s build from nothing. A
body whose links MkDocs need not check (`page_cache.cacheable`: no relative link or image;
its link processor leaves every other URL as it is) becomes the same HTML outside MkDocs, with
the site's extensions. So MkDocs is given an empty Markdown for those pages, and their bodies
are converted here with one converter kept for the build; from `MIN_BODIES` on, a child
process converts the later part of them meanwhile, on the machine's other core, in the order
the pages are rendered. A page whose body the child has not sent yet waits for it; if the
child fails, the body is converted here. Same function, same bytes: the output does not depend
on who converted it (a test compares builds with and without the child, and with MkDocs
converting every body).

A plain subprocess speaking pickles, as read_child.py, for the same reasons as qr_worker.py.
"""

from __future__ import annotations

import pickle
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import markdown

from noticeboard import collector
from noticeboard.child_process import Arrivals, send, start, stop, threshold
from noticeboard.publish.body import html_text
from noticeboard.publish.print_layout import needs_landscape
from noticeboard.publish.sanitize import clean_body

# From this many bodies a child converts part of them; NOTICEBOARD_BODY_CHILD_FROM moves the
# threshold (1: always, for the test that compares both ways).
MIN_BODIES_VARIABLE = "NOTICEBOARD_BODY_CHILD_FROM"
MIN_BODIES = 500
# The child's share, from the end of the rendering order. This process is the build's critical
# path (it renders every page); the child's core also runs the QR codes' child and Pagefind.
# Measured as the wall time from on_files to on_env (every page converted) in a cold build of
# 10,000 notices: since MkDocs' own render of a notice page is skipped (0.25 ms a page less
# here), 0.55 took 10.0-11.4 s against 0.7's 13.4-15.6 s, this process waiting for the child
# 2-3 s against 7; 0.45 took 10.6-10.8 s.
CHILD_SHARE = 0.55
# The child answers in batches (one pickle per batch, flushed).
BATCH = 25


def min_bodies() -> int:
    return threshold(MIN_BODIES_VARIABLE, MIN_BODIES)


@dataclass(frozen=True)
class Converted:
    """A notice body as its page shows it, and what the build needs of it."""

    html: str  # the cleaned HTML (the allow-list applied)
    text: str  # its plain text (feeds, search)
    wide: bool  # a table too wide for a portrait sheet (print_layout.needs_landscape)


Extensions = Sequence[Any]  # MkDocs' markdown_extensions: names, or Extension objects
Configs = Mapping[str, Any]  # MkDocs' mdx_configs


def cleaned(html: str) -> Converted:
    """A body's HTML as converted from its Markdown (here or by MkDocs), cleaned."""
    kept = clean_body(html)
    return Converted(kept, html_text(kept), needs_landscape(kept))


def converter(extensions: Extensions, configs: Configs) -> Callable[[str], Converted]:
    """One Markdown instance with the site's extensions, reset for each body."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs))
    return lambda body: cleaned(md.reset().convert(body))


_CHILD = (
    "import sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from noticeboard.publish.body_worker import serve\n"
    "serve(sys.stdin.buffer, sys.stdout.buffer)\n"
)


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side: the extensions and the bodies on stdin, batches of answers out."""
    extensions, configs, bodies = pickle.load(stdin)
    convert = converter(extensions, configs)
    with collector.paused():
        batch: list[tuple[str, Converted]] = []
        for notice_id, body in bodies:
            batch.append((notice_id, convert(body)))
            if len(batch) == BATCH:
                pickle.dump(batch, stdout, protocol=pickle.HIGHEST_PROTOCOL)
                stdout.flush()
                batch = []
        pickle.dump(batch, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


class Bodies:
    """The converted body of each notice in `bodies` (notice id -> Markdown, in the order the
    pages render): the later part by a child process when there are many, the rest here."""

    def __init__(
        self,
        bodies: Mapping[str, str],
        extensions: Extensions,
        configs: Configs,
        least: int | None = None,
    ) -> None:
        self._bodies = dict(bodies)
        self._extensions, self._configs = extensions, configs
        self._convert: Callable[[str], Converted] | None = None
        self._child_share: frozenset[str] = frozenset()
        self._arrivals: Arrivals[str, Converted] = Arrivals()
        self._child: subprocess.Popen[bytes] | None = None
        if len(self._bodies) >= max(min_bodies() if least is None else least, 1):
            self._start_child()
        if self._child is None:
            self._arrivals.end()

    @property
    def converted_by_child(self) -> int:
        return self._arrivals.count

    def _start_child(self) -> None:
        ordered = list(self._bodies.items())
        theirs = ordered[len(ordered) - int(len(ordered) * CHILD_SHARE) :]
        try:
            request = pickle.dumps((list(self._extensions), dict(self._configs), theirs))
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # an extension given as an object that does not pickle: all converted here
        self._child = start(_CHILD)
        if self._child is None:
            return
        self._child_share = frozenset(notice_id for notice_id, _body in theirs)
        send(self._child, request)
        threading.Thread(target=self._collect, daemon=True).start()

    def __contains__(self, notice_id: object) -> bool:
        return notice_id in self._bodies

    def _collect(self) -> None:
        assert self._child is not None and self._child.stdout is not None
        try:
            while True:
                batch = pickle.load(self._child.stdout)
                self._arrivals.add(
                    (notice_id, converted)
                    for notice_id, converted in batch
                    if notice_id in self._child_share and isinstance(converted, Converted)
                )
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            pass  # the end of the answers, or a child that failed
        finally:
            self._arrivals.end()

    def get(self, notice_id: str) -> Converted:
        """The converted body of `notice_id` (one of `bodies`): the child's, or made here."""
        if notice_id in self._child_share:
            done = self._arrivals.take(notice_id)
            if done is not None:
                return done
        if self._convert is None:
            self._convert = converter(self._extensions, self._configs)
        return self._convert(self._bodies[notice_id])

    def close(self) -> None:
        """Stop the child (a build that ends early must not leave it running)."""
        stop(self._child)
