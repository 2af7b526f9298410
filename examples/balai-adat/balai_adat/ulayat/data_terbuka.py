"""The tanah ulayat as open data ("adat-tanah-ulayat", satu_data's event `satu_data_dataset`): parcels and hectares
per status and use, the sums the public page /adat/ulayat shows. Land, not people: nothing to suppress.

`datasets()` is called from the plugin's `satu_data_dataset` (plugin.py); satu_data is imported inside, so adat
runs where it is not installed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugin_sdk import register

from balai_adat.ulayat.kode import PENGGUNAAN, STATUS
from balai_adat.ulayat.layanan import ringkasan_silang

NAMA = "adat-tanah-ulayat"


async def hitung(per: date):
    """Every status x use, zeros included, as the register stands on the day of release (it keeps no history)."""
    from plugins.satu_data.api import Terbitan, periode_bulan

    if not (silang := await ringkasan_silang()):
        return None  # nothing recorded yet: nothing to publish
    baris = []
    for status in STATUS:
        for guna in PENGGUNAAN:
            jumlah, m2 = silang.get((status, guna), (0, 0))
            baris.append({"status": status, "penggunaan": guna, "jumlah_bidang": jumlah,
                          "luas_ha": Decimal(m2).scaleb(-4)})  # exact: 1 m² is 0.0001 ha
    periode, sementara = await periode_bulan(per)
    return Terbitan(periode=periode, baris=baris, sementara=sementara)


async def datasets() -> list:
    from plugins.satu_data.api import BUKAN_ORANG, Dataset, Kolom

    profil = await register.stored_profile()
    sebutan = profil.get("sebutan_desa") or "Nagari"
    kolom = (
        Kolom("status", "Status tanah ulayat", "string", "Pemegang ulayat menurut adat: nagari, suku, atau kaum.",
              kode=tuple(STATUS.items()), daftar_kode="Balai adat: status tanah ulayat", kunci=True),
        Kolom("penggunaan", "Penggunaan", "string", "Penggunaan tanah menurut catatan kantor.",
              kode=tuple(PENGGUNAAN.items()), daftar_kode="Balai adat: penggunaan tanah ulayat", kunci=True),
        Kolom("jumlah_bidang", "Jumlah bidang", "integer", "Banyaknya bidang tanah ulayat yang tercatat.",
              satuan="bidang"),
        Kolom("luas_ha", "Luas", "number", "Luas seluruh bidang itu, dalam hektare (sampai 4 angka desimal).",
              satuan="hektare"),
    )
    return [Dataset(
        NAMA, "Tanah ulayat menurut status dan penggunaan",
        "Bidang dan luas tanah ulayat (milik bersama menurut adat Minangkabau) yang dicatat kantor bersama "
        "Kerapatan Adat Nagari, menurut pemegangnya (ulayat nagari, suku, kaum) dan penggunaannya. Keadaan pada hari "
        "terbit: daftar tanah ulayat tidak menyimpan riwayat.",
        kolom, hitung, grup="potensi", tag=("adat", "tanah ulayat", "minangkabau", "lahan"), frekuensi="bulanan",
        hitungan_orang=False, sensor=BUKAN_ORANG, sumber=f"Daftar tanah ulayat {sebutan} {profil.get('nama') or ''}"
        .strip())]
