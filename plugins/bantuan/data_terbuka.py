"""Aid recipients as open data ("penerima-bantuan-per-jorong", event `satu_data_dataset` of satu_data): per program
and jorong, the persons who receive each program now.

The figures are statistik_bantuan.hitung's, the computation the office's statistics category shows, suppressed by
statistik's one function (`suppress`, through its contract) with the public statistics' threshold. Published by
jorong: the issue asks for program and jorong, and the small-cell suppression protects the recipients. The rows
have the columns of the population datasets (tingkat, wilayah, kode, label, jenis_kelamin, jumlah,
disembunyikan), so a reader and the privacy test read them alike, but only "L+P": split by sex, the few women or
men of a small program made every cell of it hidden (suppression's last resort), so the table is program x jorong.
It is suppressed as a table of one sex (the other all zeros, which protect nothing), whose both-sexes cells are
then exactly the published ones.
"""

from __future__ import annotations

import calendar
from datetime import date

from plugin_sdk import register, today

from plugins.bantuan.statistik_bantuan import hitung, program_bertercatat

NAMA = "penerima-bantuan-per-jorong"
JUMLAH = "JUMLAH"  # the code of a total row: a key column needs a value
TINGKAT = {0: "nagari", 1: "jorong"}
SEKS = {1: "L", 2: "P", 0: "L+P"}  # statistik's KEDUA (both sexes) is 0


async def datasets() -> list:
    """The answer to `satu_data_dataset`: async, the programs (the code list) are read from the database."""
    from plugins.satu_data.api import Dataset, Kolom  # only when satu_data asks, so bantuan runs without it

    program = await program_bertercatat()
    if not program:  # nothing approved yet: no code list, nothing to publish
        return []
    profil = await register.stored_profile()
    sebutan = profil.get("sebutan_desa") or "Nagari"
    kolom = (
        Kolom("tingkat", "Tingkat wilayah", "string", "Tingkat wilayah baris: seluruh nagari atau satu jorong "
              "(dusun).", kode=(("nagari", "Seluruh nagari"), ("jorong", "Per jorong")), kunci=True),
        Kolom("wilayah", "Wilayah", "string", "Nama nagari, atau nama jorong tempat penerima tinggal menurut "
              "register sekarang; \"Tanpa Jorong\" untuk yang belum tercatat di jorong mana pun.", kunci=True),
        Kolom("kode", "Program", "string", "Nomor program bantuan di Balai nagari ini; JUMLAH untuk baris jumlah "
              "semua program.", kode=(*((str(i), nama) for i, nama in program), (JUMLAH, "Jumlah semua program")),
              daftar_kode=f"Program bantuan sosial {sebutan} yang daftar penerimanya pernah disetujui", kunci=True),
        Kolom("label", "Nama program", "string", "Nama program bantuan."),
        Kolom("jenis_kelamin", "Jenis kelamin", "string", "Selalu L+P (laki-laki dan perempuan): penerima tidak "
              "dipecah menurut jenis kelamin, agar angka program kecil tetap dapat ditampilkan.",
              kode=(("L+P", "Laki-laki dan perempuan"),),
              daftar_kode="Dukcapil (SIAK), Permendagri 109/2019: jenis kelamin", kunci=True),
        Kolom("jumlah", "Jumlah penerima", "integer", "Orang yang menerima; kosong bila disembunyikan untuk "
              "melindungi penerima.", satuan="orang"),
        Kolom("disembunyikan", "Disembunyikan", "boolean", "true bila angka ini disembunyikan (sensor sel kecil)."),
    )
    ambang = await _ambang()
    return [Dataset(
        NAMA, "Penerima bantuan sosial menurut program dan jorong",
        "Orang yang menerima tiap program bantuan sosial menurut daftar terakhir yang disetujui Wali Nagari "
        "(untuk program keluarga atau rumah tangga: anggota yang menerima), menurut jorong tempat tinggal, "
        "dengan baris jumlah. Program untuk kelompok tidak dihitung. Seseorang yang menerima dua "
        "program dihitung di kedua program. Angkanya sama dengan kategori statistik kantor \"Penerima bantuan "
        "sosial\". Keadaan pada akhir periode (bulan berjalan: hari terbit).",
        kolom, terbitan, grup="sosial", tag=("bantuan sosial", "perlindungan sosial", "blt dana desa"),
        frekuensi="bulanan", hitungan_orang=True, sensor=_sensor(ambang),
        sumber=f"Daftar penerima bantuan sosial {sebutan} {profil.get('nama') or ''}".strip())]


async def terbitan(per: date):
    """The rows as of the end of `per`: the lists approved by then, suppressed; None before any approval."""
    from plugins.satu_data.api import Terbitan
    from plugins.statistik import api as statistik  # the one suppression, only when publishing

    program = await program_bertercatat()
    if not program:
        return None
    profil = await register.stored_profile()
    hari_ini = today(profil)
    # today is "now" for the statistics category too (statistik asks it without a day)
    counted = await hitung(tingkat=1, per=None if per >= hari_ini else per, status=None)
    tabel = statistik.suppress({NAMA: _tata(counted, program, await _jorong(), profil)},
                               threshold=await _ambang(), nagari_name=profil.get("nama") or "")[NAMA]
    rows = [{"tingkat": TINGKAT[t], "wilayah": r["wilayah_nama"], "kode": JUMLAH if r["kode"] == statistik.SEMUA
             else str(r["kode"]), "label": r["label"], "jenis_kelamin": SEKS[r["jenis_kelamin"]],
             "jumlah": r["jumlah"], "disembunyikan": r["disembunyikan"]}
            for t in sorted(tabel) for r in tabel[t] if r["jenis_kelamin"] == statistik.KEDUA]
    akhir = per.day == calendar.monthrange(per.year, per.month)[1]
    return Terbitan(periode=f"{per:%Y-%m}", baris=rows, sementara=not akhir)


def _tata(counted: list[dict], program: list[tuple[int, str]], jorong: list[tuple[int, str]],
          profil: dict) -> list[dict]:
    """Every program x jorong cell, zeros included (suppress needs the whole table), jorong by name; both sexes
    counted as one (sex 1), the other sex all zeros."""
    n: dict = {}
    for r in counted:
        key = (r["kode"], r["wilayah"], 1)
        n[key] = n.get(key, 0) + r["jumlah"]
    places = list(jorong)
    if any(w is None and v for (_, w, _), v in n.items()):
        places.append((None, f"Tanpa {profil.get('sebutan_dusun') or 'Jorong'}"))
    return [{"kode": pid, "label": nama, "wilayah": wid, "wilayah_nama": wnama, "jenis_kelamin": jk,
             "jumlah": n.get((pid, wid, jk), 0)} for wid, wnama in places for pid, nama in program for jk in (1, 2)]


async def _jorong() -> list[tuple[int, str]]:
    rows = [r for r in await register.wilayah_rows() if r["tingkat"] == 1]
    return [(r["id"], r["nama"]) for r in sorted(rows, key=lambda r: (r["nama"], r["id"]))]


async def _ambang() -> int:
    """The public statistics' threshold (statistik's setting), so both publish alike."""
    from plugins.statistik import api as statistik

    return await statistik.threshold()


def _sensor(ambang: int) -> str:
    if ambang <= 1:
        return "Ambang sensor 1: tidak ada angka yang disembunyikan."
    return (f"Angka 1 sampai {ambang - 1} dan sel pelindungnya disembunyikan (jumlah kosong, disembunyikan = true) "
            "dengan fungsi sensor yang sama dengan statistik publik (ambang yang sama), sehingga penerima di jorong "
            "atau program kecil tidak dapat dihitung dari jumlah baris, kolom atau jorong lain. Angka 0 ditampilkan.")
