"""The DTKS/DTSEN supplement per family, imported from the social office's spreadsheet: which families the national
social-welfare data lists, in which welfare tenth (desil 1, the poorest, to 10), under which ID, as of which year.

The office sends an XLSX or CSV whose headers vary from one export to the next ("NO KK", "No. KK", "nomor_kk";
"DESIL", "Desil Kesejahteraan"), often under a title block: the header row is the first of the top rows that names a
No. KK column, and each column is recognised by its name, in any order. `periksa` is the dry run: what would be
written per family (new, changed, unchanged) and every refused row with its reason; `terapkan` writes the accepted
rows in one transaction, one upsert and one audit entry per family. Families the file does not mention keep what
they had: an office often sends the part of the list that changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from piccolo.query.functions.aggregate import Count

from plugin_sdk import current_user, log_change, register, write_transaction

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.lembar import BATAS_BARIS, kunci_judul, nomor, teks
from plugins.bantuan.tables import DtksKeluarga

KOLOM = ("no_kk", "nik", "nama", "terdaftar", "desil", "id_dtks", "tahun")
JUDUL = {"no_kk": "No. KK", "nik": "NIK kepala keluarga", "nama": "Nama kepala keluarga", "terdaftar": "Status",
         "desil": "Desil", "id_dtks": "ID DTKS", "tahun": "Tahun"}
# Header names as the office's exports write them, reduced by lembar.kunci_judul ("No. KK" -> "nokk").
_NAMA_KOLOM = {
    "no_kk": {"nokk", "nomorkk", "nokartukeluarga", "nomorkartukeluarga", "kk", "nkk", "nomorkartukk"},
    "nik": {"nik", "nikkepala", "nikkepalakeluarga", "nikkk", "nikkrt", "nikpengurus", "nikkepalakrt"},
    "nama": {"nama", "namakepala", "namakepalakeluarga", "namakk", "namakrt", "namapengurus", "namalengkap"},
    "terdaftar": {"status", "statusdtks", "statusdtsen", "terdaftar", "statusterdaftar", "statuskeluarga",
                  "terdaftardtks", "keberadaan"},
    "desil": {"desil", "desilkesejahteraan", "desilnasional", "desildtsen", "peringkatdesil", "kategoridesil"},
    "id_dtks": {"iddtks", "iddtsen", "idbdt", "idkeluarga", "idkeluargadtks", "idkeluargap3ke", "idart", "id"},
    "tahun": {"tahun", "tahundata", "periode", "tahunpendataan", "tahundtks"},
}
_YA = {"", "ya", "y", "1", "terdaftar", "aktif", "dtks", "dtsen", "true", "ada", "padan"}
_TIDAK = {"tidak", "t", "0", "tidakterdaftar", "nondtks", "nondtsen", "bukan", "false", "keluar", "tidakada",
          "tidakaktif", "nonaktif", "tidakpadan"}
BARIS_JUDUL = 10  # top rows searched for the header (a title block above the table is common)


@dataclass
class BarisDtks:
    """One row of the file as understood: the family it names, what it says, and what importing it would do."""

    nomor: int  # as the spreadsheet shows it
    no_kk: str = ""
    keluarga: int | None = None
    nama: str = ""  # the head as the register knows them
    terdaftar: bool = True
    desil: int | None = None
    id_dtks: str = ""
    tahun: int | None = None
    aksi: str = ""  # baru | ubah | sama
    perubahan: list[str] = field(default_factory=list)
    alasan: str = ""  # why the row is refused ("" when accepted)


@dataclass
class Pratinjau:
    kolom: list[str]  # the columns found, by their Indonesian titles
    baris: list[BarisDtks]  # accepted rows
    ditolak: list[BarisDtks]

    def jumlah(self, aksi: str) -> int:
        return sum(1 for b in self.baris if b.aksi == aksi)


def _kolom_dari(judul: list) -> dict[str, int]:
    """{field: column index} for one header row; the first column of each field wins."""
    letak: dict[str, int] = {}
    for i, sel in enumerate(judul):
        kunci = kunci_judul(sel)
        for nama, sebutan in _NAMA_KOLOM.items():
            if nama not in letak and (kunci in sebutan or (nama in ("desil", "no_kk") and kunci.startswith(
                    "desil" if nama == "desil" else "nokk"))):
                letak[nama] = i
                break
    return letak


def cari_judul(lembar: dict[str, list[list]]) -> tuple[list[list], int, dict[str, int]]:
    """(the sheet's rows, index of the header row, {field: column}) of the first sheet naming a No. KK column in
    its top rows. Raises BantuanError when none does."""
    for rows in lembar.values():
        for i, judul in enumerate(rows[:BARIS_JUDUL]):
            letak = _kolom_dari(judul)
            if "no_kk" in letak:
                return rows, i, letak
    raise BantuanError("Kolom No. KK tidak ditemukan di baris judul berkas ini. Beri judul kolom “No. KK” (atau "
                       "“NO KK”, “nomor_kk”) pada kolom nomor kartu keluarga; kolom lain: NIK, Nama, Status, "
                       "Desil, ID DTKS, Tahun.")


def _desil(isi: str) -> tuple[int | None, str]:
    if not isi or isi == "-":
        return None, ""
    angka = re.fullmatch(r"(?:desil|d)?\s*(\d{1,2})(?:[.,]0+)?", isi.lower())
    if not angka or not 1 <= int(angka.group(1)) <= 10:
        return None, f"Desil harus angka 1 sampai 10 (tertulis “{isi[:20]}”)."
    return int(angka.group(1)), ""


def _tahun(isi: str, hari_ini: date) -> tuple[int | None, str]:
    if not isi or isi == "-":
        return None, ""
    angka = re.fullmatch(r"(\d{4})(?:[.,]0+)?(?:-\d{2}-\d{2})?", isi)  # 2025, 2025.0, or a date cell
    if not angka or not 2005 <= int(angka.group(1)) <= hari_ini.year + 1:
        return None, f"Tahun data harus tahun yang wajar, misalnya {hari_ini.year} (tertulis “{isi[:20]}”)."
    return int(angka.group(1)), ""


def _terdaftar(isi: str) -> tuple[bool, str]:
    kunci = kunci_judul(isi)
    if kunci in _YA:
        return True, ""
    if kunci in _TIDAK:
        return False, ""
    return True, f"Status “{isi[:30]}” tidak dikenal; tulis Terdaftar atau Tidak terdaftar."


async def _register() -> tuple[dict[str, int], dict[int, list[dict]]]:
    """(No. KK -> family id, family id -> its members, living first-class: nik, nama, hubungan, hidup), read in one
    pass over the register as the current user may see it (dead and moved members kept: a NIK may be theirs)."""
    keluarga, anggota = {}, {}
    async for p in register.stream_residents(("nik", "nama", "keluarga", "no_kk", "hubungan", "status_dasar"),
                                             living=False):
        if p["keluarga"] is None:
            continue
        keluarga.setdefault(p["no_kk"], p["keluarga"])
        anggota.setdefault(p["keluarga"], []).append({"nik": p["nik"], "nama": p["nama"], "hubungan": p["hubungan"],
                                                      "hidup": p["status_dasar"] == 1})
    return keluarga, anggota


def _kepala(anggota: list[dict]) -> str:
    hidup = [a for a in anggota if a["hidup"]]
    kepala = [a for a in hidup if a["hubungan"] == 1]
    return (kepala or hidup or [{"nama": ""}])[0]["nama"]


def _sel(cells: list, letak: dict[str, int], nama: str):
    i = letak.get(nama)
    return cells[i] if i is not None and i < len(cells) else None


def _baca_baris(nomor_baris: int, cells: list, letak: dict, hari_ini: date) -> BarisDtks:
    b = BarisDtks(nomor=nomor_baris)
    masalah = []
    b.no_kk, salah = nomor(_sel(cells, letak, "no_kk"), "No. KK")
    masalah += [salah] if salah else []
    b.terdaftar, salah = _terdaftar(teks(_sel(cells, letak, "terdaftar")))
    masalah += [salah] if salah else []
    b.desil, salah = _desil(teks(_sel(cells, letak, "desil")))
    masalah += [salah] if salah else []
    b.tahun, salah = _tahun(teks(_sel(cells, letak, "tahun")), hari_ini)
    masalah += [salah] if salah else []
    b.id_dtks = teks(_sel(cells, letak, "id_dtks"))[:40]
    b.alasan = " ".join(masalah)
    return b


def _cocokkan(b: BarisDtks, nik_sel, keluarga: dict, anggota: dict, sudah: dict[str, int]) -> None:
    """The family of the row's No. KK, or the reason it cannot be used."""
    if b.alasan:
        return
    if b.no_kk in sudah:
        b.alasan = f"No. KK ini sudah ada di baris {sudah[b.no_kk]}; satu keluarga cukup satu baris."
        return
    sudah[b.no_kk] = b.nomor
    b.keluarga = keluarga.get(b.no_kk)
    if b.keluarga is None:
        b.alasan = "No. KK ini tidak ada di data penduduk."
        return
    orang = anggota.get(b.keluarga, [])
    if not any(a["hidup"] for a in orang):
        b.alasan = "Keluarga dengan No. KK ini tidak lagi punya anggota yang hidup dan tinggal di nagari."
        return
    nik = "".join(teks(nik_sel).split())
    if nik and nik not in {a["nik"] for a in orang}:
        b.alasan = f"NIK {nik[:16]} bukan anggota keluarga dengan No. KK ini."
        return
    b.nama = _kepala(orang)


def _banding(b: BarisDtks, lama: dict | None) -> None:
    if lama is None:
        b.aksi = "baru"
        return
    ya_tidak = {True: "terdaftar", False: "tidak terdaftar"}
    pasangan = [("status", ya_tidak[lama["terdaftar"]], ya_tidak[b.terdaftar]), ("desil", lama["desil"], b.desil),
                ("ID DTKS", lama["id_dtks"], b.id_dtks), ("tahun", lama["tahun"], b.tahun)]
    b.perubahan = [f"{nama} {a if a not in (None, '') else '-'} → {c if c not in (None, '') else '-'}"
                   for nama, a, c in pasangan if a != c]
    b.aksi = "ubah" if b.perubahan else "sama"


async def periksa(lembar: dict[str, list[list]], *, hari_ini: date) -> Pratinjau:
    """The dry run of an import: every data row either accepted (with what it would do) or refused with its reason.
    Nothing is written."""
    rows, judul, letak = cari_judul(lembar)
    data = [(judul + 1 + i + 1, cells) for i, cells in enumerate(rows[judul + 1:])
            if any(teks(c) for c in cells)]
    if len(data) > BATAS_BARIS:
        raise BantuanError(f"Berkas memuat lebih dari {BATAS_BARIS:,} baris data.".replace(",", "."))
    if not data:
        raise BantuanError("Berkas ini tidak memuat baris data di bawah baris judulnya.")
    keluarga, anggota = await _register()
    ada = {r["keluarga"]: r for r in await DtksKeluarga.select().run()}
    terima, tolak, sudah = [], [], {}
    for nomor_baris, cells in data:
        b = _baca_baris(nomor_baris, cells, letak, hari_ini)
        _cocokkan(b, _sel(cells, letak, "nik"), keluarga, anggota, sudah)
        if b.alasan:
            tolak.append(b)
            continue
        _banding(b, ada.get(b.keluarga))
        terima.append(b)
    return Pratinjau([JUDUL[k] for k in KOLOM if k in letak], terima, tolak)


async def _pengguna(request) -> str:
    return (await current_user(request))["username"] if request is not None else "sistem"


async def terapkan(request, lembar: dict[str, list[list]], *, sumber: str, hari_ini: date) -> dict[str, int]:
    """Write the accepted rows of the file (checked again now) in one transaction: each family's DTKS data inserted
    or replaced, audited per family. Returns {"baru", "ubah", "sama", "ditolak"}. Raises BantuanError, writing
    nothing, when no row can be imported."""
    p = await periksa(lembar, hari_ini=hari_ini)
    if not p.baris:
        raise BantuanError("Tidak ada baris yang bisa diimpor: semua baris ditolak. Perbaiki berkasnya lalu unggah "
                           "lagi.")
    oleh, sumber = await _pengguna(request), " ".join(sumber.split())[:120]
    sekarang = datetime.now(timezone.utc)
    async with write_transaction():
        for b in p.baris:
            if b.aksi == "sama":
                continue
            nilai = {"no_kk": b.no_kk, "terdaftar": b.terdaftar, "desil": b.desil, "id_dtks": b.id_dtks,
                     "tahun": b.tahun, "sumber": sumber, "diimpor": sekarang, "oleh": oleh}
            if b.aksi == "baru":
                await DtksKeluarga.insert(DtksKeluarga(keluarga=b.keluarga, **nilai)).run()
            else:
                await DtksKeluarga.update({getattr(DtksKeluarga, k): v for k, v in nilai.items()}).where(
                    DtksKeluarga.keluarga == b.keluarga).run()
            await log_change(request, "impor_dtks", "bantuan", f"keluarga:{b.keluarga}", {
                "berkas": sumber, "baris": b.nomor, "baru": b.aksi == "baru", "no_kk": b.no_kk,
                "terdaftar": b.terdaftar, "desil": b.desil, "id_dtks": b.id_dtks, "tahun": b.tahun,
                "perubahan": b.perubahan})
    return {"baru": p.jumlah("baru"), "ubah": p.jumlah("ubah"), "sama": p.jumlah("sama"), "ditolak": len(p.ditolak)}


async def ringkasan() -> dict:
    """What the DTKS page shows: families per desil (1-10, and registered without a desil), registered and not,
    the register's number of families, and the latest import (when, by whom, from which file)."""
    rows = await DtksKeluarga.select(DtksKeluarga.desil, DtksKeluarga.terdaftar, Count(DtksKeluarga.id, alias="n")
                                     ).group_by(DtksKeluarga.desil, DtksKeluarga.terdaftar).run()
    per_desil = {d: 0 for d in range(1, 11)}
    tanpa_desil = tidak = 0
    for r in rows:
        if not r["terdaftar"]:
            tidak += r["n"]
        elif r["desil"] in per_desil:
            per_desil[r["desil"]] += r["n"]
        else:
            tanpa_desil += r["n"]
    terakhir = await DtksKeluarga.select(DtksKeluarga.diimpor, DtksKeluarga.oleh, DtksKeluarga.sumber).order_by(
        DtksKeluarga.diimpor, ascending=False).first().run()
    semua = await register.unit_counts("keluarga", by=())
    return {"per_desil": per_desil, "tanpa_desil": tanpa_desil, "tidak": tidak,
            "terdaftar": sum(per_desil.values()) + tanpa_desil, "keluarga": semua[0]["jumlah"] if semua else 0,
            "terakhir": terakhir}


def contoh() -> list[list]:
    """The rows of the example workbook offered on the page: the column names Balai reads, one made-up row."""
    return [[JUDUL[k] for k in KOLOM], ["1371010101010001", "1371014101800001", "Contoh Nama Kepala", "Terdaftar",
                                        3, "ID-CONTOH-1", date.today().year]]
