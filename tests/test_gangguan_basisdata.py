"""The database going away mid-request (PostgreSQL restarting) gives a plain 503 page that says to wait and try
again, not a 500; the full restart runs only in `python -m bench --gangguan`, since tests share the server."""

import asyncpg
import pytest

from plugin_sdk.testing import ENGINES

FAULTS = [asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
          asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
          asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
          ConnectionRefusedError(111, "Connect call failed")]


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
def test_a_programming_error_is_still_a_500(admin_client, monkeypatch):
    async def misuse():
        raise asyncpg.InterfaceError("cannot perform operation: another operation is in progress")

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", misuse)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 500 and "Basis data" not in page.text
