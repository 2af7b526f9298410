"""A local book of the nagari for the Buku Administrasi pages: each suku and its kaum, their penghulu and the
residents recorded as members.

Added through `buku_administrasi`'s event `buku_administrasi_buku` as an optional hook: a nagari without the books
plugin still runs this plugin. Its code "L.1" (lokal) keeps it apart from the Permendagri books A.1 ... D.4.
"""

from __future__ import annotations

from plugin_sdk import hookimpl

from balai_adat import baca
from balai_adat.tables import Penghulu


async def baris_buku() -> list[dict]:
    """One row per suku (its own penghulu), then one per kaum of it (the kaum's penghulu), suku by name."""
    penghulu = await baca.penghulu(Penghulu.id > 0)
    rows = []
    for s in await baca.daftar_suku():
        milik = [p for p in penghulu if p["suku"] == s["id"]]
        sendiri = [p for p in milik if p["kaum"] is None]
        rows.append({"suku": s["nama"], "kaum": "", "penghulu": ", ".join(p["gelar"] for p in sendiri),
                     "pemangku": ", ".join(p["pemangku"] for p in sendiri if p["pemangku"]),
                     "anggota": s["anggota"], "keterangan": s["keterangan"]})
        for k in await baca.kaum_suku(s["id"]):
            pemimpin = next((p for p in milik if p["kaum"] == k["id"]), None)
            rows.append({"suku": s["nama"], "kaum": k["nama"], "penghulu": pemimpin["gelar"] if pemimpin else "",
                         "pemangku": pemimpin["pemangku"] if pemimpin else "", "anggota": k["anggota"],
                         "keterangan": k["keterangan"]})
    return rows


async def _rows(saring, *, mulai: int = 0, batas: int | None = None):
    from plugins.buku_administrasi.api import slice_rows

    rows = await baris_buku()
    if cari := saring.cari.strip().lower():
        rows = [r for r in rows if any(cari in r[k].lower() for k in ("suku", "kaum", "penghulu"))]
    return slice_rows(rows, mulai, batas)


@hookimpl(optionalhook=True)
def buku_administrasi_buku():
    from plugins.buku_administrasi.api import REGISTER, Buku, Kolom

    return [Buku("L.1", "Buku Suku dan Penghulu", (
        Kolom("suku", "Suku"), Kolom("kaum", "Kaum"), Kolom("penghulu", "Penghulu"), Kolom("pemangku", "Pemangku"),
        Kolom("anggota", "Anggota tercatat", "number"), Kolom("keterangan", "Keterangan")), _rows,
        saringan=("cari",), izin=REGISTER, petunjuk_cari="Cari suku, kaum atau penghulu",
        keterangan="Suku dan kaum di nagari, penghulunya, dan berapa warga yang tercatat sebagai anggota. Baris "
                   "tanpa kaum adalah suku itu sendiri dan penghulu sukunya.")]
