"""Laporan Realisasi Pelaksanaan APB Desa per semester (Permendagri 20/2018): the village head reports the
first semester by the end of July and the whole year by the end of January.

The report lays out `ringkasan(tahun, per_tanggal=30 June or 31 December)` through `baris_datar`, the flat table
every export shares, so its figures are those of the public page, the CSV and the books. This module holds the
report's data and its spreadsheet; the PDF is laid out in laporan_pdf.py.

"Lebih/(Kurang)" is the budget minus the realisation (what is left; in brackets when more was spent or received
than budgeted), as the reports villages are used to print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plugin_sdk import dokumen
from plugin_sdk.dokumen import tanggal_panjang

from plugins.keuangan.jumlah import persen_angka

SEMESTER = {1: "Semester Pertama", 2: "Semester Akhir Tahun"}
FORMAT = {"pdf": "application/pdf",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
KOLOM = ("Kode rekening", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "Lebih/(Kurang) (Rp)", "%")


class LaporanError(ValueError):
    """A report that cannot be made as asked; the message is for the clerk."""


def per_tanggal(tahun: int, semester: int) -> date:
    """The last day the semester's report counts: 30 June or 31 December (the whole year so far)."""
    return date(tahun, 6, 30) if semester == 1 else date(tahun, 12, 31)


def baca_semester(teks: str | None) -> int:
    """"1" or "2" from a form or a link; LaporanError for anything else."""
    teks = (teks or "").strip()
    if teks not in ("1", "2"):
        raise LaporanError("Pilih semester pertama (1) atau semester akhir tahun (2).")
    return int(teks)


def baca_format(teks: str | None) -> str:
    teks = (teks or "").strip().lower()
    if teks not in FORMAT:
        raise LaporanError("Pilih format PDF atau XLSX.")
    return teks


@dataclass(frozen=True)
class Laporan:
    """One semester's report: the computation it lays out and its table (rows of `baris_datar`, each with
    `tebal` for group and total rows)."""

    tahun: int
    semester: int
    ringkasan: object  # api.Ringkasan
    baris: list[dict]

    @property
    def per_tanggal(self) -> date:
        return self.ringkasan.per_tanggal

    @property
    def judul(self) -> str:
        return "Laporan Realisasi Pelaksanaan Anggaran Pendapatan dan Belanja Desa"

    @property
    def periode(self) -> str:
        # "Semester Akhir Tahun Anggaran 2026": the year report's name already ends in "Tahun"
        awal = "Semester Pertama" if self.semester == 1 else "Semester Akhir"
        return f"{awal} Tahun Anggaran {self.tahun}"

    @property
    def keadaan(self) -> str:
        return f"Realisasi sampai dengan {tanggal_panjang(self.per_tanggal)}"

    @property
    def versi(self) -> str:
        """Which version of the APB Desa the report compares against, and since when it is in force."""
        v = self.ringkasan.apbdes
        teks = v.get("nama") or f"APB Desa {self.tahun}"
        if v.get("berlaku_sejak"):
            teks += f", berlaku sejak {tanggal_panjang(v['berlaku_sejak'])}"
        if v.get("nomor_perdes"):
            teks += f" (Peraturan Desa nomor {v['nomor_perdes']})"
        return teks


async def susun(tahun: int, semester: int) -> Laporan | None:
    """The report of `tahun`'s semester, or None when the year has no APB Desa in force."""
    from plugins.keuangan.api import baris_datar, ringkasan

    r = await ringkasan(tahun, per_tanggal=per_tanggal(tahun, semester))
    if r is None:
        return None
    return Laporan(tahun, semester, r, [{**b, "tebal": tebal(b)} for b in baris_datar(r)])


def kode_tampil(kode: str) -> str:
    """A belanja line's code under its activity ("02.03.01/5.2.1.01") prints as its account: the activity is the
    row above it."""
    return kode.rpartition("/")[2]


def tebal(baris: dict) -> bool:
    """Group headings and totals print bold: the top of each part, and the summary rows."""
    return baris.get("tingkat", 0) == 0 or baris.get("bagian") == "Jumlah"


def dalam_rupiah(sen: int) -> int | float:
    """Sen as rupiah for a spreadsheet cell: an int when whole, else rupiah with two decimals (exact for sen)."""
    return sen // 100 if sen % 100 == 0 else round(sen / 100, 2)


def persen_sel(baris: dict) -> float | None:
    """The row's percentage for a spreadsheet cell: jumlah.persen_angka (the page's "68,9%" is 68.9 here), empty
    for the balances Surplus, Netto and SiLPA."""
    nilai = None if baris.get("bagian") == "Jumlah" else persen_angka(baris["realisasi"], baris["anggaran"])
    return None if nilai is None else float(nilai)


def kepala(lap: Laporan, profil: dict, dibuat: date) -> list[list]:
    """The lines above the table in the spreadsheet: nagari, period, version, date made."""
    desa = profil.get("sebutan_desa") or "Nagari"
    return [[lap.judul.upper()],
            [f"{desa.upper()} {profil.get('nama', '').upper()}".strip()],
            [lap.periode],
            [lap.keadaan],
            [f"APB Desa: {lap.versi}"],
            [f"Dibuat tanggal {tanggal_panjang(dibuat)}"]]


def xlsx(lap: Laporan, profil: dict, dibuat: date) -> bytes:
    """The report as a spreadsheet: amounts as numbers in rupiah, the header row frozen, totals bold."""
    atas = [*kepala(lap, profil, dibuat), []]
    rows = [*atas, list(KOLOM)]
    tebal_ = [0, len(atas)]
    for b in lap.baris:
        if b["tebal"]:
            tebal_.append(len(rows))
        rows.append([kode_tampil(b["kode"]), "  " * b.get("tingkat", 0) + b["uraian"], dalam_rupiah(b["anggaran"]),
                     dalam_rupiah(b["realisasi"]), dalam_rupiah(b["sisa"]), persen_sel(b)])
    sheet = dokumen.Lembar(rows, beku=len(atas) + 1, lebar=(20, 60, 18, 18, 18, 8), tebal=tuple(tebal_))
    return dokumen.xlsx_bytes({f"Semester {lap.semester}": sheet})


def nama_berkas(lap: Laporan, fmt: str) -> str:
    return f"laporan-realisasi-apbdes-{lap.tahun}-semester-{lap.semester}.{fmt}"
