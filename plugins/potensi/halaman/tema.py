"""One theme's form of a year: per indicator its figure with unit, source and note (a grid row per jorong for a
jorong indicator), its definition as help, and last year's figure beside the input so the clerk sees the change.

The checks are layanan's (`simpan_tema` checks every field before it writes any): this page keeps what was typed
and puts each message next to its field."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import flash, page, requires

from plugins.potensi import layanan
from plugins.potensi.halaman.umum import (BASE, CONTOH_TAHUN, TEMA, Form, angka_isian, boleh_kelola, cek_tema,
                                          daftar_jorong, hari_ini, nama_field, tahun_ditolak)
from plugins.potensi.indikator import NAGARI, semua_indikator, tampil
from plugins.potensi.plugin import KELOLA, LIHAT

AWALAN = ("n:", "s:", "k:")


def _tersimpan(nilai: dict, indikator: list, jorong: list[dict]) -> dict[str, str]:
    """The stored figures of the theme as form fields."""
    isian: dict[str, str] = {}
    for ind in indikator:
        for j in ([0] if ind.lingkup == NAGARI else [x["id"] for x in jorong]):
            v = nilai.get((ind.kode, j))
            if v is not None:
                isian[nama_field("n", ind.kode, j)] = angka_isian(v.nilai)
                isian[nama_field("s", ind.kode, j)] = v.sumber
                isian[nama_field("k", ind.kode, j)] = v.keterangan
    return isian


def _baris(indikator: list, jorong: list[dict], isian: dict, lalu: dict, tahun: int) -> list[dict]:
    """Per indicator its rows (one for the nagari, or one per jorong), each with its three fields and last year's
    figure."""
    keluar = []
    for ind in indikator:
        tempat = [{"id": 0, "nama": ""}] if ind.lingkup == NAGARI else jorong
        baris = []
        for j in tempat:
            v = lalu.get((ind.kode, j["id"]))
            baris.append({"jorong": j["nama"], **{f: nama_field(f, ind.kode, j["id"]) for f in "nsk"},
                          "lalu": f"{tahun - 1}: {tampil(v.nilai, ind)}" if v is not None else ""})
        keluar.append({"ind": ind, "baris": baris})
    return keluar


async def _form(request: Request, tahun: int, tema: str, isian: dict | None = None, galat: dict | None = None,
                status_code: int = 200) -> Template:
    indikator = [i for i in await semua_indikator(request) if i.tema == tema]
    jorong = await daftar_jorong()
    if isian is None:
        isian = _tersimpan(await layanan.nilai_tahun(tahun), indikator, jorong)
    return await page(request, "potensi/admin/tema.html", {
        "tahun": tahun, "tema": tema, "tema_nama": TEMA[tema], "isian": isian, "galat": galat or {},
        "indikator": _baris(indikator, jorong, isian, await layanan.nilai_tahun(tahun - 1), tahun),
        "ada_jorong": bool(jorong), "kelola": await boleh_kelola(request),
        "kenal": {nama_field(f, i.kode, j) for i in indikator for f in "nsk"
                  for j in ([0] if i.lingkup == NAGARI else [x["id"] for x in jorong])}}, status_code)


@get(f"{BASE}/{{tahun:int}}/{{tema:str}}", opt=requires(LIHAT, sample=f"{BASE}/{CONTOH_TAHUN}/pangan"),
     include_in_schema=False)
async def tema_form(request: Request, tahun: FromPath[int], tema: FromPath[str]) -> Template | Redirect:
    if ditolak := tahun_ditolak(request, tahun):
        return ditolak
    return await _form(request, tahun, cek_tema(tema))


@post(f"{BASE}/{{tahun:int}}/{{tema:str}}", opt=requires(KELOLA), include_in_schema=False)
async def tema_simpan(request: Request, tahun: FromPath[int], tema: FromPath[str],
                      data: Form) -> Template | Redirect:
    if ditolak := tahun_ditolak(request, tahun):
        return ditolak
    cek_tema(tema)
    # only the figure fields, each cut far past its column so layanan can still say it is too long
    isian = {k: str(v)[:1000] for k, v in data.items() if k.startswith(AWALAN)}
    try:
        jumlah = await layanan.simpan_tema(request, tahun, tema, isian, hari_ini=hari_ini(request))
    except layanan.IsianError as e:
        return await _form(request, tahun, tema, isian, dict(e.galat) or {"umum": str(e)}, 400)
    flash(request, f"{jumlah} angka tersimpan." if jumlah else "Tidak ada angka yang berubah.",
          "sukses" if jumlah else "info")
    return Redirect(f"{BASE}/{tahun}")


ROUTES = [tema_form, tema_simpan]
