"""The APB Desa as open data (satu_data's event `satu_data_dataset`): the budget in force for a year and its
realisation, per pendapatan kelompok and jenis, per belanja bidang, per pembiayaan jenis, and the year's balances.

The rows are `baris_datar`'s (the flat table behind the public CSV /apbdes/<tahun>.csv) at the levels the public
infographic shows, so the dataset, the CSV and the page carry one computation (ENGINEERING-NOTES 11). Amounts are
exact rupiah (sen / 100, never a float on the way); the percentage is rounded once by `persen_angka`, as every door
rounds it. satu_data is imported inside `datasets()`: keuangan runs where it is not installed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.keuangan.jumlah import persen_angka
from plugins.keuangan.kode import BIDANG
from plugins.keuangan.publik.tampilan import tanggal
from plugins.keuangan.ringkasan import Ringkasan, baris_datar, ringkasan

NAMA = "apbdes-per-bidang"
#: The deepest level (`baris_datar`'s tingkat) published per part: pendapatan by jenis (Dana Desa, ADD ...) as the
#: infographic's table, belanja by bidang, pembiayaan by jenis; the balance rows have one level.
KEDALAMAN = {"Pendapatan": 2, "Belanja": 1, "Pembiayaan - Penerimaan": 1, "Pembiayaan - Pengeluaran": 1,
             "Jumlah": 0}
#: The balance rows have no account code; a key column must never be empty (Frictionless "required").
SALDO = {"Surplus/(Defisit)": "surplus", "Pembiayaan Netto": "pembiayaan_netto", "SiLPA": "silpa"}
BAGIAN = (("Pendapatan", "Pendapatan (akun 4)"), ("Belanja", "Belanja (akun 5), per bidang"),
          ("Pembiayaan - Penerimaan", "Penerimaan pembiayaan (akun 6.1)"),
          ("Pembiayaan - Pengeluaran", "Pengeluaran pembiayaan (akun 6.2)"),
          ("Jumlah", "Saldo: surplus/(defisit), pembiayaan netto dan SiLPA tahun berjalan"))


def rupiah(sen: int) -> Decimal:
    """Sen as exact rupiah (Decimal("1250000.5")): a division by 100 that a Decimal carries without rounding."""
    return Decimal(int(sen)) / 100


def _baris(b: dict) -> dict:
    saldo = b["bagian"] == "Jumlah"
    return {"bagian": b["bagian"], "tingkat": b["tingkat"], "kode": SALDO[b["uraian"]] if saldo else b["kode"],
            "uraian": b["uraian"], "anggaran": rupiah(b["anggaran"]), "realisasi": rupiah(b["realisasi"]),
            "sisa": rupiah(b["sisa"]),
            # a percentage of a balance means nothing (the CSV leaves it empty too)
            "persen": None if saldo else persen_angka(b["realisasi"], b["anggaran"])}


def baris(r: Ringkasan) -> list[dict]:
    """The dataset's rows of one `Ringkasan`, in the CSV's order; each of the five bidang has its row (zero when
    the year has no kegiatan in it), so the tables of every nagari and year line up."""
    keluar = [_baris(b) for b in baris_datar(r) if b["tingkat"] <= KEDALAMAN.get(b["bagian"], 0)]
    bidang = [x for x in keluar if x["bagian"] == "Belanja" and x["tingkat"] == 1]
    ada = {x["kode"] for x in bidang}
    bidang += [_baris({"bagian": "Belanja", "tingkat": 1, "kode": kode, "uraian": nama, "anggaran": 0,
                       "realisasi": 0, "sisa": 0}) for kode, nama in BIDANG.items() if kode not in ada]
    bidang.sort(key=lambda x: x["kode"])
    lain = [x for x in keluar if not (x["bagian"] == "Belanja" and x["tingkat"] == 1)]
    total_belanja = next(i for i, x in enumerate(lain) if x["bagian"] == "Belanja")
    return [*lain[:total_belanja + 1], *bidang, *lain[total_belanja + 1:]]


async def hitung(per: date):
    """The APB Desa of `per`'s year in force on `per`, realised up to `per`; None when the year has none. The
    period is the year, provisional until it has ended (satu_data's rule)."""
    from plugins.satu_data.api import Terbitan, periode_tahun

    r = await ringkasan(per.year, per_tanggal=per)
    if r is None:
        return None
    periode, sementara = await periode_tahun(per)
    versi = r.apbdes.get("versi") or 1
    nama = r.apbdes.get("nama") or f"APB Desa {r.tahun}"
    return Terbitan(periode=periode, baris=baris(r), sementara=sementara,
                    catatan=f"{nama} (versi {versi}); realisasi sampai {tanggal(per)}.")


def datasets() -> list:
    from plugins.satu_data.api import BUKAN_ORANG, Dataset, Kolom

    rupiah_ = "Rupiah, dengan sen bila ada (dua angka di belakang titik)."
    kolom = (
        Kolom("bagian", "Bagian APB Desa", "string", "Bagian struktur APB Desa tempat baris ini berada.",
              kode=BAGIAN, daftar_kode="Permendagri 20/2018 tentang Pengelolaan Keuangan Desa", kunci=True),
        Kolom("tingkat", "Tingkat rincian", "integer",
              "0: jumlah bagian atau saldo; 1: kelompok pendapatan, bidang belanja atau jenis pembiayaan; "
              "2: jenis pendapatan (sumber, misalnya Dana Desa).",
              kode=((0, "Jumlah bagian atau saldo"), (1, "Kelompok, bidang atau jenis pembiayaan"),
                    (2, "Jenis pendapatan"))),
        Kolom("kode", "Kode", "string",
              "Kode akun (4.2.1) atau kode bidang belanja (01 sampai 05) menurut Permendagri 20/2018; untuk baris "
              "saldo: surplus, pembiayaan_netto atau silpa.",
              daftar_kode="Permendagri 20/2018: kode rekening dan kode bidang kegiatan", kunci=True),
        Kolom("uraian", "Uraian", "string", "Nama akun, bidang atau saldo."),
        Kolom("anggaran", "Anggaran", "number", "Anggaran dalam APB Desa yang berlaku. " + rupiah_,
              satuan="rupiah"),
        Kolom("realisasi", "Realisasi", "number",
              "Realisasi (pendapatan yang diterima, belanja yang dibayar) sampai tanggal data. " + rupiah_,
              satuan="rupiah"),
        Kolom("sisa", "Sisa anggaran", "number", "Anggaran dikurangi realisasi (negatif: melebihi anggaran).",
              satuan="rupiah"),
        Kolom("persen", "Persen realisasi", "number",
              "Realisasi dibagi anggaran kali 100, dibulatkan satu angka di belakang koma; kosong bila anggarannya "
              "nol dan pada baris saldo.", satuan="persen"),
    )
    return [Dataset(
        NAMA, "APB Desa dan realisasinya per bidang",
        "Anggaran Pendapatan dan Belanja Desa (APB Desa) yang berlaku dan realisasinya: pendapatan per kelompok "
        "dan sumber, belanja per bidang, pembiayaan, serta surplus/defisit, pembiayaan netto dan SiLPA. Angkanya "
        "sama dengan infografis APB Desa di situs nagari. Periode adalah tahun anggaran; selama tahun itu belum "
        "berakhir angkanya sementara dan diperbarui setiap terbit.",
        kolom, hitung, grup="keuangan", tag=("apbdes", "anggaran", "realisasi", "keuangan desa"),
        frekuensi="tahunan", hitungan_orang=False, sensor=BUKAN_ORANG,
        sumber="APB Desa yang ditetapkan dengan peraturan nagari, dan pembukuan realisasinya")]
