"""B.2 Buku Mutasi Penduduk: who was born, arrived, died or left, one line per journal entry of the period.

The entries are `register.movements`, chosen as the monthly report counts them, so a month's births, arrivals,
deaths and moves out here are the figures of B.3 Rekapitulasi for that month, person by person.
"""

from __future__ import annotations

from plugin_sdk import register, today

from plugins.buku_administrasi.buku import REGISTER, Buku, BukuError, Hasil, Kolom, Saringan, slice_rows

KOLOM = (
    Kolom("nama", "Nama lengkap"), Kolom("tempat_lahir", "Tempat lahir"),
    Kolom("tanggal_lahir", "Tanggal lahir", "date"), Kolom("jenis_kelamin", "Jenis kelamin"),
    Kolom("kewarganegaraan", "Kewarganegaraan"),
    Kolom("datang_dari", "Datang dari"), Kolom("tanggal_datang", "Tanggal datang", "date"),
    Kolom("pindah_ke", "Pindah ke"), Kolom("tanggal_pindah", "Tanggal pindah", "date"),
    Kolom("meninggal_tempat", "Meninggal: tempat"), Kolom("tanggal_meninggal", "Meninggal: tanggal", "date"),
    Kolom("nik", "NIK", identitas=True), Kolom("keterangan", "Keterangan"),
)
KIND = {"lahir": "Lahir", "pindah_masuk": "Datang", "mati": "Meninggal", "pindah_keluar": "Pindah keluar",
        "hilang": "Hilang", "pergi": "Pergi"}
# What the journal recorded besides the places, for the remarks column: (key in `rincian`, its label).
DETAIL = {"mati": (("sebab", "sebab"), ("pelapor", "yang menerangkan")), "pindah_keluar": (("alasan", "alasan"),),
          "hilang": (("keterangan", ""),), "pergi": (("keterangan", ""),)}


def months(saring: Saringan, this_month: str) -> tuple[str, str]:
    """The months the book covers: the one asked, every month of a year asked, else this month (as B.3)."""
    if saring.tahun is None:
        return this_month, this_month
    if saring.bulan:
        return saring.periode, saring.periode
    return f"{saring.tahun:04d}-01", f"{saring.tahun:04d}-12"


def _remarks(entry: dict) -> str:
    rincian = entry["rincian"] or {}
    notes = [KIND[entry["jenis"]]]
    for key, label in DETAIL.get(entry["jenis"], ()):
        if value := str(rincian.get(key) or "").strip():
            notes.append(f"{label}: {value}" if label else value)
    day = entry["tanggal_peristiwa"]
    if day is not None and f"{day:%Y-%m}" != entry["bulan_laporan"]:
        # reported after its month was closed: B.3 counts it in the month it was reported in
        notes.append(f"dihitung pada bulan {entry['bulan_laporan']}")
    if entry["dibatalkan"]:
        notes.append("dibatalkan kemudian")
    return "; ".join(notes)


def row(entry: dict, sexes: dict, citizens: dict) -> dict:
    """One entry as a line of the book: its date and place go under the columns of its kind."""
    jenis, day, rincian = entry["jenis"], entry["tanggal_peristiwa"], entry["rincian"] or {}
    out = {"nama": entry["nama"] or "", "nik": entry["nik"] or "", "tempat_lahir": entry["tempat_lahir"] or "",
           "tanggal_lahir": entry["tanggal_lahir"], "jenis_kelamin": sexes.get(entry["jenis_kelamin"], ""),
           "kewarganegaraan": citizens.get(entry["kewarganegaraan"], ""),
           "datang_dari": "", "tanggal_datang": None, "pindah_ke": "", "tanggal_pindah": None,
           "meninggal_tempat": "", "tanggal_meninggal": None, "keterangan": _remarks(entry)}
    if jenis == "lahir":
        # A birth is an addition like an arrival: "Lahir" under "datang dari" with the birth date, so every
        # addition has its line filled and the column's lines add up to B.3's lahir + datang; a blank
        # "datang dari" then means only an arrival whose origin was not recorded.
        out.update(datang_dari="Lahir", tanggal_datang=day)
    elif jenis == "pindah_masuk":
        out.update(datang_dari=str(rincian.get("asal") or ""), tanggal_datang=day)
    elif jenis == "mati":
        out.update(meninggal_tempat=str(rincian.get("tempat") or ""), tanggal_meninggal=day)
    else:
        # moved out, gone or missing: each ends the stay and B.3 counts all three as "pindah", so they stand
        # under "pindah ke"; the remarks say which
        where = str(rincian.get("tujuan") or "") or ("Tidak diketahui" if jenis == "hilang" else "")
        out.update(pindah_ke=where, tanggal_pindah=day)
    return out


async def mutasi_penduduk(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.2: the period's movements, oldest first; no period: this month."""
    dari, sampai = months(saring, f"{today(await register.stored_profile()):%Y-%m}")
    try:
        entries = await register.movements(dari, sampai, wilayah=saring.jorong, cari=saring.cari)
    except register.QueryError as exc:
        raise BukuError(f"Buku mutasi tidak bisa dibaca: {exc}.") from None
    sexes, citizens = register.code_labels("jenis_kelamin"), register.code_labels("kewarganegaraan")
    return slice_rows([row(entry, sexes, citizens) for entry in entries], mulai, batas)


B2 = Buku("B.2", "Buku Mutasi Penduduk", KOLOM, mutasi_penduduk, saringan=("periode", "jorong", "cari"), urutan=20,
          kosong_bulan_ini=True, izin=REGISTER, petunjuk_cari="Cari nama atau awal NIK",
          keterangan="Kelahiran, kedatangan, kematian dan kepindahan yang dilaporkan pada periode itu, sama dengan "
                     "yang dihitung Rekapitulasi (B.3). Tanpa periode: bulan ini; tahun saja: setahun penuh.")
