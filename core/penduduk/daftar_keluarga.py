"""The lists of families (KK) and households, one page at a time, filtered and counted by the database.

Each list is two steps: the page of ids (the filters are WHERE conditions and one GROUP BY ... HAVING for the
member count, so no row is read twice), then one GROUP BY over the residents of those 50 units only for their
heads and member counts, on the indexes of `balai_penduduk.keluarga` and `.rumah_tangga`. The user's scope
applies as on a unit's own page (lingkup.family_visible / household_visible): the unit's place, or a member's.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.penduduk import lingkup
from core.penduduk.kueri import places_at
from core.penduduk.pencarian import like_pattern
from core.penduduk.tables import Penduduk, Wilayah

PER_PAGE = 50
LIVING = 1
#: The member-count filter: its value in the query string -> (at least, at most); None: no upper bound.
SIZES = {"0": (0, 0), "1": (1, 1), "2-4": (2, 4), "5": (5, None)}
SIZE_LABELS = {"0": "Tanpa anggota hidup", "1": "1 orang", "2-4": "2–4 orang", "5": "5 orang atau lebih"}
# The register's search rule (core.penduduk.pencarian): what is typed is matched as typed, % and _ included.
LIKE = "LIKE {} ESCAPE '\\'"


@dataclass
class Saringan:
    q: str = ""
    wilayah: int | None = None
    kelas_sosial: int | None = None
    anggota: str = ""
    hal: int = 1

    @classmethod
    def from_query(cls, params) -> "Saringan":
        def number(key, high=2 ** 31 - 1):
            raw = (params.get(key) or "").strip()
            return int(raw) if raw.isdigit() and len(raw) <= 10 and 1 <= int(raw) <= high else None
        size = params.get("anggota") or ""
        return cls(q=" ".join((params.get("q") or "").split())[:60], wilayah=number("wilayah"),
                   kelas_sosial=number("kelas_sosial", 2 ** 15 - 1), anggota=size if size in SIZES else "",
                   hal=number("hal", 1_000_000) or 1)


def _ids(values) -> str:
    return ", ".join(str(int(v)) for v in values) or "0"


def _size(column: str, unit: str, size: str) -> str:
    """The unit id `column` has a living-member count in the range `size` names: one GROUP BY over residents."""
    low, high = SIZES[size]
    if low == 0:  # NOT EXISTS on the unit's index: NOT IN over the whole register took 250 ms on SQLite
        return (f"NOT EXISTS (SELECT 1 FROM balai_penduduk z WHERE z.{unit} = {column}"
                f" AND z.status_dasar = {LIVING})")
    having = f"COUNT(*) >= {low}" + (f" AND COUNT(*) <= {high}" if high is not None else "")
    return (f"{column} IN (SELECT {unit} FROM balai_penduduk WHERE status_dasar = {LIVING} AND {unit} IS NOT NULL"
            f" GROUP BY {unit} HAVING {having})")


async def _where(f: Saringan, alias: str, unit: str) -> tuple[list[str], list]:
    """Conditions shared by both lists: scope, place, member count."""
    conditions, args = [], []
    if (scope := lingkup.current()) is not None:
        ids = _ids(sorted(scope.ids))
        conditions.append(f"({alias}.wilayah IN ({ids}) OR EXISTS (SELECT 1 FROM balai_penduduk s"
                          f" WHERE s.{unit} = {alias}.id AND s.wilayah IN ({ids})))")
    if f.wilayah is not None:
        conditions.append(f"{alias}.wilayah IN ({_ids(await lingkup.below(f.wilayah))})")
    if f.anggota:
        conditions.append(_size(f"{alias}.id", unit, f.anggota))
    return conditions, args


async def _page(table: str, alias: str, order: str, conditions: list[str], args: list, hal: int):
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # {} placeholders are Piccolo's; LIKE patterns come in as arguments, ids are formatted integers.
    rows = await Penduduk.raw(f"SELECT {alias}.* FROM {table} {alias}{where} ORDER BY {alias}.{order}, {alias}.id"
                              f" LIMIT {PER_PAGE} OFFSET {(hal - 1) * PER_PAGE}", *args).run()
    total = await Penduduk.raw(f"SELECT COUNT(*) AS n FROM {table} {alias}{where}", *args).run()
    return rows, int(total[0]["n"])


async def _places(rows: list[dict]) -> None:
    """Each row's jorong (its place rolled up to tingkat 1), from the small wilayah table."""
    up = await places_at(1)
    names = {r["id"]: r["nama"] for r in await Wilayah.select(Wilayah.id, Wilayah.nama).run()}
    for row in rows:
        row["jorong"] = names.get(up.get(row["wilayah"])) or names.get(row["wilayah"]) or ""


async def _members(unit: str, ids: list[int]) -> dict[int, int]:
    counted = await Penduduk.raw(
        f"SELECT {unit} AS unit, COUNT(*) AS n FROM balai_penduduk WHERE {unit} IN ({_ids(ids)})"
        f" AND status_dasar = {LIVING} GROUP BY {unit}").run()
    return {r["unit"]: int(r["n"]) for r in counted}


async def families(f: Saringan) -> tuple[list[dict], int]:
    """One page of families (`no_kk` order): id, no_kk, alamat, wilayah, jorong, kelas_sosial, anggota (living),
    kepala_id and kepala_nama (the living kepala keluarga, if any); and how many match."""
    conditions, args = await _where(f, "k", "keluarga")
    conditions.append("k.aktif = TRUE")
    if f.q:
        digits = f.q.replace(" ", "").replace(".", "")
        if digits.isdigit():
            conditions.append("k.no_kk LIKE {}")
            args.append(digits + "%")
        else:
            # One pass over the names (a lookup per family was 3x slower at 20,000). The unary + keeps SQLite off
            # the status index, which it picked and then read 19,000 rows through: 30 ms instead of 6.
            conditions.append("k.id IN (SELECT keluarga FROM balai_penduduk WHERE +hubungan = 1 AND +status_dasar = 1"
                              f" AND nama_cari {LIKE})")
            args.append(like_pattern(f.q.lower()))
    if f.kelas_sosial is not None:
        conditions.append(f"k.kelas_sosial = {int(f.kelas_sosial)}")
    rows, total = await _page("balai_keluarga", "k", "no_kk", conditions, args, f.hal)
    ids = [r["id"] for r in rows]
    counts = await _members("keluarga", ids)
    heads = {}
    for h in await Penduduk.raw(
            f"SELECT keluarga, id, nama FROM balai_penduduk WHERE keluarga IN ({_ids(ids)}) AND hubungan = 1"
            f" AND status_dasar = {LIVING} ORDER BY id DESC").run():
        heads[h["keluarga"]] = h  # the first-registered head wins if two were recorded by mistake
    for row in rows:
        head = heads.get(row["id"]) or {}
        row.update(anggota=counts.get(row["id"], 0), kepala_id=head.get("id"), kepala_nama=head.get("nama", ""))
    await _places(rows)
    return rows, total


async def households(f: Saringan) -> tuple[list[dict], int]:
    """One page of households (`nomor` order): id, nomor, alamat, wilayah, jorong, anggota (living), keluarga
    (how many families its members come from), kepala_id, kepala_nama, kepala_status; and how many match."""
    conditions, args = await _where(f, "r", "rumah_tangga")
    if f.q:
        # a number's start, or a part of the head's name
        conditions.append(f"(r.nomor {LIKE} OR r.kepala IN (SELECT id FROM balai_penduduk WHERE nama_cari {LIKE}))")
        args += [like_pattern(f.q.replace(" ", ""))[1:], like_pattern(f.q.lower())]
    rows, total = await _page("balai_rumah_tangga", "r", "nomor", conditions, args, f.hal)
    ids = [r["id"] for r in rows]
    counts = await _members("rumah_tangga", ids)
    families_of = {r["unit"]: int(r["n"]) for r in await Penduduk.raw(
        f"SELECT rumah_tangga AS unit, COUNT(DISTINCT keluarga) AS n FROM balai_penduduk"
        f" WHERE rumah_tangga IN ({_ids(ids)}) AND status_dasar = {LIVING} GROUP BY rumah_tangga").run()}
    heads = {h["id"]: h for h in await Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.status_dasar).where(
        Penduduk.id.is_in([r["kepala"] for r in rows if r["kepala"]] or [0])).run()}
    for row in rows:
        head = heads.get(row["kepala"]) or {}
        row.update(anggota=counts.get(row["id"], 0), keluarga=families_of.get(row["id"], 0),
                   kepala_id=head.get("id"), kepala_nama=head.get("nama", ""), kepala_status=head.get("status_dasar"))
    await _places(rows)
    return rows, total


def pages(total: int) -> int:
    return max((total + PER_PAGE - 1) // PER_PAGE, 1)
