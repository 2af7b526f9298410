"""Loading many residents at once (an import), through the journal like every other change.

One write transaction: wilayah that do not exist yet, new families with their KK history,
new residents each with a `pendataan_awal` entry (never counted as an arrival), and field
corrections of known residents each with a `koreksi` entry. All of it lands, or none of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Awaitable, Callable

from core.db.bulk import bulk_insert
from core.db.transaction import write_transaction
from core.penduduk.bulan import report_month
from core.penduduk import lingkup
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RiwayatKK, Wilayah

Path3 = tuple[str, str, str]  # (dusun, rw, rt); rw and rt may be ""


@dataclass
class Muatan:
    """What to load. Residents name their family by `no_kk` and their place by `wilayah` (a Path3)."""

    keluarga: dict[str, dict] = field(default_factory=dict)  # no_kk -> {"wilayah": Path3, "alamat": str}
    baru: list[dict] = field(default_factory=list)  # Penduduk fields + "no_kk" + "wilayah" (Path3)
    # {"id", "sebelum": {...}, "sesudah": {...}}; "lain": what a plugin keeps beside the register, for the journal
    ubah: list[dict] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # filled by load(): NIK -> id of each new resident


def place_key(name: str) -> str:
    """How a dusun/RW/RT name is matched: case and spacing aside, and RT "1" is RT "001" (Excel drops the zeros)."""
    name = " ".join(name.split()).lower()
    return str(int(name)) if name.isdigit() else name


async def _places(paths: set[Path3]) -> dict[Path3, int]:
    """Ids of every path, creating the dusun/RW/RT that are missing (matched by `place_key`).

    A missing level is skipped, not the end of the path: an RT directly under its dusun (no RW,
    as many nagari have) is an RT (tingkat 3) whose induk is the dusun.
    """
    known = {(r["tingkat"], r["induk"], place_key(r["nama"])): r["id"]
             for r in await Wilayah.select(Wilayah.id, Wilayah.tingkat, Wilayah.induk, Wilayah.nama).run()}
    out: dict[Path3, int] = {}
    for path in sorted(paths):
        parent = None
        for level, name in enumerate(path, start=1):
            if not name:
                continue
            key = (level, parent, place_key(name))
            if key not in known:
                rows = await Wilayah.insert(Wilayah(nama=name.strip()[:80], tingkat=level, induk=parent)).returning(
                    Wilayah.id).run()
                known[key] = rows[0]["id"]
            parent = known[key]
        out[path] = parent
    return out


async def _next_id(table) -> int:
    row = await table.select(table.id).order_by(table.id, ascending=False).first().run()
    return (row["id"] if row else 0) + 1


async def load(muatan: Muatan, actor: str, day: date,
               progress: Callable[[int, int], Awaitable[None]] | None = None) -> dict:
    """Apply `muatan` in one write transaction; returns counts. Raises on any failure, leaving nothing behind."""
    async with write_transaction():
        month = await report_month(day)
        paths = {f["wilayah"] for f in muatan.keluarga.values()} | {p["wilayah"] for p in muatan.baru}
        places = await _places(paths)
        families = {r["no_kk"]: r["id"] for r in await Keluarga.select(Keluarga.id, Keluarga.no_kk).run()}
        new_families, history, kid = [], [], await _next_id(Keluarga)
        for no_kk, fam in muatan.keluarga.items():
            if no_kk in families:
                continue
            families[no_kk] = kid
            new_families.append({"id": kid, "no_kk": no_kk, "wilayah": places[fam["wilayah"]],
                                 "alamat": fam.get("alamat", "")[:200]})
            history.append({"keluarga": kid, "no_kk": no_kk, "berlaku_sejak": day, "alasan": "Impor"})
            kid += 1
        await bulk_insert(Keluarga, new_families, columns=["id", "no_kk", "wilayah", "alamat"])
        await bulk_insert(RiwayatKK, history)
        if progress:
            await progress(0, len(muatan.baru))
        people, journal, pid = [], [], await _next_id(Penduduk)
        for person in muatan.baru:
            row = {k: v for k, v in person.items() if k not in ("no_kk", "wilayah")}
            row.update(id=pid, keluarga=families.get(person.get("no_kk")), wilayah=places[person["wilayah"]],
                       nama_cari=row["nama"].lower())
            people.append(row)
            muatan.ids[row["nik"]] = pid
            journal.append({"jenis": "pendataan_awal", "penduduk": pid, "keluarga": row["keluarga"],
                            "tanggal_peristiwa": day, "tanggal_lapor": day, "bulan_laporan": month,
                            "wilayah_id": row["wilayah"], "jenis_kelamin": row["jenis_kelamin"],
                            "kewarganegaraan": row.get("kewarganegaraan", 1), "rincian": json.dumps({"sumber": "impor"}),
                            "pengguna": actor})
            pid += 1
        columns = sorted({k for row in people for k in row})
        for start in range(0, len(people), 5000):  # progress between chunks; still one transaction
            last = start + 5000 >= len(people)  # statistics once, after the last chunk
            await bulk_insert(Penduduk, people[start:start + 5000], columns=columns, analyze=last)
            await bulk_insert(Peristiwa, journal[start:start + 5000], analyze=last)
            if progress:
                await progress(min(start + 5000, len(people)), len(people))
        for change in muatan.ubah:
            values = {getattr(Penduduk, k): v for k, v in change["sesudah"].items()}
            if "nama" in change["sesudah"]:
                values[Penduduk.nama_cari] = change["sesudah"]["nama"].lower()  # search follows the name
            if values:
                await Penduduk.update(values).where(Penduduk.id == change["id"]).run()
            await Peristiwa.insert(Peristiwa(
                jenis="koreksi", penduduk=change["id"], keluarga=change.get("keluarga"), tanggal_peristiwa=day,
                tanggal_lapor=day, bulan_laporan=month, wilayah_id=change.get("wilayah"),
                jenis_kelamin=change["jenis_kelamin"], kewarganegaraan=change.get("kewarganegaraan", 1),
                rincian=json.dumps({"sebelum": change["sebelum"], "sesudah": change["sesudah"], "sumber": "impor",
                                    **change.get("lain", {})}, default=str), pengguna=actor)).run()
    return {"wilayah": len(places), "keluarga_baru": len(new_families), "penduduk_baru": len(people),
            "penduduk_diubah": len(muatan.ubah)}


async def by_nik(niks: list[str]) -> dict[str, dict]:
    """Known residents with these NIKs (any status), with their KK number and place, for matching an import.

    Within the current scope (an import runs as a job, unscoped, and matches against the whole register)."""
    found: dict[str, dict] = {}
    for start in range(0, len(niks), 900):  # stay under SQLite's variable limit
        query = Penduduk.select(*Penduduk.all_columns(), Penduduk.keluarga.no_kk.as_alias("no_kk"))
        rows = await lingkup.narrow(query.where(Penduduk.nik.is_in(niks[start:start + 900]))).run()
        found.update({r["nik"]: r for r in rows})
    return found


async def wilayah_rows() -> list[dict]:
    """Every dusun/RW/RT (id, nama, tingkat, induk), for exports that write a resident's place by name."""
    return await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.tingkat, Wilayah.induk).run()
