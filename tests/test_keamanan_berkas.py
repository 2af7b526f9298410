"""Hostile files, walked: every file field of every form, staff and residents' side, gets the files an attacker sends.

The forms are found by reading the pages the app serves, so a plugin's new upload is covered without
touching this file. Each hostile file must be answered without a server error, the app must keep
answering, and nothing a browser could run may end up among the stored files. The import's own reader
has deeper tests (tests/test_impor_berkas_rusak.py: bombs, damaged workbooks, encodings).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from tests.keamanan_helpers import Forms, app_pages, walk
from tests.mandiri_helpers import Jar, first_login, issue_pin
from tests.surat_helpers import demo_nagari, living_resident

MARK = b"<script>berkas7q()</script>"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb() -> bytes:
    """A 60 KB PNG that claims 40,000 x 40,000 pixels (4.8 GB decoded)."""
    header = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0))
    rows = zlib.compress(b"\0" * (1 + 40000 * 3) * 64, 9)  # a few real rows; the rest never needs to exist
    return b"\x89PNG\r\n\x1a\n" + header + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")


def real_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 180, 90)).save(out, "PNG")
    return out.getvalue()


def hostile_files() -> dict[str, tuple[bytes, str]]:
    png = real_png()
    return {
        "bom.png": (pixel_bomb(), "image/png"),
        "ekor.png": (png + MARK, "image/png"),  # a picture with a page appended
        "halaman.png": (b"<!doctype html><html>" + MARK + b"</html>", "image/png"),
        "potong.png": (png[: len(png) // 2], "image/png"),
        "skrip.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'>" + MARK + b"</svg>", "image/svg+xml"),
        "potong.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "application/pdf"),
        "halaman.pdf": (b"%PDF-1.4\n" + MARK, "application/pdf"),
        "kosong.png": (b"", "image/png"),
        "zip.xlsx": (b"PK\x03\x04" + b"\0" * 26 + MARK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "utf16.csv": ("nik,nama\n1307050101900001,Ani\n".encode("utf-16-le"), "text/csv"),
    }


def file_forms(client, seeds) -> list[tuple[str, dict]]:
    found = []
    for url, html in walk(client, seeds).items():
        parser = Forms()
        parser.feed(html)
        found += [(urljoin(url, form["action"] or url), form) for form in parser.forms if form["files"]]
    return found


def send_each(client, forms) -> int:
    """Post every hostile file into every file field; returns how many were sent. Fails on a server error."""
    sent = 0
    for action, form in forms:
        fields = {k: v for k, v in form["fields"].items() if v is not None}
        fields["_csrf_token"] = client.cookies.get("balai_csrf")
        for field in form["files"]:
            for name, (content, kind) in hostile_files().items():
                answer = client.post(action, data=fields, files={field: (name, content, kind)}, follow_redirects=True)
                assert answer.status_code < 500, f"{action} {field} {name}: {answer.status_code} {answer.text[:200]}"
                sent += 1
        assert client.get("/health").status_code == 200
    return sent


def stored_with_mark(data_dir: Path) -> list[str]:
    """Stored files that still carry the script, outside the import's own folder (raw files for the dry run)."""
    return [str(p) for p in (data_dir / "berkas").rglob("*")
            if p.is_file() and "impor" not in p.parts and MARK in p.read_bytes()]


@pytest.mark.parametrize("side", ["kantor", "warga"])
def test_every_upload_refuses_or_defuses_hostile_files(balai, balai_app, admin_client, side):
    demo_nagari(balai, residents=10)
    if side == "warga":
        person = living_resident()
        pin = issue_pin(admin_client, person["id"])
        Jar(admin_client)
        first_login(admin_client, person["nik"], pin)
        seeds = [p for p in app_pages(balai_app) if p.startswith("/warga")] + ["/warga/surat/ajukan/usaha"]
    else:
        seeds = app_pages(balai_app)
    forms = file_forms(admin_client, seeds)
    assert forms, f"no upload form found on the {side} side: the walk proved nothing"
    assert send_each(admin_client, forms) >= len(hostile_files())
    assert not stored_with_mark(balai.settings.data_dir)
    if side == "kantor":  # the logo, if one was kept, is a picture and nothing else
        logo = admin_client.get("/berkas/logo")
        if logo.status_code == 200:
            assert MARK not in logo.content and logo.headers["content-type"].startswith("image/")
