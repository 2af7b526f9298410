"""The letters this plugin issued, as rows of A.7 Buku Agenda (surat keluar) of the `buku_administrasi` plugin.

Surat contributes its letters to A.7 (`Sumbangan`) and, while no plugin keeps the Agenda itself, declares a
stand-in A.7 (`sementara`) that holds nothing but what is contributed: so there is one outgoing-letter book,
whether or not the public-information plugin (which keeps A.7 with its own entries) is installed.
"""

from __future__ import annotations

from datetime import date

from plugins.surat.tables import Surat

NUMBERED = ("terbit", "batal")  # a cancelled letter keeps its number: the agenda shows it, marked


def _period(saring) -> tuple[date, date] | None:
    if saring.tahun is None:
        return None
    if saring.bulan:
        last = date(saring.tahun + (saring.bulan == 12), saring.bulan % 12 + 1, 1)
        return date(saring.tahun, saring.bulan, 1), date.fromordinal(last.toordinal() - 1)
    return date(saring.tahun, 1, 1), date(saring.tahun, 12, 31)


async def issued_letters(saring) -> list[dict]:
    """Every numbered letter of the period (all when none is asked), as A.7 rows; `cari` finds a number or a name."""
    query = Surat.select(Surat.nomor, Surat.tanggal, Surat.judul, Surat.nama, Surat.status, Surat.keperluan).where(
        Surat.status.is_in(list(NUMBERED)), Surat.nomor.is_not_null(), Surat.tanggal.is_not_null())
    if (period := _period(saring)) is not None:
        query = query.where(Surat.tanggal >= period[0], Surat.tanggal <= period[1])
    if cari := (saring.cari or "").strip().replace("%", "").replace("_", ""):
        # letter numbers are written in capitals ("470/12/SKD/XII/2026"); LIKE is case-sensitive on PostgreSQL
        query = query.where(Surat.nomor.like(f"%{cari}%") | Surat.nomor.like(f"%{cari.upper()}%")
                            | Surat.nama_cari.like(f"%{cari.lower()}%"))
    rows = await query.order_by(Surat.tanggal).order_by(Surat.id).run()
    return [{"tanggal": r["tanggal"], "keluar_nomor": r["nomor"], "keluar_tanggal": r["tanggal"],
             "keluar_kepada": r["nama"], "keluar_isi": r["judul"],
             "keterangan": "Dibatalkan" if r["status"] == "batal" else "Layanan surat"} for r in rows]


def books() -> list:
    from plugins.buku_administrasi.api import A7_KOLOM, Buku, Hasil, Sumbangan

    async def nothing_of_its_own(saring, *, mulai=0, batas=None):
        return Hasil([], 0)

    return [Buku("A.7", "Buku Agenda (surat keluar)", A7_KOLOM, nothing_of_its_own, saringan=("periode", "cari"),
                 urutan=70, sementara=True, urut="tanggal", petunjuk_cari="Cari nomor surat atau nama",
                 keterangan="Surat yang diterbitkan lewat layanan surat, menurut tanggal terbit."),
            Sumbangan("A.7", issued_letters)]
