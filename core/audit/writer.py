"""A per-process writer that batches view entries, so a page view is not a serialised write.

Changes are logged synchronously inside the change's own transaction (see log.py);
only views go through this queue. Appends are serialised by the write transaction,
so several processes each with their own writer still produce one unbroken chain.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from pathlib import Path

from core.audit.chain import append
from core.audit.heads import sign_today

log = logging.getLogger("balai.audit")


class AuditWriter:
    def __init__(self, data_dir: Path, interval: float = 0.25, max_batch: int = 500):
        self.data_dir = data_dir
        self.interval = interval
        self.max_batch = max_batch
        self._pending: list[dict] = []
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task | None = None
        self._signed_on: date | None = None
        self._stopping = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="balai-audit-writer")

    def enqueue(self, entry: dict) -> None:
        self._pending.append(entry)
        if len(self._pending) >= self.max_batch:
            self._wake.set()

    async def flush(self) -> int:
        async with self._lock:
            batch, self._pending = self._pending, []
            if not batch:
                return 0
            try:
                return await append(batch)
            except Exception:
                log.exception("log audit gagal ditulis; dicoba lagi")
                self._pending[:0] = batch  # keep them for the next round, in order
                return 0

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            await self.flush()
            if self._signed_on != date.today():
                try:
                    await sign_today(self.data_dir)
                    self._signed_on = date.today()
                except Exception:
                    log.exception("kepala log audit gagal ditandatangani")

    async def stop(self) -> None:
        # Ask the loop to finish instead of cancelling it: a task cancelled while committing would
        # never hand its pooled connection back, and closing the pool would then wait forever.
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
        await self.flush()
