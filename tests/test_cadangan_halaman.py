"""The backup page: a backup now (in the worker), download, the passphrase, the schedule, retention, the warning."""

import re
import zipfile
from datetime import datetime, timedelta, timezone

from core.audit.tables import AuditEntri
from core.cadangan import jadwal, sandi
from core.cadangan.buat import LAST_KEY
from core.identity.users import create_user
from core.plugin_host.settings import get_value, set_values
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import ADMIN_PASSWORD, login, post_form, run_sync
from tests.cadangan_helpers import PASSPHRASE
from tests.surat_helpers import demo_nagari

WARNING = 'id="peringatan-cadangan"'


def backup_now(admin_client, balai) -> str:
    started = post_form(admin_client, "/admin/cadangan/buat", follow_redirects=False)
    assert started.headers["location"].startswith("/admin/tugas/")
    # A second click while it waits goes to the same job instead of queueing another.
    again = post_form(admin_client, "/admin/cadangan/buat", follow_redirects=False)
    assert again.headers["location"] == started.headers["location"]
    assert run_sync(run_pending(balai)) == 1
    status = admin_client.get(started.headers["location"] + "/status").json()
    assert status["status"] == "selesai" and status["tautan"] == "/admin/cadangan", status
    return started.headers["location"]


def test_backup_now_download_and_dashboard_warning(admin_client, balai):
    demo_nagari(balai, 50)
    assert WARNING in admin_client.get("/admin").text  # never backed up
    page = admin_client.get("/admin/cadangan").text
    assert "Belum pernah ada cadangan" in page and "tidak</strong> ikut" in page

    backup_now(admin_client, balai)
    page = admin_client.get("/admin/cadangan").text
    assert WARNING not in admin_client.get("/admin").text and WARNING not in page
    name = re.search(r'href="/admin/cadangan/unduh/([^"]+)"', page).group(1)
    assert name.startswith("cadangan-1307052001-") and "tidak bersandi" in page
    download = admin_client.get(f"/admin/cadangan/unduh/{name}")
    assert download.status_code == 200 and download.headers["cache-control"] == "no-store"
    stored = balai.settings.data_dir / "cadangan" / name
    assert download.content == stored.read_bytes() and zipfile.is_zipfile(stored)
    logged = run_sync(AuditEntri.select(AuditEntri.aksi).where(AuditEntri.objek_jenis == "cadangan").run())
    assert [e["aksi"] for e in logged] == ["buat", "unduh"]
    assert admin_client.get("/admin/cadangan/unduh/..%2Fbalai.sqlite").status_code == 404
    assert admin_client.get("/admin/cadangan/unduh/secret_key").status_code == 404

    # Three days without a backup: the dashboard says so.
    last = run_sync(get_value(LAST_KEY))
    last["waktu"] = (datetime.now(timezone.utc) - timedelta(days=3)).isoformat()
    run_sync(set_values({LAST_KEY: last}))
    warning = admin_client.get("/admin").text
    assert WARNING in warning and "3 hari lalu (batas 2 hari)" in warning


def test_only_those_allowed_see_or_download_backups(admin_client, balai):
    run_sync(create_user("operator1", "Operator Satu", "sandi-operator-1", "operator"))
    backup_now(admin_client, balai)
    name = re.search(r'/admin/cadangan/unduh/([^"]+)"', admin_client.get("/admin/cadangan").text).group(1)
    admin_client.cookies.clear()
    login(admin_client, "operator1", "sandi-operator-1")
    assert WARNING not in admin_client.get("/admin").text
    assert admin_client.get("/admin/cadangan").status_code == 403
    assert admin_client.get(f"/admin/cadangan/unduh/{name}").status_code == 403
    assert post_form(admin_client, "/admin/cadangan/buat", follow_redirects=False).status_code == 403


def test_office_passphrase_seals_backups_and_bad_input_changes_nothing(admin_client, balai):
    data_dir = balai.settings.data_dir
    me = {"sandi_akun": ADMIN_PASSWORD}
    stranger = post_form(admin_client, "/admin/cadangan/sandi", {"sandi": PASSPHRASE, "ulang": PASSPHRASE,
                                                                 "sandi_akun": "bukan-sandi-saya"})
    assert "Kata sandi akun Anda salah" in stranger.text and sandi.office_key(data_dir) is None
    short = post_form(admin_client, "/admin/cadangan/sandi", {"sandi": "pendek", "ulang": "pendek", **me})
    assert "minimal 10 karakter" in short.text and sandi.office_key(data_dir) is None
    differ = post_form(admin_client, "/admin/cadangan/sandi", {"sandi": PASSPHRASE, "ulang": PASSPHRASE + "x", **me})
    assert "tidak sama" in differ.text and sandi.office_key(data_dir) is None
    done = post_form(admin_client, "/admin/cadangan/sandi", {"sandi": PASSPHRASE, "ulang": PASSPHRASE, **me})
    assert "Sandi cadangan diatur" in done.text
    assert PASSPHRASE not in (data_dir / "kunci" / "cadangan.json").read_text()

    backup_now(admin_client, balai)
    [row] = jadwal.listing(data_dir)
    assert row["disandikan"]
    path = data_dir / "cadangan" / row["nama"]
    assert not zipfile.is_zipfile(path)
    plain = data_dir / "buka.zip"
    with open(plain, "wb") as out:
        sandi.decrypt_file(path, out, PASSPHRASE)
    with zipfile.ZipFile(plain) as archive:
        assert "data/kunci/cadangan.json" in archive.namelist()  # the restored office keeps sealing its backups

    # A damaged key file is reported on the page, not a server error.
    (data_dir / "kunci" / "cadangan.json").write_text("{rusak")
    assert "rusak: atur ulang sandi cadangan" in admin_client.get("/admin/cadangan").text
    removed = post_form(admin_client, "/admin/cadangan/sandi/hapus")
    assert "Sandi cadangan dihapus" in removed.text and sandi.office_key(data_dir) is None


def test_schedule_is_validated_runs_once_a_day_and_keeps_the_newest(admin_client, balai):
    bad = post_form(admin_client, "/admin/cadangan/jadwal", {"aktif": "1", "jam": "25:00", "simpan": "3",
                                                             "batas_hari": "2"})
    assert "JJ:MM" in bad.text and run_sync(jadwal.schedule()) == jadwal.Jadwal()
    bad = post_form(admin_client, "/admin/cadangan/jadwal", {"aktif": "1", "jam": "07:30", "simpan": "0",
                                                             "batas_hari": "2"})
    assert "antara 1 dan 365" in bad.text and run_sync(jadwal.schedule()) == jadwal.Jadwal()
    saved = post_form(admin_client, "/admin/cadangan/jadwal", {"aktif": "1", "jam": "00:00", "simpan": "2",
                                                               "batas_hari": "1"})
    assert "Jadwal cadangan disimpan" in saved.text
    assert run_sync(jadwal.schedule()) == jadwal.Jadwal(aktif=True, jam="00:00", simpan=2, batas_hari=1)

    # The worker's minute check: due once today, then not again.
    first = run_sync(jadwal.start_if_due(balai))
    assert first is not None and run_sync(jadwal.start_if_due(balai)) is None
    assert run_sync(run_pending(balai)) == 1

    folder = balai.settings.data_dir / "cadangan"
    for day in ("20260101", "20260102", "20260103"):  # older routine backups, plus a file the office put there
        (folder / f"cadangan-1307052001-{day}-120000.balai").write_bytes(b"lama")
    (folder / "salinan-pribadi.zip").write_bytes(b"milik operator")
    run_sync(jadwal.backup_now(balai))
    names = [row["nama"] for row in jadwal.listing(balai.settings.data_dir)]
    assert len(names) == 2 and not any("202601" in n for n in names)
    assert (folder / "salinan-pribadi.zip").exists()


def test_due_follows_the_hour_and_the_switch():
    noon = jadwal.Jadwal(jam="12:00")
    morning = datetime(2026, 11, 27, 11, 59)
    assert not noon.due(morning, None)
    assert noon.due(morning.replace(hour=12, minute=0), None)
    assert noon.due(morning.replace(hour=17), "2026-11-26")  # the computer was off at noon yesterday and today
    assert not noon.due(morning.replace(hour=17), "2026-11-27")
    assert not jadwal.Jadwal(aktif=False).due(morning.replace(hour=17), None)


def test_dashboard_reads_the_backup_settings_once_and_shows_a_new_backup_at_once(admin_client, balai, monkeypatch):
    """The dashboard's warning and the system card share one settings query per view; a backup made since shows
    on the next view in both."""
    demo_nagari(balai, 20)
    calls = []
    real = jadwal.get_values

    async def counted(keys):
        calls.append(keys)
        return await real(keys)

    monkeypatch.setattr(jadwal, "get_values", counted)
    first = admin_client.get("/admin").text
    assert WARNING in first and "Belum pernah ada cadangan data." in first
    assert len(calls) == 1
    backup_now(admin_client, balai)
    calls.clear()
    after = admin_client.get("/admin").text
    assert WARNING not in after and 'id="cadangan-terakhir">Cadangan terakhir:' in after
    assert len(calls) == 1
