"""The hash chain: how an entry's hash is computed, appended and verified.

Each entry's hash covers its own fields and the previous entry's hash, and entries
are numbered 1, 2, 3 ... without gaps. Altering an entry breaks its hash; removing
one leaves a gap and breaks the next link; reordering breaks the links. Appending
happens inside a write transaction, which admits one writer at a time on both
engines, so the chain never forks even with several worker processes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from core.audit.tables import AuditEntri
from core.db.transaction import write_transaction

GENESIS = "0" * 64
CHAINED = ("nomor", "waktu", "pengguna_id", "pengguna", "aksi", "objek_jenis", "objek_id", "rincian", "ip")


def canonical_time(value: datetime | str) -> str:
    """One text form of a timestamp that survives a round trip through SQLite and PostgreSQL."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(previous: str, entry: dict) -> str:
    fields = {k: entry[k] for k in CHAINED}
    fields["waktu"] = canonical_time(fields["waktu"])
    payload = previous + json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


async def head() -> tuple[int, str]:
    """The newest entry's number and hash (0 and the genesis hash for an empty log)."""
    row = await AuditEntri.select(AuditEntri.nomor, AuditEntri.hash).order_by(
        AuditEntri.nomor, ascending=False).first().run()
    return (row["nomor"], row["hash"]) if row else (0, GENESIS)


async def append(entries: list[dict]) -> int:
    """Chain and store `entries` (dicts of the CHAINED fields minus nomor/hash). Joins an open transaction."""
    if not entries:
        return 0
    async with write_transaction():
        nomor, previous = await head()
        rows = []
        for entry in entries:
            nomor += 1
            waktu = entry.get("waktu") or datetime.now(timezone.utc)
            full = {
                "nomor": nomor,
                "waktu": datetime.fromisoformat(canonical_time(waktu).replace("Z", "+00:00")),
                "pengguna_id": entry.get("pengguna_id"),
                "pengguna": entry.get("pengguna") or "",
                "aksi": entry["aksi"],
                "objek_jenis": entry.get("objek_jenis") or "",
                "objek_id": str(entry.get("objek_id") or ""),
                "rincian": json.dumps(entry.get("rincian") or {}, sort_keys=True, ensure_ascii=False, default=str),
                "ip": entry.get("ip") or "",
            }
            full["hash_sebelum"] = previous
            full["hash"] = previous = entry_hash(previous, full)
            rows.append(AuditEntri(**full))
        await AuditEntri.insert(*rows).run()
    return len(rows)


@dataclass
class Problem:
    nomor: int
    masalah: str


async def verify(batch: int = 2000) -> tuple[int, list[Problem]]:
    """Walk the whole chain; return the number of entries checked and every problem found."""
    problems: list[Problem] = []
    expected_nomor, previous = 1, GENESIS
    checked = 0
    last = 0
    while True:
        rows = await AuditEntri.select().where(AuditEntri.nomor > last).order_by(AuditEntri.nomor).limit(batch).run()
        if not rows:
            break
        for row in rows:
            checked += 1
            if row["nomor"] != expected_nomor:
                problems.append(Problem(row["nomor"], f"entri {expected_nomor}..{row['nomor'] - 1} hilang"))
            if row["hash_sebelum"] != previous:
                problems.append(Problem(row["nomor"], "tautan ke entri sebelumnya putus (dihapus atau diubah urutannya)"))
            if entry_hash(row["hash_sebelum"], row) != row["hash"]:
                problems.append(Problem(row["nomor"], "isi entri diubah"))
            previous, expected_nomor, last = row["hash"], row["nomor"] + 1, row["nomor"]
    return checked, problems
