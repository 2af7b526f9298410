"""What every file format repeats besides the rows: the addresses, the licence and producer, the periods' dates,
a variable's description."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo

from plugins.satu_data.dataset import BUKAN_ORANG, Kolom
from plugins.satu_data.katalog import Paket
from plugins.satu_data.metadata import Lisensi, Produsen

#: The table formats of one dataset: suffix -> (media type, title).
FORMAT = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}


@dataclass(frozen=True)
class Konteks:
    """What a file needs beyond the catalogue: `base` is the public URL without a trailing slash."""

    base: str
    lisensi: Lisensi
    produsen: Produsen
    zona: tzinfo = timezone.utc

    def halaman(self, nama: str) -> str:
        """The dataset's page (its landing page)."""
        return f"{self.base}/data/{nama}"

    def unduhan(self, nama: str, akhiran: str) -> str:
        return f"{self.base}/data/unduh/{nama}.{akhiran}"

    def setempat(self, waktu: datetime) -> str:
        """A stored moment as the office reads it: "2026-12-07 16:30", in the nagari's time."""
        return utc(waktu).astimezone(self.zona).strftime("%Y-%m-%d %H:%M")


def utc(waktu: datetime) -> datetime:
    """A stored moment in UTC: SQLite hands back a naive one, which is UTC; PostgreSQL an aware one. Every moment a
    file carries passes through here (or `iso`), never `astimezone` on a naive one (that would read it as the
    server's local time)."""
    return waktu.replace(tzinfo=timezone.utc) if waktu.tzinfo is None else waktu.astimezone(timezone.utc)


def iso(waktu: datetime) -> str:
    """A stored moment as ISO 8601 in UTC: "2026-12-07T09:30:15Z"."""
    return utc(waktu).isoformat(timespec="seconds").replace("+00:00", "Z")


def batas_periode(periode: str) -> tuple[date, date]:
    """The first and last day of a period ("2026-11" or "2026")."""
    if len(periode) == 4:
        return date(int(periode), 1, 1), date(int(periode), 12, 31)
    tahun, bulan = int(periode[:4]), int(periode[5:7])
    return date(tahun, bulan, 1), date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def cakupan(p: Paket) -> tuple[date, date]:
    """The time the published periods cover, from the first day of the oldest to the last day of the newest."""
    return batas_periode(p.periode[0])[0], batas_periode(p.periode[-1])[1]


def teks_kode(k: Kolom) -> str:
    """The code list in one line: "1 = Islam; 2 = Kristen"."""
    return "; ".join(f"{'' if kode is None else kode} = {label}" for kode, label in k.kode)


def deskripsi_kolom(k: Kolom) -> str:
    """A variable's definition with its unit and code list, for a reader who sees only the description."""
    bagian = [k.definisi.strip()]
    if k.satuan:
        bagian.append(f"Satuan: {k.satuan}.")
    if k.kode:
        sumber = f" (sumber: {k.daftar_kode})" if k.daftar_kode else ""
        bagian.append(f"Daftar kode{sumber}: {teks_kode(k)}.")
    elif k.daftar_kode:
        bagian.append(f"Daftar kode: {k.daftar_kode}.")
    return " ".join(bagian)


def sensor(p: Paket) -> str:
    """How small counts are hidden (the metadata's "method of suppression")."""
    return (p.ds.sensor or "").strip() or BUKAN_ORANG


def nama_nagari(profil: dict) -> str:
    sebutan = profil.get("sebutan_desa") or "Nagari"
    return f"{sebutan} {profil.get('nama') or ''}".strip()
