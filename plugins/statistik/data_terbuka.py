"""The population as open data (event `satu_data_dataset` of satu_data): one dataset per built-in category and one
of the month's civil events. The rows are the public statistics' own (publikasi.py: the same suppression, the
same order as /statistik/<kategori>.csv) and the monthly report's, never a second computation (ENGINEERING-NOTES 11).

Every person-count row has the same columns, so a reader (and tests/test_satu_data_privasi.py) can rebuild the
tables: tingkat, wilayah, kode, label, jenis_kelamin, jumlah (None when hidden) and disembunyikan.
"""

from __future__ import annotations

import calendar
from datetime import date

from plugin_sdk import register, today

from plugins.statistik.bulanan import LABELS, MonthlyReportError, monthly_report
from plugins.statistik.kategori import BELUM, BUILTIN, TAHAP, UMUR_5, Kategori, _codes
from plugins.statistik.publikasi import publication, threshold
from plugins.statistik.sensor import KEDUA, SEMUA, suppress

#: The code of a total row (sensor.SEMUA) and of "no value recorded" (None) in a dataset: a key needs a value.
JUMLAH, TIDAK_TERCATAT = "JUMLAH", "BELUM"
TINGKAT = {0: "nagari", 1: "jorong"}
SEKS = {1: "L", 2: "P", KEDUA: "L+P"}
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


def kode_terbuka(kode) -> str:
    """A code as the dataset writes it: always text, the total and "not recorded" named."""
    return JUMLAH if kode == SEMUA else TIDAK_TERCATAT if kode is None else str(kode)


def baris_terbuka(rows: list[dict], tingkat: int) -> list[dict]:
    """Suppressed rows (sensor.py) as dataset rows, in their order."""
    return [{"tingkat": TINGKAT[tingkat], "wilayah": r["wilayah_nama"], "kode": kode_terbuka(r["kode"]),
             "label": r["label"], "jenis_kelamin": SEKS[r["jenis_kelamin"]], "jumlah": r["jumlah"],
             "disembunyikan": r["disembunyikan"]} for r in rows]


def akhir_bulan(hari: date) -> bool:
    return hari.day == calendar.monthrange(hari.year, hari.month)[1]


def sensor_teks(ambang: int, *, nagari_saja: str = "", tautan: str = "", bersama: bool = True) -> str:
    """The dataset's method of suppression, in words (the metadata's "method of suppression"); `nagari_saja`:
    why it is published for the whole nagari only, when it is."""
    if ambang <= 1:
        inti = "Ambang sensor 1: tidak ada angka yang disembunyikan."
    else:
        inti = (f"Angka 1 sampai {ambang - 1} dan sel pelindungnya disembunyikan (jumlah kosong, disembunyikan = "
                "true), dengan fungsi sensor yang sama dengan halaman statistik publik, sehingga angka kecil tidak "
                "dapat dihitung kembali dari jumlah baris, kolom, jorong atau kategori lain. Angka 0 ditampilkan.")
    bagian = [inti]
    if bersama:
        bagian.append("Semua kategori penduduk satu periode disensor bersama: jumlah per jorong dan seluruh nagari "
                      "sama di setiap dataset yang menghitung orang yang sama, dan disembunyikan di semuanya bila "
                      "disembunyikan di satu.")
    if tautan:
        bagian.append(f"Angka yang sama menurut definisinya disembunyikan bersama: {tautan}.")
    if nagari_saja:
        bagian.append(f"Hanya diterbitkan untuk seluruh nagari, tidak per jorong: {nagari_saja}.")
    return " ".join(bagian)


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
            nama, judul, _deskripsi(kat), _kolom(kat, daftar_kode(kat), sumber_kode), _hitung(kat.kode),
            grup="kependudukan", tag=("kependudukan", *tag), frekuensi="bulanan", hitungan_orang=True,
            sensor=sensor_teks(ambang, nagari_saja="data sensitif (kesehatan, disabilitas)" if kat.sensitif else "",
                               tautan=LINKED.get(kat.kode, "")),
            sumber=sumber))
    out.append(Dataset(
        PERISTIWA_NAMA, "Peristiwa kependudukan per bulan (lahir, meninggal, datang, pindah)",
        "Kelahiran, kematian, kedatangan (pindah masuk) dan kepindahan (pindah keluar, hilang, pergi) yang "
        "dilaporkan dalam bulan itu, untuk seluruh nagari menurut jenis kelamin, WNI dan WNA bersama: angka "
        "Laporan Bulanan (B.3). Peristiwa dihitung pada bulan laporannya; laporan yang terlambat masuk bulan "
        "berjalan pertama. Bulan berjalan: sampai hari terbit (sementara).",
        _kolom(None, (*((k, LABELS[k]) for k in PERISTIWA), (JUMLAH, "Jumlah keempat peristiwa")),
               "Laporan Bulanan (B.3): lahir, mati, datang, pindah (pindah keluar, hilang dan pergi)"),
        peristiwa, grup="kependudukan", tag=("kependudukan", "kelahiran", "kematian", "mutasi penduduk"),
        frekuensi="bulanan", hitungan_orang=True,
        sensor=sensor_teks(ambang, nagari_saja="peristiwa sebulan sedikit dan masing-masing menyangkut satu orang",
                           bersama=False),
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


def _kolom(kat: Kategori | None, kode: tuple, sumber_kode: str) -> tuple:
    from plugins.satu_data.api import Kolom

    satuan = {"penduduk": "orang", "keluarga": "keluarga", "rumah tangga": "rumah tangga"}[kat.satuan] if kat else \
        "peristiwa"
    tingkat = ((TINGKAT[0], "Seluruh nagari"),) if kat is None or kat.sensitif else (
        (TINGKAT[0], "Seluruh nagari"), (TINGKAT[1], "Per jorong"))
    return (
        Kolom("tingkat", "Tingkat wilayah", "string", "Tingkat wilayah baris: seluruh nagari atau satu jorong "
              "(dusun).", kode=tingkat, kunci=True),
        Kolom("wilayah", "Wilayah", "string", "Nama nagari, atau nama jorong; \"Tanpa Jorong\" untuk yang belum "
              "tercatat di jorong mana pun.", kunci=True),
        Kolom("kode", "Kode", "string", "Kode dalam daftar kode variabel ini; JUMLAH untuk baris jumlah semua "
              "kode" + (", BELUM untuk yang belum mengisi." if kat else "."), kode=kode, daftar_kode=sumber_kode,
              kunci=True),
        Kolom("label", "Uraian", "string", "Nama kode."),
        Kolom("jenis_kelamin", "Jenis kelamin", "string", "L laki-laki, P perempuan, L+P keduanya"
              + ("; untuk keluarga dan rumah tangga: jenis kelamin kepalanya." if kat and kat.satuan != "penduduk"
                 else "."),
              kode=(("L", "Laki-laki"), ("P", "Perempuan"), ("L+P", "Laki-laki dan perempuan")),
              daftar_kode=f"{DUKCAPIL}: jenis kelamin", kunci=True),
        Kolom("jumlah", "Jumlah", "integer", "Banyaknya; kosong bila disembunyikan untuk melindungi warga.",
              satuan=satuan),
        Kolom("disembunyikan", "Disembunyikan", "boolean", "true bila angka ini disembunyikan (sensor sel kecil)."),
    )


def _hitung(kode: str):
    async def hitung(per: date):
        from plugins.satu_data.api import Terbitan

        if await _sebelum_register(per):
            return None
        tabel = (await publication(per))["tabel"][kode]
        rows = [row for tingkat in sorted(tabel) for row in baris_terbuka(tabel[tingkat], tingkat)]
        return Terbitan(periode=f"{per:%Y-%m}", baris=rows, sementara=not akhir_bulan(per))

    return hitung


async def _sebelum_register(per: date) -> bool:
    """A past day before the register's first entry has no figures (publication() refuses it)."""
    if per >= today(await register.stored_profile()):
        return False
    start = await register.journal_start()
    return start is None or per < start


async def peristiwa(per: date):
    """Births, deaths, arrivals and departures reported in per's month (so far, when per is today), suppressed
    with the one function, for the nagari only: a month's events are few and concern single persons."""
    from plugins.satu_data.api import Terbitan

    profil = await register.stored_profile()
    hari_ini = today(profil)
    if per != hari_ini and not akhir_bulan(per):
        raise ValueError("Peristiwa kependudukan dihitung per bulan laporan: terbitkan untuk hari ini atau hari "
                         "terakhir sebuah bulan.")
    try:
        laporan = await monthly_report(f"{per:%Y-%m}", tingkat=0, today=hari_ini)
    except MonthlyReportError as exc:
        if exc.tidak_ada:  # before the register began: nothing to publish
            return None
        raise
    nama = profil.get("nama") or ""
    angka = laporan["total"]["angka"]["jumlah"]  # WNI and WNA together, per sex
    rows = [{"kode": k, "label": LABELS[k], "wilayah": None, "wilayah_nama": nama, "jenis_kelamin": s,
             "jumlah": angka[jk][k]} for k in PERISTIWA for s, jk in ((1, "L"), (2, "P"))]
    tabel = suppress({PERISTIWA_NAMA: rows}, threshold=await threshold(), sensitive={PERISTIWA_NAMA},
                     nagari_name=nama)[PERISTIWA_NAMA]
    return Terbitan(periode=f"{per:%Y-%m}", baris=baris_terbuka(tabel[0], 0), sementara=not akhir_bulan(per))
