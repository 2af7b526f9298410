"""SIGKILL during a backup: `balai backup FILE` killed mid-write leaves nothing at FILE (a restore check refuses it
plainly), and the backup page's job killed with the server ends as 'interrupted'; the next run of each works and
sweeps the killed one's temporary file."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bench.client import CSRF_COOKIE, login_cookies, request
from bench.server import DemoSite, Server
from plugin_sdk.testing import ENGINES
from tests.cadangan_helpers import cli, env_for, fresh_database
from tests.gangguan_helpers import files_under, kill_group, query
from tests.live import BALAI, sigkill_when

RESIDENTS = 6000


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".sebagian")] if folder.is_dir() else []


def writing(folder: Path):
    """True once a backup's temporary file in `folder` holds its first tables."""
    return lambda: any(p.stat().st_size > 1000 for p in partials(folder) if p.exists())


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_during_balai_backup(engine, tmp_path):
    with fresh_database(engine, tmp_path) as url:
        data, usb = tmp_path / "data", tmp_path / "usb"
        usb.mkdir()
        built = cli(data, url, "demo", "--no-serve", "--penduduk", str(RESIDENTS))
        assert built.returncode == 0, built.stderr
        target = usb / "kantor.balai"
        sigkill_when([BALAI, "backup", str(target)], env_for(data, url), writing(usb), "the backup's writing")
        assert not target.exists(), "a killed backup left a file under the backup's name"
        [left] = partials(usb)
        assert left.name.startswith(".kantor.balai.")  # hidden, and not named like a backup

        missing = cli(data, url, "restore", "--periksa", str(target))
        assert missing.returncode != 0 and "Berkas cadangan tidak ditemukan" in missing.stderr
        broken = cli(data, url, "restore", "--periksa", str(left))
        assert broken.returncode != 0 and "Berkas cadangan rusak" in broken.stderr, broken.stderr
        assert "Tidak ada yang diubah" in broken.stderr

        again = cli(data, url, "backup", str(target))
        assert again.returncode == 0, again.stderr
        assert files_under(usb).keys() == {"kantor.balai"}  # the killed backup's temporary file is gone
        checked = cli(data, url, "restore", "--periksa", str(target))
        assert checked.returncode == 0 and "utuh" in checked.stdout, checked.stderr


def _post(port: int, cookies: dict, path: str) -> tuple[int, str]:
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "x-csrftoken": cookies[CSRF_COOKIE],
               "Content-Type": "application/x-www-form-urlencoded"}
    status, answer, _, _ = request(port, "POST", path, headers=headers, body=urlencode({}).encode())
    return status, answer.get("Location", "")


def _job(url: str, kode: str) -> tuple[str, str]:
    [(status, pesan)] = query(url, f"SELECT status, pesan FROM balai_tugas WHERE kode = '{kode}'")
    return status, pesan


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_during_the_backup_pages_job(engine, tmp_path):
    with fresh_database(engine, tmp_path) as url:
        site = DemoSite(url)
        server = Server(site)
        try:
            site.cli("demo", "--no-serve", "--penduduk", str(RESIDENTS))
            site.cli("jadwal-cadangan", "--mati")
            office = site.data_dir / "cadangan"
            server.start()
            status, location = _post(server.port, login_cookies(server.port), "/admin/cadangan/buat")
            assert status in (302, 303) and location.startswith("/admin/tugas/")
            killed = location.rsplit("/", 1)[1]
            deadline = time.monotonic() + 60
            while not writing(office)():
                assert time.monotonic() < deadline, f"the backup job never started: {_job(url, killed)}"
                time.sleep(0.005)
            kill_group(server.process)
            server.process = None
            assert [p.name for p in office.iterdir() if not p.name.startswith(".")] == []

            server = Server(site)
            server.start()
            cookies = login_cookies(server.port)
            deadline = time.monotonic() + 30  # the new worker marks it when it starts, just after the web server
            while (state := _job(url, killed)[0]) == "berjalan" and time.monotonic() < deadline:
                time.sleep(0.1)
            state, pesan = _job(url, killed)
            assert state == "gagal" and "Terputus" in pesan
            _, _, page, _ = request(server.port, "GET", f"/admin/tugas/{killed}",
                                    headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
            assert "Terputus" in page.decode()

            status, location = _post(server.port, cookies, "/admin/cadangan/buat")
            kode = location.rsplit("/", 1)[1]
            assert kode != killed  # not sent to the dead job
            deadline = time.monotonic() + 60
            while _job(url, kode)[0] in ("antri", "berjalan"):
                assert time.monotonic() < deadline, "the second backup never finished"
                time.sleep(0.1)
            assert _job(url, kode)[0] == "selesai", _job(url, kode)
            [made] = list(files_under(office))  # one backup, and the killed one's temporary file swept
            checked = cli(site.data_dir, url, "restore", "--periksa", str(office / made))
            assert checked.returncode == 0 and "utuh" in checked.stdout, checked.stderr
        finally:
            server.stop()
            site.remove()
