"""What the public page "Potensi Nagari" shows: the year ("Tahun yang diterbitkan") and a checkbox per indicator,
grouped by theme.

Everything stays inside until the office chooses it: a figure of the profile may be rough or sensitive (the number
of cattle of a small jorong), and a new year's profile is half-typed or freshly copied for weeks. The office
decides what it stands behind in public, and when a new year goes out."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from plugin_sdk import flash, page, requires

from plugins.potensi import layanan, terbit
from plugins.potensi.halaman.umum import BASE, TEMA, Form, boleh_kelola, hari_ini, sebutan
from plugins.potensi.indikator import semua_indikator
from plugins.potensi.plugin import KELOLA, LIHAT


async def _form(request: Request, pilih: set[str] | None = None, tahun: int | None = None,
                galat: dict | None = None, status_code: int = 200) -> Template:
    """The form: `pilih` and `tahun` as stored, or as posted when a refused choice comes back with `galat`."""
    indikator = await semua_indikator(request)
    tahun_terbit = await terbit.tahun_diterbitkan()
    sekarang = hari_ini(request).year
    # years with figures (never a future one), and the one published now even if its figures were emptied since
    pilihan = sorted({t for t in await layanan.tahun_tersedia() if t <= sekarang}
                     | ({tahun_terbit} if tahun_terbit else set()), reverse=True)
    if tahun is None:
        tahun = tahun_terbit if tahun_terbit is not None else (pilihan[0] if pilihan else None)
    berangka = {kode for kode, _ in await layanan.nilai_tahun(tahun)} if tahun is not None else set()
    kelompok = [{"kode": kode, "nama": nama, "indikator": [i for i in indikator if i.tema == kode]}
                for kode, nama in TEMA.items()]
    return await page(request, "potensi/admin/terbit.html", {
        "kelompok": [k for k in kelompok if k["indikator"]],
        "terbit": await terbit.diterbitkan() if pilih is None else pilih,
        "tahun": tahun, "tahun_terbit": tahun_terbit, "pilihan_tahun": pilihan, "berangka": berangka,
        "galat": galat or {}, "kelola": await boleh_kelola(request)}, status_code)


@get(f"{BASE}/terbit", opt=requires(LIHAT), include_in_schema=False)
async def terbit_form(request: Request) -> Template:
    return await _form(request)


def _tahun(teks: str | None) -> int | None:
    """The posted year; None when the form had no year to choose (no figures yet)."""
    teks = (teks or "").strip()
    if not teks:
        return None
    if not teks.isdigit() or len(teks) != 4:
        raise layanan.IsianError({"tahun": "Pilih tahun dari daftar."})
    return int(teks)


@post(f"{BASE}/terbit", opt=requires(KELOLA), include_in_schema=False)
async def terbit_simpan(request: Request, data: Form) -> Template | Redirect:
    dikenal = {i.kode for i in await semua_indikator(request)}
    pilih = {k[2:] for k, v in data.items() if k.startswith("t:") and v == "1" and k[2:] in dikenal}
    try:
        tahun = _tahun(data.get("tahun"))
        await terbit.atur_terbit(request, pilih, tahun)
    except layanan.IsianError as e:
        return await _form(request, pilih, None, e.galat, 400)
    situs = f"halaman Potensi {sebutan(request)['desa']}"
    tahun = await terbit.tahun_diterbitkan()
    if not pilih:
        flash(request, f"Tidak ada indikator yang diterbitkan; {situs} tidak menampilkan angka.")
    elif tahun is None:
        flash(request, f"{len(pilih)} indikator dipilih, tetapi belum ada tahun yang diterbitkan: {situs} belum "
                       "menampilkan angka. Isi profil dulu, lalu pilih tahunnya di sini.", "info")
    else:
        flash(request, f"Tersimpan: {situs} menampilkan angka tahun {tahun} dari {len(pilih)} indikator yang "
                       "dipilih.")
    return Redirect(f"{BASE}/terbit")


ROUTES = [terbit_form, terbit_simpan]
