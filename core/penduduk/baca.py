"""Read access to the register for plugins (through plugin_sdk.register): plain dicts, labels decoded.

Plugins never get ORM rows of the kernel's tables: a dict cannot write back, and the
shape here is a promise of the SDK. Reading a person is still a view to log, which is
the caller's job (`log_view`), since only it knows who is looking and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.dokumen.teks import tanggal_panjang
from core.penduduk import kode, lingkup
from core.penduduk.cari import age
from core.penduduk.tables import Penduduk, Wilayah

CODED = ("jenis_kelamin", "agama", "status_kawin", "pekerjaan", "kewarganegaraan", "golongan_darah", "hubungan",
         "status_dasar")
HIDUP = 1
_INTERNAL = ("id", "keluarga", "rumah_tangga", "wilayah", "nama_cari", "dibuat")

#: The register's own fields, in the order a lossless export writes them.
FIELDS = tuple(c._meta.name for c in Penduduk._meta.columns if c._meta.name not in _INTERNAL)


@dataclass(frozen=True)
class FieldSpec:
    """What a register field holds: `kind` is "code" (a number from a code list), "number" (a count or a measure,
    such as berat_lahir in gram), "date", "time" or "text"."""

    kind: str
    length: int | None
    null: bool
    default: Any


def _spec(column) -> FieldSpec:
    kind = {"SmallInt": "code", "Integer": "code", "DoublePrecision": "number", "Date": "date",
            "Time": "time"}.get(type(column).__name__, "text")
    if kind == "code" and column._meta.name not in kode.LISTS:  # a whole number that is no code: anak ke-, gram
        kind = "number"
    default = column.default if isinstance(column.default, (int, str, bool)) else None  # not DateNow()
    return FieldSpec(kind, getattr(column, "length", None), bool(column._meta.null), default)


#: Each field of `FIELDS` -> its FieldSpec, for reading a file back into the register's types.
FIELD_SPECS = {c._meta.name: _spec(c) for c in Penduduk._meta.columns if c._meta.name in FIELDS}


async def chain(wilayah_id: int | None) -> list[dict]:
    """From an RT up to its jorong: [{"nama", "tingkat"}, ...], outermost first."""
    levels = []
    while wilayah_id is not None and len(levels) < 5:
        row = await Wilayah.select(Wilayah.nama, Wilayah.tingkat, Wilayah.induk).where(
            Wilayah.id == wilayah_id).first().run()
        if row is None:
            break
        levels.insert(0, row)
        wilayah_id = row["induk"]
    return levels


def address(row: dict, levels: list[dict], profile: dict, region: bool = True) -> dict:
    """{"rt", "rw", "jorong", "alamat_lengkap"} of a resident or a family card; `region`: the line goes on with
    the nagari, kecamatan and kabupaten (documents), else it stops at the jorong (the register's own pages)."""
    parts = {1: "", 2: "", 3: ""}
    for level in levels:
        parts[level["tingkat"]] = level["nama"]
    dusun = profile.get("sebutan_dusun") or "Dusun"
    pieces = [row["alamat"]] if row["alamat"] else []
    if parts[3] or parts[2]:
        pieces.append(" ".join(p for p in (f"RT {parts[3]}" if parts[3] else "", f"RW {parts[2]}" if parts[2] else "") if p))
    if parts[1] and parts[1].lower() not in (row["alamat"] or "").lower():  # "Jorong Koto" is often the street line
        pieces.append(f"{dusun} {parts[1]}")
    for key, word in (("nama", profile.get("sebutan_desa") or "Desa"), ("kecamatan", "Kecamatan"),
                      ("kabupaten", "Kabupaten")):
        if region and profile.get(key):
            pieces.append(f"{word} {profile[key]}")
    return {"rt": parts[3], "rw": parts[2], "jorong": parts[1], "alamat_lengkap": ", ".join(pieces)}


async def resident(penduduk_id: int, profile: dict | None = None, today: date | None = None) -> dict | None:
    """One resident as document data: codes as labels, dates in long form, the full address."""
    query = Penduduk.select(*Penduduk.all_columns(), Penduduk.keluarga.no_kk.as_alias("no_kk"))
    row = await lingkup.narrow(query.where(Penduduk.id == penduduk_id)).first().run()
    if row is None:  # not on the register, or outside the scope of the user asking
        return None
    profile = profile or {}
    born = row["tanggal_lahir"]
    data = {
        "id": row["id"], "nik": row["nik"], "no_kk": row["no_kk"] or "", "nama": row["nama"],
        "tempat_lahir": row["tempat_lahir"], "tanggal_lahir": tanggal_panjang(born) if born else "",
        "tanggal_lahir_iso": born.isoformat() if born else "",
        "tempat_tanggal_lahir": ", ".join(p for p in (row["tempat_lahir"], tanggal_panjang(born) if born else "") if p),
        "umur": f"{age(born, today)} tahun" if born else "",
        "pendidikan": kode.label("pendidikan_kk", row["pendidikan_kk"]),
        "alamat": row["alamat"], "nama_ayah": row["nama_ayah"], "nama_ibu": row["nama_ibu"],
        "nik_ayah": row["nik_ayah"], "nik_ibu": row["nik_ibu"], "keluarga_id": row["keluarga"],
        "no_akta_lahir": row["no_akta_lahir"], "no_akta_kawin": row["no_akta_kawin"],
        "kode_hubungan": row["hubungan"], "kode_status_dasar": row["status_dasar"],
        "kode_jenis_kelamin": row["jenis_kelamin"],
    }
    data.update({field: kode.label(field, row[field]) for field in CODED})
    data.update(address(row, await chain(row["wilayah"]), profile))
    return data


async def by_nik(nik: str) -> int | None:
    """The id of the resident with this NIK (any status) in the current scope, or None."""
    row = await lingkup.narrow(Penduduk.select(Penduduk.id).where(Penduduk.nik == nik)).first().run()
    return row["id"] if row else None


async def parents(person: dict, profile: dict | None = None) -> tuple[dict | None, dict | None]:
    """Father and mother as on record (by their NIK on the child's record), or None."""
    found = []
    for nik in (person.get("nik_ayah"), person.get("nik_ibu")):
        pid = await by_nik(nik) if nik else None
        found.append(await resident(pid, profile) if pid else None)
    return found[0], found[1]


async def spouse(person: dict, profile: dict | None = None) -> dict | None:
    """The husband or wife in the same family card, when the person is head, husband or wife."""
    if not person.get("keluarga_id"):
        return None
    mine = person["kode_hubungan"]
    wanted = {1: (2, 3), 2: (1, 3), 3: (1, 2)}.get(mine, ())
    rows = await lingkup.narrow(Penduduk.select(Penduduk.id, Penduduk.hubungan, Penduduk.jenis_kelamin)).where(
        (Penduduk.keluarga == person["keluarga_id"]) & (Penduduk.id != person["id"])
        & (Penduduk.status_dasar == HIDUP) & Penduduk.hubungan.is_in(list(wanted) or [0])).run()
    rows = [r for r in rows if r["jenis_kelamin"] != person["kode_jenis_kelamin"]]
    return await resident(rows[0]["id"], profile) if rows else None


async def family(person: dict, profile: dict | None = None) -> dict | None:
    """The person's family card as document data: {"no_kk", "kepala", "alamat", "anggota"}, the living members in
    the card's order (residents as `resident` gives them), or None when the person belongs to no family."""
    from core.penduduk.susunan import members  # susunan reads the card's order; imported here to keep baca small

    if not person.get("keluarga_id"):
        return None
    anggota = [m for m in [await resident(r["id"], profile) for r in await members(person["keluarga_id"])] if m]
    kepala = next((m for m in anggota if m["kode_hubungan"] == 1), None)
    return {"no_kk": person.get("no_kk", ""), "kepala": kepala["nama"] if kepala else "",
            "alamat": (kepala or person).get("alamat_lengkap", ""), "anggota": anggota}


async def find(q: str, limit: int = 10, living_only: bool = True) -> list[dict]:
    """Quick lookup for pickers: NIK prefix or part of the name. Returns id, nik, nama, tanggal_lahir."""
    q = (q or "").strip()
    if len(q) < 3:
        return []
    digits = q.replace(" ", "")
    condition = Penduduk.nik.like(digits + "%") if digits.isdigit() else Penduduk.nama_cari.like(f"%{q.lower()}%")
    query = Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir).where(condition)
    query = lingkup.narrow(query)
    if living_only:
        query = query.where(Penduduk.status_dasar == HIDUP)
    return await query.order_by(Penduduk.nama_cari).limit(limit).run()
