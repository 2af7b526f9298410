"""Tables of the regulations part: every Peraturan and Keputusan of the nagari with its status and PDF.

One row per regulation. A later one that changes or revokes an earlier one names it (`mengubah_id` with `tindakan`
"mengubah" or "mencabut"); the earlier one then carries the result (`status`, `status_oleh`) so the public list can
print "Dicabut oleh ..." without a join. `cari` is title and subject lower-cased, for a LIKE search that behaves the
same on SQLite and PostgreSQL (a few hundred rows: tests/test_informasi_hukum_publik.py measures it).
"""

from piccolo.columns import Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

PERDES, PERKADES, KEPKADES, PERBER = "perdes", "perkades", "kepkades", "perber"
JENIS = (PERDES, PERKADES, KEPKADES, PERBER)
BERLAKU, DIUBAH, DICABUT = "berlaku", "diubah", "dicabut"
STATUS = (BERLAKU, DIUBAH, DICABUT)
MENGUBAH, MENCABUT = "mengubah", "mencabut"


class ProdukHukum(Table, tablename="informasi_publik_hukum"):
    jenis = Varchar(length=10, index=True)
    nomor = Integer()
    tahun = Integer(index=True)
    judul = Varchar(length=250)  # "tentang ...", as printed on the regulation
    pokok = Text(default="")  # the subject in a few sentences, searched with the title
    ditetapkan = Date()
    disepakati = Date(null=True, default=None)  # agreed with the Bamus/BPD (a Peraturan Nagari)
    diundangkan = Date(null=True, default=None)
    nomor_lembaran = Varchar(length=40, default="")  # number in the Lembaran or Berita Nagari
    status = Varchar(length=8, default=BERLAKU, index=True)
    status_oleh = Integer(null=True, default=None)  # the regulation that changed or revoked this one
    mengubah_id = Integer(null=True, default=None)  # the earlier regulation this one changes or revokes
    tindakan = Varchar(length=8, default="")  # MENGUBAH or MENCABUT when mengubah_id is set
    berkas = Varchar(length=40, default="")  # stored PDF name (plugin_sdk.save_pdf)
    keterangan = Varchar(length=250, default="")
    cari = Text(default="")
    dibuat = Timestamptz(default=TimestamptzNow())


TABLES = [ProdukHukum]
