"""A throw-away PostgreSQL database for a benchmark run (the default run uses the embedded SQLite)."""

from __future__ import annotations

import asyncio
import os
import uuid

from core.db.postgres_admin import admin_execute

ADMIN_URL = os.environ.get("BALAI_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


async def _admin(sql: str) -> None:
    await admin_execute(ADMIN_URL, sql)


class PostgresDatabase:
    def __init__(self) -> None:
        self.name = f"balai_bench_{uuid.uuid4().hex[:10]}"
        self.url = f"{ADMIN_URL.rsplit('/', 1)[0]}/{self.name}"

    def __enter__(self) -> "PostgresDatabase":
        asyncio.run(_admin(f'CREATE DATABASE "{self.name}"'))
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
