"""Reads of the adat registry as plain dicts, for the pages, the book and the resident panel."""

from __future__ import annotations

from piccolo.query.functions.aggregate import Count

from plugin_sdk import register

from balai_adat.layanan import JABATAN_KAN
from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga


async def _hitung(kolom, where=None) -> dict:
    query = kolom._meta.table.select(kolom, Count(kolom._meta.table.id, alias="n")).group_by(kolom)
    if where is not None:
        query = query.where(where)
    return {r[kolom._meta.name]: r["n"] for r in await query.run()}


async def daftar_suku() -> list[dict]:
    """Every suku by name, with its own penghulu's titles, its number of kaum and of residents recorded."""
    kaum = await _hitung(Kaum.suku)
    anggota = await _hitung(SukuWarga.suku)
    gelar: dict[int, list[str]] = {}
    for p in await Penghulu.select(Penghulu.suku, Penghulu.gelar).where(Penghulu.kaum.is_null()).order_by(
            Penghulu.gelar).run():
        gelar.setdefault(p["suku"], []).append(p["gelar"])
    return [{**s, "penghulu": ", ".join(gelar.get(s["id"], [])), "kaum": kaum.get(s["id"], 0),
             "anggota": anggota.get(s["id"], 0)} for s in await Suku.select().order_by(Suku.nama).run()]


async def suku(suku_id: int) -> dict | None:
    return await Suku.select().where(Suku.id == suku_id).first().run()


async def kaum_suku(suku_id: int) -> list[dict]:
    """The suku's kaum by name, each with its penghulu's title and its number of residents recorded."""
    anggota = await _hitung(SukuWarga.kaum, SukuWarga.suku == suku_id)
    pemimpin = {p["kaum"]: p["gelar"] for p in await Penghulu.select(Penghulu.kaum, Penghulu.gelar).where(
        (Penghulu.suku == suku_id) & Penghulu.kaum.is_not_null()).run()}
    return [{**k, "penghulu": pemimpin.get(k["id"], ""), "anggota": anggota.get(k["id"], 0)}
            for k in await Kaum.select().where(Kaum.suku == suku_id).order_by(Kaum.nama).run()]


async def kaum(kaum_id: int) -> dict | None:
    return await Kaum.select(*Kaum.all_columns(), Kaum.suku.nama.as_alias("suku_nama")).where(
        Kaum.id == kaum_id).first().run()


async def pemangku(ids) -> dict[int, dict]:
    """Name and NIK of the residents holding titles (those in the user's scope)."""
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return {p["id"]: p async for p in register.stream_residents(("id", "nama", "nik"), where={"id": ids},
                                                                   living=False)}


async def penghulu(where) -> list[dict]:
    """Penghulu matching `where`, by suku and title, with kaum, holder and role in the KAN spelled out."""
    rows = await Penghulu.select(*Penghulu.all_columns(), Penghulu.suku.nama.as_alias("suku_nama"),
                                 Penghulu.kaum.nama.as_alias("kaum_nama")).where(where).order_by(
        Penghulu.suku.nama).order_by(Penghulu.gelar).run()
    orang = await pemangku(r["penduduk"] for r in rows)
    for r in rows:
        holder = orang.get(r["penduduk"])
        r.update(pemangku=holder["nama"] if holder else "", nik=holder["nik"] if holder else "",
                 jabatan=JABATAN_KAN.get(r["jabatan_kan"], ""))
    return rows


async def penghulu_suku(suku_id: int) -> list[dict]:
    return await penghulu(Penghulu.suku == suku_id)


async def satu_penghulu(penghulu_id: int) -> dict | None:
    rows = await penghulu(Penghulu.id == penghulu_id)
    return rows[0] if rows else None


async def kan() -> list[dict]:
    """The Kerapatan Adat Nagari: penghulu with a role in it, officers first."""
    rows = await penghulu(Penghulu.jabatan_kan != "")
    urutan = {"ketua": 0, "wakil_ketua": 1, "sekretaris": 2, "bendahara": 3, "anggota": 4}
    return sorted(rows, key=lambda r: urutan.get(r["jabatan_kan"], 9))


async def adat_warga(penduduk_id: int) -> dict | None:
    """A resident's suku and kaum with their penghulu: {"suku", "kaum", "penghulu_suku", "penghulu_kaum"}."""
    row = await SukuWarga.select(SukuWarga.suku, SukuWarga.kaum, SukuWarga.suku.nama.as_alias("suku_nama"),
                                 SukuWarga.kaum.nama.as_alias("kaum_nama")).where(
        SukuWarga.penduduk == penduduk_id).first().run()
    if row is None:
        return None
    gelar = await Penghulu.select(Penghulu.kaum, Penghulu.gelar).where(Penghulu.suku == row["suku"]).order_by(
        Penghulu.gelar).run()
    return {"suku": row["suku_nama"], "kaum": row["kaum_nama"] or "", "suku_id": row["suku"],
            "penghulu_suku": ", ".join(g["gelar"] for g in gelar if g["kaum"] is None),
            "penghulu_kaum": next((g["gelar"] for g in gelar if row["kaum"] and g["kaum"] == row["kaum"]), "")}
