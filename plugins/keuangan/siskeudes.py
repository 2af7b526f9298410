"""Reading a Siskeudes export: the zip of CSV tables that Siskeudes (BPKP's village finance application) writes, read
into our APB Desa lines and realisation. Pure: no database, no request; `impor.py` compares and saves.

What is read (table names and column names are matched case-insensitively; a table may sit in a sub-folder):

- ``Ta_RABRinci.csv`` (required), the budget detail: Kd_Keg, Kd_Rincian, Anggaran (required); AnggaranStlhPAK,
  Uraian, SumberDana, Kd_Desa, Tahun (read when present; Kd_SubRinci and No_Urut only number the detail rows).
  The amount of a row is AnggaranStlhPAK when that cell is present and non-empty (the budget after the last
  Perubahan), else Anggaran. Rows are summed per pos (kegiatan, account): one of our lines per pos.
- ``Ta_RAB.csv``: Tahun (the budget year; with Ta_RABRinci's own Tahun column, either is enough).
- ``Ta_Kegiatan.csv``: Kd_Keg, Nama_Kegiatan (names of the activities). Ta_Bidang / Ta_SubBidang / Ref_Bidang
  are not needed: bidang and sub-bidang names come from our own code list.
- ``Ref_Rek4.csv``: Obyek, Nama_Obyek (the line's uraian when Siskeudes gives none, see below).
- ``Ta_JurnalUmum.csv``: NoBukti, Tanggal (required); Posted, Keterangan, Tahun. ``Ta_JurnalUmumRinci.csv``:
  NoBukti, Kd_Keg, Kd_Rincian, Debet, Kredit. The realisation is the journal: per detail row, by the account's
  normal balance, Kredit - Debet for 4.x and 6.1.x, Debet - Kredit for 5.x and 6.2.x; rows of other accounts
  (1.x cash, 7.x third-party) are the other side of the entry and are skipped. Summed per (Kd_Keg, Kd_Rincian,
  NoBukti), dated by the entry's Tanggal, described by its Keterangan. When the Posted column exists only posted
  entries count (1, -1 as Access writes True, True, Ya). Without the two journal tables the import leaves the
  year's realisation as it is. Payment requests (Ta_SPP, Ta_SPPRinci, Ta_SPPBukti) are not realisation: ignored.

Codes. Kd_Rincian is the objek account with a trailing dot ("5.2.1.01."), stored without it. Kd_Keg is the
village code followed by bidang.sub-bidang.kegiatan ("01.2001.02.03.01." -> "02.03.01"); the village code is
removed when Kd_Desa is given, otherwise the kegiatan is the last three segments when all three have two digits.
Pendapatan (4) and pembiayaan (6) never carry a kegiatan (their Kd_Keg is "...00.00.00." or the village code).

Cells. The delimiter is sniffed from the header line (comma, semicolon or tab); the text is UTF-8 (with or
without BOM), else Windows-1252. Amounts go through `jumlah.baca_angka_siskeudes` ("1250000.00", "1250000,00").
Dates: "2026-03-15" and "2026-03-15 00:00:00" are ISO; with slashes (or dots) the whole file is read one way:
day/month/year, as Siskeudes on an Indonesian Windows writes it, unless some date of the same file can only be
month/day ("03/15/2026"), then month/day/year for every date of it; a file with both kinds is refused. A time
after the date is ignored.

Line text. A pos with one distinct Uraian takes it; a pos summed from several detail rows takes the objek's name
from Ref_Rek4 (else its first Uraian, else our code list's name). Its sumber dana is the one carrying the
largest share of its amount.

Refused as a whole (SiskeudesError, nothing read): not a zip, too large or too many members (zip bomb limits
below, with at most BATAS_BARIS rows per table so memory stays bounded), a broken CSV, a password-protected zip,
no Ta_RABRinci.csv or an empty one, no year or several years, a required column missing (named). Refused per row
(Masalah: file, line number of the CSV with the header on line 1, message): a non-numeric or negative budget,
an account not in the Permendagri 20/2018 list, a belanja row without kegiatan, an unknown kegiatan code, a
journal row whose entry is missing or dated outside the year. The import applies nothing while any row has a
problem: the operator corrects it in Siskeudes and exports again (no silent partial budget).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from plugins.keuangan import jumlah, kode

BATAS_UNGGAH = 25 * 2**20      # the zip itself; a village's full Siskeudes export is a few MB
BATAS_ISI = 150 * 2**20        # the declared uncompressed size of all members together
BATAS_TABEL = 20 * 2**20       # one CSV we read, counted while reading (a declared size can lie)
BATAS_BARIS = 100_000          # rows of one CSV: a village's year is a few thousand; each row read costs ~1 KB
BATAS_ANGGOTA = 1000           # members of the zip
BENAR = {"1", "-1", "true", "ya", "y", "yes", "t"}

DIBACA = ("Ta_RABRinci (Kd_Keg, Kd_Rincian, Anggaran, AnggaranStlhPAK, Uraian, SumberDana), Ta_RAB (Tahun), "
          "Ta_Kegiatan (Nama_Kegiatan), Ref_Rek4 (Nama_Obyek), Ta_JurnalUmum (NoBukti, Tanggal, Posted, Keterangan) "
          "dan Ta_JurnalUmumRinci (Kd_Keg, Kd_Rincian, Debet, Kredit)")


class SiskeudesError(Exception):
    """The file as a whole cannot be imported; the message is for the operator."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


@dataclass(frozen=True)
class Masalah:
    berkas: str
    baris: int          # the CSV line (header = 1)
    pesan: str


@dataclass
class Baris:
    kegiatan: str
    akun: str
    uraian: str
    anggaran: int       # sen
    sumber_dana: str


@dataclass(frozen=True)
class Entri:
    kegiatan: str
    akun: str
    tanggal: date
    jumlah: int         # sen, may be negative (a correcting entry)
    uraian: str
    bukti: str


@dataclass
class Ekspor:
    tahun: int
    sidik: str                                  # sha256 of the zip
    kegiatan: dict[str, str]                    # kode "02.03.01" -> nama, only those with lines
    baris: list[Baris]
    realisasi: list[Entri]
    ada_jurnal: bool                            # False: the journal tables are absent, realisation left alone
    masalah: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    hitungan: dict[str, int] = field(default_factory=dict)   # data rows read per table


# ---- the zip and its CSV tables ----

def _anggota(arsip: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = arsip.infolist()
    if len(infos) > BATAS_ANGGOTA:
        raise SiskeudesError(f"Berkas zip berisi terlalu banyak berkas ({len(infos)}); ini bukan ekspor Siskeudes.")
    if sum(i.file_size for i in infos) > BATAS_ISI:
        raise SiskeudesError("Isi berkas zip terlalu besar setelah dibuka; ini bukan ekspor Siskeudes yang wajar.")
    tabel: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        nama = info.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if info.is_dir() or not nama.endswith(".csv"):
            continue
        if nama in tabel:
            raise SiskeudesError(f"Tabel {nama} ada dua kali di dalam zip; ekspor ulang dari Siskeudes.")
        tabel[nama] = info
    return tabel


def _teks(isi: bytes) -> str:
    try:
        return isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        return isi.decode("cp1252", errors="replace")


def _pemisah(baris_kepala: str) -> str:
    hitung = {p: baris_kepala.count(p) for p in (";", ",", "\t")}
    return max(hitung, key=lambda p: hitung[p]) if any(hitung.values()) else ","


def _sebab_csv(exc: csv.Error) -> str:
    teks = str(exc)
    if "field limit" in teks:
        return "ada isian yang terlalu panjang"
    if "end of data" in teks or "quote" in teks:
        return "tanda petik (\") tidak ditutup"
    return "susunan CSV tidak dapat dibaca"


class _Tabel:
    """One CSV of the export: its name as Siskeudes spells it, lower-cased header, (line, row) pairs."""

    def __init__(self, nama: str, teks: str):
        self.nama = nama
        kepala = teks.split("\n", 1)[0]
        # strict: an unclosed quote is an error instead of swallowing the rest of the table into one cell
        pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=_pemisah(kepala), strict=True)
        self.baris: list[tuple[int, dict[str, str]]] = []
        try:
            self.kolom = [k.strip().strip('"').lower() for k in next(pembaca, [])]
            for sel in pembaca:
                if not any(s.strip() for s in sel):
                    continue
                if len(self.baris) >= BATAS_BARIS:
                    raise SiskeudesError(f"{nama} memuat lebih dari {BATAS_BARIS:,} baris".replace(",", ".")
                                         + "; ini bukan ekspor Siskeudes satu desa yang wajar.")
                self.baris.append((pembaca.line_num, {k: (sel[i].strip() if i < len(sel) else "")
                                                      for i, k in enumerate(self.kolom)}))
        except csv.Error as exc:
            raise SiskeudesError(f"{nama} rusak di sekitar baris {pembaca.line_num}: {_sebab_csv(exc)}. Ekspor "
                                 "ulang tabel ini dari Siskeudes.") from None

    def wajib(self, *kolom: str) -> None:
        hilang = [k for k in kolom if k.lower() not in self.kolom]
        if hilang:
            raise SiskeudesError(f"{self.nama}: kolom {', '.join(hilang)} tidak ada. Ekspor ulang tabel ini dari "
                                 "Siskeudes tanpa mengubah judul kolomnya.")

    def ada(self, kolom: str) -> bool:
        return kolom.lower() in self.kolom


def _buka(arsip: zipfile.ZipFile, tabel: dict[str, zipfile.ZipInfo], nama: str) -> _Tabel | None:
    info = tabel.get(f"{nama.lower()}.csv")
    if info is None:
        return None
    if info.flag_bits & 0x1:  # the zip "encrypted" flag; zipfile would say only RuntimeError
        raise SiskeudesError("Berkas zip ini terkunci kata sandi; ekspor ulang dari Siskeudes tanpa kata sandi.")
    try:
        with arsip.open(info) as berkas:
            isi = berkas.read(BATAS_TABEL + 1)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        raise SiskeudesError(f"{nama}.csv di dalam zip tidak dapat dibuka ({type(exc).__name__}).") from None
    if len(isi) > BATAS_TABEL:
        raise SiskeudesError(f"{nama}.csv terlalu besar; ini bukan ekspor Siskeudes yang wajar.")
    return _Tabel(f"{nama}.csv", _teks(isi))


# ---- cells ----

_DUA = re.compile(r"^\d{2}$")


def kode_kegiatan(kd_keg: str, kd_desa: str = "") -> str:
    """"01.2001.02.03.01." -> "02.03.01"; "" when the code names no activity (village code only, or 00.00.00)."""
    bagian = [b for b in (kd_keg or "").strip().split(".") if b.strip()]
    desa = [b for b in (kd_desa or "").strip().split(".") if b.strip()]
    if desa and bagian[:len(desa)] == desa:
        bagian = bagian[len(desa):]
    ekor = bagian[-3:]
    if len(ekor) < 3 or not all(_DUA.match(b) for b in ekor) or ekor == ["00", "00", "00"]:
        return ""
    return ".".join(ekor)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_GARIS = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$")


def urutan_tanggal(teks: list[str]) -> str:
    """"dmy" or "mdy" for the slash dates of one file (see the module's notes); raises when they disagree."""
    hari_dulu = bulan_dulu = False
    for t in teks:
        m = _GARIS.match(t.strip())
        if m:
            hari_dulu |= int(m.group(1)) > 12
            bulan_dulu |= int(m.group(2)) > 12
    if hari_dulu and bulan_dulu:
        raise SiskeudesError("Tanggal di Ta_JurnalUmum.csv ditulis dengan dua urutan berbeda (hari/bulan dan "
                             "bulan/hari); ekspor ulang dari Siskeudes.")
    return "mdy" if bulan_dulu else "dmy"


def baca_tanggal(teks: str, urutan: str = "dmy") -> date | None:
    t = (teks or "").strip()
    m = _ISO.match(t)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _GARIS.match(t)
        if m:
            a, b, tahun = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return date(tahun, b, a) if urutan == "dmy" else date(tahun, a, b)
    except ValueError:
        return None
    return None


def _posted(nilai: str) -> bool:
    return nilai.strip().lower() in BENAR


def _normal(akun: str) -> int:
    """+1 when the account grows by Kredit (pendapatan, penerimaan pembiayaan), -1 when by Debet."""
    return 1 if akun.startswith("4") or akun.startswith("6.1") else -1


# ---- reading ----

def _tahun(tabel_rab: _Tabel | None, tabel_lain: list[_Tabel]) -> int:
    nilai: set[str] = set()
    for t in [tabel_rab, *tabel_lain]:
        if t is not None and t.ada("tahun"):
            nilai |= {r["tahun"] for _, r in t.baris if r["tahun"]}
    if not nilai:
        raise SiskeudesError("Tahun anggaran tidak ditemukan: Ta_RAB.csv (kolom Tahun) tidak ada atau kosong.")
    if len(nilai) > 1:
        raise SiskeudesError(f"Berkas berisi lebih dari satu tahun anggaran ({', '.join(sorted(nilai))}); "
                             "ekspor satu tahun saja dari Siskeudes.")
    teks = nilai.pop()
    if not re.fullmatch(r"\d{4}", teks) or not 2000 <= int(teks) <= 2100:
        raise SiskeudesError(f"Tahun anggaran {teks[:20]!r} tidak dapat dibaca.")
    return int(teks)


def _kegiatan_dari(kd_keg: str, kd_desa: str, akun: str, berkas: str, nomor: int,
                   masalah: list[Masalah]) -> str | None:
    """The activity of a row (None with a problem recorded when a belanja row has none or an unknown one)."""
    if kode.kelompok_akun(akun) != "belanja":
        return ""
    keg = kode_kegiatan(kd_keg, kd_desa)
    if not keg:
        masalah.append(Masalah(berkas, nomor, f"Belanja {akun} tanpa kegiatan: Kd_Keg {kd_keg!r} tidak memuat "
                                              "kode bidang.sub-bidang.kegiatan."))
        return None
    salah = kode.periksa_kegiatan(keg)
    if salah:
        masalah.append(Masalah(berkas, nomor, f"Kegiatan {keg}: {salah}"))
        return None
    return keg


def _akun(teks: str, berkas: str, nomor: int, masalah: list[Masalah]) -> str | None:
    akun = kode.normal_akun(teks)
    salah = kode.periksa_akun(akun) if akun else "Kode rekening kosong."
    if salah:
        masalah.append(Masalah(berkas, nomor, f"Rekening {teks or '(kosong)'}: {salah}"))
        return None
    return akun


def _anggaran(rinci: _Tabel, nama_obyek: dict[str, str], masalah: list[Masalah]) -> list[Baris]:
    rinci.wajib("Kd_Keg", "Kd_Rincian", "Anggaran")
    pak = rinci.ada("anggaranstlhpak")
    pos: dict[tuple[str, str], dict] = {}
    for nomor, r in rinci.baris:
        akun = _akun(r["kd_rincian"], rinci.nama, nomor, masalah)
        sel = r["anggaranstlhpak"] if pak and r["anggaranstlhpak"] else r["anggaran"]
        try:
            nilai = jumlah.baca_angka_siskeudes(sel)
        except jumlah.JumlahError as exc:
            masalah.append(Masalah(rinci.nama, nomor, f"Anggaran: {exc.pesan}"))
            continue
        if nilai < 0:
            masalah.append(Masalah(rinci.nama, nomor, f"Anggaran tidak boleh negatif ({sel})."))
            continue
        if akun is None:
            continue
        keg = _kegiatan_dari(r["kd_keg"], r.get("kd_desa", ""), akun, rinci.nama, nomor, masalah)
        if keg is None:
            continue
        p = pos.setdefault((keg, akun), {"anggaran": 0, "uraian": [], "sumber": {}})
        p["anggaran"] += nilai
        if r.get("uraian") and r["uraian"] not in p["uraian"]:
            p["uraian"].append(r["uraian"])
        sumber = r.get("sumberdana", "")[:10]
        p["sumber"][sumber] = p["sumber"].get(sumber, 0) + nilai
    hasil = []
    for (keg, akun), p in pos.items():
        if len(p["uraian"]) == 1:
            uraian = p["uraian"][0]
        else:
            uraian = nama_obyek.get(akun) or (p["uraian"][0] if p["uraian"] else kode.akun(akun) or akun)
        sumber = max(p["sumber"].items(), key=lambda s: (s[1], s[0]))[0] if p["sumber"] else ""
        hasil.append(Baris(keg, akun, uraian[:250], p["anggaran"], sumber))
    return hasil


def _realisasi(jurnal: _Tabel, rinci: _Tabel, tahun: int, masalah: list[Masalah],
               catatan: list[str]) -> list[Entri]:
    jurnal.wajib("NoBukti", "Tanggal")
    rinci.wajib("NoBukti", "Kd_Keg", "Kd_Rincian", "Debet", "Kredit")
    urutan = urutan_tanggal([r["tanggal"] for _, r in jurnal.baris])
    posted = jurnal.ada("posted")
    entri: dict[str, tuple[date, str] | None] = {}  # NoBukti -> (date, keterangan); None: not posted or bad date
    belum = 0
    for nomor, r in jurnal.baris:
        tanggal = baca_tanggal(r["tanggal"], urutan)
        if posted and not _posted(r["posted"]):
            entri[r["nobukti"]] = None
            belum += 1
        elif tanggal is None:
            masalah.append(Masalah(jurnal.nama, nomor, f"Tanggal {r['tanggal']!r} tidak dapat dibaca."))
            entri[r["nobukti"]] = None
        elif tanggal.year != tahun:
            masalah.append(Masalah(jurnal.nama, nomor, f"Tanggal {tanggal:%d-%m-%Y} di luar tahun anggaran {tahun}."))
            entri[r["nobukti"]] = None
        else:
            entri[r["nobukti"]] = (tanggal, r.get("keterangan", ""))
    if belum:
        catatan.append(f"{belum} bukti jurnal belum diposting di Siskeudes dan tidak dihitung sebagai realisasi.")
    total: dict[tuple[str, str, str], int] = {}
    for nomor, r in rinci.baris:
        teks = kode.normal_akun(r["kd_rincian"])
        if teks[:1] not in ("4", "5", "6"):
            continue  # the other side of the entry (cash, third-party accounts)
        if r["nobukti"] not in entri:
            masalah.append(Masalah(rinci.nama, nomor, f"Bukti {r['nobukti']!r} tidak ada di Ta_JurnalUmum.csv."))
            continue
        try:
            debet, kredit = jumlah.baca_angka_siskeudes(r["debet"]), jumlah.baca_angka_siskeudes(r["kredit"])
        except jumlah.JumlahError as exc:
            masalah.append(Masalah(rinci.nama, nomor, f"Debet/Kredit: {exc.pesan}"))
            continue
        akun = _akun(r["kd_rincian"], rinci.nama, nomor, masalah)
        if akun is None or entri[r["nobukti"]] is None:
            continue
        keg = _kegiatan_dari(r["kd_keg"], r.get("kd_desa", ""), akun, rinci.nama, nomor, masalah)
        if keg is None:
            continue
        kunci = (keg, akun, r["nobukti"])
        total[kunci] = total.get(kunci, 0) + _normal(akun) * (kredit - debet)
    hasil = []
    for (keg, akun, bukti), nilai in total.items():
        if nilai:
            tanggal, keterangan = entri[bukti]
            hasil.append(Entri(keg, akun, tanggal, nilai, keterangan[:250], bukti[:60]))
    return hasil


def baca_zip(data: bytes) -> Ekspor:
    """Read a Siskeudes export. Raises SiskeudesError when the file as a whole is not one; per-row problems are
    listed in `.masalah` (the import applies nothing while there are any)."""
    if len(data) > BATAS_UNGGAH:
        raise SiskeudesError(f"Berkas terlalu besar (lebih dari {BATAS_UNGGAH // 2**20} MB).")
    if not data.startswith(b"PK"):
        raise SiskeudesError("Berkas bukan zip. Unggah berkas .zip hasil ekspor Siskeudes (satu CSV per tabel).")
    try:
        arsip = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SiskeudesError("Berkas zip rusak atau tidak lengkap; unduh atau ekspor ulang.") from None
    with arsip:
        tabel = _anggota(arsip)
        rinci = _buka(arsip, tabel, "Ta_RABRinci")
        if rinci is None:
            raise SiskeudesError("Ta_RABRinci.csv tidak ada di dalam zip; ini bukan ekspor anggaran Siskeudes.")
        rab = _buka(arsip, tabel, "Ta_RAB")
        keg = _buka(arsip, tabel, "Ta_Kegiatan")
        rek4 = _buka(arsip, tabel, "Ref_Rek4")
        jurnal = _buka(arsip, tabel, "Ta_JurnalUmum")
        jurnal_rinci = _buka(arsip, tabel, "Ta_JurnalUmumRinci")
    tahun = _tahun(rab, [t for t in (rinci, jurnal, jurnal_rinci) if t is not None])
    if not rinci.baris:
        raise SiskeudesError("Ta_RABRinci.csv tidak berisi satu pun baris anggaran.")
    masalah: list[Masalah] = []
    catatan: list[str] = []
    nama_obyek = {}
    if rek4 is not None and rek4.ada("obyek") and rek4.ada("nama_obyek"):
        nama_obyek = {kode.normal_akun(r["obyek"]): r["nama_obyek"] for _, r in rek4.baris if r["obyek"]}
    baris = _anggaran(rinci, nama_obyek, masalah)
    nama_kegiatan: dict[str, str] = {}
    if keg is not None:
        keg.wajib("Kd_Keg", "Nama_Kegiatan")
        for _, r in keg.baris:
            k = kode_kegiatan(r["kd_keg"], r.get("kd_desa", ""))
            if k and r["nama_kegiatan"]:
                nama_kegiatan.setdefault(k, r["nama_kegiatan"][:250])
    dipakai = sorted({b.kegiatan for b in baris if b.kegiatan})
    tanpa_nama = [k for k in dipakai if k not in nama_kegiatan]
    if tanpa_nama:
        catatan.append(f"{len(tanpa_nama)} kegiatan tanpa nama di Ta_Kegiatan.csv (mis. {tanpa_nama[0]}); "
                       "diberi nama 'Kegiatan <kode>'.")
    realisasi: list[Entri] = []
    ada_jurnal = jurnal_rinci is not None
    if jurnal_rinci is not None and jurnal is None:
        raise SiskeudesError("Ta_JurnalUmumRinci.csv ada tetapi Ta_JurnalUmum.csv (tanggal setiap bukti) tidak ada.")
    if ada_jurnal:
        realisasi = _realisasi(jurnal, jurnal_rinci, tahun, masalah, catatan)
    else:
        catatan.append("Tabel jurnal (Ta_JurnalUmum.csv, Ta_JurnalUmumRinci.csv) tidak ada: realisasi tidak diubah.")
    hitungan = {t.nama: len(t.baris) for t in (rinci, rab, keg, rek4, jurnal, jurnal_rinci) if t is not None}
    return Ekspor(tahun=tahun, sidik=hashlib.sha256(data).hexdigest(),
                  kegiatan={k: nama_kegiatan.get(k, f"Kegiatan {k}") for k in dipakai}, baris=baris,
                  realisasi=realisasi, ada_jurnal=ada_jurnal, masalah=masalah, catatan=catatan, hitungan=hitungan)
