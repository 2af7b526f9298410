"""The office's aid programs: the list (`/admin/bantuan`), a new program and its correction (`/admin/bantuan/baru`,
`/admin/bantuan/{id}/ubah`), and one program's page (`/admin/bantuan/{id}`: its details, its rules in words, its
cycles and the form that starts the next one). A refused form is shown again, status 400, with every message
beside its field and the values as typed; nothing is saved.

The rule editor lives in aturan.py; its routes are listed here with this module's."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from plugins.bantuan import kode
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman import aturan as halaman_aturan
from plugins.bantuan.halaman.umum import BASE, CONTOH_PROGRAM, Form, hak, program_atau_404, rupiah_isian, teks
from plugins.bantuan.plugin import KELOLA, LIHAT
from plugins.bantuan.teks import rupiah

KOLOM = ("nama", "sumber", "sumber_lain", "sasaran", "mulai", "selesai", "kuota", "bentuk", "nilai", "barang",
         "status", "keterangan", "publik", "dasar_hukum", "nama_utuh")
CENTANG = ("publik", "nama_utuh")  # checkboxes: "1" or absent
KOLOM_SIKLUS = ("nama", "periode_mulai", "periode_selesai")


def isian_dari(row: dict) -> dict[str, str]:
    """A program row as the form shows it: dates as the date field reads them, the amount as a clerk types it."""
    isian = {}
    for k in KOLOM:
        v = row.get(k)
        if k in CENTANG:
            isian[k] = "1" if v else ""
        elif k == "nilai":
            isian[k] = rupiah_isian(v) if v else ""
        elif isinstance(v, date):
            isian[k] = v.isoformat()
        else:
            isian[k] = "" if v is None else str(v)
    return isian


def _dari_form(data: dict) -> dict[str, str]:
    isian = teks(data)
    for k in CENTANG:
        isian[k] = "1" if isian.get(k) else ""
    return {k: isian.get(k, "") for k in KOLOM}


async def _form(request: Request, isian: dict, galat: BantuanError | None = None, program: dict | None = None,
                status_code: int = 200) -> Template:
    ada_siklus = bool(program and program["siklus"])
    return await page(request, "bantuan/admin/program_isian.html", {
        "isian": isian, "galat": galat.galat if galat else {}, "pesan_galat": str(galat) if galat else "",
        "program": program, "kode": kode, "ada_siklus": ada_siklus}, status_code)


@get(BASE, opt=requires(LIHAT), include_in_schema=False)
async def daftar(request: Request) -> Template:
    from plugins.bantuan import program

    return await page(request, "bantuan/admin/daftar.html", {
        "daftar": await program.daftar_program(), "kode": kode, "rupiah": rupiah, **await hak(request)})


@get(f"{BASE}/baru", opt=requires(KELOLA), include_in_schema=False)
async def baru(request: Request) -> Template:
    isian = {**dict.fromkeys(KOLOM, ""), "sumber": "blt_dd", "sasaran": "keluarga", "bentuk": "uang",
             "status": "draf", "mulai": date(today(request).year, 1, 1).isoformat()}
    return await _form(request, isian)


@post(f"{BASE}/baru", opt=requires(KELOLA), include_in_schema=False)
async def buat(request: Request, data: Form) -> Template | Redirect:
    from plugins.bantuan import program

    isian = _dari_form(data)
    try:
        program_id = await program.simpan_program(request, isian)
    except BantuanError as e:
        return await _form(request, isian, e, status_code=400)
    flash(request, f"Program “{isian['nama']}” tersimpan.")
    return Redirect(f"{BASE}/{program_id}")


@get(f"{BASE}/{{program_id:int}}/ubah", opt=requires(KELOLA, sample=f"{BASE}/{CONTOH_PROGRAM}/ubah"),
     include_in_schema=False)
async def ubah(request: Request, program_id: FromPath[Id]) -> Template:
    program = await program_atau_404(program_id)
    return await _form(request, isian_dari(program), program=program)


@post(f"{BASE}/{{program_id:int}}/ubah", opt=requires(KELOLA), include_in_schema=False)
async def simpan(request: Request, program_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import program as layanan

    program = await program_atau_404(program_id)
    isian = _dari_form(data)
    try:
        await layanan.simpan_program(request, isian, program_id)
    except BantuanError as e:
        return await _form(request, isian, e, program, 400)
    flash(request, "Perubahan program tersimpan.")
    return Redirect(f"{BASE}/{program_id}")


def _siklus_baru(program: dict, siklus: list[dict]) -> str:
    """Why no new cycle can start now ("" when one can): the service refuses the same cases."""
    if program["status"] != "aktif":
        return "Siklus baru dapat dibuat bila status program Berjalan."
    terbuka = [s for s in siklus if s["status"] != kode.DISETUJUI]
    if terbuka:
        return (f"Siklus {terbuka[0]['nomor']} ({terbuka[0]['nama']}) belum disetujui; selesaikan dulu "
                "sebelum membuat siklus baru.")
    return ""


async def halaman_program(request: Request, program: dict, isian: dict | None = None,
                          salah: BantuanError | None = None, status_code: int = 200) -> Template:
    """The program page (program.program's dict: its cycles newest first, its rules in words, how many receive
    now); `isian`/`salah`: a refused new-cycle form."""
    siklus = program["siklus"]
    nomor = (siklus[0]["nomor"] + 1) if siklus else 1
    return await page(request, "bantuan/admin/program.html", {
        "program": program, "kode": kode, "rupiah": rupiah, "siklus": siklus,
        "alasan_tutup": _siklus_baru(program, siklus),
        "isian": isian or {"nama": f"Tahap {nomor}", "periode_mulai": today(request).isoformat(),
                           "periode_selesai": ""},
        "galat": salah.galat if salah else {}, "pesan_galat": str(salah) if salah else "", **await hak(request)},
        status_code)


@get(f"{BASE}/{{program_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/{CONTOH_PROGRAM}"), include_in_schema=False)
async def rinci(request: Request, program_id: FromPath[Id]) -> Template:
    return await halaman_program(request, await program_atau_404(program_id))


@post(f"{BASE}/{{program_id:int}}/siklus", opt=requires(KELOLA), include_in_schema=False)
async def buat_siklus(request: Request, program_id: FromPath[Id], data: Form) -> Template | Redirect:
    from plugins.bantuan import siklus

    program = await program_atau_404(program_id)
    isian = {k: teks(data).get(k, "") for k in KOLOM_SIKLUS}
    try:
        siklus_id = await siklus.buat_siklus(request, program_id, isian, hari_ini=today(request))
    except BantuanError as e:
        return await halaman_program(request, program, isian, e, 400)
    flash(request, f"Siklus “{isian['nama']}” dibuat. Periksa daftarnya, lalu ajukan untuk disetujui.")
    return Redirect(f"{BASE}/siklus/{siklus_id}")


ROUTES: list = [daftar, baru, buat, ubah, simpan, rinci, buat_siklus, *halaman_aturan.ROUTES]
