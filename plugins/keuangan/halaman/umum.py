"""What the office's budget pages share: the form body, finding a version or a line (404 otherwise), the version a
year page shows, and a budget tree laid out as table rows."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body

from plugin_sdk import current_user, has_permission

from plugins.keuangan.jumlah import angka, persen
from plugins.keuangan.periksa import TAHUN_MAX, TAHUN_MIN  # a year page outside these is a typo: 404
from plugins.keuangan.plugin import KELOLA
from plugins.keuangan.tables import BERLAKU, DRAF, STATUS, Apbdes, BarisAnggaran, Kegiatan

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
BASE = "/admin/keuangan"
SUMBER_DANA = {"DDS": "Dana Desa", "ADD": "Alokasi Dana Desa", "PBH": "Bagi Hasil Pajak dan Retribusi",
               "PAD": "Pendapatan Asli Desa", "BKK": "Bantuan Keuangan Kabupaten/Kota",
               "BKP": "Bantuan Keuangan Provinsi", "SWD": "Swadaya Masyarakat", "DLL": "Lain-lain"}


def tanpa_kendali(isi: str) -> str:
    """Text without control characters (PostgreSQL refuses NUL); tabs and line breaks stay."""
    return "".join(ch for ch in isi if ch.isspace() or unicodedata.category(ch)[0] != "C")


def teks(data: dict, nama: str, batas: int = 1000) -> str:
    """A one-line field as typed, control characters out and spaces tidied. Cut only far past any column, so that
    layanan can say a field is too long rather than it being shortened unseen."""
    return " ".join(tanpa_kendali(str(data.get(nama) or "")).split())[:batas]


def cek_tahun(tahun: int) -> int:
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise NotFoundException("Tahun anggaran tidak dikenal.")
    return tahun


async def boleh_kelola(request: Request) -> bool:
    """Whether to offer the write buttons (the routes check the permission themselves)."""
    return has_permission(await current_user(request), KELOLA)


async def apbdes_atau_404(apbdes_id: int) -> dict:
    row = await Apbdes.select().where(Apbdes.id == apbdes_id).first().run()
    if row is None:
        raise NotFoundException("APB Desa tidak ditemukan.")
    return row


async def baris_atau_404(baris_id: int) -> dict:
    row = await BarisAnggaran.select().where(BarisAnggaran.id == baris_id).first().run()
    if row is None:
        raise NotFoundException("Baris anggaran tidak ditemukan.")
    return row


async def versi_tahun(tahun: int) -> list[dict]:
    """Every version of a year, oldest first."""
    return await Apbdes.select().where(Apbdes.tahun == tahun).order_by(Apbdes.versi).run()


def versi_tampil(daftar: list[dict], versi: int | None) -> dict | None:
    """The version a year page shows: the one asked for, else the one in force, else the newest draft."""
    if versi is not None:
        return next((v for v in daftar if v["versi"] == versi), None)
    berlaku = [v for v in daftar if v["status"] == BERLAKU]
    return berlaku[0] if berlaku else (daftar[-1] if daftar else None)


def versi_kerja(daftar: list[dict]) -> dict | None:
    """The version realisation is recorded against: the one in force, else the newest draft."""
    return versi_tampil(daftar, None)


def label_status(status: str) -> str:
    return STATUS.get(status, status)


async def kegiatan_versi(apbdes_id: int) -> list[dict]:
    return await Kegiatan.select(Kegiatan.id, Kegiatan.kode, Kegiatan.nama).where(
        Kegiatan.apbdes == apbdes_id).order_by(Kegiatan.kode).run()


async def baris_versi(apbdes_id: int) -> list[dict]:
    return await BarisAnggaran.select().where(BarisAnggaran.apbdes == apbdes_id).order_by(
        BarisAnggaran.kegiatan).order_by(BarisAnggaran.akun).run()


def sel(pos) -> dict:
    """The four figures of a pos as the tables print them."""
    return {"anggaran": angka(pos.anggaran), "realisasi": angka(pos.realisasi), "sisa": angka(pos.sisa),
            "persen": persen(pos.realisasi, pos.anggaran), "lebih": pos.lebih}


def baris_pohon(akar, kegiatan: dict[str, dict], *, hanya: str = "") -> list[dict]:
    """A tree of `Pos` (from ringkasan) flattened in reading order, each row with its depth; a budget line keeps its
    id (None for realisation recorded on a pos this version has no line for), a kegiatan its row id. `hanya`: the
    one top-level child to lay out (a bidang)."""
    keluar: list[dict] = []

    def jalan(pos, tingkat: int) -> None:
        kegiatan_kode, _, akun = pos.kode.rpartition("/")
        daun = not pos.anak
        keluar.append({"tingkat": tingkat, "kode": akun, "nama": pos.nama, "daun": daun, "baris_id": pos.baris_id,
                       "kegiatan": kegiatan_kode, "akun": akun, "sumber_dana": pos.sumber_dana,
                       "kegiatan_id": kegiatan[pos.kode]["id"] if not daun and pos.kode in kegiatan else None,
                       **sel(pos)})
        for anak in pos.anak:
            jalan(anak, tingkat + 1)

    for anak in akar.anak:
        if not hanya or anak.kode == hanya:
            jalan(anak, 0)
    return keluar


def galat_dari(e) -> dict[str, str]:
    """A KeuanganError as per-field messages; a message with no field goes under "umum"."""
    galat = dict(getattr(e, "galat", None) or {})
    if not galat:
        galat["umum"] = getattr(e, "pesan", None) or str(e)
    return galat


__all__ = ["BASE", "BERLAKU", "DRAF", "Form", "SUMBER_DANA", "apbdes_atau_404", "baris_atau_404", "baris_pohon",
           "baris_versi", "boleh_kelola", "cek_tahun", "galat_dari", "kegiatan_versi", "label_status", "sel",
           "tanpa_kendali", "teks", "versi_kerja", "versi_tahun", "versi_tampil"]
