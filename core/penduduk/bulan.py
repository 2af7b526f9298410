"""Reporting months: once a month is reported and closed, later entries count in the first open month.

The monthly report (B.3 Rekapitulasi) reads `bulan_laporan`, so a birth reported late
never changes the figures a closed month already sent to the Camat.
"""

from __future__ import annotations

import re
from datetime import date

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk.formulir import FormErrors
from core.plugin_host.settings import get_value, set_values
from core.profil.waktu import today as nagari_today

CLOSED_KEY = "jurnal.ditutup_sampai"
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


async def closed_until() -> str | None:
    return await get_value(CLOSED_KEY)


async def report_month(day: date) -> str:
    closed = await closed_until()
    own = month_of(day)
    return next_month(closed) if closed and own <= closed else own


async def close_month(month: str, *, actor: dict, connection=None, today: date | None = None) -> None:
    """Close every month up to and including `month` (which must have ended)."""
    today = today or nagari_today()
    if not MONTH.match(month or ""):
        raise FormErrors({"bulan": "Bulan harus berbentuk TTTT-BB, mis. 2026-10."})
    if month >= month_of(today):
        raise FormErrors({"bulan": "Hanya bulan yang sudah lewat yang bisa ditutup."})
    async with write_transaction():
        closed = await closed_until()
        if closed and month <= closed:
            raise FormErrors({"bulan": f"Bulan sampai {closed} sudah ditutup."})
        await set_values({CLOSED_KEY: month})
        await log_change(connection, "tutup_bulan", "jurnal", month, {"sebelumnya": closed}, user=actor)
