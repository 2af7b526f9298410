"""The one shape of a person-count dataset in open data (satu_data): its columns, its rows and the words for its
method of suppression, shared by every plugin that publishes counts of people (statistik, bantuan, surat).

Every such dataset has the columns tingkat, wilayah, kode, label, jenis_kelamin, jumlah (empty when hidden) and
disembunyikan, written from `suppress`'s output, so a reader (and tests/test_satu_data_privasi.py) can rebuild
the tables `suppress` published from the rows alone and check that nothing hidden can be narrowed.
satu_data's `Kolom` is imported inside `kolom_terbuka`: statistik runs without satu_data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugins.statistik.sensor import KEDUA, SEMUA

#: ``kode`` of a total row (sensor.SEMUA) and of "no value recorded" (None): a key column needs a value.
JUMLAH, TIDAK_TERCATAT = "JUMLAH", "BELUM"
TINGKAT = {0: "nagari", 1: "jorong"}
SEKS = {1: "L", 2: "P", KEDUA: "L+P"}
DAFTAR_SEKS = "Dukcapil (SIAK), Permendagri 109/2019: jenis kelamin"


def kode_terbuka(kode) -> str:
    """A code as a dataset writes it: always text, the total and "not recorded" named."""
    return JUMLAH if kode == SEMUA else TIDAK_TERCATAT if kode is None else str(kode)


def kolom_terbuka(kode, *, satuan: str = "orang", jorong: bool = True, per_jenis_kelamin: bool = True,
                  judul: Mapping[str, str] | None = None, definisi: Mapping[str, str] | None = None) -> tuple:
    """The seven columns of a person-count dataset, in order, as satu_data `Kolom`s.

    `kode`: the dataset's own code column (a `Kolom` with its code list; it is published as ``kode``, a key);
    `satuan`: the unit of ``jumlah``; `jorong`: rows per jorong as well as for the nagari; `per_jenis_kelamin`:
    L, P and L+P rows (False: L+P only, for a table suppressed as one of one sex, see `satu_jenis`);
    `judul` / `definisi`: a column's title or definition in the dataset's own words, by column name."""
    from plugins.satu_data.api import Kolom  # only when satu_data asks

    judul, definisi = dict(judul or {}), dict(definisi or {})
    tingkat = (("nagari", "Seluruh nagari"), ("jorong", "Per jorong")) if jorong else (("nagari", "Seluruh nagari"),)
    seks = (("L", "Laki-laki"), ("P", "Perempuan"), ("L+P", "Laki-laki dan perempuan")) if per_jenis_kelamin \
        else (("L+P", "Laki-laki dan perempuan"),)
    bawaan = {
        "tingkat": "Tingkat wilayah baris: seluruh nagari atau satu jorong (dusun)." if jorong else
                   "Selalu seluruh nagari: tidak dirinci per jorong.",
        "wilayah": "Nama nagari, atau nama jorong; \"Tanpa Jorong\" untuk yang belum tercatat di jorong mana pun."
                   if jorong else "Nama nagari.",
        "label": "Nama kode.",
        "jenis_kelamin": "L laki-laki, P perempuan, L+P keduanya." if per_jenis_kelamin else
                         "Selalu L+P (laki-laki dan perempuan): tidak dipecah menurut jenis kelamin.",
        "jumlah": "Banyaknya; kosong bila disembunyikan untuk melindungi warga.",
        "disembunyikan": "true bila angka ini disembunyikan (sensor sel kecil atau sel pelindungnya).",
    }

    def kolom(nama: str, judul_bawaan: str, tipe: str, **lain) -> Kolom:
        return Kolom(nama, judul.get(nama, judul_bawaan), tipe, definisi.get(nama, bawaan[nama]), **lain)

    return (kolom("tingkat", "Tingkat wilayah", "string", kode=tingkat, kunci=True),
            kolom("wilayah", "Wilayah", "string", kunci=True),
            dataclasses.replace(kode, nama="kode", tipe="string", kunci=True),
            kolom("label", "Uraian", "string"),
            kolom("jenis_kelamin", "Jenis kelamin", "string", kode=seks, daftar_kode=DAFTAR_SEKS, kunci=True),
            kolom("jumlah", "Jumlah", "integer", satuan=satuan),
            kolom("disembunyikan", "Disembunyikan", "boolean"))


def satu_jenis(rows: list[dict]) -> list[dict]:
    """Input rows of `suppress` for a table not split by sex: each count as sex 1 beside a zero of sex 2. Zeros
    protect nothing, so the both-sexes cells come out suppressed exactly as the one table would be."""
    out = []
    for r in rows:
        out += [{**r, "jenis_kelamin": 1}, {**r, "jenis_kelamin": 2, "jumlah": 0}]
    return out


def baris_terbuka(tabel: Mapping[int, list[dict]], *, per_jenis_kelamin: bool = True) -> list[dict]:
    """One table of `suppress`'s output ({0: nagari rows, 1: jorong rows}) as dataset rows: the nagari first, then
    the jorong, each in suppress's order. `per_jenis_kelamin=False`: only the L+P rows (see `satu_jenis`)."""
    return [{"tingkat": TINGKAT[tingkat], "wilayah": r["wilayah_nama"], "kode": kode_terbuka(r["kode"]),
             "label": r["label"], "jenis_kelamin": SEKS[r["jenis_kelamin"]], "jumlah": r["jumlah"],
             "disembunyikan": r["disembunyikan"]}
            for tingkat in sorted(tabel) for r in tabel[tingkat]
            if per_jenis_kelamin or r["jenis_kelamin"] == KEDUA]


def teks_sensor(ambang: int, *, nagari_saja: str = "", tautan: str = "", bersama: bool = False,
                tambahan: str = "") -> str:
    """The method of suppression in words (a dataset's `sensor`), for the office's threshold `ambang`.

    `nagari_saja`: why it is published for the whole nagari only, when it is; `tautan`: figures hidden together
    because their definitions make them equal; `bersama`: one of the population datasets suppressed together;
    `tambahan`: what the dataset hides beyond `suppress` (one more sentence)."""
    if ambang <= 1:
        bagian = ["Ambang sensor 1: tidak ada angka yang disembunyikan."]
    else:
        kecil = "Angka 1" if ambang == 2 else f"Angka 1 sampai {ambang - 1}"
        bagian = [f"{kecil} dan sel pelindungnya disembunyikan (jumlah kosong, disembunyikan = true), dengan fungsi "
                  "sensor yang sama dengan halaman statistik publik (ambang yang sama, diatur di Statistik "
                  "penduduk), sehingga angka kecil tidak dapat dihitung kembali dari jumlah baris, kolom, jorong "
                  "atau kategori lain. Angka 0 ditampilkan."]
        if tambahan:
            bagian.append(tambahan)
    if bersama:
        bagian.append("Semua kategori penduduk satu periode disensor bersama: jumlah per jorong dan seluruh nagari "
                      "sama di setiap dataset yang menghitung orang yang sama, dan disembunyikan di semuanya bila "
                      "disembunyikan di satu.")
    if tautan:
        bagian.append(f"Angka yang sama menurut definisinya disembunyikan bersama: {tautan}.")
    if nagari_saja:
        bagian.append(f"Hanya diterbitkan untuk seluruh nagari, tidak per jorong: {nagari_saja}.")
    return " ".join(bagian)
