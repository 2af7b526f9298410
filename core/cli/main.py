"""The `balai` command line."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
import threading

import click

from core import __version__
from core.cli import audit, cadangan, demo, pengguna, plugins
from core.cli.common import booted, fail, run
from core.settings import SettingsError


@click.group(help="Balai: sistem informasi nagari/desa.")
@click.version_option(__version__, prog_name="balai")
def cli() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command(help="Jalankan migrasi basis data core dan semua plugin aktif.")
def migrate() -> None:
    async def go(balai):
        changed = await balai.migrate()
        click.echo("Migrasi selesai: " + (", ".join(changed) if changed else "tidak ada perubahan") + ".")

    run(go)


@cli.command(help="Jalankan server web (migrasi dijalankan dulu).")
@click.option("--host", default=None, help="Alamat (bawaan 127.0.0.1 atau BALAI_HOST)")
@click.option("--port", type=int, default=None, help="Port (bawaan 8000 atau BALAI_PORT)")
@click.option("--workers", type=int, default=None, help="Jumlah proses pekerja (bawaan 1 atau BALAI_WORKERS)")
@click.option("--tanpa-pekerja-latar", "no_worker", is_flag=True,
              help="Jangan jalankan pekerja latar (bila `balai worker` dijalankan terpisah, mis. oleh systemd)")
def serve(host: str | None, port: int | None, workers: int | None, no_worker: bool = False) -> None:
    import uvicorn

    async def go(balai):
        await balai.migrate()
        return balai.settings

    settings = run(go)
    # The background worker is its own process: a web restart leaves it (and queued jobs) alone.
    worker = None if no_worker else BackgroundWorker()
    try:
        uvicorn.run("core.web.app:create_app", factory=True, host=host or settings.host, port=port or settings.port,
                    workers=workers or settings.workers, log_level="warning", access_log=False,
                    proxy_headers=True, server_header=False)
    finally:
        if worker is not None:
            worker.stop()


class BackgroundWorker:
    """`balai worker` beside the web server, started again if it crashes or is killed: the daily backup and every
    queued job depend on it, and an office PC has nobody watching a log. A worker that ended on purpose (exit 0,
    SIGTERM or SIGINT, as at shutdown or Ctrl+C) is not restarted."""

    RESTART_AFTER = (1, 5, 30)  # seconds before each restart; the last repeats
    DELIBERATE = (0, -signal.SIGTERM, -signal.SIGINT)

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.restarts = 0
        self.process = self._spawn()
        threading.Thread(target=self._watch, name="pengawas-pekerja", daemon=True).start()

    @staticmethod
    def _spawn() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "core.cli.main", "worker"])

    def _watch(self) -> None:
        log = logging.getLogger("balai.serve")
        while True:
            code = self.process.wait()
            if self.stopping.is_set() or code in self.DELIBERATE:
                return
            delay = self.RESTART_AFTER[min(self.restarts, len(self.RESTART_AFTER) - 1)]
            log.warning("pekerja latar berhenti (kode %s); dijalankan lagi dalam %s detik", code, delay)
            if self.stopping.wait(delay):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                self.restarts += 1
                self.process = self._spawn()

    def stop(self) -> None:
        with self.lock:
            self.stopping.set()
            process = self.process
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@cli.command(help="Jalankan pekerja latar: impor, ekspor dan tugas panjang lain (dijalankan otomatis oleh serve).")
@click.option("--threads", type=click.IntRange(1, 8), default=1, show_default=True, help="Tugas serentak")
def worker(threads: int) -> None:
    from core.cli.common import booted
    from core.tugas.antrean import run_worker

    click.echo("Pekerja latar berjalan; hentikan dengan Ctrl+C.")
    run_worker(booted(), threads)


@cli.command(help="Buat administrator pertama pada instalasi baru (bukan demo).")
@click.option("--username", prompt="Nama pengguna")
@click.option("--nama", prompt="Nama lengkap")
@click.option("--kode", prompt="Kode wilayah Kemendagri nagari/desa (mis. 13.07.05.2001)")
@click.option("--nama-nagari", default="", help="Nama nagari/desa (diisi otomatis untuk kode yang dikenal)")
@click.option("--kecamatan", default="", help="Kecamatan (untuk kode di luar daftar bawaan)")
@click.option("--kabupaten", default="", help="Kabupaten/kota (untuk kode di luar daftar bawaan)")
@click.option("--provinsi", default="", help="Provinsi (untuk kode di luar daftar bawaan)")
@click.option("--password", prompt="Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
def setup(username: str, nama: str, kode: str, nama_nagari: str, kecamatan: str, kabupaten: str, provinsi: str,
          password: str) -> None:
    from core.db.transaction import write_transaction
    from core.identity.users import create_user
    from core.profil.profile import ProfileError, clean_profile
    from core.tables import Pengguna

    async def go(balai):
        await balai.migrate()
        if await Pengguna.exists().run():
            fail("Sudah ada pengguna. Penyiapan awal hanya untuk instalasi baru.")
        try:
            profile = clean_profile({"kode": kode, "nama": nama_nagari, "kecamatan": kecamatan,
                                     "kabupaten": kabupaten, "provinsi": provinsi})
            async with write_transaction():
                await create_user(username, nama, password, "administrator")
                await balai.load_profile()
                await balai.save_profile(profile)
        except (ValueError, ProfileError) as exc:
            fail(str(exc))
        click.echo(f"Administrator {username} dibuat. Jalankan `balai serve` lalu masuk di {balai.settings.public_url}/masuk")

    run(go)


@cli.command(name="makemigrations", help="(Pengembang) Buat berkas migrasi otomatis untuk satu aplikasi Piccolo.")
@click.argument("app_name")
@click.option("--desc", default="", help="Keterangan migrasi")
def makemigrations(app_name: str, desc: str) -> None:
    from piccolo.apps.migrations.commands.new import new

    async def go(balai):
        await new(app_name=app_name, auto=True, desc=desc)

    run(go)


cli.add_command(plugins.group)
cli.add_command(demo.demo)
cli.add_command(audit.group)
cli.add_command(pengguna.group)
cli.add_command(cadangan.backup)
cli.add_command(cadangan.restore)
cli.add_command(cadangan.schedule_command)


def main() -> None:
    try:
        for command in booted_plugin_commands():
            if command.name not in cli.commands:
                cli.add_command(command)
        cli(prog_name="balai")
    except SettingsError as exc:
        click.echo(f"Galat konfigurasi: {exc}", err=True)
        sys.exit(2)


def booted_plugin_commands() -> list:
    """CLI commands that loaded plugins add through `balai_cli_commands`."""
    try:
        host = booted().host
    except SettingsError:
        return []
    return [command for _, command in host.collect("balai_cli_commands")]


if __name__ == "__main__":
    main()

__all__ = ["cli", "main", "asyncio"]
