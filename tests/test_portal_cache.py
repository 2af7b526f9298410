"""The public website's page cache (core/web/cache_publik.py, plugin_sdk.PageCache): what a hit costs, when pages are rebuilt."""

from __future__ import annotations

import asyncio
import time

import pytest

from plugin_sdk import public_changed, write_transaction
from plugin_sdk.testing import run_sync
from core.web import cache_publik as cache_mod
from plugin_sdk import PageCache


class FakeRequest:
    """What the cache reads of a request: the enabled set (as the guard left it) and the app's profile."""

    def __init__(self, balai, headers=None):
        self.headers = headers or {}
        self.state = {"enabled": frozenset({"portal"})}
        self.app = type("App", (), {"state": type("S", (), {"balai": balai})})()


@pytest.fixture(autouse=True)
def enabled_from_state(monkeypatch):
    async def enabled(connection):
        return connection.state["enabled"]
    monkeypatch.setattr(cache_mod, "enabled_plugins", enabled)


def built_counter():
    calls = []

    async def build():
        calls.append(1)
        await asyncio.sleep(0)
        return f"<p>halaman {len(calls)}</p>", 200
    return calls, build


def test_a_hit_reads_nothing_and_a_change_is_seen_within_the_check_interval(balai, monkeypatch):
    reads = []
    real = cache_mod.public_version

    async def counted():
        reads.append(1)
        return await real()
    monkeypatch.setattr(cache_mod, "public_version", counted)
    pages, request = PageCache(), FakeRequest(balai)
    calls, build = built_counter()

    async def views(n):
        return [await pages.answer(request, ("beranda",), build) for _ in range(n)]
    answers = run_sync(views(200))
    assert len(calls) == 1 and len(reads) == 1  # 200 views, one build, one look at the version
    assert {a.content for a in answers} == {b"<p>halaman 1</p>"}

    async def publish():
        async with write_transaction():
            await public_changed()
    run_sync(publish)
    run_sync(views(5))
    assert len(calls) == 1  # within CHECK_EVERY the worker keeps what it has...
    pages.checked -= cache_mod.CHECK_EVERY
    assert run_sync(views(1))[0].content == b"<p>halaman 2</p>" and len(calls) == 2  # ...and then rebuilds


def test_profile_or_plugin_change_rebuilds_at_once(balai):
    pages, request = PageCache(), FakeRequest(balai)
    calls, build = built_counter()
    run_sync(pages.answer(request, ("beranda",), build))
    run_sync(balai.save_profile({"nama": "Nama Baru"}))
    run_sync(pages.answer(request, ("beranda",), build))
    assert len(calls) == 2
    request.state["enabled"] = frozenset({"portal", "statistik"})
    run_sync(pages.answer(request, ("beranda",), build))
    assert len(calls) == 3


def test_visitors_arriving_together_share_one_build_and_errors_are_not_kept(balai):
    pages, request = PageCache(), FakeRequest(balai)
    calls, build = built_counter()

    async def crowd():
        return await asyncio.gather(*(pages.answer(request, ("beranda",), build) for _ in range(20)))
    assert len(run_sync(crowd)) == 20 and len(calls) == 1

    failures = []

    async def broken():
        failures.append(1)
        raise RuntimeError("rusak")
    for _ in range(2):
        with pytest.raises(RuntimeError):
            run_sync(pages.answer(request, ("rusak",), broken))
    assert len(failures) == 2 and ("rusak",) not in pages.pages


def test_etag_and_last_modified_revalidate_and_the_cache_is_bounded(balai, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_PAGES", 3)
    pages = PageCache()
    calls, build = built_counter()
    first = run_sync(pages.answer(FakeRequest(balai), ("a",), build))
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = run_sync(pages.answer(FakeRequest(balai, {"if-none-match": f'W/{etag}, "lain"'}), ("a",), build))
    assert again.status_code == 304 and again.content == b""
    assert run_sync(pages.answer(FakeRequest(balai, {"if-modified-since": modified}), ("a",), build)).status_code == 304
    old = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() - 3600))
    assert run_sync(pages.answer(FakeRequest(balai, {"if-modified-since": old}), ("a",), build)).status_code == 200
    for key in ("b", "c", "d", "e"):
        run_sync(pages.answer(FakeRequest(balai), (key,), build))
    assert list(pages.pages) == [("c",), ("d",), ("e",)]
