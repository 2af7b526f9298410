"""The hub's job queue on Redis (BALAI_ANTREAN_URL): a job queued by a page runs through Redis; a nagari keeps its file.

The Redis test needs the `redis` package and a server (CI has both: 127.0.0.1:6379, or BALAI_TEST_REDIS_URL); it
skips without them. Each xdist worker takes its own Redis database, so two workers never take each other's jobs.
"""

import dataclasses
import os
import socket
import types
from importlib.metadata import entry_points
from importlib.util import find_spec
from urllib.parse import urlsplit

import huey.storage
import pytest
from huey import RedisHuey, SqliteHuey

from core.tugas import antrean
from core.tugas.tables import Tugas
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync
from tests.conftest import fixture_entry_point as ep

REDIS_URL = os.environ.get("BALAI_TEST_REDIS_URL", "redis://127.0.0.1:6379")


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("hitung")]


@pytest.fixture
def balai_plugins():
    return ["hitung"]


def with_queue_url(settings, url: str):
    """The settings with BALAI_ANTREAN_URL set (a plain copy while Settings has no such field yet)."""
    if any(f.name == "antrean_url" for f in dataclasses.fields(settings)):
        return dataclasses.replace(settings, antrean_url=url)
    return types.SimpleNamespace(**vars(settings), antrean_url=url)


def redis_reachable() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_url(worker_id):
    if find_spec("redis") is None:
        pytest.skip("pustaka Python redis tidak terpasang")
    if not redis_reachable():
        pytest.skip(f"Redis tidak terjangkau di {REDIS_URL}")
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    return urlsplit(REDIS_URL)._replace(path=f"/{15 - number % 8}").geturl()


def start(client) -> str:
    answer = post_form(client, "/admin/hitung", {"sampai": "7"}, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:300]
    return answer.headers["location"].rsplit("/", 1)[1]


def status(kode: str) -> dict:
    return run_sync(Tugas.select(Tugas.status, Tugas.pesan, Tugas.selesai_n).where(Tugas.kode == kode).first().run())


def test_a_job_goes_through_redis_from_the_page_to_the_worker(balai, redis_url, admin_client):
    balai.settings = with_queue_url(balai.settings, redis_url)
    queue, _ = antrean.queue_of(balai)
    assert isinstance(queue, RedisHuey)
    queue.flush()  # what an earlier, interrupted run left
    try:
        kode = start(admin_client)
        assert queue.pending_count() == 1  # on Redis, where every app server's worker can take it
        assert not (balai.settings.data_dir / "tugas.sqlite").exists()
        assert status(kode)["status"] == "antri"
        assert run_sync(run_pending(balai)) == 1
        assert status(kode) == {"status": "selesai", "pesan": "", "selesai_n": 7}
        assert queue.pending_count() == 0
    finally:
        queue.flush()


def test_a_nagari_keeps_its_queue_in_the_data_folder(balai, admin_client):
    queue, _ = antrean.queue_of(balai)
    assert isinstance(queue, SqliteHuey)
    kode = start(admin_client)
    assert (balai.settings.data_dir / "tugas.sqlite").exists() and queue.pending_count() == 1
    assert run_sync(run_pending(balai)) == 1 and status(kode)["status"] == "selesai"


def test_redis_without_its_library_says_what_to_do_and_queues_nothing(balai, admin_client, monkeypatch):
    monkeypatch.setattr(huey.storage, "Redis", None)  # as huey is when redis-py is not installed
    balai.settings = with_queue_url(balai.settings, "redis://127.0.0.1:6379/14")
    antrean.queue.cache_clear()
    with pytest.raises(antrean.QueueUnavailable, match="butuh pustaka Python `redis`"):
        run_sync(antrean.enqueue(balai, "hitung.sampai", "Menghitung", {"sampai": 3}, None))
    assert run_sync(Tugas.count().run()) == 0  # no job left waiting for a queue that never got it
    antrean.queue.cache_clear()


def test_an_unreachable_redis_fails_the_job_with_a_message(balai, monkeypatch):
    if find_spec("redis") is None:
        pytest.skip("pustaka Python redis tidak terpasang")
    balai.settings = with_queue_url(balai.settings, "redis://127.0.0.1:1/0")  # nothing listens on port 1
    with pytest.raises(antrean.QueueUnavailable):
        run_sync(antrean.enqueue(balai, "hitung.sampai", "Menghitung", {"sampai": 3}, None))
    row = run_sync(Tugas.select(Tugas.status, Tugas.pesan).first().run())
    assert row == {"status": "gagal", "pesan": "Antrean pekerja latar tidak bisa dihubungi; coba lagi nanti."}
