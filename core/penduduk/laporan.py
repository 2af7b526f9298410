"""Journal movements for the monthly report (Buku Rekapitulasi B.3): counted by the database, month by month.

`monthly_movements(month)` says how the population changed, per place, sex and citizenship, before a month
and within it, by the journal's `bulan_laporan` (so a closed month keeps its figures and a late entry counts
in the first open month). Every entry is a movement of +1 or -1 in one cell (place, sex, citizenship):

- arrivals (pendataan_awal, lahir, pindah_masuk) +1, leavings (mati, pindah_keluar, hilang, pergi) -1, in the
  cell the entry was written under; these are most of the journal and are summed by one GROUP BY in SQL;
- the few entries that move a person between cells or back into the register (a `koreksi` of sex,
  citizenship or place, `pindah_dalam_nagari`, `perubahan_kk` to a family elsewhere, a `pembatalan`) give -1
  in the cell before and +1 in the cell after; they are read one by one (their `rincian` says the change);
- an entry cancelled within its own report month counts neither itself nor its cancellation.

Plain rows; the scope of the current user applies (a cell outside it is left out).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from core.penduduk import lingkup
from core.penduduk.bulan import closed_until
from core.penduduk.jurnal import LEAVING
from core.penduduk.kueri import places_at
from core.penduduk.pendaftaran import ARRIVING
from core.penduduk.tables import Peristiwa

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: Entries that may move a person between cells; the others are a plain +1 or -1.
SHIFTING = ("koreksi", "pindah_dalam_nagari", "perubahan_kk", "pembatalan")
COUNTED = ("wilayah", "jenis_kelamin", "kewarganegaraan", "status_dasar")
# Written as NOT EXISTS so PostgreSQL plans anti-joins: as NOT (x AND EXISTS ...) they were per-row subplans whose
# estimated cost set off its JIT compiler, 350 ms of compiling for a 20 ms query.
_CANCELLED_SAME_MONTH = (
    "NOT EXISTS (SELECT 1 FROM balai_peristiwa c WHERE e.dibatalkan = TRUE AND c.membatalkan = e.id"
    " AND c.bulan_laporan = e.bulan_laporan)")
_SAME_MONTH_PAIR = (
    f"{_CANCELLED_SAME_MONTH} AND NOT EXISTS (SELECT 1 FROM balai_peristiwa t WHERE e.jenis = 'pembatalan'"
    " AND t.id = e.membatalkan AND t.bulan_laporan = e.bulan_laporan)")


def _quoted(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _late_sql(engine: str) -> str:
    # SQLite keeps dates as ISO text: its first 7 characters are the month, cheaper than strftime on every entry
    own = ("to_char(e.tanggal_peristiwa, 'YYYY-MM')" if engine == "postgres"
           else "substr(e.tanggal_peristiwa, 1, 7)")
    return f"CASE WHEN {own} < e.bulan_laporan THEN 1 ELSE 0 END"


async def _simple(month: str, lowest: str) -> list[dict]:
    engine = Peristiwa._meta.db.engine_type
    sql = (f"SELECT CASE WHEN e.bulan_laporan < '{month}' THEN 'sebelum' ELSE 'bulan' END AS periode, e.jenis,"
           f" e.wilayah_id, e.jenis_kelamin, e.kewarganegaraan, {_late_sql(engine)} AS terlambat,"
           f" COUNT(*) AS jumlah FROM balai_peristiwa e"
           f" WHERE e.bulan_laporan <= '{month}' AND e.bulan_laporan >= '{lowest}'"
           f" AND e.jenis IN ({_quoted((*ARRIVING, *LEAVING))})"  # no pembatalan: half the pair is enough
           f" AND {_CANCELLED_SAME_MONTH} GROUP BY 1, 2, 3, 4, 5, 6")
    return await Peristiwa.raw(sql).run()


async def _shifting(month: str, lowest: str) -> list[dict]:
    touches = " OR ".join(f"e.rincian LIKE '%\"{k}\"%'" for k in COUNTED)
    sql = (f"SELECT e.id, e.penduduk, e.jenis, e.bulan_laporan, e.wilayah_id, e.jenis_kelamin, e.kewarganegaraan,"
           f" e.rincian, e.membatalkan FROM balai_peristiwa e WHERE e.bulan_laporan <= '{month}'"
           f" AND e.bulan_laporan >= '{lowest}'"
           f" AND e.jenis IN ({_quoted(SHIFTING)}) AND ({touches}) AND {_SAME_MONTH_PAIR} ORDER BY e.id")
    return await Peristiwa.raw(sql).run()


async def _presence(people: set[int]) -> dict[int, list[tuple[int, bool]]]:
    """For each person, (entry id, present after it) for every entry that changed their presence, in order."""
    if not people:
        return {}
    out: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    ids = sorted(people)
    for start in range(0, len(ids), 900):
        chunk = ", ".join(map(str, ids[start:start + 900]))
        rows = await Peristiwa.raw(
            f"SELECT id, penduduk, jenis, rincian FROM balai_peristiwa WHERE penduduk IN ({chunk})"
            f" AND jenis IN ({_quoted((*ARRIVING, *LEAVING, 'pembatalan'))}) ORDER BY id").run()
        for row in rows:
            if row["jenis"] in ARRIVING:
                out[row["penduduk"]].append((row["id"], True))
            elif row["jenis"] in LEAVING:
                out[row["penduduk"]].append((row["id"], False))
            else:
                after = json.loads(row["rincian"] or "{}").get("sesudah") or {}
                if "status_dasar" in after:
                    out[row["penduduk"]].append((row["id"], int(after["status_dasar"]) == 1))
    return out


def _present_before(history: list[tuple[int, bool]], entry_id: int) -> bool:
    present = False
    for eid, state in history:
        if eid >= entry_id:
            break
        present = state
    return present


async def monthly_movements(month: str, *, level: int | None = 1, only_month: bool = False) -> dict[str, list[dict]]:
    """How the register moved before `month` ("YYYY-MM") and within it, by report month.

    Returns ``{"sebelum": rows, "bulan": rows}``; a row is ``{"jenis", "arah" (+1/-1), "wilayah" (rolled up to
    `level`: 1 jorong, 2 RW, 3 RT; None leaves the recorded place), "jenis_kelamin", "kewarganegaraan",
    "terlambat" (True: the event happened in an earlier month than it counts in), "membatalkan" (the kind a
    `pembatalan` cancels, else None), "jumlah"}``. Summing ``arah * jumlah`` over "sebelum" gives the population
    at the start of the month, over both its end, per cell. `only_month`: leave "sebelum" empty (cheaper: only
    the month's own entries are read, e.g. for a dashboard card).
    """
    if not MONTH.match(month or ""):
        raise ValueError("bulan harus berbentuk TTTT-BB")
    up = await places_at(level) if level is not None else None
    scope = lingkup.current()
    totals: dict[tuple, int] = defaultdict(int)

    def add(periode, jenis, arah, wilayah, jk, kwn, terlambat, jumlah, membatalkan=None):
        if scope is not None and wilayah not in scope.ids:
            return
        place = up.get(wilayah) if up is not None and wilayah is not None else wilayah
        totals[(periode, jenis, arah, place, jk, kwn, bool(terlambat), membatalkan)] += int(jumlah)

    lowest = month if only_month else ""
    for row in await _simple(month, lowest):
        arah = 1 if row["jenis"] in ARRIVING else -1
        add(row["periode"], row["jenis"], arah, row["wilayah_id"], row["jenis_kelamin"], row["kewarganegaraan"],
            row["terlambat"], row["jumlah"])
    shifting = await _shifting(month, lowest)
    cancelled = {r["membatalkan"] for r in shifting if r["membatalkan"] is not None}
    kinds = {}
    if cancelled:
        rows = await Peristiwa.select(Peristiwa.id, Peristiwa.jenis).where(Peristiwa.id.is_in(sorted(cancelled))).run()
        kinds = {r["id"]: r["jenis"] for r in rows}
    unknown = set()
    for row in shifting:
        rincian = json.loads(row["rincian"] or "{}")
        if "status_dasar" not in (rincian.get("sebelum") or {}) or "status_dasar" not in (rincian.get("sesudah") or {}):
            unknown.add(row["penduduk"])
    histories = await _presence(unknown)
    for row in shifting:
        rincian = json.loads(row["rincian"] or "{}")
        before, after = rincian.get("sebelum") or {}, rincian.get("sesudah") or {}
        cell = {"wilayah": row["wilayah_id"], "jenis_kelamin": row["jenis_kelamin"],
                "kewarganegaraan": row["kewarganegaraan"]}
        moved = {**cell, **{k: after[k] for k in cell if k in after}}
        present = None
        if "status_dasar" not in before or "status_dasar" not in after:
            present = _present_before(histories.get(row["penduduk"], []), row["id"])
        was = int(before["status_dasar"]) == 1 if "status_dasar" in before else present
        now = int(after["status_dasar"]) == 1 if "status_dasar" in after else present
        if was == now and (not now or moved == cell):
            continue
        periode = "sebelum" if row["bulan_laporan"] < month else "bulan"
        of = kinds.get(row["membatalkan"])
        if was:
            add(periode, row["jenis"], -1, cell["wilayah"], cell["jenis_kelamin"], cell["kewarganegaraan"], 0, 1, of)
        if now:
            add(periode, row["jenis"], 1, moved["wilayah"], int(moved["jenis_kelamin"]),
                int(moved["kewarganegaraan"]), 0, 1, of)
    out: dict[str, list[dict]] = {"sebelum": [], "bulan": []}
    for (periode, jenis, arah, place, jk, kwn, terlambat, membatalkan), n in sorted(
            totals.items(), key=lambda item: tuple(str(v) for v in item[0])):
        if n:
            out[periode].append({"jenis": jenis, "arah": arah, "wilayah": place, "jenis_kelamin": jk,
                                 "kewarganegaraan": kwn, "terlambat": terlambat, "membatalkan": membatalkan,
                                 "jumlah": n})
    return out


async def journal_closed_until() -> str | None:
    """The last closed report month ("YYYY-MM"), or None when no month has been closed."""
    return await closed_until()


async def first_month() -> str | None:
    """The earliest report month in the journal (when the register began), or None for an empty one."""
    row = await Peristiwa.raw("SELECT MIN(bulan_laporan) AS bulan FROM balai_peristiwa WHERE bulan_laporan <> ''").run()
    return row[0]["bulan"] if row and row[0]["bulan"] else None


async def families_at(month: str, *, level: int | None = 1) -> dict:
    """Families with at least one member in the register at the start of `month` ("YYYY-MM"), by the journal's
    report months, per place of the family card (rolled up to `level`): ``{place: count}``.

    A person counts with the family card they hold now (family changes are not replayed)."""
    if not MONTH.match(month or ""):
        raise ValueError("bulan harus berbentuk TTTT-BB")
    presence = (f"(e.jenis IN ({_quoted((*ARRIVING, *LEAVING))}) OR (e.jenis = 'pembatalan'"
                f" AND e.rincian LIKE '%\"status_dasar\"%'))")
    # Present: their latest presence entry before the month (by id) is not a leaving one. One GROUP BY over the
    # journal, the flag riding in the last bit of id * 2 + flag (a subquery per resident was 70-100 ms at 20,000).
    # "<> 0" rather than "= 1": PostgreSQL then expects most residents to pass, and hash-joins them.
    latest = (f"MAX(CAST(e.id AS BIGINT) * 2 + CASE WHEN e.jenis IN ({_quoted(LEAVING)}) THEN 0 ELSE 1 END) % 2")
    # The families as a set (IN) rather than COUNT(DISTINCT) over the members: no sort of every member, 15 % faster.
    sql = (f"SELECT k.wilayah AS wilayah, COUNT(*) AS jumlah FROM balai_keluarga k WHERE k.id IN (SELECT p.keluarga"
           f" FROM (SELECT e.penduduk AS penduduk FROM balai_peristiwa e WHERE e.bulan_laporan < '{month}'"
           f" AND {presence} GROUP BY e.penduduk HAVING {latest} <> 0) l JOIN balai_penduduk p ON p.id = l.penduduk)")
    scope = lingkup.current()
    if scope is not None:
        sql += f" AND k.wilayah IN ({', '.join(map(str, sorted(scope.ids))) or '0'})"
    sql += " GROUP BY k.wilayah"
    rows = await Peristiwa.raw(sql).run()
    up = await places_at(level) if level is not None else None
    out: dict = defaultdict(int)
    for row in rows:
        place = up.get(row["wilayah"]) if up is not None and row["wilayah"] is not None else row["wilayah"]
        out[place] += int(row["jumlah"])
    return dict(out)
