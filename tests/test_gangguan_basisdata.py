"""The database going away mid-request (PostgreSQL restarting) gives a plain 503 page that says to wait and try
again, not a 500; the full restart runs only in `python -m bench --gangguan`, since tests share the server."""

import asyncpg
import pytest

from plugin_sdk.testing import ENGINES

FAULTS = [asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
          asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
          asyncpg.exceptions.CannotConnectNowError("the database system is starting up")]


@pytest.mark.parametrize("balai_database_url", ENGINES[:1], indirect=True)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda e: type(e).__name__)
def test_database_away_is_a_503_page(admin_client, monkeypatch, fault):
    async def away():
        raise fault

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", away)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 503 and page.headers["retry-after"] == "5"
    assert "Basis data sedang tidak dapat dihubungi" in page.text and "coba lagi" in page.text
    assert "Traceback" not in page.text
    api = admin_client.get("/admin/surat/buat", headers={"accept": "application/json"})
    assert api.status_code == 503 and "Basis data" in api.json()["detail"]


@pytest.mark.parametrize("balai_database_url", ENGINES[:1], indirect=True)
def test_a_socket_error_on_the_way_to_postgres_is_a_503_and_a_full_disk_a_507(admin_client, monkeypatch):
    async def unreachable():  # nothing listens on port 9: refused inside asyncpg, as while PostgreSQL restarts
        await asyncpg.connect("postgresql://balai@127.0.0.1:9/balai", timeout=5)

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", unreachable)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 503 and "Basis data sedang tidak dapat dihubungi" in page.text

    async def broken_pipe():  # the same family of error from elsewhere is not blamed on the database
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", broken_pipe)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 500 and "Basis data" not in page.text and "Traceback" not in page.text

    async def full():
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", full)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 507 and "Ruang penyimpanan di komputer server penuh" in page.text


@pytest.mark.parametrize("balai_database_url", ENGINES[:1], indirect=True)
def test_a_programming_error_is_still_a_500(admin_client, monkeypatch):
    async def misuse():
        raise asyncpg.InterfaceError("cannot perform operation: another operation is in progress")

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", misuse)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 500 and "Basis data" not in page.text


LOST = (asyncpg.PostgresConnectionError, asyncpg.exceptions.OperatorInterventionError, asyncpg.InterfaceError)


@pytest.mark.parametrize("balai_database_url", [e for e in ENGINES if e == "postgres"], indirect=True)
def test_a_connection_killed_mid_transaction_does_not_poison_the_pool(balai):
    """Only this test's own database's backend is terminated (as a PostgreSQL restart does to every connection):
    the next transaction in the same task gets a fresh connection, and no pool slot leaks."""
    import asyncio

    from core.db.transaction import write_transaction
    from plugin_sdk.testing import _pg_admin, run_sync

    async def go():
        await balai.engine.start_connection_pool(min_size=1, max_size=2)
        try:
            for _ in range(4):  # more than the pool's two slots: a leaked slot would hang the next acquire
                with pytest.raises(LOST):
                    async with write_transaction() as transaction:
                        pid = await transaction.connection.fetchval("SELECT pg_backend_pid()")
                        await _pg_admin(f"SELECT pg_terminate_backend({pid})")
                        await asyncio.sleep(0.2)
                        await transaction.connection.fetchval("SELECT 1")

                async def again():
                    async with write_transaction() as transaction:
                        return await transaction.connection.fetchval("SELECT 41 + 1")

                assert await asyncio.wait_for(again(), timeout=10) == 42
        finally:
            await balai.engine.close_connection_pool()

    run_sync(go)
