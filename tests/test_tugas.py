"""Background jobs: queued by a page, run by the worker, watched on a progress page, stopped on request."""

from importlib.metadata import entry_points

import pytest

from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync
from tests.conftest import fixture_entry_point as ep


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("hitung")]


@pytest.fixture
def balai_plugins():
    return ["hitung"]


def start(client, **form) -> str:
    answer = post_form(client, "/admin/hitung", {k: str(v) for k, v in form.items()}, follow_redirects=False)
    assert answer.headers["location"].startswith("/admin/tugas/")
    return answer.headers["location"]


def test_a_job_waits_runs_reports_progress_and_links_its_result(admin_client, balai):
    url = start(admin_client, sampai=500)
    page = admin_client.get(url).text
    assert "Menunggu giliran" in page and 'id="kemajuan"' in page and "Hentikan" in page
    assert admin_client.get(url + "/status").json()["status"] == "antri"  # the web process did not run it
    assert run_sync(run_pending(balai)) == 1
    state = admin_client.get(url + "/status").json()
    assert state == {"status": "selesai", "label": "Selesai", "selesai": 500, "total": 500, "persen": 100,
                     "pesan": "", "tautan": "/admin", "berakhir": True}
    assert "Hentikan" not in admin_client.get(url).text


def test_a_failing_job_says_why_and_a_stopped_job_never_runs(admin_client, balai):
    failing = start(admin_client, sampai=10)
    from core.tugas.tables import Tugas

    run_sync(Tugas.update({Tugas.parameter: '{"sampai": 10, "gagal_di": 4}'}).where(
        Tugas.kode == failing.rsplit("/", 1)[1]).run())
    stopped = start(admin_client, sampai=10)
    post_form(admin_client, stopped + "/batal")
    run_sync(run_pending(balai))
    failed = admin_client.get(failing + "/status").json()
    assert failed["status"] == "gagal" and failed["pesan"] == "Baris 4 tidak bisa dihitung."
    assert admin_client.get(stopped + "/status").json()["status"] == "dibatalkan"


def test_someone_elses_job_is_not_shown(admin_client, balai):
    from core.identity.users import create_user
    from plugin_sdk.testing import login

    url = start(admin_client, sampai=3)
    run_sync(create_user("operator1", "Operator", "sandi-operator-1", "operator"))
    login(admin_client, "operator1", "sandi-operator-1")
    assert admin_client.get(url).status_code == 404
