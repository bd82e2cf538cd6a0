"""When Python's cyclic garbage collector runs during a build.

A build first loads the board and plans its pages: hundreds of thousands of objects that all
live until the build ends, so the collector's passes over them free nothing (at 10,000 notices,
1 s of a nightly rebuild and of each preview save). Rendering pages is different: each page
leaves short-lived reference cycles (MkDocs' and Jinja's objects), and a build that renders
thousands of pages needs them collected (without, a build from nothing peaks at 1.45 GB
instead of 0.9 GB). So:

- while a build plans, no automatic collection (`planning`);
- while it renders, automatic collection only when it renders many pages (`rendering`);
- when it ends, collection as before; the preview (a process that builds again at every save)
  first collects once, a moment after the build, while the writer looks at the page
  (`ended`).

The command line (`check`, `due` …) and the read child only load: no automatic collection
while they run (`paused`; 0.3 s of a cold `check` at 10,000 notices).

Only automatic collection is switched; a build that stops half-way turns it back on too.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# From this many pages rendered in one build, automatic collection runs while they render.
RENDERED_MANY = 500
# The preview's collection waits this long after a build (the page is being served by then).
COLLECT_AFTER_SECONDS = 0.2

_lock = threading.Lock()
_pending: list[threading.Timer] = []  # the preview's collection, not yet run


def planning() -> None:
    """A build starts: no automatic collection (a collection still pending is not needed: the
    build's own end collects)."""
    with _lock:
        for timer in _pending:
            timer.cancel()
        _pending.clear()
        gc.disable()


def rendering(pages: int) -> None:
    """The build has planned and is about to render `pages` pages."""
    if pages >= RENDERED_MANY:
        gc.enable()


def ended(*, again_soon: bool = False) -> None:
    """The build ended or stopped. `again_soon` (the preview): one full collection a moment
    from now, then automatic collection; otherwise automatic collection at once."""
    if not again_soon:
        gc.enable()
        return
    timer = threading.Timer(COLLECT_AFTER_SECONDS, _collect)
    timer.daemon = True
    with _lock:
        _pending.append(timer)
    timer.start()


def _collect() -> None:
    with _lock:  # a build that starts meanwhile waits for this collection, then turns it off
        if not any(timer is threading.current_thread() for timer in _pending):
            return  # cancelled: a new build started first
        _pending.clear()
        gc.collect()
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; as it was after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
