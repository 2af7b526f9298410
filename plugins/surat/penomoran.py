"""Letter numbers: a counter row per (sequence, year), advanced atomically by the database.

ENGINEERING-NOTES 4: reading MAX(nomor)+1 and inserting races (OpenSID #10292); an
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` on one row cannot hand the same
number out twice, on SQLite or PostgreSQL. Call it inside the issuing transaction:
if issuing fails, the increment rolls back with it and no number is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from plugin_sdk.dokumen import bulan_romawi

from plugins.surat.tables import UrutanSurat

SHARED = "semua"
DEFAULT_FORMAT = "{kode}/{nomor}/{kode_desa}/{bulan}/{tahun}"
TOKENS = ("kode", "nomor", "kode_desa", "bulan", "tahun")
_FIELD = re.compile(r"{([^{}]*)}")

ADVANCE = ("INSERT INTO surat_urutan (kunci, tahun, terakhir) VALUES ({}, {}, 1) "
           "ON CONFLICT (kunci, tahun) DO UPDATE SET terakhir = surat_urutan.terakhir + 1 RETURNING terakhir")


@dataclass(frozen=True)
class Aturan:
    """How numbers look: format with {kode} {nomor} {kode_desa} {bulan} {tahun}, padding, one or many sequences."""

    format: str = DEFAULT_FORMAT
    lebar: int = 3
    per_jenis: bool = True
    kode_desa: str = ""

    def sequence(self, jenis_kode: str) -> str:
        return jenis_kode if self.per_jenis else SHARED

    def text(self, sequence_number: int, klasifikasi: str, day: date) -> str:
        return self.format.format(kode=klasifikasi, nomor=str(sequence_number).zfill(self.lebar),
                                  kode_desa=self.kode_desa, bulan=bulan_romawi(day.month), tahun=day.year)


def check_format(text: str) -> str | None:
    """An Indonesian message when the format cannot work, else None."""
    names = _FIELD.findall(text)
    unknown = [n for n in names if n not in TOKENS]
    if unknown:
        return f"Bagian format tidak dikenal: {{{unknown[0]}}}. Yang tersedia: " + ", ".join(f"{{{t}}}" for t in TOKENS)
    if "nomor" not in names:
        return "Format nomor harus memuat {nomor}."
    if text.count("{") != text.count("}"):
        return "Kurung kurawal pada format nomor tidak berpasangan."
    return None


async def advance(sequence: str, year: int) -> int:
    """The next number of a sequence in a year. Must run inside write_transaction()."""
    rows = await UrutanSurat.raw(ADVANCE, sequence, year).run()
    return int(rows[0]["terakhir"])


async def last(sequence: str, year: int) -> int:
    row = await UrutanSurat.select(UrutanSurat.terakhir).where(
        (UrutanSurat.kunci == sequence) & (UrutanSurat.tahun == year)).first().run()
    return row["terakhir"] if row else 0


async def set_start(sequence: str, year: int, start: int) -> None:
    """Continue paper numbering: the next letter gets `start`. Never goes back over numbers already given."""
    used = await last(sequence, year)
    if start <= used:
        raise ValueError(f"Nomor awal harus lebih besar dari nomor terakhir yang sudah terpakai ({used}).")
    if await UrutanSurat.exists().where((UrutanSurat.kunci == sequence) & (UrutanSurat.tahun == year)).run():
        await UrutanSurat.update({UrutanSurat.terakhir: start - 1}).where(
            (UrutanSurat.kunci == sequence) & (UrutanSurat.tahun == year)).run()
    else:
        await UrutanSurat.insert(UrutanSurat(kunci=sequence, tahun=year, terakhir=start - 1)).run()
