"""One asset's page (`/admin/aset/{id}`): its data, photos and documents, its history (the registration, then
every mutation, a cancelled one marked) and, while the nagari still owns it, the mutation form. A refused mutation
is shown on this page with status 400, every message beside its field; nothing is saved.

A sale, a transfer or a write-off ends the asset, so the form first shows a second screen that says what will be
recorded and asks "Ya, catat ..." (its fields travel hidden); "Kembali" brings the form back as typed. A change of
condition is recorded at once."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from plugins.aset.halaman.umum import (BASE, Form, alamat_kegiatan, angka, aset_atau_404, boleh_kelola,
                                       daftar_jorong, rp, teks)
from plugins.aset.plugin import KELOLA, LIHAT
from plugins.aset.tables import AKTIF, BerkasAset

KOLOM_MUTASI = ("jenis", "tanggal", "kondisi_baru", "nilai", "pihak", "dokumen", "keterangan")


async def halaman(request: Request, aset: dict, isian: dict | None = None, galat: dict | None = None,
                  status_code: int = 200, galat_berkas: str = "") -> Template:
    """The asset page; `isian`/`galat`: a refused mutation form; `galat_berkas`: a refused upload."""
    from plugins.aset import kib, layanan, teks as tulis
    from plugins.aset.mutasi import pesan_berakhir

    riwayat = await layanan.riwayat(aset["id"])
    berkas = await BerkasAset.select().where(BerkasAset.aset == aset["id"]).order_by(BerkasAset.id).run()
    dimiliki = aset["status"] == AKTIF
    kegiatan = ""
    if aset.get("anggaran_kegiatan"):
        kegiatan = (await layanan.kegiatan_anggaran(request, aset["anggaran_tahun"])).get(aset["anggaran_kegiatan"], "")
    return await page(request, "aset/admin/rinci.html", {
        "aset": aset, "riwayat": riwayat, "kib": kib, "rp": rp, "tanggal": tulis.tanggal_panjang,
        "luas": tulis.luas, "angka": angka, "kegiatan": kegiatan,
        "alamat_kegiatan": await alamat_kegiatan(request, aset.get("anggaran_tahun"), aset.get("anggaran_kegiatan")),
        "jorong": dict(await daftar_jorong()).get(aset.get("jorong") or 0, ""),
        "foto": [b for b in berkas if b["jenis"] == "foto"], "dokumen": [b for b in berkas if b["jenis"] != "foto"],
        "dimiliki": dimiliki, "tertutup": "" if dimiliki else await pesan_berakhir(aset),
        "isian": isian or {"tanggal": today(request).isoformat()}, "galat": galat or {},
        "galat_berkas": galat_berkas,
        "kelola": await boleh_kelola(request), "hari_ini": today(request).isoformat()}, status_code)


@get(f"{BASE}/{{aset_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/1"), include_in_schema=False)
async def rinci(request: Request, aset_id: FromPath[Id]) -> Template:
    return await halaman(request, await aset_atau_404(aset_id))


async def _konfirmasi(request: Request, aset: dict, isian: dict, nilai: dict) -> Template:
    """The second screen before a mutation that ends the asset: what will be recorded, in words."""
    from plugins.aset import kib, teks as tulis
    from plugins.aset.mutasi import uraian_mutasi

    return await page(request, "aset/admin/konfirmasi_mutasi.html", {
        "aset": aset, "isian": isian, "jenis": kib.MUTASI[nilai["jenis"]],
        "status": kib.STATUS[kib.MUTASI_AKHIR[nilai["jenis"]]], "tanggal": tulis.tanggal_panjang(nilai["tanggal"]),
        "uraian": uraian_mutasi(nilai, tanggal=False)})


@post(f"{BASE}/{{aset_id:int}}/mutasi", opt=requires(KELOLA), include_in_schema=False)
async def mutasi(request: Request, aset_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.aset import kib, layanan

    aset = await aset_atau_404(aset_id)
    form = teks(data)
    isian = {k: form.get(k, "") for k in KOLOM_MUTASI}
    if form.get("kembali"):  # "Kembali, ubah isian" on the second screen: the form as typed, nothing recorded
        return await halaman(request, aset, isian)
    try:
        if isian["jenis"] in kib.MUTASI_AKHIR and form.get("yakin") != "1":
            return await _konfirmasi(request, aset, isian,
                                     await layanan.uji_mutasi(aset_id, isian, hari_ini=today(request)))
        await layanan.catat_mutasi(request, aset_id, isian, hari_ini=today(request))
    except layanan.AsetError as e:
        return await halaman(request, await aset_atau_404(aset_id), isian, e.galat, 400)
    flash(request, f"{kib.MUTASI.get(isian['jenis'], 'Mutasi')} “{aset['nama']}” tercatat.")
    return Redirect(f"{BASE}/{aset_id}")


ROUTES: list = [rinci, mutasi]
