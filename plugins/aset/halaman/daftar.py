"""The list of assets (`/admin/aset`): 50 a page, filtered by class, status, jorong and a search, under the totals
per class and per origin from the one computation (rekap.py)."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from plugin_sdk import Page, page, parse_id, requires

from plugins.aset.halaman.umum import BASE, boleh_kelola, daftar_jorong, rp
from plugins.aset.plugin import LIHAT

PER_HALAMAN = 50


def _saringan(golongan: str, status: str, jorong_teks: str, cari: str, tempat: dict[int, str], dusun: str):
    """The filters as understood, and a message for any that is not (that one is ignored, the page says so);
    `dusun`: what the nagari calls a jorong."""
    from plugins.aset import kib

    salah = []
    golongan, status, jorong_teks = golongan.strip().upper(), status.strip(), jorong_teks.strip()
    if golongan and golongan not in kib.GOLONGAN:
        salah.append(f"Golongan “{golongan[:5]}” tidak dikenal.")
        golongan = ""
    if status and status not in kib.STATUS:
        salah.append("Status yang dipilih tidak dikenal.")
        status = ""
    jorong_id = parse_id(jorong_teks) if jorong_teks else None
    if jorong_teks and jorong_id not in tempat:
        salah.append(f"{dusun} yang dipilih tidak ada.")
        jorong_id = None
    cari = " ".join(cari.replace("\x00", "").split())[:100]
    return {"golongan": golongan, "status": status, "jorong": jorong_id, "cari": cari}, salah


@get(BASE, opt=requires(LIHAT), include_in_schema=False)
async def daftar(request: Request, golongan: FromQuery[str] = "", status: FromQuery[str] = "",
                 jorong: FromQuery[str] = "", cari: FromQuery[str] = "", hal: Page = 1) -> Template:
    from plugins.aset import kib, layanan, rekap

    tempat = dict(await daftar_jorong())
    saring, salah = _saringan(golongan, status, jorong, cari, tempat, layanan.sebutan(request)["dusun"])
    hal = max(1, hal)
    args = {"golongan": saring["golongan"] or None, "status": saring["status"] or None, "jorong": saring["jorong"],
            "cari": saring["cari"]}
    rows, banyak = await layanan.daftar(**args, mulai=(hal - 1) * PER_HALAMAN, batas=PER_HALAMAN)
    jumlah_halaman = (banyak + PER_HALAMAN - 1) // PER_HALAMAN
    if hal > max(jumlah_halaman, 1):  # past the end (the list shrank): the last page
        hal = max(jumlah_halaman, 1)
        rows, banyak = await layanan.daftar(**args, mulai=(hal - 1) * PER_HALAMAN, batas=PER_HALAMAN)
    params = {k: v for k, v in (("golongan", saring["golongan"]), ("status", saring["status"]),
                                ("jorong", saring["jorong"] or ""), ("cari", saring["cari"])) if v}
    return await page(request, "aset/admin/daftar.html", {
        "rows": rows, "banyak": banyak, "hal": hal, "jumlah_halaman": jumlah_halaman, "saring": saring,
        "salah": salah, "params": params, "rekap": await rekap.rekap(), "tempat": tempat, "kib": kib, "rp": rp,
        "kelola": await boleh_kelola(request)}, 400 if salah else 200)


ROUTES: list = [daftar]
