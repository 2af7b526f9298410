from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AuditEntri(Table, tablename="balai_audit"):
    """One audit entry. `hash` chains it to the previous entry; nothing is ever updated or deleted."""

    nomor = BigInt(unique=True, index=True)  # 1, 2, 3 ... with no gaps: a missing number is a removed entry
    waktu = Timestamptz(default=TimestamptzNow(), index=True)
    pengguna_id = Integer(null=True, default=None, index=True)
    pengguna = Varchar(length=64, default="")  # username as it was, readable even if renamed later
    aksi = Varchar(length=32, index=True)  # lihat, buat, ubah, hapus, masuk, masuk_gagal, keluar, ...
    objek_jenis = Varchar(length=64, default="", index=True)
    objek_id = Varchar(length=64, default="", index=True)
    rincian = Text(default="{}")  # JSON: changed fields {"field": [old, new]} or context
    ip = Varchar(length=64, default="")
    hash_sebelum = Varchar(length=64)
    hash = Varchar(length=64)


class AuditKepala(Table, tablename="balai_audit_kepala"):
    """A daily signature over the chain's head, so even the newest entries cannot be quietly rewritten."""

    tanggal = Varchar(length=10, unique=True)  # ISO date the head was signed; one signature a day
    nomor = BigInt()
    hash = Varchar(length=64)
    tanda_tangan = Text()  # Ed25519 signature, hex
    kunci_publik = Text()  # hex of the public key that signed it
