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
