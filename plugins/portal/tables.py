"""Tables of `portal`: articles, categories, static pages, the menu, comments, images and the home blocks' order.

Names are fixed by the shared spec (the public side and other plugins read them through api.py). HTML columns
(`isi`) hold only what `api.sanitise` let through; titles, names and comments are plain text, escaped on output.
"""

from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

JENIS = {"berita": "Berita", "pengumuman": "Pengumuman", "agenda": "Agenda"}
DRAF, TERBIT, JADWAL = "draf", "terbit", "jadwal"
STATUS = {DRAF: "Draf", TERBIT: "Terbit", JADWAL: "Terjadwal"}
TUNGGU, TAMPIL, TOLAK = "tunggu", "tampil", "tolak"
STATUS_KOMENTAR = {TUNGGU: "Menunggu", TAMPIL: "Ditampilkan", TOLAK: "Ditolak"}


class Kategori(Table, tablename="portal_kategori"):
    nama = Varchar(length=80, unique=True)
    slug = Varchar(length=90, unique=True)
    urutan = Integer(default=0)


class Artikel(Table, tablename="portal_artikel"):
    """A news item, an announcement or an agenda item. Visible to the public when its status is terbit or
    jadwal and `terbit_pada` has passed (a scheduled one shows by time alone; the task only tidies the status)."""

    judul = Varchar(length=200)
    slug = Varchar(length=220, unique=True)
    jenis = Varchar(length=12, default="berita", index=True)
    kategori = ForeignKey(references=Kategori, null=True, default=None, on_delete=OnDelete.set_null, index=True)
    ringkasan = Text(default="")
    isi = Text(default="")
    sampul = Varchar(length=120, default="")
    status = Varchar(length=8, default=DRAF, index=True)
    terbit_pada = Timestamptz(null=True, default=None, index=True)
    agenda_mulai = Timestamptz(null=True, default=None)
    agenda_tempat = Varchar(length=200, default="")
    komentar_dibuka = Boolean(default=False)
    penulis = Varchar(length=80, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())


class Halaman(Table, tablename="portal_halaman"):
    judul = Varchar(length=200)
    slug = Varchar(length=220, unique=True)
    isi = Text(default="")
    terbit = Boolean(default=True)
    diubah = Timestamptz(default=TimestamptzNow())


class MenuPortal(Table, tablename="portal_menu"):
    """One entry of the public menu: a static page, or an internal path ('/statistik')."""

    label = Varchar(length=60)
    halaman = ForeignKey(references=Halaman, null=True, default=None, on_delete=OnDelete.cascade)
    tautan = Varchar(length=300, default="")
    urutan = Integer(default=0)


class Komentar(Table, tablename="portal_komentar"):
    artikel = ForeignKey(references=Artikel, on_delete=OnDelete.cascade, index=True)
    nama = Varchar(length=80)
    isi = Text()
    status = Varchar(length=6, default=TUNGGU, index=True)
    dibuat = Timestamptz(default=TimestamptzNow())
    sidik = Varchar(length=64, default="", index=True)  # salted hash of the sender's IP, for throttling only


class Gambar(Table, tablename="portal_gambar"):
    berkas = Varchar(length=120, unique=True)
    lebar = Integer(default=0)
    tinggi = Integer(default=0)
    keterangan = Varchar(length=200, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    pengunggah = Varchar(length=80, default="")


class BlokBeranda(Table, tablename="portal_blok_beranda"):
    kunci = Varchar(length=60, unique=True)
    urutan = Integer(default=0)
    tampil = Boolean(default=True)


TABLES = [Kategori, Artikel, Halaman, MenuPortal, Komentar, Gambar, BlokBeranda]
