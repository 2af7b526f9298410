"""The write API for the journal: births, arrivals, deaths, moves, corrections, as JSON.

Each endpoint calls the functions the office's forms call (core.penduduk.pendaftaran/jurnal, clean_resident,
the plugins' extra fields), so the checks, the journal entry and the audit entry are the same; each runs in one
write transaction. The permission is the form's (penduduk.ubah) and so is the scope: a resident outside it is a
404, a family or place outside it a message. Callers: an API token (Authorization: Bearer) or a staff session
(with the CSRF header, as for any form). A refused input is a 422 with ``{"galat": {field: message}}``.
"""

from __future__ import annotations

import json
import re
from datetime import date

import msgspec
from litestar import Controller, MediaType, Request, Response, post
from litestar.exceptions import ClientException, SerializationException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody

from core.db.transaction import write_transaction
from core.penduduk import lingkup
from core.penduduk.formulir import EDITABLE, FormErrors, clean_resident
from core.penduduk.jurnal import correct, move_within, record_leaving
from core.penduduk.pendaftaran import register
from core.penduduk.tables import Peristiwa, Wilayah
from core.penduduk.tambahan import column, declared, load, text
from core.plugin_host.types import MenuItem
from core.web import errors
from core.web.access import enabled_plugins
from core.web.api_peristiwa_skema import (GalatIsian, HasilPeristiwa, Hilang, Kematian, Koreksi, PendudukBaru,
                                          Pergi, PindahKeluar, PindahWilayah, Saran)
from core.web.params import Id
from core.web.penduduk_pages import _outside_scope, _resident
from core.web.penduduk_tambahan import read_form
from core.web.peristiwa_pages import DETAILS

EDIT = {"permission": "penduduk.ubah", "bukan_halaman": "API JSON"}
INVALID = "Isian tidak sah; tidak ada yang disimpan. Lihat pesan per isian di 'galat'."
RESPONSES = {422: ResponseSpec(data_container=GalatIsian, description="Isian tidak sah: pesan per isian, tidak ada "
                                                                      "yang disimpan")}
RESIDENT_FIELDS = [f for f in PendudukBaru.__struct_fields__ if f not in (
    "jenis", "tanggal_peristiwa", "keluarga_id", "keluarga_baru", "tambahan")]
# The forms' field names for a family and a place, as the API's body names them.
FAMILY_KEYS = {"no_kk": "keluarga_baru.no_kk", "wilayah": "keluarga_baru.wilayah_id"}


class Invalid(Exception):
    def __init__(self, galat: dict[str, str]):
        super().__init__(INVALID)
        self.galat = galat


def _refused(galat: dict[str, str]) -> Response:
    return Response(GalatIsian(detail=INVALID, galat=galat), status_code=422, media_type=MediaType.JSON)


def _plain(message: str) -> str:
    """msgspec's English message for a body that failed its type, in Bahasa Indonesia."""
    if "missing required field" in message:
        return "Wajib diisi."
    if "unknown field" in message:
        return "Isian tidak dikenal."
    if match := re.search(r"of length <= (\d+)", message):
        return f"Paling panjang {match.group(1)} karakter."
    if "enum value" in message:
        return "Pilihan tidak dikenal."
    if "date" in message:
        return "Tanggal harus ditulis TTTT-BB-HH."
    if match := re.search(r"Expected `(\w+)`", message):
        return {"int": "Harus bilangan bulat yang sah.", "str": "Harus teks.", "bool": "Harus true atau false.",
                "object": "Harus objek JSON."}.get(match.group(1), "Bentuk isian salah.")
    return "Isian tidak sah."


def invalid_body(request: Request, exc: ClientException) -> Response:
    """A body that does not decode into the model: 422 with a message per field. Anything else as usual."""
    if isinstance(exc, ValidationException) and not errors._path_problem(exc):
        galat = {}
        for item in exc.extra if isinstance(exc.extra, list) else []:
            message = str(item.get("message", "")) if isinstance(item, dict) else ""
            key = str(item.get("key", "")) if isinstance(item, dict) else ""
            if named := re.search(r"field `([^`]+)`", message):  # msgspec names a missing or unknown field here
                key = f"{key}.{named.group(1)}" if key and key != "data" else named.group(1)
            galat[key if key and key != "data" else "umum"] = _plain(message)
        return _refused(galat or {"umum": "Isian tidak sah."})
    if type(exc) is ClientException and isinstance(exc.__cause__, SerializationException):
        return _refused({"umum": "Badan permintaan harus JSON yang sah (Content-Type: application/json)."})
    return errors.http_error(request, exc)


def _form(value) -> str:
    """A value as the office's form would submit it."""
    if value is None or value is msgspec.UNSET:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _prefixed(galat: dict[str, str], keys: dict[str, str]) -> dict[str, str]:
    return {keys.get(k, k): v for k, v in galat.items()}


async def _extra_fields(request: Request, given: dict[str, str], penduduk_id: int | None):
    """The plugins' extra fields through the form's own reader; on a correction, what is not given stays."""
    sections = declared(request.app.state.balai, await enabled_plugins(request))
    known = {column(plugin, f) for plugin, section in sections for f in section.fields}
    unknown = {f"tambahan.{k}": "Isian tambahan tidak dikenal." for k in given if k not in known}
    form = {}
    if penduduk_id is not None:
        for plugin, section in sections:
            stored = (await load(plugin, section, [penduduk_id])).get(penduduk_id, {})
            form.update({column(plugin, f): text(stored.get(f)) for f in section.fields})
    pending, problems = await read_form(request, {**form, **given})
    return pending, {**unknown, **{f"tambahan.{k}": v for k, v in problems.items()}}


async def _family(data: PendudukBaru) -> tuple[dict, dict[str, str]]:
    """The family as the form's `register` takes it: an existing card, or a new one (with its place checked)."""
    if data.keluarga_id is not None and data.keluarga_baru is not None:
        return {}, {"keluarga_id": "Isi salah satu: keluarga_id (keluarga yang ada) atau keluarga_baru (KK baru)."}
    if data.keluarga_id is not None:
        return {"keluarga_id": data.keluarga_id}, {}
    if (new := data.keluarga_baru) is None:
        return {}, {"keluarga_id": "Isi keluarga_id (keluarga yang ada) atau keluarga_baru (KK baru)."}
    family = {"no_kk": new.no_kk, "wilayah_id": new.wilayah_id, "alamat": new.alamat, "kk_sementara": new.kk_sementara}
    if new.wilayah_id is not None and not await Wilayah.exists().where(Wilayah.id == new.wilayah_id).run():
        return family, {"keluarga_baru.wilayah_id": "Wilayah tidak dikenal."}  # the form would fail on the key
    return family, {}


async def _last_entry(penduduk_id: int) -> dict | None:
    return await Peristiwa.select(Peristiwa.id, Peristiwa.jenis).where(Peristiwa.penduduk == penduduk_id).order_by(
        Peristiwa.id, ascending=False).first().run()


async def _announce(request: Request, penduduk_id: int) -> list[Saran]:
    """Tell enabled plugins about the entry just recorded (as the forms do); their suggestions go in the answer."""
    entry = await Peristiwa.select().where(Peristiwa.penduduk == penduduk_id).order_by(
        Peristiwa.id, ascending=False).first().run()
    if entry is None:
        return []
    entry["rincian"] = json.loads(entry["rincian"])
    pairs = await request.app.state.balai.host.acollect("balai_peristiwa", only=await enabled_plugins(request),
                                                        request=request, peristiwa=entry)
    return [Saran(label=item.label, url=item.url) for _, item in pairs if isinstance(item, MenuItem)]


async def _leaving(request: Request, penduduk_id: int, jenis: str, data) -> HasilPeristiwa:
    await _resident(penduduk_id)  # no such resident: 404, as outside the caller's scope
    rincian = {key: getattr(data, key).strip() for _, key, _ in DETAILS[jenis] if getattr(data, key).strip()}
    try:
        entry = await record_leaving(penduduk_id, jenis, data.tanggal_peristiwa, rincian, actor=request.state.user,
                                     connection=request)
    except FormErrors as exc:
        raise Invalid(exc.errors) from None
    return HasilPeristiwa(penduduk_id=penduduk_id, peristiwa_id=entry, jenis=jenis,
                          saran=await _announce(request, penduduk_id))


DESCRIBE = {
    "mati": "Mencatat kematian: status penduduk menjadi Mati, data tetap tersimpan.",
    "pindah_keluar": "Mencatat pindah keluar nagari: status menjadi Pindah (bisa kembali lewat pindah_masuk).",
    "pergi": "Mencatat penduduk yang pergi (status Pergi).",
    "hilang": "Mencatat penduduk yang hilang (status Hilang).",
}
COMMON = ("Sama dengan formulir di kantor: pemeriksaan, catatan jurnal dan log audit yang sama, dalam satu "
          "transaksi. Izin penduduk.ubah; penduduk di luar lingkup wilayah token atau pengguna: 404.")


def _event(path: str, jenis: str, summary: str):
    return post(path, opt=EDIT, summary=summary, description=f"{DESCRIBE[jenis]} {COMMON}", responses=RESPONSES)


TAGS = ["peristiwa"]
EXCEPTIONS = {ClientException: invalid_body, Invalid: lambda request, exc: _refused(exc.galat)}


# A function, not a method of the controller below: Litestar 2.25 refuses a second controller on a path another
# controller (the read API's GET /api/v1/penduduk) already holds ("Handler already registered ... OPTIONS").
@post("/api/v1/penduduk", opt=EDIT, tags=TAGS, exception_handlers=EXCEPTIONS, responses=RESPONSES,
      summary="Catat penduduk baru: lahir, pindah masuk atau pendataan awal", description=(
          "Memasukkan satu orang ke register, ke keluarga yang ada (keluarga_id) atau ke KK baru "
          f"(keluarga_baru). Pindah masuk dengan NIK yang pernah pindah atau pergi mengaktifkan data lamanya. "
          f"{COMMON}"))
async def register_resident(request: Request, data: JSONBody[PendudukBaru]) -> HasilPeristiwa:
    form = {f: _form(getattr(data, f)) for f in RESIDENT_FIELDS}
    if data.jenis == "lahir" and not form["tanggal_lahir"]:
        form["tanggal_lahir"] = data.tanggal_peristiwa.isoformat()
    galat: dict[str, str] = {}
    clean, warnings = {}, []
    try:
        clean, warnings = clean_resident(form)
    except FormErrors as exc:
        galat.update(exc.errors)
    family, problems = await _family(data)
    galat.update(problems)
    if not galat:
        galat.update(_prefixed(await _outside_scope(family), FAMILY_KEYS))
    pending, extra = await _extra_fields(request, data.tambahan, None)
    galat.update(extra)
    if not galat:
        try:
            async with write_transaction():  # the resident and the plugins' fields: both saved, or neither
                pid = await register(clean, data.jenis, data.tanggal_peristiwa, family, actor=request.state.user,
                                     connection=request, nik_sementara=data.nik_sementara and not clean.get("nik"))
                await pending.save(request, pid, new=True)
                entry = await _last_entry(pid)
        except FormErrors as exc:
            galat.update(_prefixed(exc.errors, FAMILY_KEYS if "keluarga_id" not in family else {}))
    if galat:
        raise Invalid(galat)
    return HasilPeristiwa(penduduk_id=pid, peristiwa_id=entry["id"], jenis=data.jenis, peringatan=warnings,
                          saran=await _announce(request, pid))


class PeristiwaApi(Controller):
    path = "/api/v1"
    tags = TAGS
    exception_handlers = EXCEPTIONS

    @_event("/penduduk/{penduduk_id:int}/mati", "mati", "Catat kematian")
    async def death(self, request: Request, penduduk_id: Id, data: JSONBody[Kematian]) -> HasilPeristiwa:
        return await _leaving(request, penduduk_id, "mati", data)

    @_event("/penduduk/{penduduk_id:int}/pindah-keluar", "pindah_keluar", "Catat pindah keluar")
    async def moved_out(self, request: Request, penduduk_id: Id, data: JSONBody[PindahKeluar]) -> HasilPeristiwa:
        return await _leaving(request, penduduk_id, "pindah_keluar", data)

    @_event("/penduduk/{penduduk_id:int}/pergi", "pergi", "Catat penduduk pergi")
    async def gone(self, request: Request, penduduk_id: Id, data: JSONBody[Pergi]) -> HasilPeristiwa:
        return await _leaving(request, penduduk_id, "pergi", data)

    @_event("/penduduk/{penduduk_id:int}/hilang", "hilang", "Catat penduduk hilang")
    async def missing(self, request: Request, penduduk_id: Id, data: JSONBody[Hilang]) -> HasilPeristiwa:
        return await _leaving(request, penduduk_id, "hilang", data)

    @post("/penduduk/{penduduk_id:int}/pindah-wilayah", opt=EDIT, responses=RESPONSES,
          summary="Catat pindah dalam nagari (ke jorong/RW/RT lain)",
          description=("Memindahkan penduduk ke wilayah lain di nagari ini; tujuan harus di lingkup pemanggil. "
                       f"{COMMON}"))
    async def move(self, request: Request, penduduk_id: Id, data: JSONBody[PindahWilayah]) -> HasilPeristiwa:
        await _resident(penduduk_id)
        if not await Wilayah.exists().where(Wilayah.id == data.wilayah_id).run():
            raise Invalid({"wilayah_id": "Wilayah tidak dikenal."})
        if not lingkup.wilayah_visible(data.wilayah_id):
            raise Invalid({"wilayah_id": "Pilih wilayah di lingkup Anda."})
        try:
            entry = await move_within(penduduk_id, data.wilayah_id, data.tanggal_peristiwa,
                                      actor=request.state.user, connection=request)
        except FormErrors as exc:
            raise Invalid(_prefixed(exc.errors, {"wilayah": "wilayah_id"})) from None
        return HasilPeristiwa(penduduk_id=penduduk_id, peristiwa_id=entry, jenis="pindah_dalam_nagari",
                              saran=await _announce(request, penduduk_id))

    @post("/penduduk/{penduduk_id:int}/koreksi", opt=EDIT, responses=RESPONSES, status_code=200,
          summary="Koreksi data penduduk",
          description=("Mengoreksi isian yang salah; isian yang tidak dikirim tetap, null mengosongkan isian pilihan. "
                       f"Jurnal mencatat nilai lama dan baru. Tanpa perubahan: peristiwa_id null. {COMMON}"))
    async def correction(self, request: Request, penduduk_id: Id, data: JSONBody[Koreksi]) -> HasilPeristiwa:
        resident = await _resident(penduduk_id)  # 404 outside the caller's scope
        form = {k: _form(resident[k]) for k in EDITABLE}
        form.update({k: _form(v) for k in EDITABLE if (v := getattr(data, k, msgspec.UNSET)) is not msgspec.UNSET})
        form["hubungan"] = str(resident["hubungan"])  # family position changes through perubahan KK
        pending, extra = await _extra_fields(request, data.tambahan, penduduk_id)
        try:
            clean, warnings = clean_resident(form)
            if extra:
                raise FormErrors(extra)
            async with write_transaction():  # the resident and the plugins' fields: both saved, or neither
                changed = await correct(penduduk_id, clean, actor=request.state.user, connection=request,
                                        alasan=data.alasan.strip())
                await pending.save(request, penduduk_id, new=False)
                entry = await _last_entry(penduduk_id) if changed else None
        except FormErrors as exc:
            raise Invalid({**extra, **exc.errors}) from None
        return HasilPeristiwa(penduduk_id=penduduk_id, peristiwa_id=entry["id"] if entry else None, jenis="koreksi",
                              peringatan=warnings, diubah={k: list(v) for k, v in changed.items()},
                              saran=await _announce(request, penduduk_id) if changed else [])


ROUTES = [register_resident, PeristiwaApi]
