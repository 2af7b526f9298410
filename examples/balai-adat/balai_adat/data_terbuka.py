"""Residents per suku and jorong as open data ("penduduk-menurut-suku", satu_data's event `satu_data_dataset`).

Aggregates only: the figures are statistik_suku.hitung's (the office's category), suppressed by statistik's one
function `suppress` with the office's threshold, and written in the one shape of a person-count dataset
(`kolom_terbuka`, `baris_terbuka`, `teks_sensor`). Both sexes as one (`satu_jenis`): a small suku's few women or men
would otherwise hide most of its cells. statistik and satu_data are imported inside: adat runs without them.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import register

from balai_adat.statistik_suku import hitung, kode_suku

NAMA = "penduduk-menurut-suku"


async def datasets() -> list:
    from plugins.satu_data.api import Dataset, Kolom
    from plugins.statistik import api as statistik

    kode = await kode_suku()
    if len(kode) == 1:  # no suku registered: nothing to publish
        return []
    profil = await register.stored_profile()
    sebutan = profil.get("sebutan_desa") or "Nagari"
    kolom = statistik.kolom_terbuka(
        Kolom("kode", "Suku", "string", "Nomor suku di daftar adat Balai nagari ini; 0 untuk penduduk yang sukunya "
              "belum dicatat; JUMLAH untuk baris jumlah.",
              kode=(*((str(i), nama) for i, nama in kode), (statistik.JUMLAH, "Jumlah penduduk")),
              daftar_kode=f"Suku yang terdaftar di daftar adat {sebutan}"),
        satuan="orang", per_jenis_kelamin=False, judul={"label": "Nama suku", "jumlah": "Jumlah penduduk"},
        definisi={"wilayah": "Nama nagari, atau nama jorong tempat penduduk tinggal menurut register sekarang.",
                  "label": "Nama suku (klan matrilineal) menurut daftar adat nagari.",
                  "jenis_kelamin": "Selalu L+P: penduduk tidak dipecah menurut jenis kelamin.",
                  "jumlah": "Penduduk hidup yang tercatat bersuku ini; kosong bila disembunyikan untuk melindungi "
                            "penduduk."})
    return [Dataset(
        NAMA, "Penduduk menurut suku dan jorong",
        "Penduduk hidup menurut suku yang tercatat di daftar adat nagari (suku mengikuti ibu) dan jorong tempat "
        "tinggal, dengan baris jumlah. Angkanya sama dengan kategori statistik kantor \"Suku (adat Minangkabau)\". "
        "Keadaan pada hari terbit: daftar suku tidak menyimpan riwayat.",
        kolom, terbitan, grup="kependudukan", tag=("adat", "suku", "minangkabau"), frekuensi="bulanan",
        hitungan_orang=True, sensor=statistik.teks_sensor(await statistik.threshold()),
        sumber=f"Daftar adat {sebutan} {profil.get('nama') or ''}".strip())]


async def terbitan(per: date):
    """The rows as of the end of `per` (the suku records as they are now), suppressed; None without a suku."""
    from plugins.satu_data.api import Terbitan, periode_bulan
    from plugins.statistik import api as statistik

    kode = await kode_suku()
    if len(kode) == 1:
        return None
    profil = await register.stored_profile()
    counted = await hitung(tingkat=1)
    masuk = statistik.satu_jenis(_tata(counted, kode, await _jorong(), profil))
    tabel, mentah = (statistik.suppress({NAMA: masuk}, threshold=ambang, nagari_name=profil.get("nama") or "")[NAMA]
                     for ambang in (await statistik.threshold(), 1))  # 1 hides nothing: the hub's exact figures
    periode, sementara = await periode_bulan(per)
    return Terbitan(periode=periode, baris=statistik.baris_terbuka(tabel, per_jenis_kelamin=False),
                    sementara=sementara, mentah=statistik.baris_terbuka(mentah, per_jenis_kelamin=False))


def _tata(counted: list[dict], kode: list[tuple[int, str]], jorong: list[tuple[int, str]], profil: dict) -> list:
    """Every suku x jorong cell, zeros included (suppress needs the whole table), both sexes as one."""
    n: dict = {}
    for r in counted:
        n[(r["kode"], r["wilayah"])] = n.get((r["kode"], r["wilayah"]), 0) + r["jumlah"]
    places = list(jorong)
    if any(w is None and v for (_, w), v in n.items()):
        places.append((None, f"Tanpa {profil.get('sebutan_dusun') or 'Jorong'}"))
    return [{"kode": sid, "label": nama, "wilayah": wid, "wilayah_nama": wnama, "jumlah": n.get((sid, wid), 0)}
            for wid, wnama in places for sid, nama in kode]


async def _jorong() -> list[tuple[int, str]]:
    rows = [r for r in await register.wilayah_rows() if r["tingkat"] == 1]
    return [(r["id"], r["nama"]) for r in sorted(rows, key=lambda r: (r["nama"], r["id"]))]
