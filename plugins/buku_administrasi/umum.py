"""Columns of the A (umum) books that several plugins fill: the book plugin keeps the standard's columns so the
rows every plugin contributes line up (Permendagri 47/2016, lampiran A.7 Buku Agenda)."""

from __future__ import annotations

from plugins.buku_administrasi.buku import Kolom

# A.7 Buku Agenda: one line per letter, received or sent. `tanggal` is the date it was received or sent (the book
# is merged and sorted by it); a letter sent fills the "keluar" columns, a letter received the "masuk" ones.
A7_KOLOM = (
    Kolom("tanggal", "Tanggal penerimaan/pengiriman", "date"),
    Kolom("masuk_nomor", "Surat masuk: nomor"), Kolom("masuk_tanggal", "Surat masuk: tanggal", "date"),
    Kolom("masuk_pengirim", "Surat masuk: pengirim"), Kolom("masuk_isi", "Surat masuk: isi singkat"),
    Kolom("keluar_nomor", "Surat keluar: nomor"), Kolom("keluar_tanggal", "Surat keluar: tanggal", "date"),
    Kolom("keluar_kepada", "Surat keluar: ditujukan kepada"), Kolom("keluar_isi", "Surat keluar: isi singkat"),
    Kolom("keterangan", "Keterangan"),
)
