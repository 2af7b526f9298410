"""Letters issued per month and type as open data (satu_data's event `satu_data_dataset`).

A letter concerns a person, so the counts of letters (a service statistic: one person may hold several letters of a
type) are published like counts of people: by letter type and the subject's sex, for the whole nagari only (a
service to a person is sensitive below it), through `statistik`'s one small-cell suppression (`suppress`) and in
the one shape of a person-count dataset (`kolom_terbuka`, `baris_terbuka`, `teks_sensor`), as the public statistics
are (ENGINEERING-NOTES 8 and 11). Every type the office offers has its rows, zeros included. A letter that recorded
no sex for its subject (a person from outside the register typed without it) cannot be placed in the table and is
left out. satu_data and statistik are imported inside the functions: surat runs without them.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import register

from plugins.surat.api import issued_counts, letter_types

NAMA = "surat-terbit-per-jenis"


async def tabel(dari: date, sampai: date, nama_nagari: str) -> list[dict]:
    """The jorong-less input rows of `suppress`: every letter type offered (or with letters) x sex, zeros included."""
    hitungan = {(r["jenis_kode"], r["jenis_kelamin"]): r["jumlah"] for r in await issued_counts(dari, sampai)}
    ada = {kode for kode, _ in hitungan}
    jenis = [j for j in await letter_types(active_only=False) if j["aktif"] or j["kode"] in ada]
    return [{"kode": j["kode"], "label": j["nama"], "wilayah": None, "wilayah_nama": nama_nagari,
             "jenis_kelamin": s, "jumlah": hitungan.get((j["kode"], s), 0)} for j in jenis for s in (1, 2)]


async def hitung(per: date):
    """Letters issued from the first of `per`'s month to `per`, suppressed; provisional until the month's end."""
    from plugins.satu_data.api import Terbitan, periode_bulan
    from plugins.statistik import api as statistik

    profil = await register.stored_profile()
    nama_nagari = profil.get("nama") or profil.get("sebutan_desa") or "Nagari"
    ambang = await statistik.threshold()  # the public statistics' threshold
    masuk = await tabel(per.replace(day=1), per, nama_nagari)
    keluar, mentah = (statistik.suppress({NAMA: masuk}, threshold=n, sensitive={NAMA}, nagari_name=nama_nagari)[NAMA]
                      for n in (ambang, 1))  # 1 hides nothing: the kabupaten hub's exact figures, never served
    periode, sementara = await periode_bulan(per)
    return Terbitan(periode=periode, sementara=sementara, baris=statistik.baris_terbuka(keluar),
                    catatan=f"Ambang sel kecil: {ambang}.", mentah=statistik.baris_terbuka(mentah))


async def datasets() -> list:
    """The answer to `satu_data_dataset`: async, the suppression text follows the office's threshold."""
    from plugins.satu_data.api import Dataset, Kolom
    from plugins.statistik import api as statistik

    kolom = statistik.kolom_terbuka(
        Kolom("kode", "Kode jenis surat", "string",
              "Kode jenis surat yang diterbitkan kantor nagari; JUMLAH untuk baris jumlah semua jenis.",
              daftar_kode="Jenis surat yang diatur kantor nagari (menu Jenis surat)"),
        satuan="surat", jorong=False,
        judul={"label": "Jenis surat", "jumlah": "Jumlah surat"},
        definisi={"tingkat": "Selalu nagari: pelayanan orang tidak dirinci per jorong.",
                  "label": "Nama jenis surat, atau Jumlah.",
                  "jenis_kelamin": "Jenis kelamin orang yang dibuatkan surat, seperti tercatat pada suratnya: L "
                                   "laki-laki, P perempuan, L+P keduanya.",
                  "jumlah": "Banyaknya surat yang terbit dalam bulan itu (yang dibatalkan tidak dihitung); satu "
                            "orang dapat menerima beberapa surat. Kosong bila disembunyikan."})
    return [Dataset(
        NAMA, "Surat keterangan yang terbit per jenis",
        "Banyaknya surat keterangan dan pengantar yang diterbitkan kantor nagari dalam sebulan, per jenis surat "
        "dan jenis kelamin orang yang dibuatkan surat, untuk seluruh nagari. Yang dihitung surat, bukan orang: "
        "satu orang dapat menerima beberapa surat dari jenis yang sama dalam sebulan. Surat yang dibatalkan tidak "
        "dihitung; surat untuk orang dari luar nagari yang jenis kelaminnya tidak dicatat tidak dapat dimasukkan. "
        "Angka bulan berjalan bersifat sementara.",
        kolom, hitung, grup="pelayanan", tag=("surat", "pelayanan publik", "administrasi"), frekuensi="bulanan",
        hitungan_orang=True,
        sensor=statistik.teks_sensor(await statistik.threshold(),
                                     nagari_saja="pelayanan kepada seseorang tidak dirinci per jorong"),
        sumber="Arsip surat kantor nagari")]
