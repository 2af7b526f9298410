"""A real `balai worker` runs periodic tasks: a plugin's every second, none of a disabled plugin, the daily backup
once a day (also across a restart of the worker)."""

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.live import BALAI

ROOT = Path(__file__).resolve().parents[1]


def installed(site: Path) -> None:
    """Install the fixture plugins as a package would: an entry point in a distribution's metadata."""
    info = site / "balai_uji_detak-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: balai-uji-detak\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[balai.plugins]\ndetak = tests.fixtures.plugins.detak\n"
                                           "detak_lain = tests.fixtures.plugins.detak_lain\n")


def cli(env: dict, *args: str) -> str:
    result = subprocess.run([BALAI, *args], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def wait_for(check, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def beats(data_dir: Path, kode: str) -> int:
    path = data_dir / f"{kode}.txt"
    return len(path.read_text().splitlines()) if path.exists() else 0


def backups(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "cadangan").glob("cadangan-*.balai"))


def test_a_real_worker_runs_enabled_tasks_and_the_daily_backup_once(tmp_path):
    data_dir, site = tmp_path / "data", tmp_path / "site"
    installed(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update(BALAI_DATA_DIR=str(data_dir), PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    cli(env, "migrate")
    cli(env, "plugins", "enable", "detak")  # detak_lain stays installed but disabled
    cli(env, "jadwal-cadangan", "--aktif", "--jam", "00:00")  # due since midnight: the worker makes it up at once

    def start() -> subprocess.Popen:
        return subprocess.Popen([BALAI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)

    def stop(worker: subprocess.Popen) -> None:
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=30) == 0, worker.stderr.read().decode()[-2000:]

    worker = start()
    try:
        wait_for(lambda: beats(data_dir, "detak.detik") >= 3, "the every-second task did not run three times")
        wait_for(lambda: len(backups(data_dir)) == 1, "the daily backup did not run")
        assert beats(data_dir, "detak.harian") <= 1  # past 02:00 in the nagari or not yet: at most once today
    finally:
        stop(worker)
    assert beats(data_dir, "detak_lain.detik") == 0 and beats(data_dir, "detak_lain.harian") == 0
    before = beats(data_dir, "detak.detik")

    worker = start()  # a restart the same day: the backup was claimed today and does not run again
    try:
        wait_for(lambda: beats(data_dir, "detak.detik") >= before + 2, "the task did not resume after a restart")
    finally:
        stop(worker)
    assert len(backups(data_dir)) == 1 and beats(data_dir, "detak_lain.detik") == 0
