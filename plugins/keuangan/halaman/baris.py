"""A version's budget lines and activities in the office: add, correct and delete a line, add or rename a kegiatan.

The checks (codes, amounts, a pos entered twice, a line with realisation) are layanan's; these pages keep what was
typed and put each message next to its field."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires

from plugins.keuangan import layanan
from plugins.keuangan.halaman.umum import (BASE, SUMBER_DANA, Form, apbdes_atau_404, baris_atau_404, galat_dari,
                                           kegiatan_versi, teks)
from plugins.keuangan.jumlah import rupiah
from plugins.keuangan.kode import JENIS, SUB_BIDANG
from plugins.keuangan.plugin import KELOLA
from plugins.keuangan.tables import DRAF, Realisasi

KELOLA_OPT = requires(KELOLA)
FIELDS = ("kegiatan", "kegiatan_nama", "akun", "uraian", "anggaran", "sumber_dana")


def _kembali(v: dict) -> str:
    return f"{BASE}/{v['tahun']}?versi={v['versi']}"


def _rupiah_isian(sen: int) -> str:
    """A stored amount as the form shows it again ("1.250.000" or "1.250.000,50")."""
    teks_rp = rupiah(sen, sen_tampil=sen % 100 != 0).removeprefix("Rp")
    return teks_rp


async def _form(request: Request, v: dict, isian: dict, baris_id: int | None = None, galat: dict | None = None,
                status_code: int = 200) -> Template:
    return await page(request, "keuangan/admin/baris.html", {
        "v": v, "isian": isian, "baris_id": baris_id, "galat": galat or {}, "kembali": _kembali(v),
        "kegiatan": await kegiatan_versi(v["id"]), "sub_bidang": SUB_BIDANG, "sumber_dana": SUMBER_DANA,
        "jenis": {k: n for k, n in JENIS.items() if k[:1] in "456"}, "draf": v["status"] == DRAF}, status_code)


def _isian(data: dict) -> dict:
    return {f: teks(data, f) for f in FIELDS}


@get(f"{BASE}/apbdes/{{apbdes_id:int}}/baris/baru", opt=requires(KELOLA, sample=f"{BASE}/apbdes/1/baris/baru"),
     include_in_schema=False)
async def baris_baru(request: Request, apbdes_id: Id, kegiatan: FromQuery[str] = "") -> Template:
    v = await apbdes_atau_404(apbdes_id)
    return await _form(request, v, {**{f: "" for f in FIELDS}, "kegiatan": kegiatan[:20]})


@post(f"{BASE}/apbdes/{{apbdes_id:int}}/baris/baru", opt=KELOLA_OPT, include_in_schema=False)
async def baris_tambah(request: Request, apbdes_id: Id, data: Form) -> Template | Redirect:
    v = await apbdes_atau_404(apbdes_id)
    isian = _isian(data)
    try:
        await layanan.simpan_baris(request, apbdes_id, isian)
    except layanan.KeuanganError as e:
        return await _form(request, v, isian, None, galat_dari(e), 400)
    flash(request, f"Baris {isian['akun']} {isian['uraian']} ditambahkan ke {v['nama']}.")
    if data.get("lagi") == "1":  # "Simpan dan tambah lagi": the same kegiatan, the next line
        return Redirect(f"{BASE}/apbdes/{apbdes_id}/baris/baru?kegiatan={isian['kegiatan']}")
    return Redirect(_kembali(v))


@get(f"{BASE}/baris/{{baris_id:int}}", opt=requires(KELOLA, sample=f"{BASE}/baris/1"), include_in_schema=False)
async def baris_ubah(request: Request, baris_id: Id) -> Template:
    b = await baris_atau_404(baris_id)
    v = await apbdes_atau_404(b["apbdes"])
    isian = {**{f: b.get(f, "") for f in FIELDS}, "kegiatan_nama": "", "anggaran": _rupiah_isian(b["anggaran"])}
    return await _form(request, v, isian, baris_id)


@post(f"{BASE}/baris/{{baris_id:int}}", opt=KELOLA_OPT, include_in_schema=False)
async def baris_simpan(request: Request, baris_id: Id, data: Form) -> Template | Redirect:
    b = await baris_atau_404(baris_id)
    v = await apbdes_atau_404(b["apbdes"])
    isian = _isian(data)
    try:
        await layanan.simpan_baris(request, v["id"], isian, baris_id=baris_id)
    except layanan.KeuanganError as e:
        return await _form(request, v, isian, baris_id, galat_dari(e), 400)
    flash(request, f"Baris {isian['akun']} {isian['uraian']} disimpan."
                   + ("" if v["status"] == DRAF else " Ini koreksi APB Desa yang berlaku; tercatat di log."))
    return Redirect(_kembali(v))


@get(f"{BASE}/baris/{{baris_id:int}}/hapus", opt=requires(KELOLA, sample=f"{BASE}/baris/1/hapus"),
     include_in_schema=False)
async def baris_hapus_form(request: Request, baris_id: Id) -> Template:
    b = await baris_atau_404(baris_id)
    v = await apbdes_atau_404(b["apbdes"])
    ada_realisasi = await Realisasi.exists().where(Realisasi.tahun == v["tahun"], Realisasi.kegiatan == b["kegiatan"],
                                                   Realisasi.akun == b["akun"]).run()
    pos = f"{b['kegiatan']} / {b['akun']}" if b["kegiatan"] else b["akun"]
    return await page(request, "keuangan/admin/hapus.html", {
        "judul": "Hapus baris anggaran", "nama": f"{pos} {b['uraian']} ({rupiah(b['anggaran'])})", "boleh": True,
        "aksi": f"{BASE}/baris/{baris_id}/hapus", "kembali": _kembali(v),
        "catatan": ("Pos ini sudah ada realisasinya, jadi barisnya tidak dapat dihapus; ubah anggarannya (menjadi 0 "
                    "bila perlu)." if ada_realisasi else "Baris ini dihapus dari " + v["nama"] + "."),
        "ubah": f"{BASE}/baris/{baris_id}" if ada_realisasi else None})


@post(f"{BASE}/baris/{{baris_id:int}}/hapus", opt=KELOLA_OPT, include_in_schema=False)
async def baris_hapus(request: Request, baris_id: Id) -> Redirect:
    b = await baris_atau_404(baris_id)
    v = await apbdes_atau_404(b["apbdes"])
    try:
        await layanan.hapus_baris(request, baris_id)
    except layanan.KeuanganError as e:
        flash(request, galat_dari(e).popitem()[1], "galat", url=f"{BASE}/baris/{baris_id}")
        return Redirect(_kembali(v))
    flash(request, f"Baris {b['akun']} {b['uraian']} dihapus.")
    return Redirect(_kembali(v))


# --- activities ---------------------------------------------------------------------------------------------------

async def _form_kegiatan(request: Request, v: dict, isian: dict, galat: dict | None = None,
                         status_code: int = 200) -> Template:
    return await page(request, "keuangan/admin/kegiatan.html", {
        "v": v, "isian": isian, "galat": galat or {}, "kembali": _kembali(v), "sub_bidang": SUB_BIDANG,
        "kegiatan": await kegiatan_versi(v["id"])}, status_code)


@get(f"{BASE}/apbdes/{{apbdes_id:int}}/kegiatan", opt=requires(KELOLA, sample=f"{BASE}/apbdes/1/kegiatan"),
     include_in_schema=False)
async def kegiatan_form(request: Request, apbdes_id: Id, kode: FromQuery[str] = "") -> Template:
    v = await apbdes_atau_404(apbdes_id)
    ada = {k["kode"]: k["nama"] for k in await kegiatan_versi(apbdes_id)}
    return await _form_kegiatan(request, v, {"kode": kode[:20], "nama": ada.get(kode, "")})


@post(f"{BASE}/apbdes/{{apbdes_id:int}}/kegiatan", opt=KELOLA_OPT, include_in_schema=False)
async def kegiatan_simpan(request: Request, apbdes_id: Id, data: Form) -> Template | Redirect:
    v = await apbdes_atau_404(apbdes_id)
    isian = {"kode": teks(data, "kode", 40), "nama": teks(data, "nama")}
    try:
        await layanan.simpan_kegiatan(request, apbdes_id, isian["kode"], isian["nama"])
    except layanan.KeuanganError as e:
        galat = galat_dari(e)
        if "kegiatan" in galat:
            galat["kode"] = galat.pop("kegiatan")
        return await _form_kegiatan(request, v, isian, galat, 400)
    flash(request, f"Kegiatan {isian['kode']} {isian['nama']} disimpan.")
    return Redirect(_kembali(v))


ROUTES = [baris_baru, baris_tambah, baris_ubah, baris_simpan, baris_hapus_form, baris_hapus, kegiatan_form,
          kegiatan_simpan]
