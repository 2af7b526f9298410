"""What the public pages, the home block and the banner show, laid out from one `Ringkasan`.

Nothing here adds money up: every amount is a `Pos` that `ringkasan` computed (ENGINEERING-NOTES 11); this module
only picks the nodes, formats them ("Rp1.250.000", "45,3%") and draws their charts.
"""

from __future__ import annotations

from datetime import date, datetime

from plugins.keuangan import grafik
from plugins.keuangan.jumlah import persen, rupiah
from plugins.keuangan.kode import BIDANG

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
TAHUN_MIN, TAHUN_MAKS = 2000, 2100  # a year outside this is not a budget year: 404 without touching the cache


def tanggal(value: date | datetime | str | None) -> str:
    """"5 Desember 2026" (a stored moment's own day; text as SQLite may hand it back is read first)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value[:19].replace(" ", "T")) if len(value) > 10 else date.fromisoformat(value)
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def situs(profil: dict) -> str:
    """"Nagari Sungai Kamuyang": the nagari's name as the website writes it."""
    return f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()


def baris(pos, tingkat: int = 0, *, tautan: str = "") -> dict:
    """One table row of a `Pos`: formatted amounts, the percentage and the over-budget flag."""
    return {"kode": pos.kode.rpartition("/")[2], "nama": pos.nama, "tingkat": tingkat, "tautan": tautan,
            "anggaran": rupiah(pos.anggaran), "realisasi": rupiah(pos.realisasi), "sisa": rupiah(pos.sisa),
            "persen": persen(pos.realisasi, pos.anggaran), "lebih": pos.lebih, "baris": not pos.anak}


def pasangan(pos) -> tuple[str, str, str, bool]:
    """(anggaran, realisasi, %, lebih) of one node, for the summary cards."""
    return rupiah(pos.anggaran), rupiah(pos.realisasi), persen(pos.realisasi, pos.anggaran), pos.lebih


def pohon(pos, tingkat: int = 0, sampai: int = 9) -> list[dict]:
    """The rows of a node's descendants in reading order (depth-first), down to `sampai` levels."""
    out = []
    for anak in pos.anak:
        out.append(baris(anak, tingkat))
        if tingkat + 1 < sampai:
            out += pohon(anak, tingkat + 1, sampai)
    return out


def ringkas_angka(nilai: tuple[int, int]) -> dict:
    """A (anggaran, realisasi) pair from the Ringkasan's properties (surplus, pembiayaan_netto, silpa)."""
    anggaran, realisasi = nilai
    return {"anggaran": rupiah(anggaran), "realisasi": rupiah(realisasi)}


def versi(r) -> dict:
    """The version in force: its name, since when, the Perdes number and when it last changed."""
    apbdes = r.apbdes
    diubah = apbdes.get("diubah")
    return {"nama": apbdes.get("nama") or f"APB Desa {r.tahun}", "versi": apbdes.get("versi") or 1,
            "perubahan": (apbdes.get("versi") or 1) > 1,
            "berlaku_sejak": tanggal(apbdes.get("berlaku_sejak")), "nomor_perdes": apbdes.get("nomor_perdes") or "",
            "diubah": tanggal(diubah) if diubah else "", "per_tanggal": tanggal(r.per_tanggal)}


def infografis(r, tahun_tersedia: list[int]) -> dict:
    """The context of the year's infographic page."""
    tahun = r.tahun
    bidang = [baris(b, tautan=f"/apbdes/{tahun}/bidang/{b.kode}" if b.kode in BIDANG else "")
              for b in r.belanja.anak]
    sumber = [j for kelompok in r.pendapatan.anak for j in kelompok.anak]
    pembiayaan = [r.penerimaan_pembiayaan, r.pengeluaran_pembiayaan]
    return {
        "tahun": tahun, "tahun_tersedia": tahun_tersedia, "versi": versi(r),
        "pendapatan": pasangan(r.pendapatan), "belanja": pasangan(r.belanja),
        "penerimaan": pasangan(r.penerimaan_pembiayaan), "pengeluaran": pasangan(r.pengeluaran_pembiayaan),
        "surplus": ringkas_angka(r.surplus),
        "netto": ringkas_angka(r.pembiayaan_netto), "silpa": ringkas_angka(r.silpa),
        "grafik_bidang": grafik.batang_pasangan(f"Anggaran dan realisasi belanja per bidang, APB Desa {tahun}",
                                                [(b.nama, b.anggaran, b.realisasi) for b in r.belanja.anak],
                                                ident="grafik-bidang"),
        "baris_bidang": bidang, "jumlah_belanja": baris(r.belanja),
        "grafik_sumber": grafik.batang_tumpuk(f"Anggaran pendapatan per sumber, APB Desa {tahun}",
                                              [(j.nama, j.anggaran) for j in sumber], r.pendapatan.anggaran,
                                              ident="grafik-sumber"),
        "grafik_pendapatan": grafik.batang_pasangan(f"Anggaran dan realisasi pendapatan, APB Desa {tahun}",
                                                    [(j.nama, j.anggaran, j.realisasi) for j in sumber],
                                                    ident="grafik-pendapatan"),
        "baris_pendapatan": pohon(r.pendapatan, sampai=2), "jumlah_pendapatan": baris(r.pendapatan),
        "baris_jenis_belanja": pohon(r.belanja_per_jenis, sampai=2),
        "baris_pembiayaan": [row for p in pembiayaan for row in [baris(p), *pohon(p, 1, sampai=2)]],
    }


def bidang(r, kode: str):
    """The bidang node `kode` ("02") of the year's belanja, or None."""
    return next((b for b in r.belanja.anak if b.kode == kode), None)


def rincian_bidang(r, node) -> dict:
    """The context of a bidang's drill-down: its kegiatan as a chart, then sub-bidang > kegiatan > lines."""
    kegiatan = [k for sub in node.anak for k in sub.anak]
    return {
        "tahun": r.tahun, "versi": versi(r), "bidang": baris(node), "bidang_nama": node.nama,
        "grafik": grafik.batang_pasangan(f"Anggaran dan realisasi per kegiatan, bidang {node.nama}, {r.tahun}",
                                         [(k.nama, k.anggaran, k.realisasi) for k in kegiatan],
                                         ident="grafik-kegiatan"),
        "baris": pohon(node),
        "lain": [{"kode": b.kode, "nama": b.nama, "tautan": f"/apbdes/{r.tahun}/bidang/{b.kode}"}
                 for b in r.belanja.anak if b.kode != node.kode],
    }


def blok(r) -> dict:
    """The home block's context: the year's pendapatan and belanja, and how much of the belanja is spent."""
    return {"tahun": r.tahun, "pendapatan": rupiah(r.pendapatan.anggaran), "belanja": rupiah(r.belanja.anggaran),
            "belanja_realisasi": rupiah(r.belanja.realisasi), "persen": persen(r.belanja.realisasi, r.belanja.anggaran),
            "per_tanggal": tanggal(r.per_tanggal)}


__all__ = ["TAHUN_MAKS", "TAHUN_MIN", "bidang", "blok", "infografis", "rincian_bidang", "situs",
           "tanggal", "versi"]
