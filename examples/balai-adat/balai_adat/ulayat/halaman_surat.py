"""Issuing a Surat Keterangan Tanah Ulayat from a parcel's page, through surat's contract (prepare, create).

The operator names the applicant by NIK, the purpose and the signing official; the land's facts are filled in
from the register. surat numbers, signs and archives the letter; its page is where the operator lands.
"""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, register, requires
from plugin_sdk.dokumen import DocumentError, TemplateProblem, signatories

from plugins.surat import api as surat

from balai_adat.ulayat import surat_ulayat
from balai_adat.ulayat.halaman_tanah import Form, ada_tanah

BUAT = "surat.buat"  # surat's own permission to make and issue letters


async def _form(request: Request, tanah: dict, isian: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "adat/ulayat_surat.html", {
        "t": tanah, "isian": isian, "galat": galat, "penanda": await signatories(),
        "jenis": await surat.letter_type(surat_ulayat.KODE)}, status)


@get("/admin/adat/ulayat/{tanah_id:int}/surat", opt=requires(BUAT, sample="/admin/adat/ulayat/1/surat"),
     include_in_schema=False)
async def formulir(request: Request, tanah_id: Id) -> Template:
    return await _form(request, await ada_tanah(tanah_id), {}, {})


@post("/admin/adat/ulayat/{tanah_id:int}/surat", opt=requires(BUAT), include_in_schema=False)
async def terbitkan(request: Request, tanah_id: Id, data: Form) -> Template | Redirect:
    tanah = await ada_tanah(tanah_id)
    nik = "".join(str(data.get("nik") or "").split())
    penduduk_id = await register.by_nik(nik) if nik else None
    if penduduk_id is None:
        galat = "Isi NIK pemohon." if not nik else f"Penduduk dengan NIK {nik} tidak ditemukan."
        return await _form(request, tanah, data, {"nik": galat}, 400)
    jenis = await surat_ulayat.pasang()
    if jenis is None:
        return await _form(request, tanah, data, {"umum": "Jenis surat ini dinonaktifkan di pengaturan Jenis surat."},
                           400)
    form = {"penduduk_id": str(penduduk_id), "keperluan": data.get("keperluan", ""),
            "penandatangan": data.get("penandatangan", ""), **await surat_ulayat.isian(tanah)}
    try:
        letter = await surat.create(request, jenis, await surat.prepare(request, jenis, form))
    except surat.FormErrors as exc:
        return await _form(request, tanah, data, exc.errors, 400)
    except (TemplateProblem, DocumentError) as exc:
        return await _form(request, tanah, data, {"umum": f"Surat belum dibuat: {exc}"}, 400)
    keadaan = "menunggu persetujuan" if letter["status"] == "menunggu" else "telah terbit"
    flash(request, f"{jenis['nama']} untuk {letter['nama']} {keadaan}.")
    return Redirect(f"/admin/surat/{letter['id']}")


ROUTES = [formulir, terbitkan]
