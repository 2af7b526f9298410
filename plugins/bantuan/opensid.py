"""A cycle's list in OpenSID's own workbook for program participants: the export of an approved (frozen) list, and the
import of OpenSID's participants into a list being prepared.

Built against OpenSID's program-bantuan import and export (github.com/OpenSID/OpenSID):
`app/Imports/BantuanImports.php` at commit 7d28b6d100dea007631c4f563c4224cb57714eb0 (2025) and `expor()` in
`donjo-app/controllers/Program_bantuan.php` at 02a164689d18fc56e2ba54a4cc6accafcc2abe01, with `cek_peserta` in
`donjo-app/models/Program_bantuan_model.php` at 502810c20eebcf1551748130a9eaaa3b3384a4f9. The workbook:

- sheet "Program": label in column A, value in column B, rows id, Nama Program, Sasaran Program (1 penduduk,
  2 keluarga, 3 rumah tangga, 4 kelompok), Keterangan, Asal Dana (Pusat, Provinsi, Kab/Kota, Dana Desa,
  Lain-lain (Hibah)), Rentang Waktu (Awal), Rentang Waktu (Akhir), dates as YYYY-MM-DD. OpenSID's import reads
  these rows by position and checks the two dates, so nothing is inserted between them (its newest export adds a
  config_id row that its own import would misread). The id is left empty: OpenSID then adds a new program instead of
  writing into whichever of its programs happens to have Balai's number.
- sheet "Peserta": the header Peserta, No. Peserta, NIK, Nama, Tempat Lahir, Tanggal Lahir, Alamat, read by
  position; "Peserta" is the NIK (sasaran penduduk), the No. KK (keluarga), OpenSID's household number (rumah
  tangga) or the group's code (kelompok); "NIK" must be that person, a member of that family, the household's head
  or the group's leader; "No. Peserta" is the card number (OpenSID's placeholder "acak_..." is no number); empty
  card cells are filled by OpenSID from its own register. A row whose first cell is "###" ends the data (older
  versions).

Balai has no OpenSID household numbers, so a rumah-tangga row is matched by its NIK column (the head); the export
writes the receiving person's No. KK in the Peserta column of such a program. The import never writes by itself: it
adds entries through siklus.tambah_banyak (all or nothing), each with the reason "Impor dari OpenSID: <file>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plugin_sdk import dokumen, register

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import DISETUJUI, DISUSUN, SASARAN
from plugins.bantuan.lembar import BATAS_BARIS, kunci_judul, nomor, teks
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan

KOLOM_PESERTA = ("Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat")
BARIS_PROGRAM = ("id", "Nama Program", "Sasaran Program", "Keterangan", "Asal Dana", "Rentang Waktu (Awal)",
                 "Rentang Waktu (Akhir)")
SASARAN_OPENSID = {"penduduk": 1, "keluarga": 2, "rumah_tangga": 3, "kelompok": 4}
ASAL_DANA = {"blt_dd": "Dana Desa", "nagari": "Dana Desa", "pkh": "Pusat", "bpnt": "Pusat", "pbi_jk": "Pusat",
             "pip": "Pusat", "provinsi": "Provinsi", "kabupaten": "Kab/Kota", "lain": "Lain-lain (Hibah)"}
AKHIR = "###"
ACAK = "acak_"  # OpenSID's made-up card number when the operator ticks "random"


@dataclass
class BarisImpor:
    nomor: int  # as the spreadsheet shows it
    peserta: str = ""
    nik: str = ""
    nama: str = ""  # as the register knows the receiving person (or the group's name)
    jorong: str = ""
    no_kartu: str = ""
    nik_atau_kk: str = ""
    kelompok: str = ""
    kunci: str = ""
    alasan: str = ""  # why the row is refused
    catatan: str = ""  # what the operator may want to know; the row is added anyway


@dataclass
class PratinjauImpor:
    siklus: dict
    program: dict
    baris: list[BarisImpor] = field(default_factory=list)
    ditolak: list[BarisImpor] = field(default_factory=list)


async def siklus_program(siklus_id: int) -> tuple[dict, dict]:
    """The cycle and its program; BantuanError(tidak_ada) when there is no such cycle."""
    siklus = await SiklusBantuan.select().where(SiklusBantuan.id == siklus_id).first().run()
    if siklus is None:
        raise BantuanError("Siklus bantuan itu tidak ditemukan.", tidak_ada=True)
    program = await ProgramBantuan.select().where(ProgramBantuan.id == siklus["program"]).first().run()
    return siklus, program


# --- export -------------------------------------------------------------------------------------------------------

def _peserta(sasaran: str, entri: dict) -> str:
    data = entri["data"]
    if sasaran == "kelompok":
        return entri["kelompok"] or data.get("kelompok", "")
    return data.get("nik", "") if sasaran == "penduduk" else data.get("no_kk", "")


def _alamat(data: dict) -> str:
    return ", ".join(x for x in (data.get("alamat", ""), data.get("jorong", "")) if x)


def _tanggal(nilai) -> str:
    return nilai.isoformat() if isinstance(nilai, date) else str(nilai or "")


def _lembar_program(program: dict, siklus: dict) -> list[list]:
    awal = siklus["periode_mulai"]
    akhir = siklus["periode_selesai"] or program["selesai"] or date(awal.year, 12, 31)  # OpenSID requires an end
    sumber = program["sumber_lain"] if program["sumber"] == "lain" and program["sumber_lain"] else ""
    nilai = ["", f"{program['nama']} ({siklus['nama']})", SASARAN_OPENSID[program["sasaran"]],
             " ".join(x for x in (program["keterangan"], sumber) if x), ASAL_DANA.get(program["sumber"], ""),
             _tanggal(awal), _tanggal(akhir)]
    return [[judul, isi] for judul, isi in zip(BARIS_PROGRAM, nilai)]


async def ekspor(siklus_id: int) -> tuple[str, bytes, int]:
    """(file name, the workbook, number of recipients) of an approved cycle's recipients, as frozen at approval.
    Raises BantuanError for a cycle not (yet) approved: only a frozen list leaves Balai."""
    import json

    siklus, program = await siklus_program(siklus_id)
    if siklus["status"] != DISETUJUI:
        raise BantuanError("Hanya daftar yang sudah disetujui yang dapat diekspor; daftar ini masih "
                           f"{'disusun' if siklus['status'] == DISUSUN else 'menunggu persetujuan'}.")
    entri = await PesertaBantuan.select().where((PesertaBantuan.siklus == siklus_id)
                                                & (PesertaBantuan.keluar == False)).order_by(  # noqa: E712
        PesertaBantuan.id).run()
    baris = [list(KOLOM_PESERTA)]
    for e in entri:
        e["data"] = json.loads(e["data"]) if e["data"] else {}
        d = e["data"]
        baris.append([_peserta(program["sasaran"], e), e["no_kartu"], d.get("nik", ""),
                      d.get("nama", "") or e["kelompok"], d.get("tempat_lahir", ""), _tanggal(d.get("tanggal_lahir")),
                      _alamat(d)])
    isi = dokumen.xlsx_bytes({"Program": _lembar_program(program, siklus),
                              "Peserta": dokumen.Lembar(baris, beku=1, lebar=(20, 16, 20, 30, 16, 14, 40), tebal=(0,))})
    nama = re.sub(r"[^0-9A-Za-z]+", "_", f"program_bantuan_{program['nama']}_siklus_{siklus['nomor']}").strip("_")
    return f"{nama[:100]}.xlsx", isi, len(entri)


async def format_kosong(siklus_id: int) -> tuple[str, bytes]:
    """An empty workbook in OpenSID's format for this cycle's program: the Program sheet and the Peserta header."""
    siklus, program = await siklus_program(siklus_id)
    isi = dokumen.xlsx_bytes({"Program": _lembar_program(program, siklus),
                              "Peserta": dokumen.Lembar([list(KOLOM_PESERTA)], beku=1, tebal=(0,))})
    return "format_impor_peserta_bantuan.xlsx", isi


# --- import -------------------------------------------------------------------------------------------------------

def _lembar_peserta(lembar: dict[str, list[list]]) -> list[list]:
    """The participants' sheet: named "Peserta", else the one whose header starts with Peserta / No. Peserta / NIK."""
    for nama, rows in lembar.items():
        if nama.strip().lower() == "peserta":
            return rows
    for rows in lembar.values():
        if rows and _judul_peserta(rows[0]):
            return rows
    raise BantuanError("Lembar peserta tidak ditemukan. Berkas OpenSID punya lembar “Peserta” dengan judul kolom: "
                       + ", ".join(KOLOM_PESERTA) + ".")


def _judul_peserta(judul: list) -> bool:
    kunci = [kunci_judul(c) for c in judul[:3]]
    return len(kunci) == 3 and kunci[0] == "peserta" and kunci[1] in ("nopeserta", "nomorpeserta") \
        and kunci[2].startswith("nik")


def _sasaran_berkas(lembar: dict[str, list[list]]) -> int | None:
    """The "Sasaran Program" of the Program sheet (1-4), or None when the file has none."""
    for nama, rows in lembar.items():
        if nama.strip().lower() != "program":
            continue
        for cells in rows:
            if len(cells) > 1 and kunci_judul(cells[0]) == "sasaranprogram":
                isi = teks(cells[1])
                return int(isi) if isi in ("1", "2", "3", "4") else None
    return None


async def _register() -> tuple[dict[str, dict], dict[str, int], dict[int, list[dict]]]:
    """(NIK -> resident, No. KK -> family id, family id -> members) as the current user may see the register."""
    orang, keluarga, anggota = {}, {}, {}
    async for p in register.stream_residents(("id", "nik", "nama", "keluarga", "rumah_tangga", "no_kk", "status_dasar",
                                              "hubungan", "wilayah_nama"), living=False):
        orang[p["nik"]] = p
        if p["keluarga"] is not None:
            keluarga.setdefault(p["no_kk"], p["keluarga"])
            anggota.setdefault(p["keluarga"], []).append(p)
    return orang, keluarga, anggota


def _nama_sama(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


class _Pencocok:
    """Matches rows of one file to the register and to the cycle's entries, refusing what tambah_banyak would."""

    def __init__(self, sasaran: str, orang: dict, keluarga: dict, anggota: dict, ada: dict[str, bool]):
        self.sasaran, self.orang, self.keluarga, self.anggota, self.ada = sasaran, orang, keluarga, anggota, ada
        self.di_berkas: dict[str, int] = {}

    def _hidup(self, nik: str, judul: str = "NIK") -> tuple[dict | None, str]:
        p = self.orang.get(nik)
        if p is None:
            return None, f"{judul} {nik} tidak ada di data penduduk."
        if p["status_dasar"] != 1:
            return None, f"Penduduk dengan {judul} {nik} ({p['nama']}) tidak lagi hidup atau tinggal di nagari."
        return p, ""

    def _unit(self, b: BarisImpor, nik_sel) -> tuple[dict | None, str]:
        """(the receiving person, problem) and the row's key and lookup value filled in."""
        nik, salah_nik = nomor(nik_sel, "NIK") if teks(nik_sel) else ("", "")
        if self.sasaran == "penduduk":
            b.nik, salah = nomor(b.peserta, "NIK di kolom Peserta")
            if salah or (nik and nik != b.nik):
                return None, salah or "NIK di kolom NIK berbeda dengan NIK di kolom Peserta."
            p, salah = self._hidup(b.nik)
            b.nik_atau_kk, b.kunci = b.nik, f"p:{p['id']}" if p else ""
            return p, salah
        if self.sasaran == "keluarga":
            no_kk, salah = nomor(b.peserta, "No. KK di kolom Peserta")
            if salah or salah_nik:
                return None, salah or salah_nik
            kid = self.keluarga.get(no_kk)
            hidup = sorted((a for a in self.anggota.get(kid, []) if a["status_dasar"] == 1),
                           key=lambda a: a["hubungan"] != 1)  # the head first: who receives for the family
            if not hidup:
                return None, f"No. KK {no_kk} tidak ada di data penduduk atau tidak lagi punya anggota yang hidup."
            if nik and nik not in {a["nik"] for a in hidup}:
                return None, f"NIK {nik} bukan anggota keluarga dengan No. KK {no_kk} yang masih hidup."
            b.nik, b.nik_atau_kk, b.kunci = nik or hidup[0]["nik"], no_kk, f"k:{kid}"
            return self.orang.get(nik) or hidup[0], ""
        if not nik:  # rumah tangga: Balai does not know OpenSID's household numbers; the head's NIK says who
            return None, salah_nik or "Kolom NIK (kepala rumah tangga) wajib diisi untuk program sasaran rumah tangga."
        p, salah = self._hidup(nik)
        if p and p["rumah_tangga"] is None:
            return None, f"Penduduk dengan NIK {nik} tidak tercatat dalam rumah tangga mana pun."
        b.nik, b.nik_atau_kk, b.kunci = nik, nik, f"r:{p['rumah_tangga']}" if p else ""
        return p, salah

    def cocokkan(self, b: BarisImpor, nik_sel, nama_sel) -> None:
        if not b.peserta:
            b.alasan = "Kolom Peserta kosong."
            return
        if self.sasaran == "kelompok":
            b.kelompok = " ".join(b.peserta.split())[:150]
            b.nama, b.kunci = b.kelompok, "g:" + b.kelompok.lower()
        else:
            p, b.alasan = self._unit(b, nik_sel)
            if b.alasan:
                return
            b.nama, b.jorong = p["nama"], p["wilayah_nama"] or ""
            nama = teks(nama_sel)
            if nama and not _nama_sama(nama, p["nama"]):
                b.catatan = f"Nama di berkas “{nama[:60]}”, di data penduduk “{p['nama']}”."
        if b.kunci in self.di_berkas:
            b.alasan = f"Sama dengan baris {self.di_berkas[b.kunci]} berkas ini."
        elif b.kunci in self.ada:
            b.alasan = "Sudah ada di daftar ini" + (" (sudah dikeluarkan; batalkan pengeluarannya di halaman siklus)"
                                                    if self.ada[b.kunci] else "") + "."
        else:
            self.di_berkas[b.kunci] = b.nomor


def _no_kartu(sel) -> str:
    isi = teks(sel)
    return "" if isi.lower().startswith(ACAK) or isi == "-" else isi[:40]


async def periksa_impor(siklus_id: int, lembar: dict[str, list[list]]) -> PratinjauImpor:
    """The dry run of an OpenSID import into a cycle being prepared: rows to be added and rows refused, with reasons.
    Raises BantuanError for a file or a cycle that cannot take an import at all."""
    siklus, program = await siklus_program(siklus_id)
    if siklus["status"] != DISUSUN:
        raise BantuanError("Peserta hanya dapat diimpor ke daftar yang sedang disusun.")
    rows = _lembar_peserta(lembar)
    if not rows or not _judul_peserta(rows[0]):
        raise BantuanError("Baris pertama lembar peserta harus berisi judul kolom OpenSID: "
                           + ", ".join(KOLOM_PESERTA) + ".")
    sasaran = program["sasaran"]
    dari_berkas = _sasaran_berkas(lembar)
    if dari_berkas is not None and dari_berkas != SASARAN_OPENSID[sasaran]:
        lain = next(k for k, v in SASARAN_OPENSID.items() if v == dari_berkas)
        raise BantuanError(f"Berkas ini daftar peserta program bersasaran {SASARAN[lain]}, sedangkan program ini "
                           f"bersasaran {SASARAN[sasaran]}; kolom Peserta-nya tidak cocok.")
    ada = {r["kunci"]: r["keluar"] for r in await PesertaBantuan.select(
        PesertaBantuan.kunci, PesertaBantuan.keluar).where(PesertaBantuan.siklus == siklus_id).run()}
    pencocok = _Pencocok(sasaran, *await _register(), ada)
    hasil = PratinjauImpor(siklus, program)
    for n, cells in enumerate(rows[1:], start=2):
        cells = list(cells) + [None] * (len(KOLOM_PESERTA) - len(cells))
        if teks(cells[0]) == AKHIR:
            break
        if not any(teks(c) for c in cells[:len(KOLOM_PESERTA)]):
            continue
        if len(hasil.baris) + len(hasil.ditolak) >= BATAS_BARIS:
            raise BantuanError(f"Berkas memuat lebih dari {BATAS_BARIS:,} peserta.".replace(",", "."))
        b = BarisImpor(nomor=n, peserta=teks(cells[0])[:150], no_kartu=_no_kartu(cells[1]))
        pencocok.cocokkan(b, cells[2], cells[3])
        (hasil.ditolak if b.alasan else hasil.baris).append(b)
    if not hasil.baris and not hasil.ditolak:
        raise BantuanError("Lembar peserta tidak memuat baris data di bawah judul kolomnya.")
    return hasil


async def terapkan_impor(request, siklus_id: int, lembar: dict[str, list[list]], *, nama_berkas: str,
                         hari_ini: date) -> int:
    """Add the accepted rows (checked again now) to the cycle through siklus.tambah_banyak, all or nothing; returns
    how many were added. A refusal raises BantuanError whose `galat` names spreadsheet rows ("baris-12")."""
    from plugins.bantuan import siklus

    p = await periksa_impor(siklus_id, lembar)
    if not p.baris:
        raise BantuanError("Tidak ada peserta yang bisa ditambahkan: semua baris ditolak.")
    nama_berkas = " ".join(nama_berkas.split())[:100] or "berkas tanpa nama"
    alasan = f"Impor dari OpenSID: {nama_berkas}"
    baris = [{"nik_atau_kk": b.nik_atau_kk, "kelompok": b.kelompok, "alasan": alasan, "no_kartu": b.no_kartu}
             for b in p.baris]
    try:
        return await siklus.tambah_banyak(request, siklus_id, baris, sumber=alasan, hari_ini=hari_ini)
    except BantuanError as e:
        nomor_baris = {f"baris-{i}": f"baris-{b.nomor}" for i, b in enumerate(p.baris, start=1)}
        raise BantuanError(str(e), {nomor_baris.get(k, k): v for k, v in e.galat.items()}) from None
