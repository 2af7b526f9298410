"""The APB Desa in the office: the years and their versions, a version as a tree with its realisation, a new year,
an APB Desa Perubahan, setting a draft in force (Tetapkan) and dropping a draft; the dashboard card."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, Widget, current_user, enabled_plugins, flash, has_permission, page, requires, today

from plugins.keuangan import layanan
from plugins.keuangan.halaman.umum import (BASE, BERLAKU, DRAF, Form, apbdes_atau_404, baris_pohon,
                                           boleh_kelola, cek_tahun, galat_dari, kegiatan_versi, label_status, sel,
                                           teks, versi_tahun, versi_tampil)
from plugins.keuangan.jumlah import angka, persen, rupiah
from plugins.keuangan.plugin import KELOLA, LIHAT
from plugins.keuangan.ringkasan import ringkasan
from plugins.keuangan.tables import DIGANTI, SUMBER, Apbdes, BarisAnggaran

LIHAT_OPT = requires(LIHAT)
BUKU = "buku_administrasi.lihat"
BANYAK = 300  # lines: above this the belanja table stops at the kegiatan until a bidang is chosen (page weight)
KELOLA_OPT = requires(KELOLA)


def _tanggal(teks_tanggal: str) -> date | None:
    try:
        return date.fromisoformat((teks_tanggal or "").strip())
    except ValueError:
        return None


def _pasangan(pair: tuple[int, int]) -> dict:
    anggaran, realisasi = pair
    return {"anggaran": angka(anggaran), "realisasi": angka(realisasi), "minus": anggaran < 0 or realisasi < 0}


# --- the years ----------------------------------------------------------------------------------------------------

async def _daftar(request: Request, galat: dict | None = None, isian: dict | None = None,
                  status_code: int = 200) -> Template:
    rows = await Apbdes.select().order_by(Apbdes.tahun, ascending=False).order_by(Apbdes.versi).run()
    tahun: dict[int, list[dict]] = {}
    for row in rows:
        r = await ringkasan(row["tahun"], apbdes_id=row["id"])
        tahun.setdefault(row["tahun"], []).append({
            **row, "status_label": label_status(row["status"]), "sumber_label": SUMBER.get(row["sumber"], ""),
            "pendapatan": angka(r.pendapatan.anggaran) if r else "0",
            "belanja": angka(r.belanja.anggaran) if r else "0",
            "realisasi": angka(r.belanja.realisasi) if r else "0",
            "persen": persen(r.belanja.realisasi, r.belanja.anggaran) if r else "–"})
    sekarang = today(request).year
    daftar = [{"tahun": t, "versi": v, "ada_draf": any(x["status"] == DRAF for x in v),
               "ada_berlaku": any(x["status"] == BERLAKU for x in v)} for t, v in tahun.items()]
    usul = next((y for y in (sekarang, sekarang + 1) if y not in tahun), sekarang + 1)
    return await page(request, "keuangan/admin/daftar.html", {
        "daftar": daftar, "kelola": await boleh_kelola(request), "galat": galat or {},
        "isian": isian or {"tahun": usul}}, status_code)


@get(BASE, opt=LIHAT_OPT, include_in_schema=False)
async def daftar(request: Request) -> Template:
    return await _daftar(request)


@post(f"{BASE}/baru", opt=KELOLA_OPT, include_in_schema=False)
async def buat(request: Request, data: Form) -> Template | Redirect:
    isian = {"tahun": teks(data, "tahun", 12)}
    try:
        tahun = int(isian["tahun"])
    except ValueError:
        return await _daftar(request, {"tahun": "Tulis tahun anggaran dengan 4 angka, mis. 2027."}, isian, 400)
    if not 2000 <= tahun <= today(request).year + 2:
        return await _daftar(request, {"tahun": f"Tahun anggaran harus antara 2000 dan {today(request).year + 2}."},
                             isian, 400)
    try:
        await layanan.buat_apbdes(request, tahun)
    except layanan.KeuanganError as e:
        return await _daftar(request, {"tahun": galat_dari(e).popitem()[1]}, isian, 400)
    flash(request, f"Rancangan APB Desa {tahun} dibuat. Isi baris anggarannya, lalu tetapkan.")
    return Redirect(f"{BASE}/{tahun}")


@post(f"{BASE}/{{tahun:int}}/perubahan", opt=KELOLA_OPT, include_in_schema=False)
async def perubahan(request: Request, tahun: FromPath[int]) -> Redirect:
    cek_tahun(tahun)
    try:
        baru = await layanan.buat_perubahan(request, tahun)
    except layanan.KeuanganError as e:
        flash(request, galat_dari(e).popitem()[1], "galat")
        return Redirect(f"{BASE}/{tahun}")
    row = await apbdes_atau_404(baru)
    flash(request, f"Rancangan {row['nama']} dibuat dari APB Desa yang berlaku. Ubah barisnya, lalu tetapkan.")
    return Redirect(f"{BASE}/{tahun}?versi={row['versi']}")


# --- one year -----------------------------------------------------------------------------------------------------

def _daun_lebih(pos) -> int:
    """How many lines of a tree spent more than their budget (allowed; counted for the header)."""
    return sum(_daun_lebih(a) for a in pos.anak) if pos.anak else int(pos.lebih)


def _belanja(r, kegiatan: dict, bidang: str, ringkas: bool) -> dict:
    """The belanja section: one bidang's subtree when one is chosen; a long budget down to its kegiatan only."""
    akar = next((b for b in r.belanja.anak if b.kode == bidang), None) if bidang else r.belanja
    if akar is None:
        raise NotFoundException(f"Bidang {bidang} tidak ada di APB Desa ini.")
    rows = baris_pohon(r.belanja, kegiatan, hanya=bidang)
    if ringkas and not bidang:
        rows = [x for x in rows if not x["daun"]]
    judul = f"Belanja bidang {akar.kode}" if bidang else "Belanja"
    return {"judul": judul, "id": "belanja", "total": {"nama": akar.nama, **sel(akar)}, "rows": rows,
            "bidang": [(f"{b.kode} {b.nama}", b.kode) for b in r.belanja.anak], "dipilih": bidang,
            "ringkas": ringkas and not bidang}


@get(f"{BASE}/{{tahun:int}}", opt=requires(LIHAT, sample=f"{BASE}/2026"), include_in_schema=False)
async def tahun_anggaran(request: Request, tahun: FromPath[int], versi: FromQuery[int | None] = None,
                         bidang: FromQuery[str] = "") -> Template:
    cek_tahun(tahun)
    semua = await versi_tahun(tahun)
    dipilih = versi_tampil(semua, versi)
    if versi is not None and dipilih is None:
        raise NotFoundException(f"APB Desa {tahun} versi {versi} tidak ada.")
    konteks = {"tahun": tahun, "semua": [{**v, "status_label": label_status(v["status"])} for v in semua],
               "v": dipilih, "kelola": await boleh_kelola(request), "bagian": []}
    if dipilih is not None:
        # the books C.1-C.3 are buku_administrasi's pages: linked only for who can open them
        konteks["buku"] = ("buku_administrasi" in await enabled_plugins(request)
                           and has_permission(await current_user(request), BUKU))
        r = await ringkasan(tahun, apbdes_id=dipilih["id"])
        jumlah_baris = await BarisAnggaran.count().where(BarisAnggaran.apbdes == dipilih["id"]).run()
        kegiatan = {k["kode"]: k for k in await kegiatan_versi(dipilih["id"])}
        bagian = [{"judul": judul, "id": kunci, "total": {"nama": akar.nama, **sel(akar)},
                   "rows": baris_pohon(akar, kegiatan)}
                  for judul, kunci, akar in (("Pendapatan", "pendapatan", r.pendapatan),
                                             ("Pembiayaan: penerimaan", "penerimaan", r.penerimaan_pembiayaan),
                                             ("Pembiayaan: pengeluaran", "pengeluaran", r.pengeluaran_pembiayaan))]
        bagian.insert(1, _belanja(r, kegiatan, bidang.strip()[:2], jumlah_baris > BANYAK))
        konteks.update({
            "status_label": label_status(dipilih["status"]), "draf": dipilih["status"] == DRAF,
            "ubah": konteks["kelola"] and dipilih["status"] != DIGANTI,  # a replaced version is kept as it was
            "jumlah_baris": jumlah_baris, "bagian": bagian, "lebih": _daun_lebih(r.belanja),
            "alamat": f"{BASE}/{tahun}?versi={dipilih['versi']}",
            "ringkas": {"surplus": _pasangan(r.surplus), "netto": _pasangan(r.pembiayaan_netto),
                        "silpa": _pasangan(r.silpa)}})
    return await page(request, "keuangan/admin/tahun.html", konteks)


# --- Tetapkan and dropping a draft --------------------------------------------------------------------------------

async def _form_tetapkan(request: Request, v: dict, isian: dict, galat: dict | None = None,
                         status_code: int = 200) -> Template:
    return await page(request, "keuangan/admin/tetapkan.html",
                      {"v": v, "isian": isian, "galat": galat or {}, "draf": v["status"] == DRAF,
                       "status_label": label_status(v["status"])}, status_code)


def _draf(v: dict) -> dict:
    if v["status"] != DRAF:
        raise NotFoundException("Hanya rancangan yang dapat ditetapkan atau dihapus.")
    return v


@get(f"{BASE}/apbdes/{{apbdes_id:int}}/tetapkan", opt=requires(KELOLA, sample=f"{BASE}/apbdes/1/tetapkan"),
     include_in_schema=False)
async def tetapkan_form(request: Request, apbdes_id: Id) -> Template:
    v = await apbdes_atau_404(apbdes_id)  # one already in force gets the page saying so, without the form
    return await _form_tetapkan(request, v, {"berlaku_sejak": today(request).isoformat(), "nomor_perdes": ""})


@post(f"{BASE}/apbdes/{{apbdes_id:int}}/tetapkan", opt=KELOLA_OPT, include_in_schema=False)
async def tetapkan(request: Request, apbdes_id: Id, data: Form) -> Template | Redirect:
    v = _draf(await apbdes_atau_404(apbdes_id))
    isian = {"berlaku_sejak": teks(data, "berlaku_sejak", 20), "nomor_perdes": teks(data, "nomor_perdes")}
    sejak = _tanggal(isian["berlaku_sejak"])
    if sejak is None:
        return await _form_tetapkan(request, v, isian, {"berlaku_sejak": "Pilih tanggal berlakunya."}, 400)
    try:
        await layanan.tetapkan(request, apbdes_id, berlaku_sejak=sejak, nomor_perdes=isian["nomor_perdes"])
    except layanan.KeuanganError as e:
        return await _form_tetapkan(request, v, isian, galat_dari(e), 400)
    flash(request, f"{v['nama']} ditetapkan dan berlaku sejak {sejak.strftime('%d-%m-%Y')}; "
                   "situs web menampilkan versi ini.")
    return Redirect(f"{BASE}/{v['tahun']}")


@get(f"{BASE}/apbdes/{{apbdes_id:int}}/hapus", opt=requires(KELOLA, sample=f"{BASE}/apbdes/1/hapus"),
     include_in_schema=False)
async def hapus_form(request: Request, apbdes_id: Id) -> Template:
    v = await apbdes_atau_404(apbdes_id)
    return await page(request, "keuangan/admin/hapus.html", {
        "judul": "Hapus rancangan APB Desa", "nama": v["nama"], "boleh": v["status"] == DRAF,
        "aksi": f"{BASE}/apbdes/{apbdes_id}/hapus", "kembali": f"{BASE}/{v['tahun']}?versi={v['versi']}",
        "catatan": "Rancangan ini beserta kegiatan dan baris anggarannya dihapus. Realisasi yang sudah dicatat "
                   "tidak ikut terhapus." if v["status"] == DRAF else
                   "APB Desa yang sudah ditetapkan tidak dapat dihapus; buat APB Desa Perubahan untuk mengubahnya."})


@post(f"{BASE}/apbdes/{{apbdes_id:int}}/hapus", opt=KELOLA_OPT, include_in_schema=False)
async def hapus(request: Request, apbdes_id: Id) -> Redirect:
    v = await apbdes_atau_404(apbdes_id)
    try:
        await layanan.hapus_apbdes(request, apbdes_id)
    except layanan.KeuanganError as e:
        flash(request, galat_dari(e).popitem()[1], "galat")
        return Redirect(f"{BASE}/{v['tahun']}?versi={v['versi']}")
    flash(request, f"{v['nama']} (rancangan) dihapus.")
    return Redirect(f"{BASE}/{v['tahun']}" if v["versi"] > 1 else BASE)


# --- the dashboard card -------------------------------------------------------------------------------------------

async def _kartu(request: Request) -> dict:
    tahun = today(request).year
    r = await ringkasan(tahun)
    if r is None:
        return {"tahun": tahun, "ada": False}
    return {"tahun": tahun, "ada": True, "nama": r.apbdes.get("nama", ""),
            "anggaran": rupiah(r.belanja.anggaran), "realisasi": rupiah(r.belanja.realisasi),
            "persen": persen(r.belanja.realisasi, r.belanja.anggaran),
            "lebar": max(0, min(100, round(100 * r.belanja.realisasi / r.belanja.anggaran)))
            if r.belanja.anggaran > 0 else 0}


def widget() -> Widget:
    """The dashboard card: this year's belanja, budget against what is spent."""
    return Widget("APB Desa", "keuangan/admin/widget.html", context=_kartu, permission=LIHAT, order=40)


ROUTES = [daftar, buat, perubahan, tahun_anggaran, tetapkan_form, tetapkan, hapus_form, hapus]
