"""A QR code for the printed notice, pointing residents at the notice's permanent URL."""

from __future__ import annotations

import segno

# Any of the eight masks gives a valid code that phones read; segno's automatic choice scores
# all eight for each code, which was a third of a 1,000-notice build. One fixed mask keeps the
# code valid and costs a fifth as much.
MASK = 2


def qr_svg(url: str, label: str = "本公示网址的二维码") -> str:
    """An inline SVG (no XML declaration) that scales with its box; deterministic for a URL."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=4, border=2, omitsize=True, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
