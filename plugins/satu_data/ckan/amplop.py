"""CKAN's answer envelope and its errors, as CKAN's action API (ckan/views/api.py) gives them.

Success: 200 ``{"help", "success": true, "result"}``. Failure: the envelope with ``"success": false`` and an
``error`` whose ``__type`` a client dispatches on: "Not Found Error" (404) or "Validation Error" (409, with the
field errors beside ``__type``). An unknown action or a body that is not JSON is CKAN's bare 400, a JSON string.
``__type`` values are CKAN's fixed English names; messages are in Bahasa Indonesia, as a CKAN whose
``ckan.locale_default`` is ``id`` (what status_show reports) answers them.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote

import msgspec
from litestar.response import Response

JSON = "application/json;charset=utf-8"


class GalatCkan(Exception):
    """An action that cannot answer; `isi()` is the envelope's ``error``."""

    status = 400
    jenis = ""

    def isi(self) -> dict:
        raise NotImplementedError


class TidakDitemukan(GalatCkan):
    status = 404
    jenis = "Not Found Error"

    def __init__(self, rincian: str = "") -> None:
        super().__init__(rincian)
        self.rincian = rincian

    def isi(self) -> dict:
        pesan = "Tidak ditemukan" + (f": {self.rincian}" if self.rincian else "")
        return {"__type": self.jenis, "message": pesan}


class Validasi(GalatCkan):
    """Bad input: ``{field: [messages]}``, as CKAN's ValidationError."""

    status = 409
    jenis = "Validation Error"

    def __init__(self, salah: dict[str, list[str]]) -> None:
        super().__init__(salah)
        self.salah = salah

    def isi(self) -> dict:
        return {"__type": self.jenis, **self.salah}


def validasi(kunci: str, pesan: str) -> Validasi:
    return Validasi({kunci: [pesan]})


class PermintaanSalah(Exception):
    """CKAN's bare 400 (the body is not JSON, or not an object): no envelope, a JSON string."""


def bantuan(base: str, aksi: str) -> str:
    """The envelope's ``help``: the action's help_show URL (always API version 3, as CKAN writes it)."""
    return f"{base}/api/3/action/help_show?name={quote(aksi, safe='')}"


def _json(isi, status: int) -> Response:
    return Response(msgspec.json.encode(isi), status_code=status, media_type=JSON)


def berhasil(base: str, aksi: str, hasil) -> Response:
    return _json({"help": bantuan(base, aksi), "success": True, "result": hasil}, 200)


def gagal(base: str, aksi: str, galat: GalatCkan) -> Response:
    return _json({"help": bantuan(base, aksi), "success": False, "error": galat.isi()}, galat.status)


def permintaan_salah(pesan: str) -> Response:
    return _json(f"Permintaan tidak sah - {pesan}", 400)


def aksi_tidak_dikenal(aksi: str) -> Response:
    return permintaan_salah(f"Nama aksi tidak dikenal: {aksi[:100]}")


def waktu(saat: datetime | None) -> str | None:
    """CKAN's timestamp: UTC without a zone, always with microseconds (``2026-11-30T19:00:00.123456``), so two
    of them compare as strings the way the harvester compares metadata_modified."""
    if saat is None:
        return None
    saat = saat.replace(tzinfo=timezone.utc) if saat.tzinfo is None else saat.astimezone(timezone.utc)
    return saat.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%f")
