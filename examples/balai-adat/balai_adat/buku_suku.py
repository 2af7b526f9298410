"""A local book of the nagari for the Buku Administrasi pages: the suku, their penghulu and members recorded.

Added through `buku_administrasi`'s event `buku_administrasi_buku` as an optional hook: a nagari without the books
plugin still runs this plugin. Its code "L.1" (lokal) keeps it apart from the Permendagri books A.1 ... D.4.
"""

from __future__ import annotations

from plugin_sdk import hookimpl
from piccolo.query.functions.aggregate import Count

from balai_adat.tables import Suku, SukuWarga


async def _rows(saring, *, mulai: int = 0, batas: int | None = None):
    from plugins.buku_administrasi.api import slice_rows

    members = {r["suku"]: r["jumlah"] for r in await SukuWarga.select(
        SukuWarga.suku, Count(SukuWarga.id, alias="jumlah")).group_by(SukuWarga.suku).run()}
    rows = [{"nama": s["nama"], "penghulu": s["penghulu"], "anggota": members.get(s["id"], 0),
             "keterangan": s["keterangan"]} for s in await Suku.select().order_by(Suku.nama).run()]
    if cari := saring.cari.strip().lower():
        rows = [r for r in rows if cari in r["nama"].lower() or cari in r["penghulu"].lower()]
    return slice_rows(rows, mulai, batas)


@hookimpl(optionalhook=True)
def buku_administrasi_buku():
    from plugins.buku_administrasi.api import Buku, Kolom

    return [Buku("L.1", "Buku Suku dan Penghulu", (
        Kolom("nama", "Suku"), Kolom("penghulu", "Penghulu"), Kolom("anggota", "Anggota tercatat", "number"),
        Kolom("keterangan", "Keterangan")), _rows, saringan=("cari",), petunjuk_cari="Cari suku atau penghulu",
        keterangan="Suku di nagari, penghulunya, dan berapa warga yang tercatat sebagai anggota.")]
