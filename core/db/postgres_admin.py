"""One statement on a PostgreSQL server's admin database: making and dropping throw-away databases
for tests and benchmarks."""

from __future__ import annotations


async def admin_execute(admin_url: str, sql: str) -> None:
    import asyncpg  # only needed where PostgreSQL is in use

    connection = await asyncpg.connect(admin_url, timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()
