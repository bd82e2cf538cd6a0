"""QR codes drawn by a second Python process while MkDocs renders pages in this one.

A code takes about 0.4 ms (zxing-cpp encodes it, Python draws its path), one per rendered
notice: 4 s of a cold build at 10,000 notices, on the core that renders. MkDocs renders on one
core; the codes are known as soon as the
build knows which pages it renders (on_files), so a child process draws them, in the order the
pages will be rendered, on the machine's other core. A page that needs its code before the child
has drawn it waits for it; if the child fails, the code is drawn here. Same function, same bytes:
the output does not depend on who drew it.

A plain subprocess speaking JSON lines, not multiprocessing: MkDocs imports this package from a
folder it puts on sys.path only while loading the hooks, which a spawned interpreter would not
see, and forking `mkdocs serve` (which runs threads) is unsafe.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterable

from noticeboard.child_process import Arrivals, start, stop, threshold
from noticeboard.publish.qrcode import qr_svg

# Below this many codes a child process costs more than it saves (a warm rebuild draws a few);
# NOTICEBOARD_QR_CHILD_FROM moves the threshold (1: always; a test compares both ways).
MIN_CODES_VARIABLE = "NOTICEBOARD_QR_CHILD_FROM"
MIN_CODES = 200


def min_codes() -> int:
    return threshold(MIN_CODES_VARIABLE, MIN_CODES)


_CHILD = (
    "import json, sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from noticeboard.publish.qrcode import qr_svg\n"
    "for line in sys.stdin:\n"
    "    url = json.loads(line)\n"
    "    sys.stdout.write(json.dumps([url, qr_svg(url)]) + '\\n')\n"
    "    sys.stdout.flush()\n"
)


class QrCodes:
    """The QR code of each URL, drawn ahead by a child process when there are many."""

    def __init__(self, urls: Iterable[str], least: int | None = None) -> None:
        wanted = list(dict.fromkeys(urls))
        self._wanted = frozenset(wanted)
        self._arrivals: Arrivals[str, str] = Arrivals()
        self._child: subprocess.Popen[str] | None = None
        if len(wanted) >= max(min_codes() if least is None else least, 1):
            self._child = start(_CHILD, text=True)
        if self._child is None:
            self._arrivals.end()
            return
        threading.Thread(target=self._feed, args=(wanted,), daemon=True).start()
        threading.Thread(target=self._collect, daemon=True).start()

    @property
    def drawn_by_child(self) -> int:
        return self._arrivals.count

    def _feed(self, wanted: list[str]) -> None:
        assert self._child is not None and self._child.stdin is not None
        try:
            for url in wanted:
                self._child.stdin.write(json.dumps(url) + "\n")
            self._child.stdin.close()
        except (OSError, ValueError):
            pass  # the child ended early: what it did not draw is drawn here

    def _collect(self) -> None:
        assert self._child is not None and self._child.stdout is not None
        try:
            for line in self._child.stdout:
                url, svg = json.loads(line)
                self._arrivals.add([(url, svg)])
        except (OSError, ValueError):
            pass
        finally:
            self._arrivals.end()

    def get(self, url: str) -> str:
        """The code of `url`: the child's when it drew it, else drawn here."""
        drawn = self._arrivals.take(url) if url in self._wanted else None
        return drawn if drawn is not None else qr_svg(url)

    def close(self) -> None:
        """Stop the child (a build that ends early must not leave it running)."""
        stop(self._child)
