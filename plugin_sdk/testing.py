"""pytest fixtures for Balai and for plugin authors.

Load them from a ``conftest.py``::

    pytest_plugins = ["plugin_sdk.testing"]

    @pytest.fixture
    def balai_plugins():
        return ["adat"]          # the plugins to enable besides the built-in ones

    def test_page(admin_client):
        assert admin_client.get("/admin/adat").status_code == 200

Each test gets a fresh database: a temporary SQLite file, and also a throw-away
PostgreSQL database when ``BALAI_TEST_POSTGRES`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) answers. With ``CI=true`` an
unreachable PostgreSQL fails the run instead of skipping it.
"""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from typing import Any, Awaitable, Callable

import pytest

ADMIN_USER = "admin"
ADMIN_PASSWORD = "rahasia-uji-1"
POSTGRES_ADMIN = os.environ.get("BALAI_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
ENGINES = [e.strip() for e in os.environ.get("BALAI_TEST_ENGINES", "sqlite,postgres").split(",") if e.strip()]

_loop: asyncio.AbstractEventLoop | None = None
_portals: list = []  # the event loops of the open test clients, innermost last


async def _await(awaitable: Awaitable) -> Any:
    return await awaitable


def run_sync(awaitable_or_fn: Awaitable | Callable[[], Awaitable], *args) -> Any:
    """Run a coroutine from a synchronous test.

    While a test client is open the coroutine runs on the app's own event loop: the app's
    locks, queues and connections belong to that loop, and touching them from a second loop
    can hang a test forever (an asyncio.Lock woken from another thread never wakes).
    Otherwise it runs on one loop kept for the whole session.
    """
    global _loop
    coro = awaitable_or_fn(*args) if callable(awaitable_or_fn) else awaitable_or_fn
    if _portals:
        return _portals[-1].call(_await, coro)
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
    return _loop.run_until_complete(coro)


async def _pg_admin(sql: str) -> None:
    from core.db.postgres_admin import admin_execute

    await admin_execute(POSTGRES_ADMIN, sql)


def _postgres_available() -> str | None:
    try:
        run_sync(_pg_admin("SELECT 1"))
        return None
    except Exception as exc:  # the reason goes into the skip message
        return f"{type(exc).__name__}: {exc}"


def pytest_configure(config):
    """Passwords hashed with argon2's cheapest settings in tests: the hash is still argon2 and checked the same
    way, but a login costs a millisecond instead of ~0.1 s of CPU (servers started by a test keep the real ones)."""
    from argon2 import PasswordHasher

    from core.identity import passwords

    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    passwords.dummy_hash.cache_clear()


def _dropper():
    """Drops finished tests' PostgreSQL databases on a thread of its own, so no test waits for it."""
    import queue
    import threading

    global _drops
    if _drops is None:
        _drops = queue.Queue()

        def work():
            loop = asyncio.new_event_loop()
            while (name := _drops.get()) is not None:
                try:
                    loop.run_until_complete(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                except Exception:  # a database left behind is only disk space; the next run does not see it
                    pass
                _drops.task_done()
            _drops.task_done()

        threading.Thread(target=work, name="hapus-basis-data-uji", daemon=True).start()
    return _drops


_drops = None


def pytest_sessionfinish(session, exitstatus):
    if _drops is not None:
        _drops.put(None)
        _drops.join()


@pytest.fixture(params=ENGINES)
def balai_database_url(request, tmp_path):
    """A URL to an empty database; parametrised over SQLite and PostgreSQL.

    For the `balai` fixture with the installed plugins the database is a copy of a migrated template instead
    (`_Templates`): made here straight from the template, so PostgreSQL creates one database, not two."""
    from_template = "balai" in request.fixturenames and request.getfixturevalue("balai_entry_points") is None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'uji.sqlite'}"
        if from_template:
            request.getfixturevalue("_balai_templates").clone(url)
        yield url
        return
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL wajib di CI tetapi tidak tersedia: {problem}")
        pytest.skip(f"PostgreSQL tidak tersedia: {problem}")
    name = f"balai_uji_{uuid.uuid4().hex[:12]}"
    template = request.getfixturevalue("_balai_templates").postgres() if from_template else None
    run_sync(_pg_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    base = POSTGRES_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        _dropper().put(name)


@pytest.fixture
def balai_plugins() -> list[str]:
    """Override to name the plugins to enable (besides the built-in ones)."""
    return []


@pytest.fixture
def balai_entry_points():
    """Override with a list of ``importlib.metadata.EntryPoint`` to replace discovery (None: the real ones)."""
    return None


def _settings(data_dir, database_url):
    from core.settings import Settings

    return Settings(data_dir=data_dir, database_url=database_url, secret_key="uji-" + "x" * 40,
                    public_url="http://testserver.local")


async def _migrated(instance) -> None:
    from core.identity.users import create_user

    await instance.migrate()
    await create_user(ADMIN_USER, "Admin Uji", ADMIN_PASSWORD, "administrator")


class _Templates:
    """A migrated database with the administrator, built once per worker and engine and copied for each test.

    Migrating every plugin costs ~2.6 s a test on PostgreSQL (~0.5 s on SQLite); copying a template costs a tenth
    of that. Only for the installed plugins (a test naming its own entry points migrates its own database).
    """

    def __init__(self, folder):
        self.folder = folder
        self.ready: dict[str, str] = {}

    def clone(self, database_url: str) -> None:
        """Copy the SQLite template to `database_url`'s file."""
        import shutil

        template = self._ready("sqlite")
        target = database_url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(template + suffix):
                shutil.copyfile(template + suffix, target + suffix)

    def postgres(self) -> str:
        """The name of the PostgreSQL template database (CREATE DATABASE ... TEMPLATE it)."""
        return self._ready("postgres")

    def _ready(self, engine: str) -> str:
        if engine not in self.ready:
            self.ready[engine] = self._build(engine)
        return self.ready[engine]

    def _build(self, engine: str) -> str:
        from core.plugin_host.host import PluginHost
        from core.runtime import Balai

        if engine == "sqlite":
            path = str(self.folder / "templat.sqlite")
            url = f"sqlite:///{path}"
        else:
            path = f"balai_templat_{uuid.uuid4().hex[:12]}"
            run_sync(_pg_admin(f'CREATE DATABASE "{path}"'))
            url = f"{POSTGRES_ADMIN.rsplit('/', 1)[0]}/{path}"
        instance = Balai.boot(settings=_settings(self.folder, url), host=PluginHost(eps=None).discover())
        try:
            run_sync(_migrated(instance))
        finally:
            run_sync(instance.close)
        return path

    def drop(self) -> None:
        if "postgres" in self.ready:
            run_sync(_pg_admin(f'DROP DATABASE IF EXISTS "{self.ready["postgres"]}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def _balai_templates(tmp_path_factory):
    templates = _Templates(tmp_path_factory.mktemp("templat"))
    yield templates
    templates.drop()


@pytest.fixture
def balai(balai_database_url, tmp_path, balai_plugins, balai_entry_points, _balai_templates):
    """A migrated Balai on a fresh database, with an administrator and the requested plugins enabled."""
    from core.plugin_host.host import PluginHost
    from core.runtime import Balai
    from core.identity.throttle import forget_waits

    from_template = balai_entry_points is None  # balai_database_url made a copy of the migrated template
    host = PluginHost(eps=balai_entry_points).discover()
    instance = Balai.boot(settings=_settings(tmp_path, balai_database_url), host=host)
    forget_waits()  # a wait remembered from another test's database must not carry over

    async def prepare():
        if not from_template:
            await _migrated(instance)
        for name in balai_plugins:
            await instance.enable(name)
        await instance.load_profile()

    run_sync(prepare)
    yield instance
    run_sync(instance.close)


@pytest.fixture
def balai_app(balai):
    from core.web.app import create_app

    return create_app(balai)


@pytest.fixture
def client(balai_app):
    """An anonymous visitor."""
    from litestar.testing import TestClient

    with TestClient(balai_app, base_url="http://testserver.local") as test_client:
        _portals.append(test_client.blocking_portal)
        try:
            yield test_client
        finally:
            _portals.remove(test_client.blocking_portal)


def csrf_headers(test_client) -> dict[str, str]:
    """The header that satisfies CSRF checks for a POST from `test_client`."""
    token = test_client.cookies.get("balai_csrf")
    if token is None:
        test_client.get("/masuk")
        token = test_client.cookies.get("balai_csrf")
    return {"x-csrftoken": token}


def post_form(test_client, url: str, data: dict | None = None, **kwargs):
    """POST a form the way a browser would, with the CSRF token."""
    return test_client.post(url, data=data or {}, headers=csrf_headers(test_client), **kwargs)


def login(test_client, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD):
    response = post_form(test_client, "/masuk", {"username": username, "password": password},
                         follow_redirects=False)
    assert response.status_code in (302, 303), f"login gagal: {response.status_code} {response.text[:200]}"
    return response


@pytest.fixture
def admin_client(client):
    """A client logged in as the test administrator."""
    login(client)
    return client


def menu_labels(html: str) -> list[str]:
    """The labels of the admin sidebar in a rendered page."""
    nav = re.search(r'<nav class="sidebar".*?</nav>', html, re.S)
    links = re.findall(r"<a ([^>]*)>([^<]+)</a>", nav.group(0)) if nav else []
    return [label for attributes, label in links if "menu-tutup" not in attributes]


def preset_konteks(balai, folder=None, benih: int = 1, **lain):
    """A `plugin_sdk.preset.KonteksPreset` as `balai preset apply` makes it (its stand-in request, the nagari's
    today), for testing a plugin's preset section; `lain` sets further fields (``pengguna=...``)."""
    from pathlib import Path

    from core.preset.permintaan import PermintaanPreset
    from plugin_sdk import today
    from plugin_sdk.preset import KonteksPreset

    request = PermintaanPreset(balai)
    return KonteksPreset(request=request, hari_ini=today(request), benih=benih, folder=Path(folder or "."), **lain)


def _bagian(balai, nama: str):
    from core.preset.mesin import bagian_plugin

    return bagian_plugin(balai.host)[nama][1]


def terapkan_bagian(balai, nama: str, folder, konteks=None):
    """Apply the preset section `nama` from `folder` as the engine does (found through `balai_preset_bagian`, in one
    write transaction); returns its KonteksPreset (what it noted: ``.catatan``). Raises what the section raises."""
    from plugin_sdk import write_transaction

    konteks = konteks or preset_konteks(balai, folder.parent)

    async def go():
        async with write_transaction():
            await _bagian(balai, nama).terapkan(konteks, folder)

    run_sync(go)
    return konteks


def ekspor_bagian(balai, nama: str, folder, konteks=None) -> None:
    """Export the preset section `nama` into `folder` as `balai preset export` does."""
    run_sync(_bagian(balai, nama).ekspor(konteks or preset_konteks(balai, folder.parent), folder))
