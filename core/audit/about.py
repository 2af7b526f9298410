"""What the office did with one resident's record, read back for that resident (UU 27/2022: the right to know).

An entry is about the resident when it names them as its object (``objek_jenis`` ``penduduk`` or ``penduduk.*``,
``objek_id`` their id: views of the record and its documents, changes, journal entries, PINs), or when it is about
one other object and names them in its details as ``"penduduk": <id>`` (a letter made for them, its archive page).
Only entries by a staff account count: the resident's own logins and views are theirs, not the office's.

The second kind is found by a text match on the details, which no index serves: measured with 200,000 entries,
a page takes 0.1-0.3 s on SQLite and on PostgreSQL (the first kind alone, by its index, ~10 ms). A resident opens
this page rarely; a column of its own for the resident would make it an index lookup if logs grow much larger.
An entry about many people (an export, a list) names none of them and is not shown.
"""

from __future__ import annotations

import json

from core.audit.tables import AuditEntri
from core.tables import Pengguna

MAX_BATCH = 100


def _named(penduduk_id: int):
    """Details naming the resident as ``"penduduk": <id>``, as `chain.append` writes JSON (sorted, ", " and ": ")."""
    text = AuditEntri.rincian
    return (text.like(f'%"penduduk": {penduduk_id},%') | text.like(f'%"penduduk": {penduduk_id}}}%')
            | text.like(f'%"penduduk": "{penduduk_id}"%'))


async def about_resident(penduduk_id: int, *, mulai: int = 0, batas: int = 20) -> tuple[list[dict], bool]:
    """Staff entries about the resident, newest first, from `mulai`; and whether there are more after these.

    Each entry: ``waktu`` (aware datetime), ``aksi``, ``objek_jenis``, ``rincian`` (dict), ``petugas`` (the staff
    member's full name) and ``peran`` (their role's name today). No ids, IP addresses or usernames.
    Meant for the resident's own page; give them nothing but their own id. Staff read the log at /admin/audit.
    """
    batas = max(1, min(int(batas), MAX_BATCH))
    own = (AuditEntri.objek_id == str(penduduk_id)) & (
        (AuditEntri.objek_jenis == "penduduk") | AuditEntri.objek_jenis.like("penduduk.%"))
    other = (AuditEntri.objek_id != "") & (AuditEntri.objek_jenis != "penduduk") & _named(penduduk_id)
    rows = await AuditEntri.select(
        AuditEntri.waktu, AuditEntri.pengguna_id, AuditEntri.aksi, AuditEntri.objek_jenis, AuditEntri.rincian,
    ).where((own | other) & AuditEntri.pengguna_id.is_not_null()).order_by(
        AuditEntri.nomor, ascending=False).offset(max(0, int(mulai))).limit(batas + 1).run()
    more = len(rows) > batas
    rows = rows[:batas]
    ids = sorted({r["pengguna_id"] for r in rows})
    staff = {u["id"]: u for u in await Pengguna.select(
        Pengguna.id, Pengguna.nama, Pengguna.peran.nama.as_alias("peran")).where(Pengguna.id.is_in(ids)).run()} \
        if ids else {}
    entries = []
    for row in rows:
        who = staff.get(row["pengguna_id"], {})
        try:
            details = json.loads(row["rincian"] or "{}")
        except ValueError:
            details = {}
        entries.append({"waktu": row["waktu"], "aksi": row["aksi"], "objek_jenis": row["objek_jenis"],
                        "rincian": details if isinstance(details, dict) else {},
                        "petugas": who.get("nama") or "Petugas", "peran": who.get("peran") or ""})
    return entries, more
