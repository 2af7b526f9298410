"""Marriage and divorce through the write API: core.penduduk.perkawinan, as the office's forms call it.

The spouse is named by id or by NIK; either must be a resident the caller may see (a scoped token or user finds
nobody outside its jorong, as the form's NIK box does). Messages come back under the API's own field names.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, post
from litestar.params import JSONBody
from msgspec import Meta

from core.penduduk import lingkup
from core.penduduk.formulir import FormErrors
from core.penduduk.nik import clean_number
from core.penduduk.perkawinan import record_divorce, record_marriage, spouses
from core.penduduk.tables import Penduduk
from core.web.api_peristiwa import COMMON, EDIT, EXCEPTIONS, RESPONSES, TAGS, Invalid, _announce
from core.web.api_peristiwa_skema import STRICT, HasilPeristiwa, IdRef, Tanggal
from core.web.params import Id
from core.web.penduduk_pages import _resident

Siapa = Literal["ini", "pasangan"]  # this resident (the one in the path) or the spouse
Akta = Annotated[str, Meta(max_length=100)]
TanggalOpsional = Annotated[date | None, Meta(description="TTTT-BB-HH, atau kosong")]
Keluarga = Literal["tetap", "baru", "gabung"]


class Perkawinan(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    pasangan_id: Annotated[IdRef | None, Meta(description="Pasangan (nomor penduduk); atau isi pasangan_nik")] = None
    pasangan_nik: Annotated[str, Meta(max_length=32, description="NIK pasangan; atau isi pasangan_id")] = ""
    no_akta: Annotated[Akta, Meta(description="Nomor akta perkawinan/buku nikah (kosong: belum tercatat)")] = ""
    tanggal_akta: TanggalOpsional = None
    tanggal_lapor: TanggalOpsional = None
    keluarga: Annotated[Keluarga, Meta(description=(
        "Perubahan KK: tetap, baru (KK baru dengan kepala `kepala`), gabung (`ikut` masuk KK pasangannya)"))] = "tetap"
    kepala: Siapa | None = None
    ikut: Siapa | None = None
    no_kk: Annotated[str, Meta(max_length=32, description="Nomor KK baru (atau kk_sementara)")] = ""
    kk_sementara: bool = False
    izin_poligami: Annotated[bool, Meta(description="Suami masih terikat perkawinan dan punya izin pengadilan")] = False
    no_izin: Akta = ""


class Perceraian(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    pasangan_id: Annotated[IdRef | None, Meta(description="Pasangan; kosong: pasangan yang tercatat")] = None
    pasangan_nik: Annotated[str, Meta(max_length=32)] = ""
    no_akta: Annotated[Akta, Meta(description="Nomor akta cerai (wajib untuk perkawinan tercatat)")] = ""
    tanggal_akta: TanggalOpsional = None
    tanggal_lapor: TanggalOpsional = None
    keluarga: Annotated[Keluarga, Meta(description=(
        "Perubahan KK: tetap, baru (`keluar` membuat KK baru), gabung (`keluar` masuk keluarga_id sebagai "
        "`hubungan`)"))] = "tetap"
    keluar: Siapa | None = None
    keluarga_id: IdRef | None = None
    hubungan: Annotated[int, Meta(ge=1, le=99, description="Hubungan dalam keluarga tujuan")] | None = None
    no_kk: Annotated[str, Meta(max_length=32)] = ""
    kk_sementara: bool = False


async def _spouse(data, required: bool) -> tuple[int | None, str]:
    """The spouse's id (or None when not named and not required) and the field that named it."""
    if data.pasangan_id is not None and data.pasangan_nik:
        raise Invalid({"pasangan_id": "Isi salah satu: pasangan_id atau pasangan_nik."})
    if data.pasangan_nik:
        row = await lingkup.narrow(Penduduk.select(Penduduk.id).where(
            Penduduk.nik == clean_number(data.pasangan_nik))).first().run()
        if row is None:
            raise Invalid({"pasangan_nik": "Tidak ada penduduk dengan NIK itu."})
        return row["id"], "pasangan_nik"
    if data.pasangan_id is None:
        if required:
            raise Invalid({"pasangan_id": "Isi pasangan_id atau pasangan_nik."})
        return None, "pasangan_id"
    if not await lingkup.resident_visible(data.pasangan_id):  # outside the scope: as if there were nobody
        raise Invalid({"pasangan_id": "Pasangan tidak ditemukan di register."})
    return data.pasangan_id, "pasangan_id"


def _who(choice: str | None, penduduk_id: int, pasangan_id: int | None) -> int | None:
    return {"ini": penduduk_id, "pasangan": pasangan_id}.get(choice or "")


def _refused(exc: FormErrors, field: str) -> Invalid:
    return Invalid({field if k == "pasangan" else k: v for k, v in exc.errors.items()})


async def _answer(request: Request, penduduk_id: int, jenis: str, entries: list[int]) -> HasilPeristiwa:
    return HasilPeristiwa(penduduk_id=penduduk_id, peristiwa_id=entries[0] if entries else None, jenis=jenis,
                          semua_peristiwa=entries, saran=await _announce(request, penduduk_id))


class PerkawinanApi(Controller):
    path = "/api/v1"
    tags = TAGS
    exception_handlers = EXCEPTIONS

    @post("/penduduk/{penduduk_id:int}/perkawinan", opt=EDIT, responses=RESPONSES, summary="Catat perkawinan",
          description=("Mencatat perkawinan dua penduduk yang hidup (seorang laki-laki dan seorang perempuan): "
                       "status kawin keduanya, satu catatan jurnal per orang, dan perubahan KK yang dipilih. "
                       f"{COMMON}"))
    async def marriage(self, request: Request, penduduk_id: Id, data: JSONBody[Perkawinan]) -> HasilPeristiwa:
        await _resident(penduduk_id)  # 404: nobody, or outside the caller's scope
        pasangan_id, field = await _spouse(data, required=True)
        try:
            entries = await record_marriage(
                penduduk_id, pasangan_id, data.tanggal_peristiwa, no_akta=data.no_akta,
                tanggal_akta=data.tanggal_akta, tanggal_lapor=data.tanggal_lapor, keluarga=data.keluarga,
                kepala=_who(data.kepala, penduduk_id, pasangan_id), ikut=_who(data.ikut, penduduk_id, pasangan_id),
                no_kk=data.no_kk, kk_sementara=data.kk_sementara, izin_poligami=data.izin_poligami,
                no_izin=data.no_izin, actor=request.state.user, connection=request)
        except FormErrors as exc:
            raise _refused(exc, field) from None
        return await _answer(request, penduduk_id, "perkawinan", entries)

    @post("/penduduk/{penduduk_id:int}/perceraian", opt=EDIT, responses=RESPONSES, summary="Catat perceraian",
          description=("Mencatat perceraian (cerai hidup): status kawin keduanya, satu catatan jurnal per orang, "
                       "dan perubahan KK yang dipilih. Tanpa pasangan: pasangan yang tercatat di register. "
                       f"{COMMON}"))
    async def divorce(self, request: Request, penduduk_id: Id, data: JSONBody[Perceraian]) -> HasilPeristiwa:
        await _resident(penduduk_id)
        pasangan_id, field = await _spouse(data, required=False)
        if data.keluarga_id is not None and not await lingkup.family_visible(data.keluarga_id):
            raise Invalid({"keluarga_id": "Keluarga itu tidak ada di wilayah Anda."})
        if pasangan_id is None and len(known := await spouses(penduduk_id)) == 1:
            other = known[0]["id"]  # the form's choice: "keluar: pasangan" means the one spouse on record
        else:
            other = pasangan_id
        try:
            entries = await record_divorce(
                penduduk_id, pasangan_id, data.tanggal_peristiwa, no_akta=data.no_akta,
                tanggal_akta=data.tanggal_akta, tanggal_lapor=data.tanggal_lapor, keluarga=data.keluarga,
                keluar=_who(data.keluar, penduduk_id, other), keluarga_id=data.keluarga_id, hubungan=data.hubungan,
                no_kk=data.no_kk, kk_sementara=data.kk_sementara, actor=request.state.user, connection=request)
        except FormErrors as exc:
            raise _refused(exc, field) from None
        return await _answer(request, penduduk_id, "perceraian", entries)


ROUTES = [PerkawinanApi]
