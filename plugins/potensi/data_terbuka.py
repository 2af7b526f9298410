"""The nagari's profile and potential as open data (satu_data's event `satu_data_dataset`): exactly what the public
page /potensi shows, because both read `terbit.data_publik`, the one computation of what is public.

Only the year the office publishes and the indicators it publishes go out, one row per figure: the nagari's, and
for a jorong indicator each jorong's. `hitung` takes the publishing context and hands it to `data_publik`, so an
indicator another plugin adds (event `potensi_indikator`) is published as on the page. satu_data is imported inside
the functions: potensi runs where it is not installed.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import register

from plugins.potensi.indikator import TEMA, dari_seratus, indikator_bawaan
from plugins.potensi.terbit import PotensiPublik, data_publik

NAMA = "potensi-nagari"
NAGARI, JORONG = "nagari", "jorong"


def baris(data: PotensiPublik, nama_nagari: str) -> list[dict]:
    """One row per published figure, in the page's order: theme, indicator, the nagari then its jorong."""
    keluar = []
    for tema, items in data.tema.items():
        for ind, nagari, per_jorong in items:
            tempat = ([(NAGARI, nama_nagari, nagari)] if nagari is not None else []) + \
                [(JORONG, nama, v) for nama, v in per_jorong if v is not None]
            keluar += [{"tema": tema, "kode_indikator": ind.kode, "indikator": ind.nama, "tingkat": tingkat,
                        "wilayah": wilayah, "nilai": dari_seratus(v.nilai), "satuan": ind.satuan,
                        "sumber": v.sumber or ""} for tingkat, wilayah, v in tempat]
    return keluar


async def hitung(per: date, ctx):
    """The published year's figures (None while nothing is published), whatever `per`: the office publishes one
    year's figures as they stand now, with no history by date. The period is that year, provisional until it has
    ended (satu_data's rule, asked of the year's last day), so last year's figures are final at once.
    `ctx`: the request or job publishing, so that other plugins' indicators count as on /potensi."""
    from plugins.satu_data.api import Terbitan, periode_tahun

    data = await data_publik(ctx)
    if data is None:
        return None
    periode, sementara = await periode_tahun(date(data.tahun, 12, 31))
    profil = await register.stored_profile()
    nama = profil.get("nama") or profil.get("sebutan_desa") or "Nagari"
    return Terbitan(periode=periode, baris=baris(data, nama), sementara=sementara)


def datasets() -> list:
    from plugins.satu_data.api import BUKAN_ORANG, Dataset, Kolom

    kolom = (
        Kolom("tema", "Tema", "string", "Kelompok indikator profil nagari.", kode=tuple(TEMA.items()),
              daftar_kode="Balai: tema profil dan potensi nagari (mengikuti Prodeskel, Permendagri 12/2007)"),
        Kolom("kode_indikator", "Kode indikator", "string", "Kode indikator profil dan potensi nagari.",
              kode=tuple((i.kode, i.nama) for i in indikator_bawaan()),
              daftar_kode="Balai: daftar indikator profil dan potensi nagari (Prodeskel dan Indeks Desa); indikator "
                          "tambahan dari plugin lain berkode awalan nama pluginnya",
              kunci=True),
        Kolom("indikator", "Indikator", "string", "Nama indikator."),
        Kolom("tingkat", "Tingkat wilayah", "string",
              "nagari: angka untuk seluruh nagari; jorong: angka satu jorong (untuk indikator per jorong).",
              kode=((NAGARI, "Seluruh nagari"), (JORONG, "Jorong")), kunci=True),
        Kolom("wilayah", "Wilayah", "string", "Nama nagari atau jorong.", kunci=True),
        Kolom("nilai", "Nilai", "number", "Angka indikator, dalam satuan pada kolom satuan."),
        Kolom("satuan", "Satuan", "string", "Satuan angka indikator (ha, ton, ekor, unit, persen, ...)."),
        Kolom("sumber", "Sumber", "string", "Sumber angka yang dicatat kantor nagari (boleh kosong)."),
    )
    return [Dataset(
        NAMA, "Profil dan potensi nagari",
        "Angka profil dan potensi nagari yang diterbitkan kantor nagari: luas lahan, hasil pertanian dan "
        "perkebunan, ternak, sumber air, sarana, jalan, listrik dan sinyal, lembaga ekonomi dan wisata, untuk "
        "seluruh nagari dan per jorong. Hanya tahun dan indikator yang diterbitkan di halaman Potensi situs "
        "nagari; periodenya tahun data itu.",
        kolom, hitung, grup="potensi", tag=("potensi", "profil desa", "pertanian", "sarana"),
        frekuensi="tahunan", hitungan_orang=False, sensor=BUKAN_ORANG,
        sumber="Profil dan potensi nagari yang diisi dan diterbitkan kantor nagari")]
