"""Helpers shared by CLI commands: one booted Balai per process, run coroutines, fail clearly."""

from __future__ import annotations

import asyncio
import sys
from functools import lru_cache

import click

from core.runtime import Balai


@lru_cache(maxsize=1)
def booted() -> Balai:
    return Balai.boot()


class CommandContext:
    """What a CLI command passes where a request or a job's context is expected (``plugin_sdk.emit(ctx, ...)``)."""

    def __init__(self, balai: Balai):
        self._balai = balai

    async def emit(self, event: str, **kwargs):
        from core.plugin_host.events import emit_outside_request

        return await emit_outside_request(self._balai, event, **kwargs)


def fail(message: str, code: int = 1):
    click.echo(f"Galat: {message}", err=True)
    sys.exit(code)


def run(coro_fn):
    """Run `coro_fn(balai)` on a fresh loop and close the database connections afterwards."""
    balai = booted()

    async def wrapper():
        try:
            return await coro_fn(balai)
        finally:
            await balai.close()

    return asyncio.run(wrapper())


def run_job(kind: str, title: str, params: dict) -> dict:
    """Run a background job here, in this process, with a progress bar; its row when it ended well, otherwise a
    ClickException with the job's own message (a plugin's CLI command reuses the job its pages queue)."""
    from plugin_sdk.jobs import run_in_this_process

    balai = booted()
    with click.progressbar(length=100, label=title, show_percent=True) as bar:
        state = {"at": 0}

        def watch(done, total, message):
            if total:
                target = min(100, int(100 * done / total))
                bar.update(max(0, target - state["at"]))
                state["at"] = max(state["at"], target)

        async def go():
            try:
                return await run_in_this_process(balai, kind, title, params, watch)
            finally:
                await balai.close()

        row = asyncio.run(go())
        bar.update(100 - state["at"])
    if row["status"] != "selesai":
        raise click.ClickException(row["pesan"] or row["status"])
    click.echo(f"{title}: selesai dalam {(row['berakhir'] - row['mulai']).total_seconds():.2f} detik.")
    return row
