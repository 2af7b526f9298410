"""Reading and writing the tanah ulayat register: each write is one transaction with its audit entry."""

from __future__ import annotations

from datetime import date, datetime, timezone

from piccolo.query.functions.aggregate import Count, Sum

from plugin_sdk import changes, log_change, public_changed, write_transaction
from plugin_sdk.register import wilayah_rows

from balai_adat.tables import Kaum, Suku
from balai_adat.ulayat.kode import PENGGUNAAN, SENGKETA, STATUS, label
from balai_adat.ulayat.periksa import teks_ha
from balai_adat.ulayat.tables import SengketaUlayat, TanahUlayat


async def jorong_nagari() -> dict[int, str]:
    """The nagari's jorong (the kernel's wilayah at level 1), id -> name, by name."""
    rows = sorted((r for r in await wilayah_rows() if r["tingkat"] == 1), key=lambda r: r["nama"])
    return {r["id"]: r["nama"] for r in rows}


async def pilihan() -> dict:
    """What the parcel form offers: jorong, suku, kaum (named with their suku) and the code lists."""
    kaum = await Kaum.select(Kaum.id, Kaum.nama, Kaum.suku.nama.as_alias("suku")).order_by(Kaum.nama).run()
    return {"jorong": await jorong_nagari(), "suku": await Suku.select(Suku.id, Suku.nama).order_by(Suku.nama).run(),
            "kaum": kaum, "status": STATUS, "penggunaan": PENGGUNAAN, "status_sengketa": SENGKETA}


def _pemegang(row: dict) -> str:
    if row["status"] == "kaum":
        return f"Kaum {row['kaum_nama']} (Suku {row['suku_nama']})"
    if row["status"] == "suku":
        return f"Suku {row['suku_nama']}"
    return "Nagari"


async def daftar_tanah(ids: list[int] | None = None) -> list[dict]:
    """Parcels by name, each with its labels, its holder in words, area in ha and its open disputes counted."""
    query = TanahUlayat.select(*TanahUlayat.all_columns(), TanahUlayat.suku.nama.as_alias("suku_nama"),
                               TanahUlayat.kaum.nama.as_alias("kaum_nama")).order_by(TanahUlayat.nama)
    if ids is not None:
        query = query.where(TanahUlayat.id.is_in(ids or [0]))
    rows = await query.run()
    jorong = await jorong_nagari()
    terbuka: dict[int, int] = {}
    for s in await SengketaUlayat.select(SengketaUlayat.tanah).where(SengketaUlayat.status != "selesai").run():
        terbuka[s["tanah"]] = terbuka.get(s["tanah"], 0) + 1
    for row in rows:
        row.update(pemegang=_pemegang(row), luas=teks_ha(row["luas_m2"]), status_label=label(STATUS, row["status"]),
                   penggunaan_label=label(PENGGUNAAN, row["penggunaan"]),
                   jorong_nama=jorong.get(row["jorong"], "Lintas jorong"), sengketa_terbuka=terbuka.get(row["id"], 0))
    return rows


async def tanah(tanah_id: int) -> dict | None:
    found = await daftar_tanah([tanah_id])
    return found[0] if found else None


async def daftar_sengketa(tanah_id: int) -> list[dict]:
    rows = await SengketaUlayat.select().where(SengketaUlayat.tanah == tanah_id).order_by(
        SengketaUlayat.tanggal, ascending=False).order_by(SengketaUlayat.id, ascending=False).run()
    for row in rows:
        row["status_label"] = label(SENGKETA, row["status"])
    return rows


async def sengketa(sengketa_id: int) -> dict | None:
    return await SengketaUlayat.select().where(SengketaUlayat.id == sengketa_id).first().run()


def _audit(nilai: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in nilai.items()}


async def _sebelum(table, row_id: int, keys) -> dict:
    row = await table.select(*[getattr(table, k) for k in keys]).where(table.id == row_id).first().run()
    return _audit(row or {})


async def simpan_tanah(request, nilai: dict, tanah_id: int | None = None) -> int:
    """Add a parcel (`tanah_id` None) or change one; its audit entry lands with it. Returns its id."""
    async with write_transaction():
        if tanah_id is None:
            rows = await TanahUlayat.insert(TanahUlayat(**nilai)).returning(TanahUlayat.id).run()
            tanah_id, aksi, sebelum = rows[0]["id"], "buat", {}
        else:
            aksi, sebelum = "ubah", await _sebelum(TanahUlayat, tanah_id, nilai)
            await TanahUlayat.update({**nilai, "diubah": datetime.now(timezone.utc)}).where(
                TanahUlayat.id == tanah_id).run()
        await log_change(request, aksi, "adat.ulayat", tanah_id, changes(sebelum, _audit(nilai)))
        await public_changed()  # the public page shows the register's sums
    return tanah_id


async def simpan_sengketa(request, tanah_id: int, nilai: dict, sengketa_id: int | None = None) -> int:
    """Record a dispute over a parcel, or change one; with its audit entry. Returns its id."""
    async with write_transaction():
        if sengketa_id is None:
            rows = await SengketaUlayat.insert(SengketaUlayat(tanah=tanah_id, **nilai)).returning(
                SengketaUlayat.id).run()
            sengketa_id, aksi, sebelum = rows[0]["id"], "buat", {}
        else:
            aksi, sebelum = "ubah", await _sebelum(SengketaUlayat, sengketa_id, nilai)
            await SengketaUlayat.update({**nilai, "diubah": datetime.now(timezone.utc)}).where(
                SengketaUlayat.id == sengketa_id).run()
        await log_change(request, aksi, "adat.ulayat.sengketa", sengketa_id,
                         {"tanah": tanah_id, **changes(sebelum, _audit(nilai))})
        await public_changed()
    return sengketa_id


async def ringkasan_silang() -> dict[tuple[str, str], tuple[int, int]]:
    """(status, use) -> (parcels, square metres), counted in SQL; empty when nothing is recorded."""
    rows = await TanahUlayat.select(TanahUlayat.status, TanahUlayat.penggunaan, Count(TanahUlayat.id, alias="n"),
                                    Sum(TanahUlayat.luas_m2, alias="m2")).group_by(
        TanahUlayat.status, TanahUlayat.penggunaan).run()
    return {(r["status"], r["penggunaan"]): (r["n"], int(r["m2"] or 0)) for r in rows}


async def ringkasan() -> dict:
    """Aggregates for the public page: parcels and hectares per status and per use, and disputes per state."""
    per_status = {k: {"label": v, "jumlah": 0, "m2": 0} for k, v in STATUS.items()}
    per_guna = {k: {"label": v, "jumlah": 0, "m2": 0} for k, v in PENGGUNAAN.items()}
    for (status, guna), (jumlah, m2) in (await ringkasan_silang()).items():
        for kelompok, kunci in ((per_status, status), (per_guna, guna)):
            pos = kelompok.setdefault(kunci, {"label": kunci, "jumlah": 0, "m2": 0})
            pos["jumlah"] += jumlah
            pos["m2"] += m2
    sengketa = {k: 0 for k in SENGKETA}
    for row in await SengketaUlayat.select(SengketaUlayat.status, Count(SengketaUlayat.id, alias="n")).group_by(
            SengketaUlayat.status).run():
        sengketa[row["status"]] = row["n"]
    for pos in (*per_status.values(), *per_guna.values()):
        pos["luas"] = teks_ha(pos["m2"])
    total = sum(p["m2"] for p in per_status.values())
    return {"per_status": per_status, "per_guna": {k: p for k, p in per_guna.items() if p["jumlah"]},
            "sengketa": {label(SENGKETA, k): n for k, n in sengketa.items()}, "luas": teks_ha(total),
            "jumlah": sum(p["jumlah"] for p in per_status.values())}
