"""The finance books of the Buku Administrasi Desa (Permendagri 47/2016, part C) for the `buku_administrasi` plugin:
C.1 Buku APB Desa, C.2 Buku Rencana Anggaran Biaya, C.3 Buku Kas Pembantu Kegiatan.

C.1 and C.2 lay out `ringkasan` (C.1 through `baris_datar`, the flat table every export shares), so a book never
disagrees with the public page or the report. C.3 lists the realisation entries themselves, per activity and date,
with each activity's running total. Amounts are whole rupiah (numbers), rounded as `jumlah.angka` prints them.

Without a period a book shows the newest year with an APB Desa in force; a month limits C.1's realisation to the
end of that month and C.3 to that month's entries (its running totals still count from January).
"""

from __future__ import annotations

import re
from datetime import date

from plugins.keuangan.tables import Kegiatan, Realisasi

KEGIATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")


def rupiah_utuh(sen: int) -> int:
    """Whole rupiah, half a rupiah rounded away from zero: the number `jumlah.angka` prints."""
    nilai = (abs(int(sen)) + 50) // 100
    return -nilai if sen < 0 else nilai


def _akhir_bulan(tahun: int, bulan: int) -> date:
    return date.fromordinal(date(tahun + (bulan == 12), bulan % 12 + 1, 1).toordinal() - 1)


async def _tahun(saring) -> int | None:
    """The filter's year, or the newest year with a version in force (None when there is none)."""
    if saring.tahun is not None:
        return saring.tahun
    from plugins.keuangan.api import tahun_tersedia

    tersedia = await tahun_tersedia()
    return tersedia[0] if tersedia else None


async def _ringkasan(saring, tahun: int, per_tanggal: date | None = None):
    from plugins.buku_administrasi.api import BukuError
    from plugins.keuangan.api import ringkasan

    r = await ringkasan(tahun, per_tanggal=per_tanggal)
    if r is None and saring.tahun is not None:
        raise BukuError(f"Belum ada APB Desa tahun {tahun} yang berlaku: tetapkan APB Desa-nya dulu, atau pilih "
                        "tahun lain.")
    return r


def _cocok(cari: str, *teks: str) -> bool:
    jarum = (cari or "").strip().lower()
    return not jarum or any(jarum in (t or "").lower() for t in teks)


# --- C.1 Buku APB Desa ----------------------------------------------------------------------------------------------

async def apb_desa(saring, *, mulai: int = 0, batas: int | None = None):
    from plugins.buku_administrasi.api import Hasil, slice_rows
    from plugins.keuangan.api import baris_datar

    tahun = await _tahun(saring)
    if tahun is None:
        return Hasil([], 0)
    per = _akhir_bulan(tahun, saring.bulan) if saring.bulan else None
    r = await _ringkasan(saring, tahun, per)
    if r is None:
        return Hasil([], 0)
    rows = [{"kode": b["kode"], "uraian": b["uraian"], "anggaran": rupiah_utuh(b["anggaran"]),
             "realisasi": rupiah_utuh(b["realisasi"]), "sisa": rupiah_utuh(b["sisa"]), "bagian": b["bagian"]}
            for b in baris_datar(r)]
    return slice_rows(rows, mulai, batas)


# --- C.2 Buku Rencana Anggaran Biaya ---------------------------------------------------------------------------------

def kegiatan_dari(pos) -> list:
    """Every activity node of the belanja tree (bidang > sub-bidang > kegiatan), in order."""
    if KEGIATAN.match(pos.kode):
        return [pos]
    return [k for anak in pos.anak for k in kegiatan_dari(anak)]


async def rencana_anggaran(saring, *, mulai: int = 0, batas: int | None = None):
    """C.2: each activity with its total, then its budget lines (a line's pos carried in a realisation only,
    with no budget line, is left out: the RAB is the plan)."""
    from plugins.buku_administrasi.api import Hasil, slice_rows

    tahun = await _tahun(saring)
    r = await _ringkasan(saring, tahun) if tahun is not None else None
    if r is None:
        return Hasil([], 0)
    rows = []
    for keg in kegiatan_dari(r.belanja):
        garis = [pos for pos in keg.anak if pos.baris_id is not None]
        if not _cocok(saring.cari, keg.kode, keg.nama, *(pos.nama for pos in garis)):
            continue
        rows.append({"kegiatan": keg.kode, "nama_kegiatan": keg.nama, "akun": "", "uraian": "", "sumber_dana": "",
                     "anggaran": None, "jumlah_kegiatan": rupiah_utuh(keg.anggaran)})
        rows += [{"kegiatan": keg.kode, "nama_kegiatan": "", "akun": pos.kode.rpartition("/")[2], "uraian": pos.nama,
                  "sumber_dana": pos.sumber_dana, "anggaran": rupiah_utuh(pos.anggaran), "jumlah_kegiatan": None}
                 for pos in garis]
    return slice_rows(rows, mulai, batas)


# --- C.3 Buku Kas Pembantu Kegiatan ----------------------------------------------------------------------------------

async def _nama_kegiatan(tahun: int) -> dict[str, str]:
    """Activity names of the year's version in force (or its newest version when none is in force)."""
    from plugins.keuangan.api import versi_berlaku
    from plugins.keuangan.tables import Apbdes

    versi = await versi_berlaku(tahun)
    if versi is None:
        versi = await Apbdes.select(Apbdes.id).where(Apbdes.tahun == tahun).order_by(
            Apbdes.versi, ascending=False).first().run()
    if versi is None:
        return {}
    rows = await Kegiatan.select(Kegiatan.kode, Kegiatan.nama).where(Kegiatan.apbdes == versi["id"]).run()
    return {k["kode"]: k["nama"] for k in rows}


async def kas_pembantu_kegiatan(saring, *, mulai: int = 0, batas: int | None = None):
    """C.3: the realisation of every activity, by activity and date, each with the activity's total so far."""
    from plugins.buku_administrasi.api import Hasil, slice_rows

    tahun = await _tahun(saring)
    if tahun is None:
        return Hasil([], 0)
    sampai = _akhir_bulan(tahun, saring.bulan) if saring.bulan else date(tahun, 12, 31)
    entri = await Realisasi.select(
        Realisasi.kegiatan, Realisasi.akun, Realisasi.tanggal, Realisasi.jumlah, Realisasi.uraian,
        Realisasi.bukti).where(Realisasi.tahun == tahun, Realisasi.kegiatan != "", Realisasi.tanggal <= sampai
                               ).order_by(Realisasi.kegiatan).order_by(Realisasi.tanggal).order_by(Realisasi.id).run()
    nama = await _nama_kegiatan(tahun)
    rows, kumulatif, kegiatan = [], 0, None
    for e in entri:
        if e["kegiatan"] != kegiatan:
            kegiatan, kumulatif = e["kegiatan"], 0
        kumulatif += e["jumlah"]
        if saring.bulan and e["tanggal"].month != saring.bulan:
            continue
        if not _cocok(saring.cari, e["kegiatan"], nama.get(e["kegiatan"], ""), e["uraian"], e["bukti"]):
            continue
        rows.append({"kegiatan": e["kegiatan"], "nama_kegiatan": nama.get(e["kegiatan"], ""),
                     "tanggal": e["tanggal"], "akun": e["akun"], "uraian": e["uraian"], "bukti": e["bukti"],
                     "jumlah": rupiah_utuh(e["jumlah"]), "kumulatif": rupiah_utuh(kumulatif)})
    return slice_rows(rows, mulai, batas)


def books() -> list:
    from plugins.buku_administrasi.api import Buku, Kolom

    c1 = (Kolom("kode", "Kode rekening"), Kolom("uraian", "Uraian"), Kolom("anggaran", "Anggaran (Rp)", "number"),
          Kolom("realisasi", "Realisasi (Rp)", "number"), Kolom("sisa", "Sisa anggaran (Rp)", "number"),
          Kolom("bagian", "Bagian"))
    c2 = (Kolom("kegiatan", "Kode kegiatan"), Kolom("nama_kegiatan", "Kegiatan"), Kolom("akun", "Kode rekening"),
          Kolom("uraian", "Uraian"), Kolom("sumber_dana", "Sumber dana"),
          Kolom("anggaran", "Anggaran (Rp)", "number"), Kolom("jumlah_kegiatan", "Jumlah kegiatan (Rp)", "number"))
    c3 = (Kolom("kegiatan", "Kode kegiatan"), Kolom("nama_kegiatan", "Kegiatan"), Kolom("tanggal", "Tanggal", "date"),
          Kolom("akun", "Kode rekening"), Kolom("uraian", "Uraian"), Kolom("bukti", "Nomor bukti"),
          Kolom("jumlah", "Jumlah (Rp)", "number"), Kolom("kumulatif", "Jumlah kegiatan s.d. tanggal ini (Rp)",
                                                          "number"))
    return [
        Buku("C.1", "Buku APB Desa", c1, apb_desa, saringan=("periode",), urutan=10,
             keterangan="APB Desa yang berlaku: pendapatan, belanja per bidang, sub-bidang dan kegiatan, "
                        "pembiayaan, dengan realisasinya. Tanpa periode: tahun anggaran terbaru; dengan bulan: "
                        "realisasi sampai akhir bulan itu."),
        Buku("C.2", "Buku Rencana Anggaran Biaya", c2, rencana_anggaran, saringan=("periode", "cari"), urutan=20,
             petunjuk_cari="Cari kode atau nama kegiatan",
             keterangan="Baris anggaran setiap kegiatan dari APB Desa yang berlaku, dengan jumlah per kegiatan."),
        Buku("C.3", "Buku Kas Pembantu Kegiatan", c3, kas_pembantu_kegiatan, saringan=("periode", "cari"),
             urutan=30, petunjuk_cari="Cari kegiatan, uraian atau nomor bukti",
             keterangan="Realisasi belanja setiap kegiatan menurut tanggal, dengan jumlah kegiatan sampai tanggal "
                        "itu (dihitung sejak awal tahun)."),
    ]
