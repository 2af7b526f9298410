"""Login throttling per IP address and per account, with growing delays.

Not a lock: anyone who knows a username could lock a real user out. After a few
free attempts each further failure doubles the wait (1, 2, 4 ... s, at most 15 min);
a successful login clears the account's count.
"""

from __future__ import annotations

from datetime import datetime, timezone

from core.db.transaction import write_transaction
from core.tables import PercobaanMasuk

FREE_ATTEMPTS = 3
MAX_DELAY = 15 * 60


def delay_for(failures: int) -> int:
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY)


def keys_for(ip: str, username: str) -> list[str]:
    return [f"ip:{ip}", f"akun:{username.strip().lower()}"]


async def seconds_to_wait(keys: list[str], now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    rows = await PercobaanMasuk.select().where(PercobaanMasuk.kunci.is_in(keys)).run()
    wait = 0
    for row in rows:
        last = row["terakhir"] if row["terakhir"].tzinfo else row["terakhir"].replace(tzinfo=timezone.utc)
        wait = max(wait, delay_for(row["gagal"]) - int((now - last).total_seconds()))
    return max(wait, 0)


async def record_failure(keys: list[str]) -> None:
    now = datetime.now(timezone.utc)
    async with write_transaction():
        for key in keys:
            updated = await PercobaanMasuk.update({PercobaanMasuk.gagal: PercobaanMasuk.gagal + 1,
                                                   PercobaanMasuk.terakhir: now}).where(
                PercobaanMasuk.kunci == key).returning(PercobaanMasuk.id).run()
            if not updated:
                await PercobaanMasuk.insert(PercobaanMasuk(kunci=key, gagal=1, terakhir=now)).run()


async def clear(key: str) -> None:
    await PercobaanMasuk.delete().where(PercobaanMasuk.kunci == key).run()


def wait_message(seconds: int) -> str:
    if seconds >= 60:
        return f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {seconds // 60 + 1} menit."
    return f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {seconds} detik."
