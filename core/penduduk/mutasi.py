"""The register's movements as rows (Buku Mutasi Penduduk, B.2): who arrived, was born, died or left, in a period.

The entries are chosen exactly as the monthly report counts them (core.penduduk.laporan): by the month they are
reported in (`bulan_laporan`), without an entry cancelled within its own report month. So the births listed for
May are the births the Rekapitulasi (B.3) counts for May. An entry cancelled in a later month stays listed, marked.
"""

from __future__ import annotations

import json
from datetime import date

from core.penduduk import lingkup
from core.penduduk.kueri import QueryError, _ints
from core.penduduk.laporan import _CANCELLED_SAME_MONTH, MONTH
from core.penduduk.tables import Penduduk, Peristiwa

#: The movements of B.2: arrivals and leavings (not the first registration, corrections or moves within).
MOVEMENTS = ("lahir", "pindah_masuk", "mati", "pindah_keluar", "hilang", "pergi")
PERSON = ("nama", "nik", "tempat_lahir", "tanggal_lahir")


async def movements(dari: str, sampai: str, *, kinds: tuple[str, ...] = MOVEMENTS, wilayah=None,
                    cari: str = "") -> list[dict]:
    """Movement entries reported from month `dari` to month `sampai` ("2026-01", "2026-12"), oldest first.

    Each row: ``id, jenis, tanggal_peristiwa, tanggal_lapor, bulan_laporan, wilayah_id, jenis_kelamin,
    kewarganegaraan`` (as counted then), ``rincian`` (dict: tujuan, tempat, sebab ... as recorded), ``dibatalkan``
    (cancelled in a later month), and the person's ``penduduk, nama, nik, tempat_lahir, tanggal_lahir`` as now.
    `wilayah`: a place id (with every place below it); `cari`: part of the name or the start of the NIK. The scope
    of the current user applies to the place the entry was written under."""
    if not (MONTH.match(dari or "") and MONTH.match(sampai or "")):
        raise QueryError("bulan harus ditulis TTTT-BB")
    unknown = sorted(set(kinds) - set(MOVEMENTS))
    if unknown:
        raise QueryError(f"jenis mutasi tidak dikenal: {', '.join(unknown)}")
    places: set[int] | None = None
    if wilayah is not None:
        places = set()
        for wid in _ints(wilayah, "wilayah"):
            places.update(await lingkup.below(wid))
    if (scope := lingkup.current()) is not None:
        places = set(scope.ids) if places is None else places & set(scope.ids)
    kinds_sql = ", ".join(f"'{k}'" for k in kinds)
    sql = ("SELECT e.id, e.jenis, e.penduduk, e.tanggal_peristiwa, e.tanggal_lapor, e.bulan_laporan, e.wilayah_id,"
           " e.jenis_kelamin, e.kewarganegaraan, e.rincian, e.dibatalkan FROM balai_peristiwa e"
           f" WHERE e.bulan_laporan >= {{}} AND e.bulan_laporan <= {{}} AND e.jenis IN ({kinds_sql})"
           f" AND {_CANCELLED_SAME_MONTH}")
    args = [dari, sampai]
    if places is not None:
        sql += f" AND e.wilayah_id IN ({', '.join(str(int(p)) for p in sorted(places)) or '0'})"
    entries = await Peristiwa.raw(sql + " ORDER BY e.tanggal_peristiwa, e.id", *args).run()
    people = await _people({e["penduduk"] for e in entries})
    rows = []
    needle = (cari or "").strip().lower()
    for entry in entries:
        person = people.get(entry["penduduk"], {})
        if needle and not _matches(person, needle):
            continue
        rincian = entry["rincian"]
        rows.append({**entry, "tanggal_peristiwa": _day(entry["tanggal_peristiwa"]),
                     "tanggal_lapor": _day(entry["tanggal_lapor"]), "dibatalkan": bool(entry["dibatalkan"]),
                     "rincian": json.loads(rincian) if isinstance(rincian, str) else (rincian or {}),
                     **{k: person.get(k) for k in PERSON}})
    return rows


def _matches(person: dict, needle: str) -> bool:
    digits = needle.replace(" ", "")
    if digits.isdigit():
        return str(person.get("nik", "")).startswith(digits)
    return needle in str(person.get("nama", "")).lower()


def _day(value) -> date | None:
    # raw rows on SQLite carry dates as ISO text
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value)[:10])


async def _people(ids: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):  # bounded IN lists
        chunk = ordered[start:start + 500]
        for row in await Penduduk.select(Penduduk.id, *(getattr(Penduduk, k) for k in PERSON)).where(
                Penduduk.id.is_in(chunk)).run():
            out[row["id"]] = row
    return out
