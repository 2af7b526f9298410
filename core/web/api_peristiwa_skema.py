"""Request and response models of the write API (core/web/api_peristiwa.py), as the OpenAPI schema shows them.

Fields carry the form's names, so the messages (``{field: message}``) name the same fields the office's forms do.
Lengths are the register's column sizes: a longer value is refused with a message, never cut or a server error.
Codes are the register's code lists (GET /api/docs shows them as integers; the office's form shows their labels).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from core.web.params import ID_MAX

STRICT = {"kw_only": True, "forbid_unknown_fields": True}  # a misspelt field is refused, not silently ignored


def _text(length: int, description: str):
    return Annotated[str, Meta(max_length=length, description=description)]


def _code(description: str):
    return Annotated[int, Meta(description=f"{description} (kode daftar Balai/SIAK)")]


IdRef = Annotated[int, Meta(ge=1, le=ID_MAX)]
Tanggal = Annotated[date, Meta(description="Tanggal peristiwa (TTTT-BB-HH), tidak boleh di masa depan")]
Keterangan = Annotated[str, Meta(max_length=500)]
Tambahan = Annotated[dict[str, Annotated[str, Meta(max_length=500)]], Meta(
    description="Isian tambahan dari plugin, dengan nama '<plugin>.<isian>' seperti di ekspor CSV Balai")]


class KeluargaBaru(msgspec.Struct, **STRICT):
    """Kartu keluarga baru untuk penduduk ini (ia menjadi kepala keluarga)."""

    no_kk: _text(32, "Nomor KK, 16 angka (kosongkan bila kk_sementara)") = ""
    kk_sementara: Annotated[bool, Meta(description="Buat nomor KK sementara (0 + kode wilayah + urutan)")] = False
    wilayah_id: Annotated[IdRef | None, Meta(description="Jorong/RW/RT tempat keluarga (GET /api/v1/wilayah)")] = None
    alamat: _text(200, "Alamat KK") = ""


class PendudukBaru(msgspec.Struct, **STRICT):
    """Penduduk yang masuk register: kelahiran, kedatangan (pindah masuk) atau pendataan awal."""

    jenis: Annotated[Literal["lahir", "pindah_masuk", "pendataan_awal"], Meta(
        description="lahir, pindah_masuk (NIK yang pernah pindah/pergi diaktifkan kembali) atau pendataan_awal")]
    tanggal_peristiwa: Tanggal
    nama: _text(200, "Nama lengkap (paling panjang 120 huruf)")
    nik: _text(32, "NIK 16 angka (kosongkan bila nik_sementara)") = ""
    nik_sementara: Annotated[bool, Meta(description="Belum punya NIK: beri nomor sementara")] = False
    jenis_kelamin: _code("Jenis kelamin")
    tempat_lahir: _text(80, "Tempat lahir")
    tanggal_lahir: Annotated[date | None, Meta(
        description="Tanggal lahir; untuk lahir boleh kosong (sama dengan tanggal_peristiwa)")] = None
    agama: _code("Agama")
    hubungan: _code("Hubungan dalam keluarga (1 = kepala keluarga)")
    status_kawin: _code("Status perkawinan")
    pendidikan_kk: _code("Pendidikan dalam KK")
    pekerjaan: _code("Pekerjaan")
    kewarganegaraan: _code("Kewarganegaraan")
    pendidikan_sedang: int | None = None
    golongan_darah: int | None = None
    cacat: int | None = None
    sakit_menahun: int | None = None
    cara_kb: int | None = None
    asuransi: int | None = None
    status_ktp: int | None = None
    status_penduduk: int | None = None
    bahasa_huruf: int | None = None
    hamil: int | None = None
    alamat: _text(200, "Alamat (kosong: alamat KK)") = ""
    nama_ayah: _text(120, "Nama ayah") = ""
    nama_ibu: _text(120, "Nama ibu") = ""
    nik_ayah: _text(32, "NIK ayah") = ""
    nik_ibu: _text(32, "NIK ibu") = ""
    no_akta_lahir: _text(40, "Nomor akta kelahiran") = ""
    no_akta_kawin: _text(40, "Nomor akta perkawinan") = ""
    telepon: _text(20, "Nomor telepon") = ""
    email: _text(120, "Alamat email") = ""
    keluarga_id: Annotated[IdRef | None, Meta(
        description="Keluarga (KK) yang sudah ada; atau isi keluarga_baru")] = None
    keluarga_baru: KeluargaBaru | None = None
    tambahan: Tambahan = {}


class Kematian(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    tempat: Annotated[Keterangan, Meta(description="Tempat meninggal")] = ""
    sebab: Annotated[Keterangan, Meta(description="Sebab kematian")] = ""
    pelapor: Annotated[Keterangan, Meta(description="Yang menerangkan")] = ""


class PindahKeluar(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    tujuan: Annotated[Keterangan, Meta(description="Alamat tujuan")] = ""
    alasan: Annotated[Keterangan, Meta(description="Alasan pindah")] = ""


class Pergi(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    tujuan: Annotated[Keterangan, Meta(description="Tujuan")] = ""
    keterangan: Keterangan = ""


class Hilang(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    keterangan: Keterangan = ""


class PindahWilayah(msgspec.Struct, **STRICT):
    tanggal_peristiwa: Tanggal
    wilayah_id: Annotated[IdRef, Meta(description="Jorong/RW/RT tujuan (GET /api/v1/wilayah)")]


def _opt(kind, description: str = ""):
    return Annotated[kind | UnsetType, Meta(description=description)] if description else kind | UnsetType


class Koreksi(msgspec.Struct, **STRICT):
    """Isian yang dikoreksi; isian yang tidak dikirim tetap. Hubungan dalam keluarga berubah lewat perubahan KK."""

    alasan: Annotated[Keterangan, Meta(description="Alasan koreksi (dicatat di jurnal)")] = ""
    nik: _opt(_text(32, "NIK")) = UNSET
    nama: _opt(_text(200, "Nama lengkap")) = UNSET
    tempat_lahir: _opt(_text(80, "Tempat lahir")) = UNSET
    tanggal_lahir: _opt(date) = UNSET
    jenis_kelamin: _opt(int) = UNSET
    agama: _opt(int) = UNSET
    status_kawin: _opt(int) = UNSET
    pendidikan_kk: _opt(int) = UNSET
    pekerjaan: _opt(int) = UNSET
    kewarganegaraan: _opt(int) = UNSET
    pendidikan_sedang: _opt(int | None, "null: dikosongkan") = UNSET
    golongan_darah: _opt(int | None) = UNSET
    cacat: _opt(int | None) = UNSET
    sakit_menahun: _opt(int | None) = UNSET
    cara_kb: _opt(int | None) = UNSET
    asuransi: _opt(int | None) = UNSET
    status_ktp: _opt(int | None) = UNSET
    status_penduduk: _opt(int | None) = UNSET
    bahasa_huruf: _opt(int | None) = UNSET
    hamil: _opt(int | None) = UNSET
    alamat: _opt(_text(200, "Alamat")) = UNSET
    nama_ayah: _opt(_text(120, "Nama ayah")) = UNSET
    nama_ibu: _opt(_text(120, "Nama ibu")) = UNSET
    nik_ayah: _opt(_text(32, "NIK ayah")) = UNSET
    nik_ibu: _opt(_text(32, "NIK ibu")) = UNSET
    no_akta_lahir: _opt(_text(40, "Nomor akta kelahiran")) = UNSET
    no_akta_kawin: _opt(_text(40, "Nomor akta perkawinan")) = UNSET
    telepon: _opt(_text(20, "Nomor telepon")) = UNSET
    email: _opt(_text(120, "Alamat email")) = UNSET
    tambahan: Tambahan = {}


class Saran(msgspec.Struct):
    """Langkah berikut yang disarankan plugin (mis. membuat surat keterangan kelahiran)."""

    label: str
    url: str


class HasilPeristiwa(msgspec.Struct):
    penduduk_id: Annotated[int, Meta(description="Penduduk yang dicatat")]
    peristiwa_id: Annotated[int | None, Meta(description="Catatan jurnal yang dibuat (null: tidak ada yang berubah)")]
    jenis: Annotated[str, Meta(description="Jenis peristiwa di jurnal")]
    semua_peristiwa: Annotated[list[int], Meta(
        description="Perkawinan/perceraian: catatan jurnal setiap orang (juga perubahan KK-nya tercatat)")] = []
    peringatan: list[str] = []
    saran: list[Saran] = []
    diubah: Annotated[dict[str, list[Any]], Meta(description="Koreksi: {isian: [lama, baru]}")] = {}


class GalatIsian(msgspec.Struct):
    """Isian ditolak; tidak ada yang tersimpan."""

    detail: str
    galat: Annotated[dict[str, str], Meta(description="Pesan per isian: {isian: pesan}; 'umum' untuk seluruh isian")]
