"""Tables of the kabupaten hub: the nagari enrolled and their keys, one-time enrolment codes, and what each nagari
sent (applied batches, releases, population event summaries).

The three tables that grow with every nagari and month are hash-partitioned by `kode_wilayah` on PostgreSQL (made
with raw SQL in the migration; plain tables on SQLite, where a hub never runs). Their primary key is
(kode_wilayah, id): filter by `kode_wilayah` in every update or delete, never by `id` alone.
"""

from piccolo.columns import BigInt, BigSerial, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

MENUNGGU, AKTIF, DICABUT = "menunggu", "aktif", "dicabut"
LAMA = "lama"  # a rotated key: still verifies frames signed before the rotation
STATUS_NODE = {MENUNGGU: "Menunggu konfirmasi", AKTIF: "Aktif", DICABUT: "Dicabut"}
STATUS_KUNCI = {AKTIF: "Aktif", LAMA: "Lama (hanya memeriksa)", DICABUT: "Dicabut"}
LEWAT = {"http": "Internet", "berkas": "Berkas (flashdisk)"}


class NodeHub(Table, tablename="hub_node"):
    """A nagari enrolled at the hub. `seq_terakhir`: the last batch applied (batches apply in order, once)."""

    kode_wilayah = Varchar(length=20, unique=True)
    nama = Varchar(length=120, default="")
    kecamatan = Varchar(length=120, default="")
    status = Varchar(length=12, default=MENUNGGU)
    kontak = Varchar(length=200, default="")
    didaftarkan = Timestamptz(default=TimestamptzNow())
    dikonfirmasi = Timestamptz(null=True, default=None)
    terakhir_terlihat = Timestamptz(null=True, default=None)
    detak = Text(default="{}")  # the node's last heartbeat (version, last backup, free disk, pending batches)
    seq_terakhir = BigInt(default=0)


class KunciNode(Table, tablename="hub_kunci"):
    """A nagari's public key (base64 of the raw Ed25519 key) and its id as the frames name it."""

    node = Varchar(length=20, index=True)
    kid = Varchar(length=32)
    kunci = Varchar(length=64)
    status = Varchar(length=12, default=AKTIF)
    dibuat = Timestamptz(default=TimestamptzNow())


class UndanganHub(Table, tablename="hub_undangan"):
    """A one-time enrolment code for one nagari; only its SHA-256 is kept (the code is shown once)."""

    kode_wilayah = Varchar(length=20, index=True)
    kode_hash = Varchar(length=64, unique=True)
    dibuat = Timestamptz(default=TimestamptzNow())
    kedaluwarsa = Timestamptz(default=TimestamptzNow())
    dipakai = Timestamptz(null=True, default=None)
    oleh = Varchar(length=60, default="")


class BatchHub(Table, tablename="hub_batch"):
    """A batch applied (partitioned). Unique on (kode_wilayah, seq): the last guard against applying one twice."""

    id = BigSerial(primary_key=True)
    kode_wilayah = Varchar(length=20)
    seq = BigInt(default=0)
    diterapkan = Timestamptz(default=TimestamptzNow())
    ukuran = Integer(default=0)
    lewat = Varchar(length=10, default="http")
    sidik = Varchar(length=64, default="")  # SHA-256 of the payload: a different batch under this number is refused


class RilisHub(Table, tablename="hub_rilis"):
    """The highest version of one period of one dataset of one nagari (partitioned), rows before suppression;
    `kolom` names the columns once, `baris` holds the rows in the wire's column form as they arrived
    (`{"jumlah_baris", "tetap", "nilai"}`, protokol.ke_kolom; read with hub/baca_rilis.py), both lz4-compressed."""

    id = BigSerial(primary_key=True)
    kode_wilayah = Varchar(length=20)
    dataset = Varchar(length=100)
    periode = Varchar(length=10)
    versi = Integer(default=1)
    sementara = Boolean(default=False)
    kolom = Text(default="[]")
    baris = Text(default="[]")
    diterima = Timestamptz(default=TimestamptzNow())  # first arrival of this period: what timeliness counts
    diubah = Timestamptz(default=TimestamptzNow())  # arrival of the version kept


class PeristiwaHub(Table, tablename="hub_peristiwa"):
    """A nagari's population event summary of one month (partitioned): counts per jorong, kind and sex."""

    id = BigSerial(primary_key=True)
    kode_wilayah = Varchar(length=20)
    bulan = Varchar(length=7)
    baris = Text(default="[]")
    diterima = Timestamptz(default=TimestamptzNow())


TABLES = [NodeHub, KunciNode, UndanganHub, BatchHub, RilisHub, PeristiwaHub]
