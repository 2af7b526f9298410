"""The `statistik` plugin's contract: every population figure Balai shows, exports or hands on (ENGINEERING-NOTES 11).

    from plugins.statistik import api as statistik

    statistik.categories()                                   # [Kategori(kode="agama", judul="Agama", ...), ...]
    rows = await statistik.table("pendidikan_kk", tingkat=1) # long format, every cell present, zeros included
    every = await statistik.all_tables(per=date(2026, 5, 31))

Rows are plain dicts, in a fixed order (wilayah, then code, then sex)::

    {"kode": 3, "label": "Tamat SD / Sederajat", "wilayah": 7, "wilayah_nama": "Koto Tuo",
     "jenis_kelamin": 1, "jumlah": 41}

- ``kode``: the code of the category's code list (int), a group key (str, e.g. ``"15-19"``) or None for
  residents with no value recorded (label "Belum mengisi" / "Tidak ada");
- ``wilayah``: None at tingkat 0 (the whole nagari, ``wilayah_nama`` = the nagari's name) and for residents with no
  place at the requested level (``wilayah_nama`` = "Tanpa <sebutan>"); otherwise the id of the jorong/dusun (tingkat
  1), RW (2) or RT (3);
- ``jenis_kelamin``: 1 laki-laki, 2 perempuan; for families and households, the sex of the head.

``per``: the figures as of the end of that day (the last day of a past month), from the journal: who was in the
register then, their age then and their place then (a later move within the nagari is undone); other attributes
as recorded now (a correction fixes the past too). None = today. ``status``: status_penduduk (1 tetap, 2 tidak
tetap) or None for both.

Every read applies the scope of the staff user making the request (a kepala jorong sees only that jorong).
Bad input raises `StatistikError` with a message in Bahasa Indonesia; pages answer 404 for an unknown category
(`StatistikError.tidak_ada`), 400 otherwise, never 500.

Categories of other plugins (hook `statistik_kategori`, plugins/statistik/events.py) are included in a request
after ``await with_plugins(request)`` (the plugin's own pages do it); without it, the built-in ones only.
``period("2026-05")`` reads a ``per`` parameter (a month means its last day).

``await monthly_report("2026-05", tingkat=1)``: the Laporan Bulanan (B.3) per jorong, sex and WNI/WNA: start,
births, deaths, arrivals, departures, end, families (plugins/statistik/bulanan.py); ``MonthlyReportError`` for a
month that is not a month, in the future or before the register. ``events_this_month()``: its figures for the
current month. ``suppress(tables, threshold=, sensitive=, nagari_name=)``: the one small-cell suppression for
everything published for one period (plugins/statistik/sensor.py); ``LINKS``: categories counting the same people.

``await publication(per=None)``: what the public pages publish, as of today or the end of the day `per`: every
built-in category suppressed at once, ``{"kategori": {kode: Kategori}, "tabel": {kode: {0: nagari rows,
1: jorong rows}}, "ambang": threshold}`` (no 1 for a sensitive category); cached (plugins/statistik/publikasi.py).
The open-data datasets take their rows from it, so they equal the public CSV cell for cell. ``await threshold()``:
the threshold it uses (the setting), for a plugin that suppresses its own person counts with ``suppress``.
``await unsuppressed(per=None)``: the same tables with nothing hidden, for the kabupaten hub's exact sums only
(satu_data keeps them beside a release, never serves them).

A person-count dataset of open data (satu_data) has one shape (plugins/statistik/terbuka_kolom.py)::

    kolom = statistik.kolom_terbuka(Kolom("kode", "Program", "string", "...", kode=(...)), satuan="orang")
    tabel = statistik.suppress({"x": rows}, threshold=await statistik.threshold(), nagari_name=nama)["x"]
    baris = statistik.baris_terbuka(tabel)            # tingkat, wilayah, kode, label, jenis_kelamin, jumlah, ...
    sensor = statistik.teks_sensor(await statistik.threshold())

``kolom_terbuka``: the seven columns (``jorong=False`` for the nagari only, ``per_jenis_kelamin=False`` for L+P
only); ``baris_terbuka``: suppress's output of one table as dataset rows (``JUMLAH`` the code of a total row);
``satu_jenis(rows)``: input rows of a table not split by sex; ``teks_sensor``: the method of suppression in words,
following the threshold.

Adding a function or a key is a minor version of API_VERSION; changing or removing one is a major version.
"""

from __future__ import annotations

# The categories, the monthly report (B.3's source) and the one suppression function, each from its module.
from plugins.statistik.bulanan import MonthlyReportError, events_this_month, monthly_report
from plugins.statistik.kategori import (Kategori, KategoriTambahan, StatistikError, all_tables, categories, period,
                                       table, with_plugins)
from plugins.statistik.sensor import KEDUA, LINKS, SEMUA, suppress
# The public block (residents by sex, families; suppressed): context for "statistik/publik_blok.html" (the website).
from plugins.statistik.halaman.publik import public_block
# The suppressed publication of a day, the one the public pages show (open data reads it).
from plugins.statistik.publikasi import publication, threshold, unsuppressed
# The one shape of a person-count dataset in open data: columns, rows, the suppression text.
from plugins.statistik.terbuka_kolom import JUMLAH, baris_terbuka, kolom_terbuka, satu_jenis, teks_sensor

# 1.1: public_block; 1.2: KategoriTambahan.versi; 1.3: publication(per), threshold(); 1.4: kolom_terbuka,
# baris_terbuka, satu_jenis, teks_sensor, JUMLAH
API_VERSION = "1.4"

__all__ = ["API_VERSION", "JUMLAH", "KEDUA", "LINKS", "Kategori", "KategoriTambahan", "MonthlyReportError", "SEMUA",
           "StatistikError", "all_tables", "baris_terbuka", "categories", "events_this_month", "kolom_terbuka",
           "monthly_report", "period", "publication", "unsuppressed", "public_block", "satu_jenis", "suppress",
           "table", "teks_sensor", "threshold", "with_plugins"]
