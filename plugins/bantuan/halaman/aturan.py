"""A program's rule editor (`/admin/bantuan/{id}/aturan`): rows of column, operator and value; "Periksa" shows how
many units the rules match and the first 20 candidates with their reasons; "Simpan aturan" stores them.

It works without script: a row whose column was just chosen gets that column's operators and choices when the
page comes back (after "Periksa"), and every page offers one empty row more. A rule that matches nobody or
everybody is saved only with the tick "Simpan juga" (the count is shown first); a refused form comes back with
status 400, each message beside its row, and nothing saved."""

from __future__ import annotations

import json
import re

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from plugins.bantuan import kode
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman.umum import BASE, CONTOH_PROGRAM, pasangan_form, program_atau_404
from plugins.bantuan.plugin import KELOLA

CONTOH_CALON = 20
_ISIAN = re.compile(r"syarat-(\d{1,3})-(kolom|op|nilai|dulu)")


def baris_tersimpan(teks: str) -> list[dict]:
    """The stored rules as the editor's rows: {"kolom", "op", "nilai": [str, ...]}."""
    if not teks:
        return []
    try:
        syarat = json.loads(teks).get("syarat", [])
    except (ValueError, AttributeError):
        return []
    baris = []
    for s in syarat if isinstance(syarat, list) else []:
        if isinstance(s, dict):
            nilai = s.get("nilai")
            nilai = [] if nilai is None else [str(n) for n in nilai] if isinstance(nilai, list) else [str(nilai)]
            baris.append({"kolom": str(s.get("kolom") or ""), "op": str(s.get("op") or ""), "nilai": nilai})
    return baris


def baris_form(pasangan: list[tuple[str, str]]) -> tuple[list[dict], list[int]]:
    """The posted rows in the form's order, as typed ({"i": the form's row number, "kolom", "op", "nilai"}), and
    the numbers of the rows whose column was chosen or changed on this page (`syarat-{i}-dulu` holds the column
    the page showed): they come back with that column's operators and choices, their old ones dropped."""
    baris: dict[int, dict] = {}
    for nama, isi in pasangan:
        if cocok := _ISIAN.fullmatch(nama):
            row = baris.setdefault(int(cocok[1]), {"kolom": "", "op": "", "nilai": [], "dulu": None})
            if cocok[2] == "nilai":
                if isi:
                    row["nilai"].append(isi)
            else:
                row[cocok[2]] = isi
    hasil, baru = [], []
    for i, row in sorted(baris.items()):
        if not row["kolom"] and not row["nilai"]:
            continue  # an empty row (dari_form ignores it too): the page offers a fresh one anyway
        if row["kolom"] and (not row["op"] or row["dulu"] is not None and row["kolom"] != row["dulu"]):
            baru.append(i)
            row = {**row, "op": "", "nilai": []}
        hasil.append({"i": i, "kolom": row["kolom"], "op": row["op"], "nilai": row["nilai"]})
    return hasil, baru


def tanpa_baris_dihapus(pasangan: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The form without the rows whose column was set to "(hapus syarat ini)": their operator and ticked choices
    still come along, and would otherwise read as a condition without a column."""
    kosong = {cocok[1] for nama, isi in pasangan if (cocok := _ISIAN.fullmatch(nama)) and cocok[2] == "kolom"
              and not isi}
    return [(nama, isi) for nama, isi in pasangan
            if not ((cocok := _ISIAN.fullmatch(nama)) and cocok[1] in kosong)]


def _nomori(baris: list[dict], galat: dict[str, str]) -> list[dict]:
    """The rows renumbered 0.. plus one empty row, with each row's messages moved along (posted rows keep their
    order; their numbers may have gaps where an empty row was left out)."""
    from plugins.bantuan.aturan_kolom import MAKS_SYARAT

    keluar = []
    for nomor, row in enumerate(baris):
        lama = row.get("i", nomor)
        pesan = {bagian: galat.get(f"syarat-{lama}-{bagian}", "") for bagian in ("kolom", "op", "nilai")}
        keluar.append({**row, "i": nomor, "galat": pesan})
    if len(keluar) < MAKS_SYARAT:
        keluar.append({"kolom": "", "op": "", "nilai": [], "i": len(keluar), "galat": {}})
    return keluar


async def halaman(request: Request, program: dict, baris: list[dict], *, hasil: dict | None = None,
                  galat: dict | None = None, pesan_galat: str = "", info: str = "", simpan_juga: bool = False,
                  status_code: int = 200) -> Template:
    from plugins.bantuan import aturan

    pilihan_program = {i: n for i, n in (await aturan.pilihan_program()).items() if i != program["id"]}
    return await page(request, "bantuan/admin/aturan.html", {
        "program": program, "kode": kode, "KOLOM": aturan.KOLOM, "baris": _nomori(baris, galat or {}),
        "pilihan_program": pilihan_program, "hasil": hasil, "galat": galat or {}, "pesan_galat": pesan_galat,
        "galat_umum": {k: v for k, v in (galat or {}).items() if not k.startswith("syarat-") and k != "simpan_juga"},
        "info": info, "simpan_juga": simpan_juga, "satuan": kode.SATUAN.get(program["sasaran"], "")}, status_code)


@get(f"{BASE}/{{program_id:int}}/aturan", opt=requires(KELOLA, sample=f"{BASE}/{CONTOH_PROGRAM}/aturan"),
     include_in_schema=False)
async def editor(request: Request, program_id: FromPath[Id]) -> Template:
    program = await program_atau_404(program_id)
    baris = [{**b, "i": i} for i, b in enumerate(baris_tersimpan(program["aturan"]))]
    return await halaman(request, program, baris)


def _hasil(calon: list, cocok: int, semua: int, aturan) -> dict:
    """What "Periksa" shows: the count, whether it is nobody or everybody, the first candidates."""
    return {"cocok": cocok, "semua": semua, "calon": calon, "kosong": aturan.kosong,
            "ekstrem": not aturan.kosong and (cocok == 0 or cocok == semua)}


@post(f"{BASE}/{{program_id:int}}/aturan", opt=requires(KELOLA), include_in_schema=False)
async def kirim(request: Request, program_id: FromPath[Id]) -> Template | Redirect:
    from plugins.bantuan import aturan, program as layanan

    program = await program_atau_404(program_id)
    pasangan = tanpa_baris_dihapus(await pasangan_form(request))
    isian = dict(pasangan)
    simpan = isian.get("aksi") == "simpan"
    simpan_juga = isian.get("simpan_juga") == "1"
    baris, baru = baris_form(pasangan)
    if program["sasaran"] == "kelompok":
        return await halaman(request, program, [], pesan_galat="Program untuk kelompok tidak memakai aturan.",
                             status_code=400)
    if baru:
        label = ", ".join(aturan.KOLOM[b["kolom"]].label.lower() for b in baris
                          if b["i"] in baru and b["kolom"] in aturan.KOLOM)
        return await halaman(request, program, baris, info=f"Lengkapi syarat {label}, lalu tekan Periksa.",
                             status_code=400 if simpan else 200)
    try:
        dibaca = await aturan.lengkapi(aturan.dari_form(pasangan))
        calon, cocok, semua = await aturan.pratinjau(dibaca, program["sasaran"], hari_ini=today(request),
                                                     batas=CONTOH_CALON)
    except aturan.AturanError as e:
        return await halaman(request, program, baris, galat=e.galat, pesan_galat=str(e), status_code=400)
    hasil = _hasil(calon, cocok, semua, dibaca)
    if not simpan:
        return await halaman(request, program, baris, hasil=hasil, simpan_juga=simpan_juga)
    if hasil["ekstrem"] and not simpan_juga:
        return await halaman(request, program, baris, hasil=hasil, pesan_galat="Aturan belum disimpan.",
                             galat={"simpan_juga": _pesan_ekstrem(program, cocok)}, status_code=400)
    try:
        await layanan.simpan_aturan(request, program_id, dibaca)
    except BantuanError as e:
        return await halaman(request, program, baris, hasil=hasil, galat=e.galat, pesan_galat=str(e),
                             status_code=400)
    satuan = kode.SATUAN.get(program["sasaran"], "")
    flash(request, "Aturan dihapus: calon penerima program ini hanya ditambah petugas." if dibaca.kosong
          else f"Aturan tersimpan: cocok dengan {_angka(cocok)} dari {_angka(semua)} {satuan}.")
    return Redirect(f"{BASE}/{program_id}")


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _pesan_ekstrem(program: dict, cocok: int) -> str:
    satuan = kode.SATUAN.get(program["sasaran"], "")
    return (f"Aturan ini cocok dengan {'tidak satu pun' if cocok == 0 else 'semua'} {satuan}. Bila memang itu "
            "maksudnya, centang Simpan juga lalu simpan lagi.")


ROUTES: list = [editor, kirim]
