"""Aid recipients as open data ("penerima-bantuan-per-jorong", event `satu_data_dataset` of satu_data): per program
and jorong, the persons who receive each program now.

The figures are statistik_bantuan.hitung's, the computation the office's statistics category shows, suppressed by
statistik's one function (`suppress`, through its contract) with the public statistics' threshold, and written in
the one shape of a person-count dataset (statistik's `kolom_terbuka`, `baris_terbuka`, `teks_sensor`). Published
by jorong: the issue asks for program and jorong, and the small-cell suppression protects the recipients. Only
"L+P": split by sex, the few women or men of a small program made every cell of it hidden (suppression's last
resort), so the table is program x jorong, suppressed as a table of one sex (statistik's `satu_jenis`).
statistik and satu_data are imported inside the functions: bantuan runs without them.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import register, today

from plugins.bantuan.statistik_bantuan import hitung, program_bertercatat

NAMA = "penerima-bantuan-per-jorong"


async def datasets() -> list:
    """The answer to `satu_data_dataset`: async, the programs (the code list) are read from the database."""
    from plugins.satu_data.api import Dataset, Kolom  # only when satu_data asks, so bantuan runs without it
    from plugins.statistik import api as statistik

    program = await program_bertercatat()
    if not program:  # nothing approved yet: no code list, nothing to publish
        return []
    profil = await register.stored_profile()
    sebutan = profil.get("sebutan_desa") or "Nagari"
    kolom = statistik.kolom_terbuka(
        Kolom("kode", "Program", "string", "Nomor program bantuan di Balai nagari ini; JUMLAH untuk baris jumlah "
              "semua program.", kode=(*((str(i), nama) for i, nama in program),
                                       (statistik.JUMLAH, "Jumlah semua program")),
              daftar_kode=f"Program bantuan sosial {sebutan} yang daftar penerimanya pernah disetujui"),
        satuan="orang", per_jenis_kelamin=False,
        judul={"label": "Nama program", "jumlah": "Jumlah penerima"},
        definisi={"wilayah": "Nama nagari, atau nama jorong tempat penerima tinggal menurut register sekarang; "
                             "\"Tanpa Jorong\" untuk yang belum tercatat di jorong mana pun.",
                  "label": "Nama program bantuan.",
                  "jenis_kelamin": "Selalu L+P (laki-laki dan perempuan): penerima tidak dipecah menurut jenis "
                                   "kelamin, agar angka program kecil tetap dapat ditampilkan.",
                  "jumlah": "Orang yang menerima; kosong bila disembunyikan untuk melindungi penerima."})
    return [Dataset(
        NAMA, "Penerima bantuan sosial menurut program dan jorong",
        "Orang yang menerima tiap program bantuan sosial menurut daftar terakhir yang disetujui Wali Nagari "
        "(untuk program keluarga atau rumah tangga: anggota yang menerima), menurut jorong tempat tinggal, "
        "dengan baris jumlah. Program untuk kelompok tidak dihitung. Seseorang yang menerima dua "
        "program dihitung di kedua program. Angkanya sama dengan kategori statistik kantor \"Penerima bantuan "
        "sosial\". Keadaan pada akhir periode (bulan berjalan: hari terbit).",
        kolom, terbitan, grup="sosial", tag=("bantuan sosial", "perlindungan sosial", "blt dana desa"),
        frekuensi="bulanan", hitungan_orang=True, sensor=statistik.teks_sensor(await statistik.threshold()),
        sumber=f"Daftar penerima bantuan sosial {sebutan} {profil.get('nama') or ''}".strip())]


async def terbitan(per: date):
    """The rows as of the end of `per`: the lists approved by then, suppressed; None before any approval."""
    from plugins.satu_data.api import Terbitan, periode_bulan
    from plugins.statistik import api as statistik  # the one suppression, only when publishing

    program = await program_bertercatat()
    if not program:
        return None
    profil = await register.stored_profile()
    # today is "now" for the statistics category too (statistik asks it without a day)
    counted = await hitung(tingkat=1, per=None if per >= today(profil) else per, status=None)
    masuk = statistik.satu_jenis(_tata(counted, program, await _jorong(), profil))
    tabel, mentah = (statistik.suppress({NAMA: masuk}, threshold=ambang, nagari_name=profil.get("nama") or "")[NAMA]
                     for ambang in (await statistik.threshold(), 1))  # 1 hides nothing: the hub's exact figures
    periode, sementara = await periode_bulan(per)
    return Terbitan(periode=periode, baris=statistik.baris_terbuka(tabel, per_jenis_kelamin=False),
                    sementara=sementara, mentah=statistik.baris_terbuka(mentah, per_jenis_kelamin=False))


def _tata(counted: list[dict], program: list[tuple[int, str]], jorong: list[tuple[int, str]],
          profil: dict) -> list[dict]:
    """Every program x jorong cell, zeros included (suppress needs the whole table), jorong by name; both sexes
    counted as one (the rows carry no sex: `satu_jenis` gives them one)."""
    n: dict = {}
    for r in counted:
        key = (r["kode"], r["wilayah"])
        n[key] = n.get(key, 0) + r["jumlah"]
    places = list(jorong)
    if any(w is None and v for (_, w), v in n.items()):
        places.append((None, f"Tanpa {profil.get('sebutan_dusun') or 'Jorong'}"))
    return [{"kode": pid, "label": nama, "wilayah": wid, "wilayah_nama": wnama, "jumlah": n.get((pid, wid), 0)}
            for wid, wnama in places for pid, nama in program]


async def _jorong() -> list[tuple[int, str]]:
    rows = [r for r in await register.wilayah_rows() if r["tingkat"] == 1]
    return [(r["id"], r["nama"]) for r in sorted(rows, key=lambda r: (r["nama"], r["id"]))]
