"""This plugin's own books: B.1 Buku Induk Penduduk and B.3 Rekapitulasi Jumlah Penduduk here, and `BUKU`, every
book the plugin brings (B.2 in mutasi.py, B.4 and B.5 in daftar_penduduk.py, A.4 in aparat.py).

B.1 reads the register through plugin_sdk.register (living residents, the user's scope applies); B.3 lays out
`plugins.statistik.api.monthly_report` without counting anything again (ENGINEERING-NOTES 11).
"""

from __future__ import annotations

from plugin_sdk import register, today

from plugins.buku_administrasi import aparat, daftar_penduduk, mutasi
from plugins.buku_administrasi.buku import REGISTER, Buku, BukuError, Hasil, Kolom, Saringan, slice_rows
from plugins.buku_administrasi.daftar_penduduk import TIDAK_TETAP, address_of, labelled, residents, where_of
from plugins.statistik import api as statistik

CODED = ("jenis_kelamin", "status_kawin", "agama", "pendidikan_kk", "pekerjaan", "bahasa_huruf", "kewarganegaraan",
         "hubungan")
FIELDS = ("nama", "nik", "no_kk", "tempat_lahir", "tanggal_lahir", "alamat", "wilayah", "status_penduduk", *CODED)

B1_KOLOM = (
    Kolom("nama", "Nama lengkap"), Kolom("jenis_kelamin", "Jenis kelamin"),
    Kolom("status_kawin", "Status perkawinan"), Kolom("tempat_lahir", "Tempat lahir"),
    Kolom("tanggal_lahir", "Tanggal lahir", "date"), Kolom("agama", "Agama"),
    Kolom("pendidikan_kk", "Pendidikan terakhir"), Kolom("pekerjaan", "Pekerjaan"),
    Kolom("bahasa_huruf", "Dapat membaca huruf"), Kolom("kewarganegaraan", "Kewarganegaraan"),
    Kolom("alamat", "Alamat"), Kolom("hubungan", "Kedudukan dalam keluarga"),
    Kolom("nik", "NIK", identitas=True), Kolom("no_kk", "No. KK", identitas=True), Kolom("keterangan", "Keterangan"),
)


async def induk_penduduk(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.1: every living resident in the scope, in register order; the page's slice and the number found.

    A page is read and counted by the database (resident_page), the export (batas None) streamed; the search
    (digits: start of the NIK or No. KK; words: part of the name) is the register's own."""
    alamat = await address_of()
    people, found = await residents(FIELDS, where_of(saring), saring, mulai, batas)
    rows = [{**{k: person[k] for k in ("nama", "nik", "tempat_lahir", "tanggal_lahir")},
             **labelled(person, CODED), "no_kk": person["no_kk"] or "",
             "alamat": alamat(person), "keterangan": "Tidak tetap" if person["status_penduduk"] == TIDAK_TETAP else ""}
            for person in people]
    return Hasil(rows, found)


FIGURES = (("awal", "Awal bulan"), ("lahir", "Lahir"), ("datang", "Datang"), ("lain_masuk", "Masuk lainnya"),
           ("mati", "Meninggal"), ("pindah", "Pindah"), ("lain_keluar", "Keluar lainnya"), ("akhir", "Akhir bulan"))
B3_KOLOM = (Kolom("wilayah", "Jorong"), Kolom("wn", "Kewarganegaraan"), Kolom("jk", "Jenis kelamin"),
            *(Kolom(key, label, "number") for key, label in FIGURES))
PARTS = (("WNI", "L"), ("WNI", "P"), ("WNA", "L"), ("WNA", "P"), ("jumlah", "jumlah"))


def _b3_row(name: str, c: str, s: str, f: dict) -> dict:
    # "lainnya": registrations after the first month, moves between jorong and corrections (statistik/bulanan.py),
    # so that awal + masuk - keluar = akhir still holds on every line of the book.
    return {"wilayah": name, "wn": "Jumlah" if c == "jumlah" else c, "jk": "" if s == "jumlah" else s,
            "awal": f["awal"], "lahir": f["lahir"], "datang": f["datang"],
            "lain_masuk": f["masuk"] - f["lahir"] - f["datang"], "mati": f["mati"], "pindah": f["pindah"],
            "lain_keluar": f["keluar"] - f["mati"] - f["pindah"], "akhir": f["akhir"]}


async def rekapitulasi(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.3: the monthly report of `plugins.statistik` per jorong, WNI/WNA and sex (the current month by default)."""
    bulan = saring.periode if saring.bulan else f"{today(await register.stored_profile()):%Y-%m}"
    try:
        laporan = await statistik.monthly_report(bulan, tingkat=1)
    except statistik.MonthlyReportError as exc:
        raise BukuError(str(exc)) from None
    places = [r for r in laporan["baris"] if saring.jorong is None or r["wilayah"] == saring.jorong]
    if saring.jorong is None:
        places.append(laporan["total"])
    rows = [_b3_row(place["wilayah_nama"], c, s, place["angka"][c][s]) for place in places for c, s in PARTS]
    return slice_rows(rows, mulai, batas)


# The list of books sorts by (letter, urutan, code): A.4 among the A books other plugins bring (urutan 40 between
# A.3 and A.5 when those use 10 per number), then B.1 to B.5.
BUKU = (
    Buku("B.1", "Buku Induk Penduduk", B1_KOLOM, induk_penduduk, urutan=10, izin=REGISTER,
         keterangan="Semua penduduk yang masih hidup dan terdaftar, menurut urutan pendaftaran."),
    mutasi.B2,
    Buku("B.3", "Buku Rekapitulasi Jumlah Penduduk", B3_KOLOM, rekapitulasi, urutan=30,
         saringan=("periode", "jorong"), periode_wajib=True,
         keterangan="Jumlah penduduk awal dan akhir bulan, lahir, datang, meninggal dan pindah per jorong, "
                    "sama dengan laporan bulanan."),
    *daftar_penduduk.BUKU,
    aparat.A4,
)
