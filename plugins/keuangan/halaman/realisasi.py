"""Realisation in the office: the year's list (by kegiatan and month), recording money received or spent on a pos
with its date, correcting and deleting what was typed here (imported rows are the import's). Spending over a
pos's budget is allowed and said plainly."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from piccolo.query.functions.aggregate import Sum

from plugin_sdk import Id, Page, flash, page, requires, today

from plugins.keuangan import layanan
from plugins.keuangan.halaman.umum import (BASE, Form, baris_versi, boleh_kelola, cek_tahun, galat_dari,
                                           kegiatan_versi, teks, versi_kerja, versi_tahun)
from plugins.keuangan.jumlah import angka, per_bagian, rupiah
from plugins.keuangan.kode import akun as nama_akun
from plugins.keuangan.plugin import KELOLA, LIHAT
from plugins.keuangan.tables import MANUAL, SUMBER, Realisasi

PER_HALAMAN = 100
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
FIELDS = ("pos", "tanggal", "jumlah", "uraian", "bukti")
IMPOR = "Realisasi ini dari impor Siskeudes: perbaiki di Siskeudes, lalu impor ulang berkasnya."


def _pos(kegiatan: str, akun: str) -> str:
    return f"{kegiatan}|{akun}"


async def _pilihan_pos(tahun: int) -> list[dict]:
    """The pos a realisation may go to: the lines of the version in force (or the newest draft)."""
    v = versi_kerja(await versi_tahun(tahun))
    if v is None:
        return []
    kegiatan = {k["kode"]: k["nama"] for k in await kegiatan_versi(v["id"])}
    return [{"nilai": _pos(b["kegiatan"], b["akun"]),
             "label": " / ".join(filter(None, [f"{b['kegiatan']} {kegiatan.get(b['kegiatan'], '')}".strip(),
                                               f"{b['akun']} {b['uraian'] or nama_akun(b['akun']) or ''}".strip()]))}
            for b in sorted(await baris_versi(v["id"]), key=lambda b: (b["akun"][:1] != "4", b["kegiatan"],
                                                                       b["akun"]))]


async def _satu(realisasi_id: int) -> dict:
    row = await Realisasi.select().where(Realisasi.id == realisasi_id).first().run()
    if row is None:
        raise NotFoundException("Catatan realisasi tidak ditemukan.")
    return row


# --- the list -----------------------------------------------------------------------------------------------------

@get(f"{BASE}/{{tahun:int}}/realisasi", opt=requires(LIHAT, sample=f"{BASE}/2026/realisasi"),
     include_in_schema=False)
async def daftar(request: Request, tahun: FromPath[int], kegiatan: FromQuery[str] = "", bulan: FromQuery[str] = "",
                 hal: Page = 1) -> Template:
    cek_tahun(tahun)
    syarat = [Realisasi.tahun == tahun]
    kegiatan = kegiatan.strip()[:20]
    if kegiatan:
        syarat.append(Realisasi.kegiatan == ("" if kegiatan == "-" else kegiatan))
    nomor_bulan = int(bulan) if bulan.isdigit() and 1 <= int(bulan) <= 12 else None
    if nomor_bulan:
        akhir = date(tahun + 1, 1, 1) if nomor_bulan == 12 else date(tahun, nomor_bulan + 1, 1)
        syarat += [Realisasi.tanggal >= date(tahun, nomor_bulan, 1), Realisasi.tanggal < akhir]
    banyak = await Realisasi.count().where(*syarat).run()
    per_akun = await Realisasi.select(Realisasi.akun, Sum(Realisasi.jumlah).as_alias("total")).where(
        *syarat).group_by(Realisasi.akun).run()
    hal = max(1, min(hal, (banyak + PER_HALAMAN - 1) // PER_HALAMAN or 1))
    rows = await Realisasi.select().where(*syarat).order_by(Realisasi.tanggal, ascending=False).order_by(
        Realisasi.id, ascending=False).limit(PER_HALAMAN).offset((hal - 1) * PER_HALAMAN).run()
    v = versi_kerja(await versi_tahun(tahun))
    nama_kegiatan = {k["kode"]: k["nama"] for k in await kegiatan_versi(v["id"])} if v else {}
    return await page(request, "keuangan/admin/realisasi.html", {
        "tahun": tahun, "v": v, "kelola": await boleh_kelola(request), "banyak": banyak,
        "total": [(nama, rupiah(sen)) for nama, sen in per_bagian((r["akun"], int(r["total"] or 0))
                                                                   for r in per_akun)], "hal": hal,
        "jumlah_halaman": (banyak + PER_HALAMAN - 1) // PER_HALAMAN,
        "saring": {"kegiatan": kegiatan, "bulan": str(nomor_bulan or "")},
        "params": {k: x for k, x in (("kegiatan", kegiatan), ("bulan", nomor_bulan or "")) if x},
        "pilihan_kegiatan": nama_kegiatan, "bulan": list(enumerate(BULAN, 1)),
        "rows": [{**r, "jumlah_teks": angka(r["jumlah"]), "tanggal_teks": r["tanggal"].strftime("%d-%m-%Y"),
                  "kegiatan_nama": nama_kegiatan.get(r["kegiatan"], ""), "manual": r["sumber"] == MANUAL,
                  "sumber_label": SUMBER.get(r["sumber"], r["sumber"])}
                 for r in rows]})


# --- record, correct, delete --------------------------------------------------------------------------------------

async def _form(request: Request, tahun: int, isian: dict, realisasi_id: int | None = None,
                galat: dict | None = None, status_code: int = 200, *, impor: bool = False) -> Template:
    pilihan = await _pilihan_pos(tahun)
    if isian.get("pos") and all(p["nilai"] != isian["pos"] for p in pilihan):
        pilihan.append({"nilai": isian["pos"], "label": isian["pos"].replace("|", " / ").strip(" /")})
    return await page(request, "keuangan/admin/realisasi_isi.html", {
        "tahun": tahun, "isian": isian, "realisasi_id": realisasi_id, "galat": galat or {}, "pilihan": pilihan,
        "tanggal_min": date(tahun, 1, 1).isoformat(),
        "tanggal_max": min(today(request), date(tahun, 12, 31)).isoformat(),
        "kembali": f"{BASE}/{tahun}/realisasi", "impor": impor}, status_code)


def _data(isian: dict) -> dict:
    kegiatan, _, akun = isian["pos"].partition("|")
    return {"kegiatan": kegiatan, "akun": akun, "tanggal": isian["tanggal"], "jumlah": isian["jumlah"],
            "uraian": isian["uraian"], "bukti": isian["bukti"]}


def _galat(e) -> dict:
    galat = galat_dari(e)
    pos = " ".join(filter(None, [galat.pop("kegiatan", None), galat.pop("akun", None)]))
    if pos:
        galat["pos"] = pos
    return galat


async def _simpan(request: Request, tahun: int, data: dict,
                  realisasi_id: int | None) -> Template | Redirect:
    isian = {f: teks(data, f) for f in FIELDS}
    if not isian["pos"]:
        return await _form(request, tahun, isian, realisasi_id, {"pos": "Pilih pos anggarannya."}, 400)
    baru = _data(isian)
    try:
        await layanan.catat_realisasi(request, tahun, baru, realisasi_id=realisasi_id)
    except layanan.KeuanganError as e:
        return await _form(request, tahun, isian, realisasi_id, _galat(e), 400)
    flash(request, "Realisasi disimpan.")
    lebih = await layanan.lebih_anggaran(tahun, baru["kegiatan"], baru["akun"])
    if lebih:
        anggaran, realisasi = lebih
        flash(request, f"Realisasi pos {baru['akun']} kini {rupiah(realisasi)}, melebihi anggarannya "
                       f"{rupiah(anggaran)}. Tetap disimpan; periksa kembali, atau sesuaikan lewat APB Desa "
                       "Perubahan.", "saran")
    if data.get("lagi") == "1":
        return Redirect(f"{BASE}/{tahun}/realisasi/baru")
    return Redirect(f"{BASE}/{tahun}/realisasi")


@get(f"{BASE}/{{tahun:int}}/realisasi/baru", opt=requires(KELOLA, sample=f"{BASE}/2026/realisasi/baru"),
     include_in_schema=False)
async def baru(request: Request, tahun: FromPath[int], kegiatan: FromQuery[str] = "",
               akun: FromQuery[str] = "") -> Template:
    cek_tahun(tahun)
    pos = _pos(kegiatan.strip()[:20], akun.strip()[:20]) if akun else ""
    hari_ini = today(request)
    tanggal = hari_ini.isoformat() if hari_ini.year == tahun else ""  # another year: the operator picks the date
    return await _form(request, tahun, {"pos": pos, "tanggal": tanggal, "jumlah": "", "uraian": "", "bukti": ""})


@post(f"{BASE}/{{tahun:int}}/realisasi/baru", opt=requires(KELOLA), include_in_schema=False)
async def tambah(request: Request, tahun: FromPath[int], data: Form) -> Template | Redirect:
    return await _simpan(request, cek_tahun(tahun), data, None)


def _manual(row: dict) -> dict:
    if row["sumber"] != MANUAL:
        raise NotFoundException(IMPOR)
    return row


@get(f"{BASE}/realisasi/{{realisasi_id:int}}", opt=requires(KELOLA, sample=f"{BASE}/realisasi/1"),
     include_in_schema=False)
async def ubah(request: Request, realisasi_id: Id) -> Template:
    r = await _satu(realisasi_id)  # an imported row is shown, read-only, with where to correct it
    jumlah = rupiah(r["jumlah"], sen_tampil=r["jumlah"] % 100 != 0).removeprefix("Rp")
    return await _form(request, r["tahun"], {"pos": _pos(r["kegiatan"], r["akun"]), "tanggal": r["tanggal"].isoformat(),
                                             "jumlah": jumlah, "uraian": r["uraian"], "bukti": r["bukti"]},
                       realisasi_id, impor=r["sumber"] != MANUAL)


@post(f"{BASE}/realisasi/{{realisasi_id:int}}", opt=requires(KELOLA), include_in_schema=False)
async def simpan(request: Request, realisasi_id: Id, data: Form) -> Template | Redirect:
    r = _manual(await _satu(realisasi_id))
    return await _simpan(request, r["tahun"], data, realisasi_id)


@get(f"{BASE}/realisasi/{{realisasi_id:int}}/hapus", opt=requires(KELOLA, sample=f"{BASE}/realisasi/1/hapus"),
     include_in_schema=False)
async def hapus_form(request: Request, realisasi_id: Id) -> Template:
    r = await _satu(realisasi_id)
    manual = r["sumber"] == MANUAL
    pos = " / ".join(filter(None, [r["kegiatan"], r["akun"]]))
    return await page(request, "keuangan/admin/hapus.html", {
        "judul": "Hapus catatan realisasi", "boleh": manual,
        "nama": f"{pos}, {r['tanggal'].strftime('%d-%m-%Y')}, {rupiah(r['jumlah'])} {r['uraian']}".strip(),
        "aksi": f"{BASE}/realisasi/{realisasi_id}/hapus", "kembali": f"{BASE}/{r['tahun']}/realisasi",
        "catatan": ("Catatan ini dihapus dari realisasi tahun " + str(r["tahun"]) + "; penghapusannya tercatat di log."
                    if manual else IMPOR)})


@post(f"{BASE}/realisasi/{{realisasi_id:int}}/hapus", opt=requires(KELOLA), include_in_schema=False)
async def hapus(request: Request, realisasi_id: Id) -> Redirect:
    r = _manual(await _satu(realisasi_id))
    try:
        await layanan.hapus_realisasi(request, realisasi_id)
    except layanan.KeuanganError as e:
        flash(request, galat_dari(e).popitem()[1], "galat")
        return Redirect(f"{BASE}/{r['tahun']}/realisasi")
    flash(request, f"Catatan realisasi {rupiah(r['jumlah'])} tanggal {r['tanggal'].strftime('%d-%m-%Y')} dihapus.")
    return Redirect(f"{BASE}/{r['tahun']}/realisasi")


ROUTES = [daftar, baru, tambah, ubah, simpan, hapus_form, hapus]
