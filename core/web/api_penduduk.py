"""The register's JSON API, with the same permissions as the pages (session login, CSRF on writes)."""

from __future__ import annotations

import json
from datetime import date

import msgspec
from litestar import Controller, Request, get
from litestar.exceptions import NotFoundException

from core.audit.log import log_view
from core.penduduk import lingkup
from core.penduduk.cari import PER_PAGE, search
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RumahTangga, Wilayah
from core.web.params import Id, QueryId
from core.web.penduduk_pages import resident_filter

VIEW = {"permission": "penduduk.lihat"}


class WilayahOut(msgspec.Struct):
    id: int
    nama: str
    tingkat: int
    induk: int | None


class PendudukRingkas(msgspec.Struct):
    id: int
    nik: str
    nama: str
    jenis_kelamin: int
    tanggal_lahir: date
    hubungan: int
    status_dasar: int
    no_kk: str | None
    wilayah_nama: str | None


class Halaman(msgspec.Struct):
    data: list[PendudukRingkas]
    total: int
    halaman: int
    per_halaman: int


class PeristiwaOut(msgspec.Struct):
    id: int
    jenis: str
    tanggal_peristiwa: date
    tanggal_lapor: date
    wilayah_id: int | None
    rincian: dict
    dibatalkan: bool
    membatalkan: int | None
    pengguna: str


class RumahTanggaOut(msgspec.Struct):
    id: int
    nomor: str
    alamat: str
    keluarga: list[int]
    anggota: list[int]


class KeluargaOut(msgspec.Struct):
    id: int
    no_kk: str
    alamat: str
    wilayah: int | None
    anggota: list[PendudukRingkas]


def _entry(row: dict) -> PeristiwaOut:
    return PeristiwaOut(**{**{k: row[k] for k in PeristiwaOut.__struct_fields__}, "rincian": json.loads(row["rincian"])})


class PendudukApi(Controller):
    path = "/api/v1"
    tags = ["penduduk"]
    opt = VIEW

    @get("/wilayah", opt={"bukan_halaman": "API JSON"}, summary="Daftar wilayah (dusun/jorong, RW, RT)")
    async def wilayah(self) -> list[WilayahOut]:
        rows = await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.tingkat, Wilayah.induk).order_by(Wilayah.id).run()
        return [WilayahOut(**r) for r in rows]

    @get("/penduduk",
         opt={"bukan_halaman": "API JSON"}, summary="Cari penduduk (parameter sama dengan halaman daftar penduduk)")
    async def residents(self, request: Request) -> Halaman:
        f = resident_filter(request)
        rows, total = await search(f)
        log_view(request, "daftar_penduduk", f.hal, {**dict(request.query_params), "lewat": "api"})
        return Halaman(data=[PendudukRingkas(**{k: r[k] for k in PendudukRingkas.__struct_fields__}) for r in rows],
                       total=total, halaman=f.hal, per_halaman=PER_PAGE)

    @get("/penduduk/{penduduk_id:int}",
         opt={"bukan_halaman": "API JSON"}, summary="Data lengkap satu penduduk (setiap akses dicatat)")
    async def resident(self, request: Request, penduduk_id: Id) -> dict:
        row = await lingkup.narrow(Penduduk.select().where(Penduduk.id == penduduk_id)).first().run()
        if row is None:  # also outside the user's scope
            raise NotFoundException()
        log_view(request, "penduduk", penduduk_id, {"lewat": "api"})
        row.pop("nama_cari", None)
        return row

    @get("/penduduk/{penduduk_id:int}/peristiwa",
         opt={"bukan_halaman": "API JSON"}, summary="Jurnal peristiwa satu penduduk")
    async def journal(self, request: Request, penduduk_id: Id) -> list[PeristiwaOut]:
        rows = await Peristiwa.select().where(Peristiwa.penduduk == penduduk_id).order_by(Peristiwa.id).run()
        if rows:
            log_view(request, "penduduk", penduduk_id, {"lewat": "api", "bagian": "peristiwa"})
        return [_entry(r) for r in rows]

    @get("/keluarga/{keluarga_id:int}", opt={"bukan_halaman": "API JSON"}, summary="Satu kartu keluarga dan anggotanya")
    async def family(self, request: Request, keluarga_id: Id) -> KeluargaOut:
        family = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
        if family is None:
            raise NotFoundException()
        log_view(request, "keluarga", keluarga_id, {"lewat": "api"})
        members = await Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.jenis_kelamin,
                                        Penduduk.tanggal_lahir, Penduduk.hubungan, Penduduk.status_dasar).where(
            Penduduk.keluarga == keluarga_id).order_by(Penduduk.hubungan).run()
        return KeluargaOut(id=family["id"], no_kk=family["no_kk"], alamat=family["alamat"], wilayah=family["wilayah"],
                           anggota=[PendudukRingkas(**m, no_kk=family["no_kk"], wilayah_nama=None) for m in members])


    @get("/rumah-tangga/{household_id:int}",
         opt={"bukan_halaman": "API JSON"}, summary="Satu rumah tangga: keluarga dan anggotanya")
    async def household(self, household_id: Id) -> RumahTanggaOut:
        row = await RumahTangga.select().where(RumahTangga.id == household_id).first().run()
        if row is None:
            raise NotFoundException()
        families = await Keluarga.select(Keluarga.id).where(Keluarga.rumah_tangga == household_id).run()
        members = await Penduduk.select(Penduduk.id).where(Penduduk.rumah_tangga == household_id).run()
        return RumahTanggaOut(id=row["id"], nomor=row["nomor"], alamat=row["alamat"],
                              keluarga=[f["id"] for f in families], anggota=[m["id"] for m in members])

    @get("/peristiwa",
         opt={"bukan_halaman": "API JSON"}, summary="Jurnal seluruh nagari, urut nomor (untuk sinkronisasi dan laporan)")
    async def all_entries(self, request: Request, setelah: QueryId = 0, batas: QueryId = 500) -> list[PeristiwaOut]:
        """Entries with id greater than `setelah`, at most `batas` (max 2,000): page through with the last id."""
        log_view(request, "jurnal", setelah, {"batas": batas, "lewat": "api"})
        query = Peristiwa.select().where(Peristiwa.id > setelah)
        if (scope := lingkup.current()) is not None:  # a scoped user reads the entries of their own residents
            query = query.where(Peristiwa.penduduk.wilayah.is_in(sorted(scope.ids) or [0]))
        rows = await query.order_by(Peristiwa.id).limit(max(1, min(batas, 2000))).run()
        return [_entry(r) for r in rows]


ROUTES = [PendudukApi]
