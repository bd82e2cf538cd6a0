"""A QR code for the printed notice, pointing residents at the notice's permanent URL."""

from __future__ import annotations

import re
from html import escape

import zxingcpp

# Modules of light margin drawn around the code (the paper around the figure adds more).
BORDER = 2
_DARK_RUN = re.compile(rb"\x00+")


def qr_svg(url: str, label: str = "本公示网址的二维码") -> str:
    """An inline SVG (no XML declaration) that scales with its box; deterministic for a URL.

    zxing-cpp encodes (error correction level M, the mask chosen by the standard's penalty
    rules) in C++, about 0.2 ms; the dark modules are drawn here as one path, a horizontal
    stroke per run of them: 0.4 ms a code in all, where pure-Python segno took 1.5-1.9 ms."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module, 0 = dark
    size = image.shape[1]
    modules = memoryview(image).tobytes()  # type: ignore[arg-type]  # a buffer; not in its stubs
    lines = []
    for y in range(image.shape[0]):
        row = modules[y * size : (y + 1) * size]
        x = 0
        moves: list[str] = []
        for run in _DARK_RUN.finditer(row):
            step = (
                f"M{run.start() + BORDER} {y + BORDER}.5" if not moves else f"m{run.start() - x} 0"
            )
            moves.append(f"{step}h{run.end() - run.start()}")
            x = run.end()
        lines.append("".join(moves))
    side = size + 2 * BORDER
    return (
        f'<svg role="img" aria-label="{escape(label)}" viewBox="0 0 {side} {side}" '
        f'shape-rendering="crispEdges"><path fill="#fff" d="M0 0h{side}v{side}H0z"/>'
        f'<path stroke="#000" d="{"".join(lines)}"/></svg>'
    )
