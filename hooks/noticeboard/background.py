"""Work run in a daemon thread while the caller goes on, its result handed over as a Future."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


def in_background(
    run: Callable[[], T], name: str, then: Callable[[], None] | None = None
) -> tuple[Future[T], threading.Thread]:
    """`run` in a daemon thread (a run that stops never waits on it to exit); its result, or
    what it raised, in the Future; `then` after either is handed over. The thread is returned
    for a caller that must wait for `then` too."""
    future: Future[T] = Future()

    def work() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(run())
        except BaseException as exc:  # handed to whoever waits for the result
            future.set_exception(exc)
        if then is not None:
            then()

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return future, thread
