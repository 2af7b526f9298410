"""The letterhead (kop surat) from the nagari profile and its logo, as plain data for a layout."""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

from core.files import image_kind, stored_path

MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


@lru_cache(maxsize=4)
def _data_uri(path: str, mtime: float) -> str:
    content = Path(path).read_bytes()
    kind = image_kind(content)
    if kind not in ("png", "jpg"):  # xhtml2pdf draws PNG and JPEG; a WebP logo is left out of the PDF
        return ""
    return f"data:{MIME[kind]};base64,{base64.b64encode(content).decode()}"


def logo_uri(data_dir: Path, profile: dict) -> str:
    """The logo inline (data: URI), so the renderer never needs to read the file store."""
    path = stored_path(data_dir, "logo", profile.get("logo", ""))
    return _data_uri(str(path), path.stat().st_mtime) if path else ""


def kop(profile: dict, data_dir: Path) -> dict:
    """{"baris": (...), "alamat": "...", "logo": data-URI}: the lines centred beside the logo."""
    desa = profile.get("sebutan_desa") or "Desa"
    baris = []
    kabupaten = profile.get("kabupaten", "").upper()
    if kabupaten:  # stored without "Kabupaten" ("Lima Puluh Kota"); a city is stored as "Kota Payakumbuh"
        if not kabupaten.startswith(("KABUPATEN ", "KOTA ")):
            kabupaten = f"KABUPATEN {kabupaten}"
        baris.append(f"PEMERINTAH {kabupaten}")
    if profile.get("kecamatan"):
        baris.append(f"KECAMATAN {profile['kecamatan'].upper()}")
    baris.append(f"{desa.upper()} {profile.get('nama', '').upper()}".strip())
    alamat = ", ".join(p for p in (profile.get("alamat", ""), profile.get("kode_pos", "")) if p)
    kontak = " · ".join(p for p in (f"Telp. {profile['telepon']}" if profile.get("telepon") else "",
                                    profile.get("email", ""), profile.get("situs", "")) if p)
    return {"baris": tuple(baris), "alamat": " · ".join(p for p in (alamat, kontak) if p),
            "logo": logo_uri(data_dir, profile)}
