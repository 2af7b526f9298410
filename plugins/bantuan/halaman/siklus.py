"""One cycle's list (`/admin/bantuan/siklus/{id}`): its counts, its entries (filtered, 50 a page) and, by the
list's state, what may be done with it:

- disusun (being prepared, bantuan.kelola): add an entry by NIK / No. KK or a group's name with a reason, remove
  one with a reason or undo that, keep a flagged one with a reason, check the list again against the register and
  the rules, submit it;
- diajukan (submitted, bantuan.setujui): approve and freeze it, or send it back with a note;
- disetujui (approved): read-only, who approved it when, and the distributions so far.

A refused form shows this page again, status 400, with the message beside its field; nothing is changed. The
per-entry actions (entry page, removal, card number, distributions) live in peserta.py; its routes are listed
here with this module's."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, Page, current_user, flash, log_view, page, requires, today

from plugins.bantuan import kode
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman import peserta as halaman_peserta
from plugins.bantuan.halaman.umum import BASE, CONTOH_SIKLUS, Form, hak, kembali_ke, siklus_atau_404, teks
from plugins.bantuan.plugin import KELOLA, LIHAT, SETUJUI
from plugins.bantuan.teks import rupiah

PER_HALAMAN = 50
#: The list's views: entries on the list, removed ones, flagged ones, all.
TAMPIL = {"": "Dalam daftar", "belum": "Bertanda, belum diputuskan", "tanda": "Bertanda", "keluar": "Dikeluarkan",
          "semua": "Semua"}
KOLOM_TAMBAH = ("nik_atau_kk", "kelompok", "alasan")


def _saringan(tampil: str, cari: str) -> tuple[dict, list[str]]:
    salah = []
    tampil = tampil.strip()
    if tampil not in TAMPIL:
        salah.append("Tampilan yang dipilih tidak dikenal; yang ditampilkan isi daftar.")
        tampil = ""
    return {"tampil": tampil, "cari": " ".join(cari.replace("\x00", "").split())[:100]}, salah


def _argumen(saring: dict) -> dict:
    """peserta()'s filters for a view."""
    tampil = saring["tampil"]
    return {"cari": saring["cari"], "keluar": {"": False, "keluar": True, "tanda": False}.get(tampil),
            "tanda": {"tanda": True, "belum": "belum"}.get(tampil)}


async def _entri(siklus_id: int, saring: dict, hal: int) -> tuple[list[dict], int, int, int]:
    """(rows, how many, page, pages): a page past the end (the list shrank) shows the last one."""
    from plugins.bantuan import siklus as layanan

    args = _argumen(saring)
    rows, banyak = await layanan.peserta(siklus_id, **args, mulai=(hal - 1) * PER_HALAMAN, batas=PER_HALAMAN)
    jumlah_halaman = (banyak + PER_HALAMAN - 1) // PER_HALAMAN
    if hal > max(jumlah_halaman, 1):
        hal = max(jumlah_halaman, 1)
        rows, banyak = await layanan.peserta(siklus_id, **args, mulai=(hal - 1) * PER_HALAMAN, batas=PER_HALAMAN)
    return rows, banyak, hal, jumlah_halaman


async def halaman_siklus(request: Request, siklus: dict, *, tampil: str = "", cari: str = "", hal: int = 1,
                         isian: dict | None = None, galat: dict | None = None, pesan_galat: str = "",
                         tempat_galat: str = "", status_code: int = 200) -> Template:
    """The cycle page. A refused form: `isian` (its values), `galat` (field -> message) and `pesan_galat` shown at
    `tempat_galat` (the form's name: tambah, ajukan, setujui, kembalikan, periksa, or peserta-{id})."""
    from plugins.bantuan import penyaluran, siklus as layanan

    saring, salah = _saringan(tampil, cari)
    rows, banyak, hal, jumlah_halaman = await _entri(siklus["id"], saring, max(1, hal))
    program = siklus["program"]  # siklus.siklus() gives the program's row with it
    user = await current_user(request)
    disetujui = siklus["status"] == kode.DISETUJUI
    params = {k: v for k, v in saring.items() if v}
    log_view(request, "bantuan.siklus", siklus["id"], {"halaman": hal, **params})
    return await page(request, "bantuan/admin/siklus.html", {
        "siklus": siklus, "program": program, "kode": kode, "rupiah": rupiah, "rows": rows, "banyak": banyak,
        "hal": hal, "jumlah_halaman": jumlah_halaman, "saring": saring, "params": params, "salah": salah,
        "query": urlencode({**params, **({"hal": hal} if hal > 1 else {})}),
        "tampil_pilihan": TAMPIL, "ringkasan": await layanan.ringkasan(siklus["id"]),
        "rekap": await penyaluran.rekap(siklus["id"]) if disetujui else None,
        "salur": await _kali_salur([r["id"] for r in rows]) if disetujui else {},
        "penyusun": user["username"] in _penyusun(siklus),
        "isian": isian or {}, "galat": galat or {}, "pesan_galat": pesan_galat, "tempat_galat": tempat_galat,
        **await hak(request)}, 400 if salah and status_code == 200 else status_code)


async def _kali_salur(peserta_ids: list[int]) -> dict[int, int]:
    """How many distributions each entry of the page has had (one grouped query)."""
    from piccolo.query.functions.aggregate import Count

    from plugins.bantuan.tables import PenyaluranBantuan

    if not peserta_ids:
        return {}
    rows = await PenyaluranBantuan.select(PenyaluranBantuan.peserta, Count(PenyaluranBantuan.id, alias="n")).where(
        PenyaluranBantuan.peserta.is_in(peserta_ids)).group_by(PenyaluranBantuan.peserta).run()
    return {r["peserta"]: r["n"] for r in rows}


def _penyusun(siklus: dict) -> set[str]:
    """Who prepared or submitted the list (the service also refuses whoever changed one of its entries)."""
    return {siklus.get("disusun_oleh") or "", siklus.get("diajukan_oleh") or ""} - {""}


@get(f"{BASE}/siklus/{{siklus_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/siklus/{CONTOH_SIKLUS}"),
     include_in_schema=False)
async def rinci(request: Request, siklus_id: FromPath[Id], tampil: FromQuery[str] = "", cari: FromQuery[str] = "",
                hal: Page = 1) -> Template:
    return await halaman_siklus(request, await siklus_atau_404(siklus_id), tampil=tampil, cari=cari, hal=hal)


def _dari(data: dict) -> dict:
    """The filters and page the form was sent from (a hidden field), so the page shown after it is the same."""
    pasangan = dict(parse_qsl(teks(data).get("q", "")))
    return {"tampil": pasangan.get("tampil", ""), "cari": pasangan.get("cari", ""),
            "hal": int(pasangan["hal"]) if pasangan.get("hal", "").isdigit() else 1}


async def _tolak(request: Request, siklus_id: int, data: dict, e: BantuanError, tempat: str,
                 isian: dict | None = None) -> Template:
    return await halaman_siklus(request, await siklus_atau_404(siklus_id), **_dari(data), isian=isian,
                                galat=e.galat, pesan_galat=str(e), tempat_galat=tempat, status_code=400)


def _ke_siklus(siklus_id: int, data: dict, jangkar: str = "") -> Redirect:
    return Redirect(kembali_ke(f"{BASE}/siklus/{siklus_id}", teks(data).get("q", "")) + jangkar)


@post(f"{BASE}/siklus/{{siklus_id:int}}/tambah", opt=requires(KELOLA), include_in_schema=False)
async def tambah(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus as layanan

    await siklus_atau_404(siklus_id)
    isian = {k: teks(data).get(k, "") for k in KOLOM_TAMBAH}
    try:
        await layanan.tambah(request, siklus_id, nik_atau_kk=isian["nik_atau_kk"], kelompok=isian["kelompok"],
                             alasan=isian["alasan"], hari_ini=today(request))
    except BantuanError as e:
        return await _tolak(request, siklus_id, data, e, "tambah", isian)
    flash(request, "Ditambahkan ke daftar.")
    return _ke_siklus(siklus_id, data)


@post(f"{BASE}/siklus/{{siklus_id:int}}/periksa", opt=requires(KELOLA), include_in_schema=False)
async def periksa_ulang(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus as layanan

    await siklus_atau_404(siklus_id)
    try:
        hasil = await layanan.periksa_ulang(request, siklus_id, hari_ini=today(request))
    except BantuanError as e:
        return await _tolak(request, siklus_id, data, e, "periksa")
    flash(request, _pesan_periksa(hasil))
    return _ke_siklus(siklus_id, data)


def _pesan_periksa(hasil: dict) -> str:
    """What the check changed, in one sentence."""
    bagian = [f"{hasil[k]} {kata}" for k, kata in (
        ("ditambah", "calon baru ditambahkan"), ("dikeluarkan", "dikeluarkan karena tidak lagi memenuhi aturan"),
        ("dikembalikan", "kembali masuk karena memenuhi aturan lagi"), ("bertanda", "bertanda")) if hasil.get(k)]
    if bagian:
        return "Daftar sudah diperiksa ulang: " + "; ".join(bagian) + "."
    return "Daftar sudah diperiksa ulang terhadap register dan aturan; tidak ada perubahan daftar."


@post(f"{BASE}/siklus/{{siklus_id:int}}/ajukan", opt=requires(KELOLA), include_in_schema=False)
async def ajukan(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus as layanan

    await siklus_atau_404(siklus_id)
    try:
        await layanan.ajukan(request, siklus_id)
    except BantuanError as e:
        return await _tolak(request, siklus_id, data, e, "ajukan")
    flash(request, "Daftar diajukan. Pejabat yang berwenang (misalnya Wali Nagari) dapat menyetujuinya.")
    return _ke_siklus(siklus_id, data)


@post(f"{BASE}/siklus/{{siklus_id:int}}/setujui", opt=requires(SETUJUI), include_in_schema=False)
async def setujui(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus as layanan

    await siklus_atau_404(siklus_id)
    try:
        await layanan.setujui(request, siklus_id, hari_ini=today(request))
    except BantuanError as e:
        return await _tolak(request, siklus_id, data, e, "setujui")
    flash(request, "Daftar disetujui dan dibekukan: data penerima saat ini tersimpan dan tidak berubah lagi.")
    return _ke_siklus(siklus_id, data)


@post(f"{BASE}/siklus/{{siklus_id:int}}/kembalikan", opt=requires(SETUJUI), include_in_schema=False)
async def kembalikan(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus as layanan

    await siklus_atau_404(siklus_id)
    isian = {"catatan": teks(data).get("catatan", "")}
    try:
        await layanan.kembalikan(request, siklus_id, isian["catatan"])
    except BantuanError as e:
        return await _tolak(request, siklus_id, data, e, "kembalikan", isian)
    flash(request, "Daftar dikembalikan kepada penyusunnya dengan catatan Anda.")
    return _ke_siklus(siklus_id, data)


ROUTES: list = [rinci, tambah, periksa_ulang, ajukan, setujui, kembalikan, *halaman_peserta.ROUTES]
