"""The semester report in the office: /admin/keuangan/{tahun}/laporan shows the Laporan Realisasi Pelaksanaan
APB Desa of the chosen semester on screen and downloads it as PDF (signed by the Wali Nagari) or XLSX.

Made during the request, not by the background job: for the sample APB Desa of 2,000 lines (contoh.py; ~2,400 rows
with the groups) the PDF takes 0.75 s of CPU and the XLSX 0.02 s on the 2-core development machine. The PDF is laid
out in a thread so the event loop keeps answering meanwhile.
"""

from __future__ import annotations

import asyncio
from datetime import date

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Response, Template

from plugin_sdk import dokumen, log_change, nagari_profile, page, requires, today
from plugin_sdk.dokumen import tanggal_panjang

from plugins.keuangan import laporan
from plugins.keuangan.jumlah import angka, persen
from plugins.keuangan.laporan_pdf import lebih_kurang, pdf
from plugins.keuangan.plugin import LIHAT

BASE = "/admin/keuangan"
TAHUN_MIN, TAHUN_MAX = 2000, 2100
LAYAR_MAX = 400  # rows shown on screen at once; a longer report shows down to the activities unless asked
TINGKAT_RINGKAS = 3  # 5 > bidang > sub-bidang > kegiatan; pendapatan and pembiayaan keep their lines


def _cek_tahun(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise NotFoundException(f"Tahun anggaran {tahun} tidak dikenal.")


def semester_bawaan(tahun: int, hari_ini: date) -> int:
    """The semester a clerk most likely wants: the first until it ends, then the whole year."""
    return 1 if (hari_ini.year, hari_ini.month) <= (tahun, 6) else 2


def _kepala_desa(penanda: list[dict]) -> int | None:
    """The official who signs as the head (cara "kepala"), else the first who may sign."""
    kepala = [p for p in penanda if p.get("cara_tanda_tangan") == "kepala"]
    return (kepala or penanda or [{"id": None}])[0]["id"]


async def _tahun_lain(tahun: int) -> list[int]:
    from plugins.keuangan.api import tahun_tersedia

    return [t for t in await tahun_tersedia() if t != tahun]


def _galat(pesan: str, status: int = 400) -> Response:
    return Response(pesan, status_code=status, media_type="text/plain; charset=utf-8")


@get(f"{BASE}/{{tahun:int}}/laporan", opt=requires(LIHAT, sample=f"{BASE}/{date.today().year}/laporan"),
     include_in_schema=False)
async def halaman_laporan(request: Request, tahun: FromPath[int], semester: FromQuery[str | None] = None,
                          rinci: FromQuery[str | None] = None) -> Template:
    _cek_tahun(tahun)
    hari_ini = today(request)
    try:
        pilih = laporan.baca_semester(semester) if semester else semester_bawaan(tahun, hari_ini)
    except laporan.LaporanError as exc:
        pilih, galat = semester_bawaan(tahun, hari_ini), str(exc)
    else:
        galat = ""
    lap = await laporan.susun(tahun, pilih)
    penanda = await dokumen.signatories()
    semua = lap.baris if lap else []
    ringkas = len(semua) > LAYAR_MAX and rinci != "1"
    tampil = [b for b in semua if b.get("tingkat", 0) <= TINGKAT_RINGKAS] if ringkas else semua
    konteks = {"tahun": tahun, "semester": pilih, "nama_semester": laporan.SEMESTER, "lap": lap, "galat": galat,
               "penanda": penanda, "ttd_bawaan": _kepala_desa(penanda), "tahun_lain": await _tahun_lain(tahun),
               "belum_selesai": hari_ini < laporan.per_tanggal(tahun, pilih), "ringkas": ringkas,
               "jumlah_baris": len(semua),
               "baris": [{**b, "kode": laporan.kode_tampil(b["kode"]), "anggaran_t": angka(b["anggaran"]), "realisasi_t": angka(b["realisasi"]),
                          "sisa_t": lebih_kurang(b["sisa"]), "persen_t": persen(b["realisasi"], b["anggaran"])}
                         for b in tampil]}
    status = 404 if lap is None else 400 if galat else 200
    return await page(request, "keuangan/admin/laporan.html", konteks, status)


async def _penanda_tangan(teks: str | None, profil: dict):
    """The chosen official's signature block; None (an empty name line) when nobody is chosen."""
    teks = (teks or "").strip()
    if not teks:
        return None
    if not teks.isdigit() or len(teks) > 9:
        raise laporan.LaporanError("Pilih penanda tangan dari daftar pejabat.")
    try:
        return await dokumen.block_for(int(teks), profil)
    except ValueError as exc:
        raise laporan.LaporanError(f"Penanda tangan tidak sah: {exc}") from None


@get(f"{BASE}/{{tahun:int}}/laporan/unduh", include_in_schema=False,
     opt=requires(LIHAT, not_a_page="berkas unduhan (laporan realisasi APB Desa)"))
async def unduh(request: Request, tahun: FromPath[int], semester: FromQuery[str | None] = None,
                format: FromQuery[str | None] = None, ttd: FromQuery[str | None] = None) -> Response:
    _cek_tahun(tahun)
    profil = nagari_profile(request)
    try:
        pilih, fmt = laporan.baca_semester(semester), laporan.baca_format(format)
        blok = await _penanda_tangan(ttd, profil) if fmt == "pdf" else None
    except laporan.LaporanError as exc:
        return _galat(str(exc))
    lap = await laporan.susun(tahun, pilih)
    if lap is None:
        return _galat(f"Belum ada APB Desa tahun {tahun} yang berlaku.", 404)
    hari_ini = today(request)
    if fmt == "pdf":
        tempat = f"{profil.get('nama', '')}, {tanggal_panjang(hari_ini)}".strip(", ")
        isi = await asyncio.to_thread(pdf, lap, kop=dokumen.letterhead(request), profil=profil,
                                      tempat_tanggal=tempat, blok=blok)
    else:
        isi = laporan.xlsx(lap, profil, hari_ini)
    await log_change(request, "unduh", "keuangan.laporan", tahun,
                     {"semester": pilih, "format": fmt, "apbdes": lap.ringkasan.apbdes.get("id")})
    nama = laporan.nama_berkas(lap, fmt)
    return Response(isi, media_type=laporan.FORMAT[fmt],
                    headers={"Cache-Control": "no-store", "Content-Disposition": f'attachment; filename="{nama}"'})


ROUTES = [halaman_laporan, unduh]
