"""What a dataset is: the types a plugin fills to publish a table as open data (through `plugins.satu_data.api`).

A dataset is a table of aggregates with its metadata (Satu Data principles, Perpres 39/2019): each column a variable
with its definition, unit and code list; the whole with a period, a frequency and how small counts are hidden.
satu_data adds two columns to every row itself: ``periode`` and ``kode_wilayah`` (the nagari's Kemendagri code).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plugin_sdk import register, today

#: Column types, as Frictionless Table Schema names them (CKAN's DataStore: text, int, numeric, bool, date).
TIPE = ("string", "integer", "number", "boolean", "date")
#: CKAN groups: the themes of the catalogue.
GRUP = {"kependudukan": "Kependudukan", "pelayanan": "Pelayanan publik", "keuangan": "Keuangan nagari",
        "potensi": "Profil dan potensi", "aset": "Aset nagari", "sosial": "Perlindungan sosial",
        "lainnya": "Lainnya"}
FREKUENSI = {"bulanan": "Bulanan", "tahunan": "Tahunan"}
#: How the rows of a dataset that counts no person are described (`Dataset.sensor` may say more).
BUKAN_ORANG = "Tidak ada: angka dalam dataset ini bukan hitungan orang."
NAMA = re.compile(r"^[a-z0-9][a-z0-9-]{1,98}[a-z0-9]$")
KOLOM = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Columns satu_data puts first in every row; a dataset must not declare them.
PERIODE, KODE_WILAYAH = "periode", "kode_wilayah"


@dataclass(frozen=True)
class Kolom:
    """One variable (a column): `nama` is its machine name (lowercase, digits, _), `definisi` what it means."""

    nama: str
    judul: str
    tipe: str
    definisi: str
    satuan: str = ""
    #: The code list when the values are codes: ((code, label), ...), shown in the metadata.
    kode: tuple[tuple[Any, str], ...] = ()
    #: Where the code list comes from ("Dukcapil, Permendagri 109/2019: agama").
    daftar_kode: str = ""
    #: Part of the row's key (a dimension: place, code, sex); the others are measures.
    kunci: bool = False


@dataclass(frozen=True)
class Terbitan:
    """One period's rows, as a dataset computes them. `periode`: "2026-11" (a month) or "2026" (a year)."""

    periode: str
    baris: list[dict]
    #: The period has not closed yet (this month so far, the budget year running): a later release revises it.
    sementara: bool = False
    catatan: str = ""
    #: For counts of people: the same rows before suppression (every cell shown), which only the kabupaten hub
    #: receives, so it can sum nagari exactly and suppress the sums with the same function (ENGINEERING-NOTES 14).
    #: Never published by the node. None for a dataset whose rows hide nothing.
    mentah: list[dict] | None = None


@dataclass(frozen=True)
class Dataset:
    """A dataset a plugin publishes (hook `satu_data_dataset`, plugins/satu_data/events.py).

    `hitung(per)` computes the figures as of the end of the day `per` (today for "publish now", the last day of a
    month for the monthly release) and returns a `Terbitan`, or None when there is nothing to publish for it yet
    (no APB Desa that year). Rows are dicts keyed by the `kolom` names. A function taking a second parameter,
    `hitung(per, ctx)`, gets the request or job context too (to fire its own plugin's events).

    `hitungan_orang`: the figures count people (residents, families, recipients). Their rows MUST come out of the
    `statistik` contract's one suppression function (`suppress`), so no row can be narrowed below the threshold;
    `sensor` then says how (the metadata's "method of suppression"). A dataset of money, areas or assets sets
    `hitungan_orang=False`.
    """

    nama: str
    judul: str
    deskripsi: str
    kolom: tuple[Kolom, ...]
    hitung: Callable[..., Awaitable[Terbitan | None]]
    grup: str = "lainnya"
    tag: tuple[str, ...] = ()
    frekuensi: str = "bulanan"
    hitungan_orang: bool = True
    sensor: str = ""
    #: Where the figures come from, for the metadata ("Register penduduk nagari").
    sumber: str = ""

    def dengan_konteks(self) -> bool:
        """`hitung` takes the context as a second parameter."""
        try:
            return len(inspect.signature(self.hitung).parameters) >= 2
        except (TypeError, ValueError):
            return False

    def kolom_penuh(self) -> tuple[Kolom, ...]:
        """The columns as published: periode and kode_wilayah first, then the dataset's own."""
        return (Kolom(PERIODE, "Periode", "string",
                      "Periode data: bulan (TTTT-BB, keadaan pada akhir bulan atau peristiwa selama bulan itu) atau "
                      "tahun (TTTT).", kunci=True),
                Kolom(KODE_WILAYAH, "Kode wilayah", "string",
                      "Kode wilayah desa/nagari menurut Kemendagri (Permendagri 72/2019 dan perubahannya).",
                      daftar_kode="Kemendagri: kode dan data wilayah administrasi pemerintahan", kunci=True),
                *self.kolom)


def akhir_bulan(hari: date) -> bool:
    return (hari + timedelta(days=1)).day == 1


async def periode_bulan(per: date) -> tuple[str, bool]:
    """("YYYY-MM", sementara) of a release as of the end of `per`: provisional while the month has not ended (`per`
    is today, or a day before the month's last). Every monthly dataset takes its period from here."""
    return f"{per:%Y-%m}", per >= today(await register.stored_profile()) or not akhir_bulan(per)


async def periode_tahun(per: date) -> tuple[str, bool]:
    """("YYYY", sementara) of a yearly release as of the end of `per`: provisional until the year has ended."""
    selesai = per.month == 12 and per.day == 31
    return f"{per:%Y}", per >= today(await register.stored_profile()) or not selesai


def masalah(ds: Dataset) -> list[str]:
    """What is wrong with a contributed dataset (empty when it is sound); the registry leaves a faulty one out."""
    salah = []
    if not NAMA.match(ds.nama or ""):
        salah.append(f"nama dataset {ds.nama!r} harus 3-100 huruf kecil, angka atau '-'")
    if not (ds.judul or "").strip():
        salah.append("judul kosong")
    nama_kolom = [k.nama for k in ds.kolom]
    for k in ds.kolom:
        if not KOLOM.match(k.nama) or k.nama in (PERIODE, KODE_WILAYAH):
            salah.append(f"nama kolom {k.nama!r} tidak sah")
        if k.tipe not in TIPE:
            salah.append(f"tipe kolom {k.nama!r} harus salah satu dari {', '.join(TIPE)}")
        if not (k.definisi or "").strip():
            salah.append(f"kolom {k.nama!r} tanpa definisi")
    if len(set(nama_kolom)) != len(nama_kolom):
        salah.append("nama kolom berulang")
    if not any(k.kunci for k in ds.kolom):
        salah.append("tidak ada kolom kunci (dimensi)")
    if ds.frekuensi not in FREKUENSI:
        salah.append(f"frekuensi harus {' atau '.join(FREKUENSI)}")
    if ds.hitungan_orang and not (ds.sensor or "").strip():
        salah.append("dataset hitungan orang harus menjelaskan cara sensornya")
    return salah
