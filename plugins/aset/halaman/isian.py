"""Registering an asset (`/admin/aset/baru`) and correcting one still owned (`/admin/aset/{id}/ubah`). A refused
form is shown again, status 400, with every message beside its field and the values as typed; nothing is saved.

A link to an APB Desa activity made while `keuangan` was enabled stays on the correction form when it is not (a
hidden field, its message shown beside it) with a box to release it, so a correction never gets stuck on it."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from plugins.aset.halaman.umum import (BASE, Form, angka, aset_atau_404, daftar_jorong, kegiatan_anggaran,
                                       rupiah, teks)
from plugins.aset.periksa import KOLOM_ISIAN as KOLOM
from plugins.aset.plugin import KELOLA

CENTANG = ("tanah_kas", "patok", "papan_nama")  # checkboxes: "1" or absent


def isian_dari(row: dict) -> dict[str, str]:
    """An asset row as the form shows it: amounts and numbers written as a clerk types them."""
    isian = {}
    for k in KOLOM:
        v = row.get(k)
        if k in CENTANG:
            isian[k] = "1" if v else ""
        elif k == "nilai":
            isian[k] = rupiah(v)
        elif k in ("lintang", "bujur", "luas"):
            isian[k] = angka(v)
        elif k == "jorong":
            isian[k] = str(v) if v else ""
        elif k == "anggaran":
            isian[k] = f"{row['anggaran_tahun']}|{row['anggaran_kegiatan']}" if row.get("anggaran_tahun") else ""
        elif isinstance(v, date):
            isian[k] = v.isoformat()
        else:
            isian[k] = "" if v is None else str(v)
    return isian


def _dari_form(data: dict) -> dict[str, str]:
    isian = teks(data)
    for k in CENTANG:
        isian[k] = "1" if isian.get(k) else ""
    if isian.get("lepas_anggaran"):  # "Lepaskan kaitan ke kegiatan APB Desa" ticked
        isian["anggaran"] = ""
    return {k: isian.get(k, "") for k in KOLOM}


async def _form(request: Request, isian: dict, galat: dict | None = None, aset: dict | None = None,
                status_code: int = 200) -> Template:
    from plugins.aset import kib

    kegiatan = await kegiatan_anggaran(request)
    pilihan = {f"{tahun}|{kode}" for tahun, daftar in kegiatan for kode, _ in daftar}
    if kegiatan and isian.get("anggaran") and isian["anggaran"] not in pilihan:
        # a link outside the years offered (an old asset) stays selectable, so saving a correction keeps it
        tahun, _, kode = isian["anggaran"].partition("|")
        kegiatan.append((tahun, [(kode, aset["anggaran_kegiatan"] if aset else kode)]))
    return await page(request, "aset/admin/isian.html", {
        "isian": isian, "galat": galat or {}, "aset": aset, "kib": kib, "jenis_barang": kib.jenis_barang(),
        "jorong": await daftar_jorong(), "kegiatan": kegiatan,
        "tahun_ini": today(request).year}, status_code)


@get(f"{BASE}/baru", opt=requires(KELOLA), include_in_schema=False)
async def baru(request: Request) -> Template:
    return await _form(request, {**dict.fromkeys(KOLOM, ""), "jumlah": "1", "satuan": "unit", "kondisi": "baik",
                                 "tahun_perolehan": str(today(request).year)})


@post(f"{BASE}/baru", opt=requires(KELOLA), include_in_schema=False)
async def daftarkan(request: Request, data: Form) -> Template | Redirect:
    from plugins.aset import layanan

    isian = _dari_form(data)
    try:
        aset_id = await layanan.daftarkan(request, isian, hari_ini=today(request))
    except layanan.AsetError as e:
        return await _form(request, isian, e.galat, status_code=400)
    flash(request, f"Aset “{isian['nama']}” terdaftar.")
    return Redirect(f"{BASE}/{aset_id}")


@get(f"{BASE}/{{aset_id:int}}/ubah", opt=requires(KELOLA, sample=f"{BASE}/1/ubah"), include_in_schema=False)
async def ubah(request: Request, aset_id: FromPath[Id]) -> Template | Redirect:
    from plugins.aset.tables import AKTIF

    aset = await aset_atau_404(aset_id)
    if aset["status"] != AKTIF:
        flash(request, "Aset ini tidak dimiliki lagi; datanya tidak bisa diubah.", "galat")
        return Redirect(f"{BASE}/{aset_id}")
    return await _form(request, isian_dari(aset), aset=aset)


@post(f"{BASE}/{{aset_id:int}}/ubah", opt=requires(KELOLA), include_in_schema=False)
async def simpan(request: Request, aset_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.aset import layanan

    aset = await aset_atau_404(aset_id)
    isian = _dari_form(data)
    isian["kondisi"] = aset["kondisi"]  # a condition changes by mutation only; the form shows it read-only
    try:
        berubah = await layanan.ubah(request, aset_id, isian, hari_ini=today(request))
    except layanan.AsetError as e:
        return await _form(request, isian, e.galat, aset, 400)
    pesan = "Perubahan data aset tersimpan." if berubah else "Tidak ada data yang berubah."
    if "nomor_register" in berubah:
        (kode_lama, kode), (nomor_lama, nomor) = berubah["kode_barang"], berubah["nomor_register"]
        pesan += (f" Dengan kode barunya, nomor register aset ini sekarang {kode} / {nomor}. Nomor lama "
                  f"{kode_lama} / {nomor_lama} tidak akan dipakai aset lain; ganti tanda nomor pada barangnya.")
    flash(request, pesan)
    return Redirect(f"{BASE}/{aset_id}")


ROUTES: list = [baru, daftarkan, ubah, simpan]
