"""The register as `bantuan` sees it: units that can receive (a resident "p:12", a family "k:5", a household
"r:3", a group "g:name"), who receives for a unit, the data a list entry keeps of it, and whether the register still
shows it as one that can receive.

Everything is read in bulk through `plugin_sdk.register.stream_residents` (the current user's scope applies): a
whole list of units costs a few queries, never one per unit.

Who receives for a family or household: its living kepala keluarga (hubungan 1; the one with the smallest id when a
household holds several families), else its living member with the smallest id: the same rule the register's own
counts use for a unit's head (register.unit_counts).

A unit's status (`status_units`): "" while it has a living member; else "meninggal" when every member it had is
recorded dead, "pindah" when at least one moved, went away or is missing (and nobody living remains), "tidak_ada"
when the register holds no member of it at all (e.g. everybody moved to other family cards) or shows it as invalid.
For a resident: "" living, "meninggal" dead (status_dasar 2), "pindah" moved, missing or gone (3, 4, 6),
"tidak_ada" not found (or outside the user's scope) or recorded as invalid.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

from plugin_sdk.register import places_at, stream_residents, wilayah_rows

HIDUP, MATI, PERGI = 1, 2, (3, 4, 6)
#: What every unit's data needs from each resident.
DASAR = ("id", "nama", "nik", "no_kk", "keluarga", "rumah_tangga", "wilayah", "alamat", "tempat_lahir",
         "jenis_kelamin", "tanggal_lahir", "hubungan")
JENIS_KUNCI = {"p": "penduduk", "k": "keluarga", "r": "rumah_tangga", "g": "kelompok"}
KUNCI_SASARAN = {v: k for k, v in JENIS_KUNCI.items()}
_POTONG = 500  # ids per query: far below any engine's limit on parameters
_BATCH = 5000


def kunci(sasaran: str, unit) -> str:
    """("keluarga", 5) -> "k:5"; a group's key is its name in lower case."""
    nilai = " ".join(str(unit).split()).lower() if sasaran == "kelompok" else int(unit)
    return f"{KUNCI_SASARAN[sasaran]}:{nilai}"


def urai_kunci(teks: str) -> tuple[str, int | str] | None:
    """"k:5" -> ("keluarga", 5); None for a key that is not one."""
    awal, _, sisa = (teks or "").partition(":")
    if awal not in JENIS_KUNCI or not sisa:
        return None
    if awal == "g":
        return "kelompok", sisa
    return (JENIS_KUNCI[awal], int(sisa)) if sisa.isdigit() else None


def umur(lahir: date | None, hari_ini: date) -> int | None:
    """Age in whole years on `hari_ini`."""
    if lahir is None:
        return None
    return hari_ini.year - lahir.year - ((hari_ini.month, hari_ini.day) < (lahir.month, lahir.day))


async def jorong_wilayah() -> dict[int, str]:
    """Each place (jorong, RW or RT) -> the name of its jorong: a list shows the jorong, whatever level a
    resident is recorded at."""
    nama = {r["id"]: r["nama"] for r in await wilayah_rows()}
    return {wid: nama.get(jorong, "") for wid, jorong in (await places_at(1)).items() if jorong is not None}


async def baca_orang(fields: Iterable[str], where: dict | None = None, *, living: bool = True) -> list[dict]:
    """Residents with `fields`, one streaming pass (or a few, `where` naming many ids)."""
    fields = tuple(dict.fromkeys(fields))
    daftar = next((k for k in ("id", "keluarga") if where and k in where), None)
    if daftar is None:
        return [r async for r in stream_residents(fields, where, living=living, batch=_BATCH)]
    ids = sorted(set(where[daftar]))
    hasil = []
    for mulai in range(0, len(ids), _POTONG):
        bagian = {**where, daftar: ids[mulai:mulai + _POTONG]}
        hasil.extend([r async for r in stream_residents(fields, bagian, living=living, batch=_BATCH)])
    return hasil


def penerima(anggota: list[dict]) -> dict:
    """The member who receives for a family or household (see the module's docstring)."""
    return min(anggota, key=lambda p: (p.get("hubungan") != 1, p["id"]))


def urutan(anggota: list[dict]) -> list[dict]:
    """Members in the order of a family card: the one who receives, then by position (spouse, children...) and
    age, eldest first; in a household, the receiver's family first, then each other family in turn."""
    kepala = penerima(anggota)
    lain = sorted((p for p in anggota if p is not kepala),
                  key=lambda p: (p.get("keluarga") != kepala.get("keluarga"), p.get("keluarga") or 0,
                                 p.get("hubungan") or 99, p.get("tanggal_lahir") or date.max, p["id"]))
    return [kepala, *lain]


def kelompokkan(orang: list[dict], sasaran: str) -> dict[int, list[dict]]:
    """Living residents by unit: {resident id: [resident]} or {family/household id: members}."""
    if sasaran == "penduduk":
        return {p["id"]: [p] for p in orang}
    unit = defaultdict(list)
    for p in orang:
        if p[sasaran] is not None:
            unit[p[sasaran]].append(p)
    return dict(unit)


def data_orang(p: dict, jorong: dict[int, str], hari_ini: date) -> dict:
    """A resident's part of an entry's data: who they are and where they live."""
    return {"penduduk_id": p["id"], "nama": p["nama"], "nik": p["nik"], "no_kk": p["no_kk"] or "",
            "keluarga_id": p["keluarga"], "rumah_tangga_id": p["rumah_tangga"],
            "jorong": jorong.get(p["wilayah"], ""), "alamat": p["alamat"] or "",
            "tempat_lahir": p["tempat_lahir"] or "", "tanggal_lahir": p["tanggal_lahir"].isoformat(),
            "jenis_kelamin": p["jenis_kelamin"], "umur": umur(p["tanggal_lahir"], hari_ini)}


def data_kesatuan(sasaran: str, anggota: list[dict], jorong: dict[int, str], hari_ini: date) -> dict:
    """An entry's data: the receiving person's, and for a family or household its living members (`anggota`:
    id, nama, nik, hubungan code, jenis_kelamin code, umur), in card order."""
    urut = urutan(anggota)
    data = data_orang(urut[0], jorong, hari_ini)
    if sasaran != "penduduk":
        data["anggota"] = [{"id": p["id"], "nama": p["nama"], "nik": p["nik"], "hubungan": p["hubungan"],
                            "jenis_kelamin": p["jenis_kelamin"], "umur": umur(p["tanggal_lahir"], hari_ini)}
                           for p in urut]
    return data


def _per_jenis(kunci_list: Iterable[str]) -> dict[str, dict[str, int | str]]:
    """{"penduduk": {"p:12": 12}, ...}; keys that are no key at all go nowhere."""
    jenis: dict[str, dict[str, int | str]] = defaultdict(dict)
    for teks in kunci_list:
        if (bagian := urai_kunci(teks)) is not None:
            jenis[bagian[0]][teks] = bagian[1]
    return jenis


async def _anggota(sasaran: str, ids: set, fields: tuple[str, ...], *, living: bool) -> dict[int, list[dict]]:
    """The residents of the given units (a whole pass for households: the register filters by family, not by
    household)."""
    if sasaran == "penduduk":
        orang = await baca_orang(fields, {"id": sorted(ids)}, living=living)
    elif sasaran == "keluarga":
        orang = await baca_orang(fields, {"keluarga": sorted(ids)}, living=living)
    else:
        orang = [p for p in await baca_orang(fields, living=living) if p["rumah_tangga"] in ids]
    return kelompokkan(orang, sasaran)


async def data_units(kunci_list: Iterable[str], *, hari_ini: date) -> dict[str, dict | None]:
    """Each key's data as the register shows it now (see `data_kesatuan`); None when the unit has no living member
    or the resident is not living (or not in the register, or outside the user's scope). A group's data is
    {"kelompok": its name as in its key}: groups are not in the register."""
    kunci_list = list(dict.fromkeys(kunci_list))
    hasil: dict[str, dict | None] = {k: None for k in kunci_list}
    jenis = _per_jenis(kunci_list)
    jorong = await jorong_wilayah() if set(jenis) - {"kelompok"} else {}
    for sasaran, kunci_unit in jenis.items():
        if sasaran == "kelompok":
            hasil.update({k: {"kelompok": nama} for k, nama in kunci_unit.items()})
            continue
        unit = await _anggota(sasaran, set(kunci_unit.values()), DASAR, living=True)
        for k, uid in kunci_unit.items():
            if uid in unit:
                hasil[k] = data_kesatuan(sasaran, unit[uid], jorong, hari_ini)
    return hasil


async def data_unit(kunci_unit: str, *, hari_ini: date) -> dict | None:
    """One key's data (see `data_units`)."""
    return (await data_units([kunci_unit], hari_ini=hari_ini))[kunci_unit]


def tanda_dari(status: list[int]) -> str:
    """A unit's flag from its members' status_dasar (see the module's docstring)."""
    if HIDUP in status:
        return ""
    if status and all(s == MATI for s in status):
        return "meninggal"
    if any(s in PERGI for s in status):
        return "pindah"
    return "tidak_ada"


async def status_units(kunci_list: Iterable[str]) -> dict[str, str]:
    """Each key's flag: "" (can receive), "meninggal", "pindah" or "tidak_ada" (see the module's docstring).
    Groups are never flagged."""
    kunci_list = list(dict.fromkeys(kunci_list))
    hasil = {k: "tidak_ada" for k in kunci_list}
    for sasaran, kunci_unit in _per_jenis(kunci_list).items():
        if sasaran == "kelompok":
            hasil.update({k: "" for k in kunci_unit})
            continue
        fields = ("id", "status_dasar") if sasaran == "penduduk" else ("id", sasaran, "status_dasar")
        unit = await _anggota(sasaran, set(kunci_unit.values()), fields, living=False)
        for k, uid in kunci_unit.items():
            hasil[k] = tanda_dari([p["status_dasar"] for p in unit.get(uid, [])])
    return hasil


async def status_unit(kunci_unit: str) -> str:
    """One key's flag (see `status_units`)."""
    return (await status_units([kunci_unit]))[kunci_unit]
