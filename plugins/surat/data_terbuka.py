"""Letters issued per month and type as open data (satu_data's event `satu_data_dataset`).

A letter concerns a person, so the counts are published as counts of persons served: by letter type and the
subject's sex, for the whole nagari only (a service to a person is sensitive below it), through `statistik`'s one
small-cell suppression (`suppress`), as the public statistics are (ENGINEERING-NOTES 8 and 11). Every type the office
offers has its rows, zeros included. A letter that recorded no sex for its subject (a person from outside the
register typed without it) cannot be placed in the table and is left out. satu_data and statistik are imported
inside the functions: surat runs without them.
"""

from __future__ import annotations

import calendar
from datetime import date

from plugin_sdk import register

from plugins.surat.api import issued_counts, letter_types

NAMA = "surat-terbit-per-jenis"
#: The code of the total row, as the other person-count datasets write statistik's SEMUA (a key needs a value).
JUMLAH = "JUMLAH"


async def tabel(dari: date, sampai: date, nama_nagari: str) -> list[dict]:
    """The jorong-less input rows of `suppress`: every letter type offered (or with letters) x sex, zeros included."""
    hitungan = {(r["jenis_kode"], r["jenis_kelamin"]): r["jumlah"] for r in await issued_counts(dari, sampai)}
    ada = {kode for kode, _ in hitungan}
    jenis = [j for j in await letter_types(active_only=False) if j["aktif"] or j["kode"] in ada]
    return [{"kode": j["kode"], "label": j["nama"], "wilayah": None, "wilayah_nama": nama_nagari,
             "jenis_kelamin": s, "jumlah": hitungan.get((j["kode"], s), 0)} for j in jenis for s in (1, 2)]


async def hitung(per: date):
    """Letters issued from the first of `per`'s month to `per`, suppressed; provisional until the month's end."""
    from plugins.satu_data.api import Terbitan
    from plugins.statistik import api as statistik

    profil = await register.stored_profile()
    nama_nagari = profil.get("nama") or profil.get("sebutan_desa") or "Nagari"
    ambang = await statistik.threshold()  # the public statistics' threshold
    seks = {1: "L", 2: "P", statistik.KEDUA: "L+P"}
    masuk = await tabel(per.replace(day=1), per, nama_nagari)
    keluar = statistik.suppress({NAMA: masuk}, threshold=ambang, sensitive={NAMA},
                                nagari_name=nama_nagari)[NAMA][0]
    akhir = calendar.monthrange(per.year, per.month)[1]
    return Terbitan(
        periode=f"{per:%Y-%m}", sementara=per.day != akhir,
        baris=[{"tingkat": "nagari", "wilayah": r["wilayah_nama"],
                "kode": JUMLAH if r["kode"] == statistik.SEMUA else str(r["kode"]), "label": r["label"],
                "jenis_kelamin": seks[r["jenis_kelamin"]], "jumlah": r["jumlah"],
                "disembunyikan": r["disembunyikan"]} for r in keluar],
        catatan=f"Ambang sel kecil: {ambang}.")


def datasets() -> list:
    from plugins.satu_data.api import Dataset, Kolom

    kolom = (
        Kolom("tingkat", "Tingkat wilayah", "string", "Selalu nagari: pelayanan orang tidak dirinci per jorong.",
              kode=(("nagari", "Seluruh nagari"),), kunci=True),
        Kolom("wilayah", "Wilayah", "string", "Nama nagari.", kunci=True),
        Kolom("kode", "Kode jenis surat", "string",
              "Kode jenis surat yang diterbitkan kantor nagari; JUMLAH untuk baris jumlah semua jenis.",
              daftar_kode="Jenis surat yang diatur kantor nagari (menu Jenis surat)", kunci=True),
        Kolom("label", "Jenis surat", "string", "Nama jenis surat, atau Jumlah."),
        Kolom("jenis_kelamin", "Jenis kelamin", "string",
              "Jenis kelamin orang yang dibuatkan surat, seperti tercatat pada suratnya: L laki-laki, P "
              "perempuan, L+P keduanya.",
              kode=(("L", "Laki-laki"), ("P", "Perempuan"), ("L+P", "Laki-laki dan perempuan")),
              daftar_kode="Dukcapil: jenis kelamin", kunci=True),
        Kolom("jumlah", "Jumlah surat", "integer",
              "Banyaknya surat yang terbit dalam bulan itu (yang dibatalkan tidak dihitung); kosong bila "
              "disembunyikan.", satuan="surat"),
        Kolom("disembunyikan", "Disembunyikan", "boolean",
              "true bila angkanya disembunyikan untuk melindungi warga (sel kecil atau sel pelindungnya)."),
    )
    return [Dataset(
        NAMA, "Surat keterangan yang terbit per jenis",
        "Banyaknya surat keterangan dan pengantar yang diterbitkan kantor nagari dalam sebulan, per jenis surat "
        "dan jenis kelamin orang yang dibuatkan surat, untuk seluruh nagari. Surat yang dibatalkan tidak dihitung; "
        "surat untuk orang dari luar nagari yang jenis kelaminnya tidak dicatat tidak dapat dimasukkan. Angka "
        "bulan berjalan bersifat sementara.",
        kolom, hitung, grup="pelayanan", tag=("surat", "pelayanan publik", "administrasi"), frekuensi="bulanan",
        hitungan_orang=True,
        sensor="Setiap surat dihitung sebagai satu orang yang dilayani, lalu disensor dengan fungsi sensor sel "
               "kecil yang sama dengan statistik publik nagari: angka 1 sampai di bawah ambang sel kecil (diatur "
               "di Statistik, bawaannya 3) dan sel pelindungnya disembunyikan (jumlah kosong, disembunyikan true) "
               "agar tidak dapat dihitung balik dari jumlahnya; angka nol ditampilkan. Hanya tingkat nagari.",
        sumber="Arsip surat kantor nagari")]
