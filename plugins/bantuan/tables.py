"""Tables of `bantuan`: aid programs with their eligibility rules, the recipient list of each distribution cycle
(prepared by one user, approved by another, then frozen), distributions, and the DTKS/DTSEN supplement per family.

A cycle's list points at the register (resident, family, household) but never relies on it after approval: the
approval writes each recipient's data as it was (`PesertaBantuan.data`), so later register edits change nothing of
who got what. Amounts are whole sen (1/100 rupiah) in BIGINT, as in `keuangan`.
"""

from piccolo.columns import BigInt, Boolean, Date, ForeignKey, Integer, SmallInt, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk import register


class ProgramBantuan(Table, tablename="bantuan_program"):
    """An aid program: who funds it, whom it targets, for how long, how many, and the rules that propose candidates.

    `aturan` is the rule set as JSON (aturan.py reads and checks it); `publik` with `dasar_hukum` opts the program
    into the public list of recipients that its rules require (names masked unless `nama_utuh`)."""

    nama = Varchar(length=150)
    sumber = Varchar(length=20)  # kode.SUMBER
    sumber_lain = Varchar(length=120, default="")  # the funder's name when sumber is "lain"
    sasaran = Varchar(length=12)  # kode.SASARAN: penduduk | keluarga | rumah_tangga | kelompok
    mulai = Date()
    selesai = Date(null=True, default=None)
    kuota = Integer(null=True, default=None)
    bentuk = Varchar(length=10, default="uang")  # kode.BENTUK: uang | barang | jasa
    nilai = BigInt(default=0)  # sen per recipient per cycle, for bentuk "uang"
    barang = Varchar(length=150, default="")  # what is handed over, for bentuk "barang"/"jasa"
    status = Varchar(length=10, default="draf", index=True)  # kode.STATUS_PROGRAM: draf | aktif | selesai
    aturan = Text(default="")  # JSON rule set, "" when candidates are only added by hand
    keterangan = Varchar(length=500, default="")
    publik = Boolean(default=False)
    dasar_hukum = Varchar(length=300, default="")  # required when publik
    nama_utuh = Boolean(default=False)  # the public list shows full names (the legal basis requires it)
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class SiklusBantuan(Table, tablename="bantuan_siklus"):
    """One distribution cycle of a program (e.g. "Tahap 1, Januari-Maret 2026") and the state of its list:
    disusun (being prepared) -> diajukan (submitted) -> disetujui (approved: frozen) or back to disusun."""

    program = ForeignKey(references=ProgramBantuan, on_delete=OnDelete.restrict, index=True)
    nomor = Integer()  # 1, 2, ... within the program
    nama = Varchar(length=120)
    periode_mulai = Date()
    periode_selesai = Date(null=True, default=None)
    status = Varchar(length=12, default="disusun", index=True)  # kode.STATUS_SIKLUS
    disusun_oleh = Varchar(length=60, default="")
    diajukan_oleh = Varchar(length=60, default="")
    diajukan = Timestamptz(null=True, default=None)
    disetujui_oleh = Varchar(length=60, default="")
    disetujui = Timestamptz(null=True, default=None)
    catatan = Varchar(length=500, default="")  # the checker's note when sending the list back
    dibuat = Timestamptz(default=TimestamptzNow())


class PesertaBantuan(Table, tablename="bantuan_peserta"):
    """One entry of a cycle's list: a resident, a family, a household or a named group, why it is there (the rule's
    reasons or the operator's), and, once approved, the data it was approved with.

    `kunci` ("p:12", "k:5", "r:3", "g:<name>") is unique per cycle. `keluar` entries stay, with their reason: a
    list shows who was removed and why. `tanda` flags a recipient whom the register no longer shows as eligible to
    receive (meninggal, pindah, tidak_ada); `tanda_alasan` is the operator's decision to keep them anyway."""

    siklus = ForeignKey(references=SiklusBantuan, on_delete=OnDelete.restrict, index=True)
    kunci = Varchar(length=80)
    penduduk = register.resident_fk(null=True, default=None, index=True)  # the resident, or the head who receives
    keluarga = Integer(null=True, default=None, index=True)  # family card id (sasaran keluarga)
    rumah_tangga = Integer(null=True, default=None)  # household id (sasaran rumah_tangga)
    kelompok = Varchar(length=150, default="")  # a group's name (sasaran kelompok)
    asal = Varchar(length=10, default="manual")  # aturan | manual | lanjutan (carried over from the last cycle)
    alasan = Text(default="")  # why the entry qualifies, or why it was added by hand
    keluar = Boolean(default=False)
    alasan_keluar = Varchar(length=300, default="")
    no_kartu = Varchar(length=40, default="")  # the recipient's card number (KKS, KPM, ...)
    data = Text(default="")  # JSON: nama, nik, no_kk, jorong, alamat, ... as of the last refresh or the approval
    tanda = Varchar(length=12, default="")  # "" | meninggal | pindah | tidak_ada
    tanda_alasan = Varchar(length=300, default="")
    diubah = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class PenyaluranBantuan(Table, tablename="bantuan_penyaluran"):
    """A handing-over to one recipient of an approved cycle: when, how much or what, received by whom."""

    peserta = ForeignKey(references=PesertaBantuan, on_delete=OnDelete.restrict, index=True)
    tanggal = Date()
    jumlah = BigInt(default=0)  # sen
    barang = Varchar(length=150, default="")
    diterima_oleh = Varchar(length=150)
    keterangan = Varchar(length=300, default="")
    dicatat = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class DtksKeluarga(Table, tablename="bantuan_dtks"):
    """The national social-welfare data (DTKS, now DTSEN) of one family, as imported from the office's spreadsheet:
    a supplement to the register, never a replacement. `desil` 1 (poorest tenth) to 10."""

    keluarga = register.family_fk(unique=True, index=True)
    no_kk = Varchar(length=16)
    terdaftar = Boolean(default=True)
    desil = SmallInt(null=True, default=None)
    id_dtks = Varchar(length=40, default="")
    tahun = Integer(null=True, default=None)
    sumber = Varchar(length=120, default="")
    diimpor = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


TABLES = [ProgramBantuan, SiklusBantuan, PesertaBantuan, PenyaluranBantuan, DtksKeluarga]
