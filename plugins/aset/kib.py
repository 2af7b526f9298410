"""The code lists of `aset`: KIB classes, kinds of asset, origins, conditions, statuses, mutations, kinds of land.

The six classes and their code prefixes 1.3.1 .. 1.3.6 follow the asset regulation (Permendagri 1/2016, the
Kartu Inventaris Barang A-F). The sub-codes under each prefix (data/kib.csv) are Balai's own default list of the
kinds of asset a nagari commonly owns, offered as suggestions; the office may type a code of its own as long as it
starts with its class prefix (1.3.2.xx for Peralatan dan Mesin, and so on).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["GOLONGAN", "PREFIKS", "ASAL", "ASAL_A3", "KONDISI", "STATUS", "AKTIF", "MUTASI", "MUTASI_AKHIR",
           "PERUBAHAN_KONDISI", "PEMBATALAN", "NAMA_MUTASI", "JENIS_TANAH", "JenisBarang", "jenis_barang", "nama_kode",
           "periksa_kode"]

GOLONGAN = {"A": "Tanah", "B": "Peralatan dan Mesin", "C": "Gedung dan Bangunan",
            "D": "Jalan, Irigasi dan Jaringan", "E": "Aset Tetap Lainnya", "F": "Konstruksi Dalam Pengerjaan"}
PREFIKS = {"A": "1.3.1", "B": "1.3.2", "C": "1.3.3", "D": "1.3.4", "E": "1.3.5", "F": "1.3.6"}

ASAL = {"dana_desa": "Dana Desa", "add": "Alokasi Dana Desa", "pad": "Pendapatan Asli Desa",
        "bantuan_pemerintah": "Bantuan Pemerintah", "bantuan_provinsi": "Bantuan Provinsi",
        "bantuan_kabupaten": "Bantuan Kabupaten/Kota", "hibah": "Hibah/sumbangan pihak ketiga",
        "swadaya": "Swadaya masyarakat", "lain": "Lain-lain yang sah"}
# The origin columns of Buku Inventaris dan Kekayaan Desa (Permendagri 47/2016, A.3): what the village bought with
# its own APB Desa money (Dana Desa, ADD, PAD) is "dibeli sendiri"; gifts of the community count as "sumbangan".
ASAL_A3 = {"dana_desa": "Dibeli sendiri", "add": "Dibeli sendiri", "pad": "Dibeli sendiri",
           "bantuan_pemerintah": "Bantuan pemerintah", "bantuan_provinsi": "Bantuan provinsi",
           "bantuan_kabupaten": "Bantuan kabupaten/kota", "hibah": "Sumbangan", "swadaya": "Sumbangan",
           "lain": "Lain-lain yang sah"}

KONDISI = {"baik": "Baik", "rusak_ringan": "Rusak ringan", "rusak_berat": "Rusak berat"}

AKTIF = "aktif"
STATUS = {AKTIF: "Dimiliki", "dijual": "Dijual", "dipindahtangankan": "Dipindahtangankan", "dihapus": "Dihapuskan"}

PERUBAHAN_KONDISI = "perubahan_kondisi"
MUTASI = {PERUBAHAN_KONDISI: "Perubahan kondisi", "penjualan": "Penjualan",
          "pemindahtanganan": "Pemindahtanganan (hibah/tukar)", "penghapusan": "Penghapusan"}
# the mutations that end the village's ownership, and the status each leaves the asset in
MUTASI_AKHIR = {"penjualan": "dijual", "pemindahtanganan": "dipindahtangankan", "penghapusan": "dihapus"}
# Not offered in the mutation form: it cancels the latest mutation recorded by mistake (its own page)
PEMBATALAN = "pembatalan"
NAMA_MUTASI = {**MUTASI, PEMBATALAN: "Pembatalan"}

JENIS_TANAH = {"sawah": "Sawah", "tegal": "Tegal", "kebun": "Kebun", "tambak_kolam": "Tambak/kolam",
               "tanah_kering": "Tanah kering/darat"}

# 1.3.x.yy, optionally one or two further levels (1.3.2.02.01): the shape of a KIB code
_KODE = re.compile(r"^1\.3\.[1-6]\.\d{2}(?:\.\d{2,3}){0,2}$")


@dataclass(frozen=True)
class JenisBarang:
    """A kind of asset of the default list: its code, class (A-F) and name."""

    kode: str
    golongan: str
    nama: str


@lru_cache(maxsize=1)
def _daftar() -> tuple[JenisBarang, ...]:
    with (Path(__file__).parent / "data" / "kib.csv").open(encoding="utf-8", newline="") as berkas:
        rows = [JenisBarang(r["kode"].strip(), r["golongan"].strip(), r["nama"].strip())
                for r in csv.DictReader(berkas)]
    for r in rows:  # a broken shipped list should fail the tests, not mislead a clerk
        if r.golongan not in GOLONGAN or periksa_kode(r.golongan, r.kode) is not None:
            raise ValueError(f"kib.csv: kode {r.kode!r} tidak cocok dengan golongan {r.golongan!r}")
    return tuple(rows)


def jenis_barang(golongan: str | None = None) -> list[JenisBarang]:
    """The default kinds of asset, in code order; only those of `golongan` when given."""
    return [j for j in _daftar() if golongan is None or j.golongan == golongan]


def nama_kode(kode: str) -> str:
    """The default list's name of a code ("1.3.2.02.01" -> "Kendaraan bermotor roda dua"); "" for the office's own."""
    return next((j.nama for j in _daftar() if j.kode == kode), "")


def periksa_kode(golongan: str, kode: str) -> str | None:
    """None when `kode` is a well-formed code under `golongan`'s prefix; else what is wrong, in Bahasa Indonesia."""
    kode = (kode or "").strip()
    if not kode:
        return "Kode barang wajib diisi."
    prefiks = PREFIKS.get(golongan)
    if prefiks is None:
        return "Pilih golongan dulu; kode barang mengikuti golongannya."
    if not _KODE.match(kode):
        return f"Kode barang {kode} tidak berbentuk kode KIB; tulis misalnya {prefiks}.01."
    if not kode.startswith(prefiks + "."):
        return f"Kode barang golongan {GOLONGAN[golongan]} harus diawali {prefiks}, misalnya {prefiks}.01."
    return None
