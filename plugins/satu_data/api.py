"""The contract of `satu_data` for other plugins: how to contribute a dataset, and (for the sync plugin and a
theme) read-only access to what is published. Contract version 1.0.

    from plugin_sdk import hookimpl

    @hookimpl(optionalhook=True)          # an event of satu_data, which a nagari may not install
    def satu_data_dataset():
        from plugins.satu_data.api import Dataset, Kolom, Terbitan, periode_tahun

        async def hitung(per):            # the figures as of the end of the day `per`
            periode, sementara = await periode_tahun(per)   # ("2026", True while the year runs)
            return Terbitan(periode, baris=[{"jenis": "sawah", "luas": 120.5}], sementara=sementara)

        return [Dataset("adat-tanah-ulayat", "Tanah ulayat menurut jenis", "Luas tanah ulayat ...",
                        kolom=(Kolom("jenis", "Jenis tanah", "string", "...", kunci=True),
                               Kolom("luas", "Luas", "number", "...", satuan="hektare")),
                        hitung=hitung, grup="potensi", frekuensi="tahunan", hitungan_orang=False)]

A dataset that counts people must take its rows from the `statistik` contract's `suppress` (see dataset.py).
`await katalog(request)` is the catalogue as published (Katalog: `paket` with each dataset's rows); event
`satu_data_terbit` (events.py) fires inside the transaction that stores a release. For the kabupaten sync:
`await perubahan(setelah=posisi, batas=50)` lists each new period or revision after a position of the change log
(written in the release's transaction) with its rows before suppression; `await posisi_terakhir()`. For the hub's
own re-publication (1.1): `await pilihan()` (dataset -> {"terbit", "jadwal", ...}) and `await terbitkan(ctx,
nama=[...], per=date)` (a job's context; returns one `Hasil` per dataset: "baru", "revisi", "tetap", ...);
`batas_periode("2026-11")` the first and last day of a period.

Adding a name or a field is a minor version of API_VERSION; changing or removing one is a major version.
"""

from __future__ import annotations

from plugins.satu_data.dataset import (BUKAN_ORANG, FREKUENSI, GRUP, TIPE, Dataset, Kolom, Terbitan, periode_bulan,
                                       periode_tahun)
from plugins.satu_data.format.konteks import batas_periode
from plugins.satu_data.katalog import Katalog, Paket, katalog
from plugins.satu_data.perubahan import perubahan, posisi_terakhir
from plugins.satu_data.pilihan import semua as pilihan
from plugins.satu_data.terbit import Hasil, TerbitError, terbitkan

API_VERSION = "1.1"

__all__ = ["API_VERSION", "BUKAN_ORANG", "FREKUENSI", "GRUP", "TIPE", "Dataset", "Kolom", "Terbitan", "periode_bulan",
           "periode_tahun", "Katalog", "Paket", "katalog", "perubahan", "posisi_terakhir", "pilihan", "Hasil",
           "TerbitError", "batas_periode", "terbitkan"]
