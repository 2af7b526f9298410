"""Reading a book's filters from the query string: period, jorong, search text, masking. Bad input raises
BukuError with a message for the clerk; the pages answer it with 400."""

from __future__ import annotations

from datetime import date

from plugin_sdk import register

from plugins.buku_administrasi.buku import Buku, BukuError, Saringan, parse_period

CARI_MAX = 80


async def jorong_choices() -> list[dict]:
    """The jorong the current user may see, by name: [{"id", "nama"}, ...]."""
    scope = register.current_scope()
    rows = [w for w in await register.wilayah_rows() if w["tingkat"] == 1
            and (scope is None or w["id"] in scope["wilayah_ids"])]
    return sorted(({"id": w["id"], "nama": w["nama"]} for w in rows), key=lambda w: (w["nama"], w["id"]))


async def read_filters(buku: Buku, query: dict, today: date, sebutan_dusun: str = "Jorong") -> Saringan:
    """The `Saringan` of `query` ({"periode", "jorong", "cari", "samarkan"}) for `buku`; filters the book does not
    read are left out, so a link carried over from another book never fails."""
    tahun = bulan = jorong = None
    if "periode" in buku.saringan:
        tahun, bulan = parse_period(query.get("periode"), today)
        if buku.periode_wajib and tahun is not None and bulan is None:
            raise BukuError(f"{buku.kode} {buku.judul} dibuat per bulan: tulis tahun dan bulan, mis. "
                            f"{today:%Y-%m}.")
    text = (query.get("jorong") or "").strip()
    if "jorong" in buku.saringan and text:
        choices = {w["id"]: w["nama"] for w in await jorong_choices()}
        if not text.isdigit() or int(text) not in choices:
            raise BukuError(f"{sebutan_dusun} dengan nomor \u201c{text[:20]}\u201d tidak dikenal atau di luar "
                            "wilayah yang boleh Anda lihat.")
        jorong = int(text)
    cari = (query.get("cari") or "").strip() if "cari" in buku.saringan else ""
    if len(cari) > CARI_MAX:
        raise BukuError(f"Teks pencarian terlalu panjang (paling banyak {CARI_MAX} huruf).")
    return Saringan(tahun=tahun, bulan=bulan, jorong=jorong, cari=cari,
                    samarkan=(query.get("samarkan") or "") in ("1", "on", "ya"))
