"""The `balai` command line."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading

import click

from core import __version__
from core.cli import audit, cadangan, pengguna, perbarui, plugin_baru, plugins, preset
from core.cli.common import booted, fail, run
from core.cli.tambahan import CommandsFromEntryPoints
from core.settings import SettingsError


@click.group(cls=CommandsFromEntryPoints, help="Balai: sistem informasi nagari/desa.")
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
@click.option("--role", type=click.Choice(["nagari", "hub"]), default=None,
              help="Peran instalasi: nagari (bawaan) atau hub kabupaten (butuh PostgreSQL; atau BALAI_ROLE)")
def serve(host: str | None, port: int | None, workers: int | None, no_worker: bool = False,
          role: str | None = None) -> None:
    import uvicorn

    if role:  # the web workers and the background worker are separate processes: they read it from here
        os.environ["BALAI_ROLE"] = role

    async def go(balai):
        await balai.migrate()
        return balai.settings

    settings = run(go)
    # Every process started here ends with this one: the background worker, the PDF renderers and, with
    # --workers N, uvicorn's web workers (they watch this process themselves, so even a SIGKILL takes them down).
    stopped = _stop_on_signals()
    # The background worker is its own process: a web restart leaves it (and queued jobs) alone.
    worker = None if no_worker else BackgroundWorker()
    try:
        uvicorn.run("core.proses:web_app", factory=True, host=host or settings.host, port=port or settings.port,
                    workers=workers or settings.workers, log_level="warning", access_log=False,
                    proxy_headers=True, server_header=False,
                    # with --workers N: a web worker booting on a busy office PC may need more than uvicorn's 5 s
                    # before a SIGHUP reload gives up on it (and keeps the old one)
                    timeout_worker_healthcheck=30)
    except _Stopped:
        pass
    finally:
        if worker is not None:
            worker.stop()
        _close_renderer()
    if stopped:  # end as the signal asked, now that nothing is left behind
        signal.signal(stopped[0], signal.SIG_DFL)
        os.kill(os.getpid(), stopped[0])


class _Stopped(BaseException):
    """Raised by a stop signal in `balai serve` once uvicorn has let go of it (or before uvicorn has started)."""


def _stop_on_signals() -> list[int]:
    """SIGTERM, SIGINT and SIGHUP stop `balai serve` with its children.

    uvicorn takes SIGTERM and SIGINT while it serves, shuts down gracefully, then raises the signal again: that
    lands here. SIGHUP, which uvicorn leaves alone in a single process, is turned into the same graceful stop.
    (With --workers N, uvicorn's supervisor keeps SIGHUP for itself: it replaces the web workers one by one.)
    Returns the list the first signal is recorded in."""
    stopped: list[int] = []

    def stop(signum, frame):
        if not stopped:
            stopped.append(signum)
        raise _Stopped()

    def hangup(signum, frame):
        if not stopped:
            stopped.append(signum)
        if signal.getsignal(signal.SIGTERM) is stop:  # uvicorn is not serving (yet or any more)
            raise _Stopped()
        signal.raise_signal(signal.SIGTERM)  # uvicorn's own graceful shutdown

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, hangup)
    return stopped


def _close_renderer() -> None:
    from core.dokumen import pdf

    if pdf._default is not None:
        pdf._default.close()


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
        # --induk: the worker ends when this process does, even when it is killed outright.
        return subprocess.Popen([sys.executable, "-m", "core.cli.main", "worker", "--induk", str(os.getpid())])

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
            process.wait()


@cli.command(help="Jalankan pekerja latar: impor, ekspor, tugas panjang lain dan tugas terjadwal "
                   "(dijalankan otomatis oleh serve).")
@click.option("--threads", type=click.IntRange(1, 8), default=1, show_default=True, help="Tugas serentak")
@click.option("--induk", type=int, default=None, hidden=True, help="Berhenti bersama proses ini (dipakai serve)")
def worker(threads: int, induk: int | None = None) -> None:
    from core.cli.common import booted
    from core.tugas.antrean import hold_stop_signals, run_worker
    from core.tugas.jadwal import run_scheduler

    hold_stop_signals()  # a Ctrl+C or SIGTERM while booting ends the worker once booted, not midway

    if induk is not None:
        from core.proses import exit_with_parent

        exit_with_parent(induk)
    click.echo("Pekerja latar berjalan; hentikan dengan Ctrl+C.")
    try:
        run_worker(booted(), threads, beside=(run_scheduler,))  # jobs off the queue; `balai_jadwal` tasks when due
    finally:
        _close_renderer()  # a job rendered documents: its renderers end with the worker


@cli.command(help="Buat administrator pertama pada instalasi baru (bukan demo).")
@click.option("--username", prompt="Nama pengguna")
@click.option("--nama", prompt="Nama lengkap")
@click.option("--kode", prompt="Kode wilayah Kemendagri nagari/desa (mis. 13.07.05.2001; hub: kabupaten, mis. 13.07)")
@click.option("--nama-nagari", default="", help="Nama nagari/desa (diisi otomatis untuk kode yang dikenal)")
@click.option("--kecamatan", default="", help="Kecamatan (untuk kode di luar daftar bawaan; hub: tidak perlu)")
@click.option("--kabupaten", default="", help="Kabupaten/kota (untuk kode di luar daftar bawaan)")
@click.option("--provinsi", default="", help="Provinsi (untuk kode di luar daftar bawaan)")
@click.option("--password", prompt="Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
@click.option("--role", type=click.Choice(["nagari", "hub"]), default=None,
              help="Peran instalasi (atau BALAI_ROLE); hub kabupaten: --kode ialah kode kabupaten")
def setup(username: str, nama: str, kode: str, nama_nagari: str, kecamatan: str, kabupaten: str, provinsi: str,
          password: str, role: str | None = None) -> None:
    from core.db.transaction import write_transaction
    from core.identity.users import create_user
    from core.profil.profile import ProfileError, clean_profile
    from core.tables import Pengguna

    async def go(balai):
        hub = (role or balai.settings.role) == "hub"  # the settings were read before the options
        if hub and not balai.settings.database_url.startswith(("postgresql://", "postgres://")):
            fail("Peran hub kabupaten butuh PostgreSQL: atur BALAI_DATABASE_URL=postgresql://...")
        await balai.migrate()
        if await Pengguna.exists().run():
            fail("Sudah ada pengguna. Penyiapan awal hanya untuk instalasi baru.")
        try:
            profile = clean_profile({"kode": kode, "nama": nama_nagari, "kecamatan": kecamatan,
                                     "kabupaten": kabupaten, "provinsi": provinsi},
                                    kabupaten=hub)
            async with write_transaction():
                await create_user(username, nama, password, "administrator")
                await balai.load_profile()
                await balai.save_profile(profile)
        except (ValueError, ProfileError) as exc:
            fail(str(exc))
        # the role is a setting of the installation, not stored by set-up: a hub must be started as one every time
        serve = "balai serve --role hub` (atau atur BALAI_ROLE=hub)" if hub else "balai serve`"
        masuk = f"{balai.settings.public_url}/masuk"
        click.echo(f"Administrator {username} dibuat. Jalankan `{serve} lalu masuk di {masuk}")

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
cli.add_command(plugin_baru.group)
cli.add_command(audit.group)
cli.add_command(pengguna.group)
cli.add_command(cadangan.backup)
cli.add_command(cadangan.restore)
cli.add_command(cadangan.schedule_command)
cli.add_command(perbarui.perbarui)
cli.add_command(perbarui.group)
cli.add_command(preset.group)


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
