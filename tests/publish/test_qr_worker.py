"""QR codes drawn ahead by a child process: the same bytes as drawn here, whatever happens to it."""

from __future__ import annotations

import sys

import pytest

from noticeboard.publish import qr_worker
from noticeboard.publish.qr_worker import QrCodes
from noticeboard.publish.qrcode import qr_svg

URLS = [f"https://example.org/board/notices/jinpu/2026/n{i}/" for i in range(5)]


def test_the_child_draws_each_code_as_it_would_be_drawn_here() -> None:
    codes = QrCodes(URLS, least=1)
    try:
        for url in reversed(URLS):  # in any order
            assert codes.get(url) == qr_svg(url)
        assert codes.drawn_by_child == len(URLS)  # really drawn by the child
        other = "https://example.org/board/notices/jinpu/2026/other/"
        assert codes.get(other) == qr_svg(other)  # not asked for ahead: drawn here
    finally:
        codes.close()
    assert codes._child is not None and codes._child.poll() is not None  # nothing left running


def test_few_codes_are_drawn_here_without_a_child() -> None:
    codes = QrCodes(URLS[:2])  # below MIN_CODES
    assert codes._child is None
    assert codes.get(URLS[0]) == qr_svg(URLS[0])


def test_a_child_that_fails_leaves_the_codes_to_this_process(monkeypatch) -> None:
    monkeypatch.setattr(qr_worker, "_CHILD", "import sys; sys.exit(3)")
    codes = QrCodes(URLS, least=1)
    assert [codes.get(url) for url in URLS] == [qr_svg(url) for url in URLS]
    assert codes.drawn_by_child == 0
    codes.close()


def test_a_child_that_cannot_start_leaves_the_codes_to_this_process(monkeypatch) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    codes = QrCodes(URLS, least=1)
    assert codes._child is None
    assert codes.get(URLS[1]) == qr_svg(URLS[1])


@pytest.mark.parametrize("url", ['https://example.org/board/notices/a/2026/引号"与<尖>/'])
def test_any_url_text_survives_the_trip(url: str) -> None:
    codes = QrCodes([url, *URLS], least=1)
    try:
        assert codes.get(url) == qr_svg(url)
    finally:
        codes.close()


def test_the_label_is_escaped_in_the_svg() -> None:
    svg = qr_svg(URLS[0], label='"><script>alert(1)</script>')
    assert "<script>" not in svg and 'aria-label="&quot;&gt;&lt;script&gt;' in svg
