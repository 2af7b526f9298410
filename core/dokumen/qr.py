"""QR codes as inline PNG data URIs, for documents and pages (no file, no network)."""

from __future__ import annotations

import base64
import io

import segno
import zxingcpp
from PIL import Image


def qr_data_uri(text: str, scale: int = 4) -> str:
    """The PNG is drawn with several pixels per module so that the PDF scales a sharp image, not a blurred one;
    the size on paper is the layout's (a letter prints it 3.8 cm wide, quiet zone included). Four pixels per module
    (~180 dpi on paper) stay sharp; eight cost every letter 13 ms more in the PDF's image handling (measured).

    Encoded by zxing-cpp (C++, ~1 ms with the best mask chosen) rather than segno (pure Python: ~25 ms per code
    with PNG writing, measured): every letter waits for this. PNG written by Pillow at the fastest compression,
    since the PDF compresses the pixels again anyway."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    pixels = memoryview(code.to_image(scale=scale, add_quiet_zones=True))  # zxing's quiet zone: 4 modules
    height, width = pixels.shape
    out = io.BytesIO()
    Image.frombytes("L", (width, height), pixels.tobytes()).save(out, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def qr_svg(text: str, scale: int = 4) -> str:
    """An inline SVG for web pages (it is our own markup, not an upload)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()
