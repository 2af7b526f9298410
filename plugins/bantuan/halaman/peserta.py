"""One entry of a cycle's list (`/admin/bantuan/peserta/{id}`): the data it was approved with (frozen) or last
checked with, why it is on the list, its flag, its card number and its distributions with the form to record one;
and the actions on one entry while its list is prepared: remove with a reason, undo the removal, keep a flagged
entry with a reason. Opening the page is logged as a view of that person's record.

The removal forms are also on the cycle page's rows (a hidden `dari=siklus` says where to answer a refusal)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, log_view, page, requires, today
from plugin_sdk.register import code_labels

from plugins.bantuan import kode
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman.umum import (BASE, CONTOH_PESERTA, Form, hak, kembali_ke, peserta_atau_404,
                                          rupiah_isian, siklus_atau_404, teks)
from plugins.bantuan.plugin import KELOLA, LIHAT
from plugins.bantuan.teks import rupiah

KOLOM_SALUR = ("tanggal", "jumlah", "barang", "diterima_oleh", "keterangan")


def nama_peserta(row: dict) -> str:
    """The entry's name: the group's, or the person's (for a family, its receiving person) as last read."""
    return row["kelompok"] or row["data"].get("nama") or row["data"].get("kelompok") or row["kunci"]


def _isian_salur(request: Request, row: dict, program: dict) -> dict:
    """The distribution form's first values: today, the program's amount or goods, the recipient's name."""
    return {"tanggal": today(request).isoformat(), "jumlah": rupiah_isian(program["nilai"]) if program["nilai"] else "",
            "barang": program["barang"] if program["bentuk"] != "uang" else "", "diterima_oleh": nama_peserta(row),
            "keterangan": ""}


async def halaman_peserta(request: Request, row: dict, *, isian: dict | None = None, galat: dict | None = None,
                          pesan_galat: str = "", tempat_galat: str = "", status_code: int = 200) -> Template:
    """The entry page; a refused form's values, messages and its name (`tempat_galat`: salur, kartu, aksi)."""
    from plugins.bantuan import penyaluran

    siklus = await siklus_atau_404(row["siklus"])
    program = siklus["program"]  # siklus.siklus() gives the program's row with it
    log_view(request, "bantuan.peserta", row["id"], {"penduduk": row["penduduk"], "kunci": row["kunci"]})
    return await page(request, "bantuan/admin/peserta.html", {
        "p": row, "nama": nama_peserta(row), "siklus": siklus, "program": program, "kode": kode, "rupiah": rupiah,
        "jenis_kelamin": code_labels("jenis_kelamin"), "penyaluran": await penyaluran.daftar(row["id"]),
        "isian": isian or _isian_salur(request, row, program), "galat": galat or {}, "pesan_galat": pesan_galat,
        "tempat_galat": tempat_galat, "hari_ini": today(request).isoformat(), **await hak(request)}, status_code)


@get(f"{BASE}/peserta/{{peserta_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/peserta/{CONTOH_PESERTA}"),
     include_in_schema=False)
async def rinci(request: Request, peserta_id: FromPath[Id]) -> Template:
    return await halaman_peserta(request, await peserta_atau_404(peserta_id))


async def _aksi(request: Request, peserta_id: int, data: dict, jalankan, pesan: str) -> Template | Redirect:
    """Run one entry action; answer on the page the form was on (the cycle page's row, or the entry page)."""
    from plugins.bantuan.halaman.siklus import _dari, halaman_siklus

    row = await peserta_atau_404(peserta_id)
    dari_siklus = teks(data).get("dari") == "siklus"
    alasan = teks(data, 300).get("alasan", "")
    try:
        await jalankan(alasan)
    except BantuanError as e:
        galat = {f"alasan-{peserta_id}": e.galat.get("alasan") or str(e)}
        if dari_siklus:
            return await halaman_siklus(request, await siklus_atau_404(row["siklus"]), **_dari(data),
                                        isian={f"alasan-{peserta_id}": alasan}, galat=galat, pesan_galat=str(e),
                                        tempat_galat=f"peserta-{peserta_id}", status_code=400)
        return await halaman_peserta(request, row, galat=galat, pesan_galat=str(e), tempat_galat="aksi",
                                     status_code=400)
    flash(request, pesan.format(nama=nama_peserta(row)))
    if dari_siklus:
        ke = kembali_ke(f"{BASE}/siklus/{row['siklus']}", teks(data).get("q", ""))
        return Redirect(f"{ke}#peserta-{peserta_id}")
    return Redirect(f"{BASE}/peserta/{peserta_id}")


@post(f"{BASE}/peserta/{{peserta_id:int}}/keluarkan", opt=requires(KELOLA), include_in_schema=False)
async def keluarkan(request: Request, peserta_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus

    return await _aksi(request, peserta_id, data, lambda alasan: siklus.keluarkan(request, peserta_id, alasan),
                       "{nama} dikeluarkan dari daftar.")


@post(f"{BASE}/peserta/{{peserta_id:int}}/batal", opt=requires(KELOLA), include_in_schema=False)
async def batal_keluarkan(request: Request, peserta_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus

    return await _aksi(request, peserta_id, data, lambda _alasan: siklus.batal_keluarkan(request, peserta_id),
                       "{nama} kembali masuk daftar.")


@post(f"{BASE}/peserta/{{peserta_id:int}}/pertahankan", opt=requires(KELOLA), include_in_schema=False)
async def pertahankan(request: Request, peserta_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus

    return await _aksi(request, peserta_id, data, lambda alasan: siklus.pertahankan(request, peserta_id, alasan),
                       "{nama} tetap dalam daftar; alasannya tercatat.")


@post(f"{BASE}/peserta/{{peserta_id:int}}/kartu", opt=requires(KELOLA), include_in_schema=False)
async def kartu(request: Request, peserta_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus

    row = await peserta_atau_404(peserta_id)
    no_kartu = teks(data, 60).get("no_kartu", "")
    try:
        await siklus.isi_kartu(request, peserta_id, no_kartu)
    except BantuanError as e:
        return await halaman_peserta(request, {**row, "no_kartu": no_kartu},
                                     galat={"no_kartu": e.galat.get("no_kartu") or str(e)}, pesan_galat=str(e),
                                     tempat_galat="kartu", status_code=400)
    flash(request, "Nomor kartu tersimpan." if no_kartu else "Nomor kartu dihapus.")
    return Redirect(f"{BASE}/peserta/{peserta_id}")


@post(f"{BASE}/peserta/{{peserta_id:int}}/penyaluran", opt=requires(KELOLA), include_in_schema=False)
async def catat_penyaluran(request: Request, peserta_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import penyaluran

    row = await peserta_atau_404(peserta_id)
    isian = {k: teks(data, 300).get(k, "") for k in KOLOM_SALUR}
    try:
        await penyaluran.catat(request, peserta_id, isian, hari_ini=today(request))
    except BantuanError as e:
        return await halaman_peserta(request, row, isian=isian, galat=e.galat, pesan_galat=str(e),
                                     tempat_galat="salur", status_code=400)
    flash(request, f"Penyaluran kepada {nama_peserta(row)} tercatat.")
    return Redirect(f"{BASE}/peserta/{peserta_id}")


ROUTES: list = [rinci, keluarkan, batal_keluarkan, pertahankan, kartu, catat_penyaluran]
