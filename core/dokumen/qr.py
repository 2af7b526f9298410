"""QR codes as inline PNG data URIs, for documents and pages (no file, no network)."""

from __future__ import annotations

import base64
import io

import segno


def qr_data_uri(text: str, scale: int = 3) -> str:
    # A fixed mask: choosing the best of eight costs ~20 ms of pure Python per code (measured), and any mask
    # is valid for readers; a printed letter has none of the patterns the choice guards against.
    code = segno.make(text, error="m", mask=0)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=1)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def qr_svg(text: str, scale: int = 4) -> str:
    """An inline SVG for web pages (it is our own markup, not an upload)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()
