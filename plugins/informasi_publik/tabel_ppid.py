"""Tables of the PPID part: public-information documents, residents' requests for information (with the office's
answer, the one extension and the objection) and the holiday calendar the deadlines are counted on.

A requester's name and contact live only here and on the office's pages, never on a public one; the public status
page finds a request by its number and a secret code, of which only a hash is kept.
"""

from piccolo.columns import Boolean, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

BERKALA, SERTA_MERTA, SETIAP_SAAT, DIKECUALIKAN = "berkala", "serta_merta", "setiap_saat", "dikecualikan"
KATEGORI = {BERKALA: "Informasi berkala", SERTA_MERTA: "Informasi serta merta",
            SETIAP_SAAT: "Informasi tersedia setiap saat", DIKECUALIKAN: "Informasi dikecualikan"}
PUBLIK = (BERKALA, SERTA_MERTA, SETIAP_SAAT)  # dikecualikan is never public (UU 14/2008 art. 17)

DIPROSES, DIBERIKAN, SEBAGIAN, DITOLAK = "diproses", "diberikan", "sebagian", "ditolak"
STATUS = {DIPROSES: "Sedang diproses", DIBERIKAN: "Diberikan", SEBAGIAN: "Diberikan sebagian",
          DITOLAK: "Ditolak"}


class DokumenInformasi(Table, tablename="informasi_publik_dokumen"):
    """A document of the PPID's list (Daftar Informasi Publik): a stored PDF or a link elsewhere."""

    judul = Varchar(length=200)
    uraian = Text(default="")
    kategori = Varchar(length=16, index=True)
    tahun = Integer(index=True)
    pejabat = Integer(null=True, default=None)  # plugin_sdk.dokumen.officials() id, for the form's choice
    penanggung_jawab = Varchar(length=200, default="")  # "Sekretaris Nagari (Nama)" as it stood when saved
    berkas = Varchar(length=100, default="")  # stored name (save_pdf)
    tautan = Varchar(length=500, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())


class PermohonanInformasi(Table, tablename="informasi_publik_permohonan"):
    """A request for information (Perki 1/2021): who asks (private), what and why, how they want it; the deadline
    and the answer; at most one extension and one objection."""

    nomor = Varchar(length=40, unique=True)  # "012/PPID/XII/2026"
    tahun = Integer(index=True)
    urut = Integer()
    kode_sidik = Varchar(length=64)  # sha256 of the status code
    nama = Varchar(length=120)
    alamat = Varchar(length=250)
    kontak = Varchar(length=120)
    informasi = Text()
    tujuan = Text()
    cara = Varchar(length=16)  # melihat, softcopy, hardcopy
    kirim = Varchar(length=16)  # langsung, email, pos
    sidik = Varchar(length=64, default="")  # salted hash of the sender's address (throttling, never the address)
    diterima = Date()
    tenggat = Date()
    diperpanjang = Boolean(default=False)
    alasan_perpanjangan = Text(default="")
    status = Varchar(length=12, default=DIPROSES, index=True)
    dijawab = Date(null=True, default=None)
    pasal = Varchar(length=16, default="")  # the art. 17 letter a refusal rests on
    catatan = Text(default="")
    keberatan = Date(null=True, default=None)  # the day the objection was filed
    keberatan_alasan = Varchar(length=16, default="")
    keberatan_uraian = Text(default="")
    keberatan_tenggat = Date(null=True, default=None)
    keberatan_dijawab = Date(null=True, default=None)
    keberatan_tanggapan = Text(default="")
    dibuat = Timestamptz(default=TimestamptzNow())


class HariLibur(Table, tablename="informasi_publik_libur"):
    """A day the office is closed besides weekends: a national holiday or cuti bersama (seeded), or a local one."""

    tanggal = Date(unique=True)
    nama = Varchar(length=120)
    cuti_bersama = Boolean(default=False)


TABLES = [DokumenInformasi, PermohonanInformasi, HariLibur]
