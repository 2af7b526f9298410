"""Tables of the register. Nothing here is ever deleted: residents change through the journal."""

from piccolo.columns import (Boolean, Date, DoublePrecision, ForeignKey, Integer, SmallInt, Text, Time,
                             Timestamptz, Varchar)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

RESTRICT = OnDelete.restrict


class Wilayah(Table, tablename="balai_wilayah"):
    """A jorong/dusun, RW or RT. `tingkat`: 1 = dusun, 2 = RW, 3 = RT; the depth is the nagari's choice."""

    nama = Varchar(length=80)
    tingkat = SmallInt(default=1)
    induk = ForeignKey(references="self", on_delete=RESTRICT, null=True, default=None)
    kode = Varchar(length=16, default="")
    aktif = Boolean(default=True)


class RumahTangga(Table, tablename="balai_rumah_tangga"):
    """A household: people who live and eat together, possibly from several families."""

    nomor = Varchar(length=32, unique=True)
    wilayah = ForeignKey(references=Wilayah, on_delete=RESTRICT, null=True, default=None)
    alamat = Varchar(length=200, default="")
    # The head (a Penduduk id). Not a ForeignKey: Penduduk already points here, and a reference back would make the
    # tables a cycle that backups cannot order (core.cadangan.tabel.load_order); core.penduduk.rumah_tangga keeps it
    # a living member.
    kepala = Integer(null=True, default=None)


class Keluarga(Table, tablename="balai_keluarga"):
    """A family card (KK). The No. KK changes over time; its history is in RiwayatKK."""

    no_kk = Varchar(length=16, unique=True, index=True)
    wilayah = ForeignKey(references=Wilayah, on_delete=RESTRICT, null=True, default=None, index=True)
    alamat = Varchar(length=200, default="")
    kelas_sosial = SmallInt(null=True, default=None)
    rumah_tangga = ForeignKey(references=RumahTangga, on_delete=RESTRICT, null=True, default=None)
    aktif = Boolean(default=True)
    dibuat = Timestamptz(default=TimestamptzNow())


class RiwayatKK(Table, tablename="balai_riwayat_kk"):
    keluarga = ForeignKey(references=Keluarga, on_delete=RESTRICT)
    no_kk = Varchar(length=16)
    berlaku_sejak = Date()
    alasan = Varchar(length=120, default="")


class Penduduk(Table, tablename="balai_penduduk"):
    nik = Varchar(length=16, unique=True, index=True)
    nama = Varchar(length=120, index=True)
    nama_cari = Varchar(length=120, index=True)  # lower-case copy for fast, engine-neutral search
    jenis_kelamin = SmallInt()
    tempat_lahir = Varchar(length=80, default="")
    tanggal_lahir = Date(index=True)
    agama = SmallInt(default=1)
    pendidikan_kk = SmallInt(default=1)
    pendidikan_sedang = SmallInt(null=True, default=None)
    pekerjaan = SmallInt(default=1)
    status_kawin = SmallInt(default=1)
    kewarganegaraan = SmallInt(default=1)
    golongan_darah = SmallInt(default=13)
    cacat = SmallInt(null=True, default=None)
    sakit_menahun = SmallInt(null=True, default=None)
    cara_kb = SmallInt(null=True, default=None)
    asuransi = SmallInt(null=True, default=None)
    status_ktp = SmallInt(null=True, default=None)
    bahasa_huruf = SmallInt(null=True, default=None)  # can read which script: B.1 "dapat membaca huruf"
    hamil = SmallInt(null=True, default=None)
    hubungan = SmallInt(default=1)  # SHDK: position in the family
    keluarga = ForeignKey(references=Keluarga, on_delete=RESTRICT, null=True, default=None, index=True)
    rumah_tangga = ForeignKey(references=RumahTangga, on_delete=RESTRICT, null=True, default=None)
    wilayah = ForeignKey(references=Wilayah, on_delete=RESTRICT, null=True, default=None, index=True)
    alamat = Varchar(length=200, default="")
    nama_ayah = Varchar(length=120, default="")
    nama_ibu = Varchar(length=120, default="")
    nik_ayah = Varchar(length=16, default="")
    nik_ibu = Varchar(length=16, default="")
    no_akta_lahir = Varchar(length=40, default="")
    no_akta_kawin = Varchar(length=40, default="")
    telepon = Varchar(length=20, default="")
    email = Varchar(length=120, default="")
    # Documents, birth details and work insurance under OpenSID's own column names (dokumen_pasport as OpenSID
    # spells it), so the import and the export map them one to one. Checked in core/penduduk/data_lengkap.py.
    dokumen_pasport = Varchar(length=45, default="")
    tanggal_akhir_paspor = Date(null=True, default=None)
    dokumen_kitas = Varchar(length=45, default="")  # KITAS/KITAP: foreigners only
    bpjs_ketenagakerjaan = Varchar(length=100, default="")
    waktu_lahir = Time(null=True, default=None)
    # No code list for these three in ../reference/kode yet: kept as text until one is shipped.
    tempat_dilahirkan = Varchar(length=40, default="")
    jenis_kelahiran = Varchar(length=40, default="")
    penolong_kelahiran = Varchar(length=40, default="")
    kelahiran_anak_ke = SmallInt(null=True, default=None)
    berat_lahir = SmallInt(null=True, default=None)  # gram
    panjang_lahir = DoublePrecision(null=True, default=None)  # cm, one decimal as the KIA book writes it
    status_penduduk = SmallInt(default=1)  # 1 tetap, 2 tidak tetap
    status_dasar = SmallInt(default=1, index=True)  # 1 hidup, 2 mati, 3 pindah, 4 hilang, 6 pergi
    dibuat = Timestamptz(default=TimestamptzNow())


class Peristiwa(Table, tablename="balai_peristiwa"):
    """One journal entry. Every change to a resident is one; a wrong one is cancelled by another, never edited.

    The counting attributes (wilayah, sex, citizenship) are copied as of that moment,
    so monthly counts per jorong add up however the resident changes later.
    """

    jenis = Varchar(length=24, index=True)
    penduduk = ForeignKey(references=Penduduk, on_delete=RESTRICT, index=True)
    keluarga = ForeignKey(references=Keluarga, on_delete=RESTRICT, null=True, default=None)
    tanggal_peristiwa = Date(index=True)
    tanggal_lapor = Date()
    # The month this entry is counted in: its own month, or the first open one when that month was
    # already reported and closed (a late report never changes a closed month's figures).
    bulan_laporan = Varchar(length=7, default="")  # indexed with wilayah and kind (migration 02:40)
    wilayah_id = Integer(null=True, default=None, index=True)
    jenis_kelamin = SmallInt()
    kewarganegaraan = SmallInt()
    rincian = Text(default="{}")  # JSON: changed fields, origin/destination, cause of death, ...
    membatalkan = ForeignKey(references="self", on_delete=RESTRICT, null=True, default=None)
    dibatalkan = Boolean(default=False)
    pengguna = Varchar(length=64, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
