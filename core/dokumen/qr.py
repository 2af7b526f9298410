"""QR codes as inline PNG data URIs, for documents and pages (no file, no network)."""

from __future__ import annotations

import base64
import io

import segno


QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks: a photocopy's edge or the text
# beside it must not touch the finder patterns


def qr_data_uri(text: str, scale: int = 8) -> str:
    """The PNG is drawn with several pixels per module so that the PDF scales a sharp image, not a blurred one;
    the size on paper is the layout's (a letter prints it 3.8 cm wide, quiet zone included)."""
    # A fixed mask: choosing the best of eight costs ~20 ms of pure Python per code (measured), and any mask
    # is valid for readers; a printed letter has none of the patterns the choice guards against.
    code = segno.make(text, error="m", mask=0)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=QUIET_ZONE)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def qr_svg(text: str, scale: int = 4) -> str:
    """An inline SVG for web pages (it is our own markup, not an upload)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()
