"""The population as open data (event `satu_data_dataset` of satu_data): one dataset per built-in category and one
of the month's civil events. The rows are the public statistics' own (publikasi.py: the same suppression, the
same order as /statistik/<kategori>.csv) and the monthly report's, never a second computation (ENGINEERING-NOTES 11).
Their columns, rows and suppression text are the shape every person-count dataset shares (terbuka_kolom.py). The
events are published for the nagari only, both sexes as one, all four hidden when one is (`baris_peristiwa`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from plugin_sdk import register, today

from plugins.statistik.bulanan import LABELS, MonthlyReportError, monthly_report
from plugins.statistik.kategori import BELUM, BUILTIN, TAHAP, UMUR_5, Kategori, _codes
from plugins.statistik.publikasi import publication, threshold, unsuppressed
from plugins.statistik.sensor import suppress
from plugins.statistik.terbuka_kolom import (JUMLAH, baris_terbuka, kode_terbuka, kolom_terbuka, satu_jenis,
                                             teks_sensor)

DUKCAPIL = "Dukcapil (SIAK), Permendagri 109/2019"
#: category -> (dataset name, title, tags, where the code list comes from)
DATASET = {
    "umur": ("penduduk-menurut-umur", "Penduduk menurut kelompok umur dan jenis kelamin", ("umur",),
             "Kelompok umur lima tahunan, umur dalam tahun penuh"),
    "tahap_umur": ("penduduk-menurut-tahap-umur", "Penduduk menurut tahap umur (balita sampai lansia)",
                   ("umur", "balita", "lansia"), "Tahap umur Kemenkes; lansia menurut UU 13/1998"),
    "jenis_kelamin": ("penduduk-menurut-jenis-kelamin", "Penduduk menurut jenis kelamin", ("jenis kelamin",),
                      f"{DUKCAPIL}: jenis kelamin"),
    "pendidikan_kk": ("penduduk-menurut-pendidikan", "Penduduk menurut pendidikan dalam KK", ("pendidikan",),
                      f"{DUKCAPIL}: pendidikan dalam KK"),
    "pendidikan_sedang": ("penduduk-menurut-pendidikan-sedang-ditempuh", "Penduduk menurut pendidikan yang sedang "
                          "ditempuh", ("pendidikan", "sekolah"), f"{DUKCAPIL}: pendidikan sedang ditempuh"),
    "pekerjaan": ("penduduk-menurut-pekerjaan", "Penduduk menurut pekerjaan", ("pekerjaan",),
                  f"{DUKCAPIL}: jenis pekerjaan"),
    "status_kawin": ("penduduk-menurut-status-perkawinan", "Penduduk menurut status perkawinan", ("perkawinan",),
                     f"{DUKCAPIL}: status perkawinan (formulir F-1.01)"),
    "agama": ("penduduk-menurut-agama", "Penduduk menurut agama dan kepercayaan", ("agama",),
              f"{DUKCAPIL}: agama dan kepercayaan"),
    "hubungan": ("penduduk-menurut-hubungan-dalam-keluarga", "Penduduk menurut hubungan dalam keluarga",
                 ("keluarga",), f"{DUKCAPIL}: status hubungan dalam keluarga (SHDK)"),
    "kewarganegaraan": ("penduduk-menurut-kewarganegaraan", "Penduduk menurut kewarganegaraan",
                        ("kewarganegaraan",), f"{DUKCAPIL}: kewarganegaraan"),
    "golongan_darah": ("penduduk-menurut-golongan-darah", "Penduduk menurut golongan darah", ("kesehatan",),
                       f"{DUKCAPIL}: golongan darah"),
    "cacat": ("penyandang-disabilitas", "Penyandang disabilitas menurut jenis disabilitas",
              ("disabilitas", "kesehatan"), f"{DUKCAPIL}: penyandang cacat"),
    "sakit_menahun": ("penduduk-menurut-penyakit-menahun", "Penduduk menurut penyakit menahun", ("kesehatan",),
                      "Daftar penyakit menahun (OpenSID/SIAK)"),
    "hamil": ("penduduk-menurut-status-kehamilan", "Penduduk perempuan menurut status kehamilan",
              ("kesehatan", "ibu hamil"), "Status hamil yang tercatat di register"),
    "cara_kb": ("penduduk-menurut-cara-kb", "Akseptor KB menurut cara keluarga berencana", ("kesehatan", "kb"),
                "Cara KB (BKKBN)"),
    "asuransi": ("penduduk-menurut-asuransi-kesehatan", "Penduduk menurut asuransi kesehatan",
                 ("kesehatan", "bpjs"), "Jaminan kesehatan: BPJS PBI, BPJS non-PBI, lainnya"),
    "akta_lahir": ("penduduk-menurut-akta-kelahiran", "Penduduk menurut kepemilikan akta kelahiran",
                   ("dokumen kependudukan",), "Ada atau tidaknya nomor akta kelahiran di register"),
    "status_ktp": ("penduduk-menurut-status-ktp-el", "Penduduk menurut status KTP-el", ("dokumen kependudukan",),
                   f"{DUKCAPIL}: status perekaman dan pencetakan KTP-el"),
    "status_penduduk": ("penduduk-menurut-status-penduduk", "Penduduk tetap dan tidak tetap", ("penduduk",),
                        "Status penduduk: tetap, tidak tetap"),
    "wajib_ktp": ("penduduk-wajib-ktp", "Penduduk wajib KTP", ("dokumen kependudukan",),
                  "UU 24/2013 pasal 63: berumur 17 tahun atau lebih, atau pernah kawin"),
    "calon_pemilih": ("calon-pemilih", "Calon pemilih (WNI wajib KTP)", ("pemilu",),
                      "UU 7/2017 pasal 198: WNI berumur 17 tahun atau lebih, atau pernah kawin"),
    "kelas_sosial": ("keluarga-menurut-kesejahteraan", "Keluarga menurut tingkat kesejahteraan",
                     ("keluarga", "kesejahteraan"), "Tahapan keluarga sejahtera (BKKBN)"),
    "rumah_tangga": ("rumah-tangga", "Rumah tangga menurut jenis kelamin kepala rumah tangga", ("rumah tangga",),
                     "Satu kode: rumah tangga"),
}
LINKED = {"umur": "kelompok umur 0-4 tahun sama dengan balita dan 60 tahun ke atas sama dengan lansia",
          "tahap_umur": "balita sama dengan kelompok umur 0-4 tahun dan lansia sama dengan 60 tahun ke atas",
          "wajib_ktp": "WNI wajib KTP sama dengan calon pemilih", "calon_pemilih": "calon pemilih sama dengan WNI "
          "wajib KTP"}
PERISTIWA = ("lahir", "mati", "datang", "pindah")
PERISTIWA_NAMA = "peristiwa-kependudukan"
#: Why the events hide all four or none (the dataset's suppression text says it).
SEMUA_ATAU_TIDAK = (
    "Peristiwa tidak dipecah menurut jenis kelamin dan tidak diberi baris jumlah, dan bila satu saja dari keempat "
    "angka sebulan disembunyikan, keempatnya disembunyikan: jumlah penduduk diterbitkan setiap bulan, dan selisih "
    "dua bulan berturut-turut sama dengan lahir - meninggal + datang - pindah, sehingga satu angka tersembunyi di "
    "antara angka yang ditampilkan dapat dihitung dari selisih itu.")


def daftar_kode(kat: Kategori) -> tuple[tuple[str, str], ...]:
    """The category's code list as the dataset writes it (the list kategori._raw lays out), with the total."""
    if kat.kode == "umur":
        codes = [(k, f"{k} tahun") for k, _, _ in UMUR_5] + [(None, BELUM)]
    elif kat.kode == "tahap_umur":
        codes = [(k, label) for k, label, _, _ in TAHAP] + [(None, BELUM)]
    elif kat.kode == "wajib_ktp":
        codes = [(1, "Wajib KTP"), (2, "Belum wajib KTP")]
    elif kat.kode == "calon_pemilih":
        codes = [(1, "Calon pemilih"), (2, "Bukan calon pemilih")]
    elif kat.kode == "rumah_tangga":
        codes = [(1, "Rumah tangga")]
    else:
        codes = _codes(kat.kode)
    return (*((kode_terbuka(k), label) for k, label in codes), (JUMLAH, "Jumlah semua kode"))


async def datasets() -> list:
    """The answer to `satu_data_dataset`: async, for the nagari's name and the threshold in the metadata."""
    from plugins.satu_data.api import Dataset  # only when satu_data asks, so statistik runs without it

    profil = await register.stored_profile()
    sebutan = profil.get("sebutan_desa") or "Nagari"
    sumber = f"Register penduduk {sebutan} {profil.get('nama') or ''}".strip()
    ambang = await threshold()
    out = []
    for kat in BUILTIN:
        nama, judul, tag, sumber_kode = DATASET[kat.kode]
        out.append(Dataset(
            nama, judul, _deskripsi(kat), _kolom(kat, sumber_kode), _hitung(kat.kode),
            grup="kependudukan", tag=("kependudukan", *tag), frekuensi="bulanan", hitungan_orang=True,
            sensor=teks_sensor(ambang, nagari_saja="data sensitif (kesehatan, disabilitas)" if kat.sensitif else "",
                               tautan=LINKED.get(kat.kode, ""), bersama=True),
            sumber=sumber))
    out.append(Dataset(
        PERISTIWA_NAMA, "Peristiwa kependudukan per bulan (lahir, meninggal, datang, pindah)",
        "Kelahiran, kematian, kedatangan (pindah masuk) dan kepindahan (pindah keluar, hilang, pergi) yang "
        "dilaporkan dalam bulan itu, untuk seluruh nagari: laki-laki dan perempuan bersama, WNI dan WNA bersama, "
        "tanpa baris jumlah; angka Laporan Bulanan (B.3). Peristiwa dihitung pada bulan laporannya; laporan yang "
        "terlambat masuk bulan berjalan pertama. Bulan berjalan: sampai hari terbit (sementara). Bila satu "
        "peristiwa bulan itu disembunyikan, keempatnya disembunyikan.",
        _kolom_peristiwa(), peristiwa, grup="kependudukan",
        tag=("kependudukan", "kelahiran", "kematian", "mutasi penduduk"), frekuensi="bulanan", hitungan_orang=True,
        sensor=teks_sensor(ambang, nagari_saja="peristiwa sebulan sedikit dan masing-masing menyangkut satu orang",
                           tambahan=SEMUA_ATAU_TIDAK),
        sumber=sumber))
    return out


def _deskripsi(kat: Kategori) -> str:
    unit = {"penduduk": "penduduk hidup menurut jenis kelamin",
            "keluarga": "keluarga menurut jenis kelamin kepala keluarga",
            "rumah tangga": "rumah tangga menurut jenis kelamin kepala rumah tangga"}[kat.satuan]
    tempat = "seluruh nagari" if kat.sensitif else "seluruh nagari dan per jorong"
    return (f"{kat.keterangan} Banyaknya {unit} yang tercatat di register, untuk {tempat}, dengan baris jumlah; "
            "keadaan pada akhir periode (bulan berjalan: pada hari terbit). Angkanya sama dengan tabel "
            f"/statistik/{kat.kode} di situs nagari.")


def _kolom(kat: Kategori, sumber_kode: str) -> tuple:
    from plugins.satu_data.api import Kolom

    kepala = "; untuk keluarga dan rumah tangga: jenis kelamin kepalanya." if kat.satuan != "penduduk" else "."
    return kolom_terbuka(
        Kolom("kode", "Kode", "string", "Kode dalam daftar kode variabel ini; JUMLAH untuk baris jumlah semua kode, "
              "BELUM untuk yang belum mengisi.", kode=daftar_kode(kat), daftar_kode=sumber_kode),
        satuan={"penduduk": "orang", "keluarga": "keluarga", "rumah tangga": "rumah tangga"}[kat.satuan],
        jorong=not kat.sensitif, definisi={"jenis_kelamin": "L laki-laki, P perempuan, L+P keduanya" + kepala})


def _kolom_peristiwa() -> tuple:
    from plugins.satu_data.api import Kolom

    return kolom_terbuka(
        Kolom("kode", "Peristiwa", "string", "Jenis peristiwa kependudukan.",
              kode=tuple((k, LABELS[k]) for k in PERISTIWA),
              daftar_kode="Laporan Bulanan (B.3): lahir, mati, datang, pindah (pindah keluar, hilang dan pergi)"),
        satuan="peristiwa", jorong=False, per_jenis_kelamin=False,
        definisi={"jumlah": "Banyaknya peristiwa dalam bulan itu; kosong bila disembunyikan untuk melindungi warga."})


def _hitung(kode: str):
    async def hitung(per: date):
        from plugins.satu_data.api import Terbitan, periode_bulan

        if await _sebelum_register(per):
            return None
        periode, sementara = await periode_bulan(per)
        return Terbitan(periode=periode, baris=baris_terbuka((await publication(per))["tabel"][kode]),
                        sementara=sementara, mentah=baris_terbuka((await unsuppressed(per))["tabel"][kode]))

    return hitung


async def _sebelum_register(per: date) -> bool:
    """A past day before the register's first entry has no figures (publication() refuses it)."""
    if per >= today(await register.stored_profile()):
        return False
    start = await register.journal_start()
    return start is None or per < start


async def peristiwa(per: date):
    """Births, deaths, arrivals and departures reported in per's month (so far, when per is today; satu_data
    publishes as of today or a month's last day), for the nagari only, both sexes as one (`baris_peristiwa`)."""
    from plugins.satu_data.api import Terbitan, periode_bulan

    profil = await register.stored_profile()
    try:
        laporan = await monthly_report(f"{per:%Y-%m}", tingkat=0, today=today(profil))
    except MonthlyReportError as exc:
        if exc.tidak_ada:  # before the register began: nothing to publish
            return None
        raise
    angka = laporan["total"]["angka"]["jumlah"]["jumlah"]  # WNI and WNA, both sexes
    periode, sementara = await periode_bulan(per)
    nama = profil.get("nama") or ""
    return Terbitan(periode=periode, sementara=sementara, baris=baris_peristiwa(angka, ambang=await threshold(),
                                                                                nama=nama),
                    mentah=baris_peristiwa(angka, ambang=1, nama=nama))  # the hub's exact figures, never served


def baris_peristiwa(angka: Mapping[str, int], *, ambang: int, nama: str) -> list[dict]:
    """A month's four event counts as dataset rows: for the nagari, both sexes as one, no total row, suppressed by
    the one `suppress` (as a table of one sex), then all four hidden when any is (SEMUA_ATAU_TIDAK).

    Why: the population by sex is published every month, and its change between two months is
    lahir - mati + datang - pindah. One hidden event among shown ones is that change minus the shown ones; events
    split by sex with a total row gave hidden ones back too (tests/test_satu_data_privasi.py shows both)."""
    rows = satu_jenis([{"kode": k, "label": LABELS[k], "wilayah": None, "wilayah_nama": nama, "jumlah": angka[k]}
                       for k in PERISTIWA])
    tabel = suppress({PERISTIWA_NAMA: rows}, threshold=ambang, sensitive={PERISTIWA_NAMA},
                     nagari_name=nama)[PERISTIWA_NAMA]
    baris = [r for r in baris_terbuka(tabel, per_jenis_kelamin=False) if r["kode"] != JUMLAH]
    if any(r["disembunyikan"] for r in baris):
        baris = [{**r, "jumlah": None, "disembunyikan": True} for r in baris]
    return baris
