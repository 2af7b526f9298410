"""This plugin's own books of the population section: B.1 Buku Induk Penduduk and B.3 Rekapitulasi Jumlah Penduduk.

B.1 reads the register through plugin_sdk.register (living residents, the user's scope applies); B.3 lays out
`plugins.statistik.api.monthly_report` without counting anything again (ENGINEERING-NOTES 11).
"""

from __future__ import annotations

from plugin_sdk import register, today

from plugins.buku_administrasi.buku import Buku, BukuError, Hasil, Kolom, Saringan, slice_rows
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


async def jorong_of() -> dict[int, tuple[int, str]]:
    """Every place id -> (its jorong's id, the jorong's name), for the address column and the jorong filter."""
    places = {w["id"]: w for w in await register.wilayah_rows()}
    out = {}
    for wid, row in places.items():
        seen = set()
        while row is not None and row["tingkat"] != 1 and row["id"] not in seen:
            seen.add(row["id"])
            row = places.get(row["induk"])
        if row is not None and row["tingkat"] == 1:
            out[wid] = (row["id"], row["nama"])
    return out


def _matches(person: dict, cari: str) -> bool:
    """Digits: the start of the NIK or No. KK; words: part of the name (as the resident list searches)."""
    if cari.isdigit():
        return str(person["nik"]).startswith(cari) or str(person["no_kk"] or "").startswith(cari)
    return cari.lower() in person["nama"].lower()


async def induk_penduduk(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.1: every living resident in the scope, in register order; the page's slice and the number found.

    The register is streamed in batches and only the asked page is kept: a nagari's few thousand residents
    take well under a second, and the export (batas None) holds just the rows it writes."""
    labels = {name: register.code_labels(name) for name in CODED}
    places = await jorong_of()
    sebutan = (await register.stored_profile()).get("sebutan_dusun") or "Jorong"
    where = {"wilayah": saring.jorong} if saring.jorong else None
    cari = saring.cari.replace(" ", "") if saring.cari.replace(" ", "").isdigit() else saring.cari.strip()
    rows, found = [], 0
    async for person in register.stream_residents(FIELDS, where):
        if cari and not _matches(person, cari):
            continue
        found += 1
        if found <= mulai or (batas is not None and found > mulai + batas):
            continue
        jorong = places.get(person["wilayah"], (None, ""))[1]
        alamat = ", ".join(p for p in (person["alamat"], f"{sebutan} {jorong}" if jorong else "") if p)
        rows.append({**{k: person[k] for k in ("nama", "nik", "tempat_lahir", "tanggal_lahir")},
                     **{k: labels[k].get(person[k], "") for k in CODED}, "no_kk": person["no_kk"] or "",
                     "alamat": alamat, "keterangan": "Tidak tetap" if person["status_penduduk"] == 2 else ""})
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


BUKU = (
    Buku("B.1", "Buku Induk Penduduk", B1_KOLOM, induk_penduduk, urutan=10,
         keterangan="Semua penduduk yang masih hidup dan terdaftar, menurut urutan pendaftaran."),
    Buku("B.3", "Buku Rekapitulasi Jumlah Penduduk", B3_KOLOM, rekapitulasi, urutan=30,
         saringan=("periode", "jorong"), periode_wajib=True,
         keterangan="Jumlah penduduk awal dan akhir bulan, lahir, datang, meninggal dan pindah per jorong, "
                    "sama dengan laporan bulanan."),
)
