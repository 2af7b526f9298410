"""Tables of the node side: the enrolment with the kabupaten hub, the outbox of signed batches, and how far the
packing has read (satu_data's change log, the event summaries already sent)."""

from piccolo.columns import Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

MENUNGGU, AKTIF, DICABUT = "menunggu", "aktif", "dicabut"
TERTUNDA, TERKIRIM, DIAKUI, GAGAL = "tertunda", "terkirim", "diakui", "gagal"
HTTP, BERKAS = "http", "berkas"


class SinkronHub(Table, tablename="sinkron_hub"):
    """The hub this nagari reports to (at most one row): "menunggu" until the hub's first acknowledgement."""

    url = Varchar(length=300)
    kode_wilayah = Varchar(length=20)
    status = Varchar(length=10, default=MENUNGGU)
    sidik_jari = Varchar(length=60)
    didaftarkan = Timestamptz(default=TimestamptzNow())
    terakhir_diakui = Timestamptz(null=True, default=None)
    seq_diakui = Integer(default=0)
    galat = Varchar(length=500, default="")  # why the hub refused us last (403), shown on the page


class KotakKeluar(Table, tablename="sinkron_keluar"):
    """One signed batch: `seq` gapless from 1, `bingkai` (the frame JSON) never changes once written."""

    seq = Integer(unique=True)
    dibuat = Timestamptz(default=TimestamptzNow())
    bingkai = Text()
    ukuran = Integer(default=0)
    jumlah_rilis = Integer(default=0)
    status = Varchar(length=10, default=TERTUNDA, index=True)
    percobaan = Integer(default=0)
    galat = Varchar(length=500, default="")
    berikutnya = Timestamptz(null=True, default=None)
    diakui_pada = Timestamptz(null=True, default=None)
    lewat = Varchar(length=10, default="")


class KursorSinkron(Table, tablename="sinkron_kursor"):
    """How far packing has read (one row): the change-log position, and a hash per month of the event summary
    last packed, so an unchanged month is not sent again."""

    posisi_satu_data = Integer(default=0)
    ringkasan = Text(default="{}")


TABLES = [SinkronHub, KotakKeluar, KursorSinkron]
