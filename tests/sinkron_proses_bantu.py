"""A small kabupaten in real processes, for the sync tests that need one (issue 27): a hub (`balai serve --role hub`
on a throw-away PostgreSQL database, with an administrator the Diskominfo logs in as) and two demo nagari, each its
own SQLite data folder, enrolled with the hub the way the offices do it (one-time code, confirmed fingerprint: the
steps of bench/sinkron.py's `daftarkan`)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.sinkron import Instalasi, titik_masuk
from core.db.postgres_admin import admin_execute
from plugin_sdk.testing import POSTGRES_ADMIN
from tests.live import logged_in_client

HUB_LOGIN = ("diskominfo", "sandi-hub-uji-1")
#: dotted code (the hub's list of the kabupaten) -> the 10 digits an office types in its profile
NAGARI = {"13.07.05.2001": "1307052001", "13.07.05.2002": "1307052002"}
KODE_DEMO = "1307052001"  # the code `balai demo` gives its nagari (Taram)


@dataclass
class Kabupaten:
    hub: Instalasi
    nagari: dict[str, Instalasi] = field(default_factory=dict)  # dotted code -> installation

    def berhenti(self) -> None:
        """Every server down, even when one does not end on SIGTERM (then SIGKILL), so none outlives the test."""
        self.hub.stop(signal.SIGKILL)
        for node in self.nagari.values():
            try:
                node.stop()
            except subprocess.TimeoutExpired:
                node.stop(signal.SIGKILL)


def _admin(sql: str) -> None:
    """One statement on the PostgreSQL server, on a thread of its own: a test driving Chromium through Playwright's
    sync API already has an event loop running on the main thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, admin_execute(POSTGRES_ADMIN, sql)).result()


@contextmanager
def basis_data_hub():
    """A throw-away PostgreSQL database for the hub (a unique name: tests run in parallel), dropped afterwards.
    Skips when there is no PostgreSQL server, except in CI."""
    nama = f"balai_uji_hub_{uuid.uuid4().hex[:12]}"
    try:
        _admin(f'CREATE DATABASE "{nama}"')
    except (OSError, asyncio.TimeoutError) as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL wajib di CI tetapi tidak tersedia: {exc}")
        pytest.skip(f"PostgreSQL tidak tersedia: {exc}")
    try:
        yield f"{POSTGRES_ADMIN.rsplit('/', 1)[0]}/{nama}"
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def sinkron_sekarang(node: Instalasi) -> int:
    """The office presses "Sinkron sekarang" on the nagari's admin page (without a browser)."""
    klien = logged_in_client(node.url)
    try:
        klien.timeout = 60
        return klien.post("/admin/sinkron/kirim", headers={"x-csrftoken": klien.cookies["balai_csrf"]}).status_code
    finally:
        klien.close()


def _nagari_demo(folder: Path, extra: dict[str, str], angka: str, penduduk: int) -> Instalasi:
    """A demo nagari with its own code, every dataset published (the closed month and this month, provisional);
    `sinkron` is a built-in plugin, on from the start. The demo's own nagari publishes while it is built."""
    node = Instalasi(folder, extra)
    sendiri = angka == KODE_DEMO
    node.cli("demo", "--no-serve", "--penduduk", str(penduduk), "--tanpa-surat",
             *(() if sendiri else ("--tanpa-data-terbuka",)))
    if not sendiri:
        node.langkah("terbit", angka)
    return node


def _hub(folder: Path, database_url: str, extra: dict[str, str]) -> Instalasi:
    """The hub's database migrated and its first administrator made (`balai setup` migrates first), with the
    kabupaten's own code: its names come from the region list."""
    hub = Instalasi(folder, {**extra, "BALAI_DATABASE_URL": database_url, "BALAI_ROLE": "hub"})
    hub.cli("setup", "--username", HUB_LOGIN[0], "--nama", "Petugas Diskominfo", "--kode", "13.07",
            "--password", HUB_LOGIN[1])
    return hub


def _bergabung(node: Instalasi, hub: Instalasi, kode: str, kunci: threading.Lock) -> None:
    """Enrolment (the nagari's server already running), then the office's first "Sinkron sekarang". The hub's
    own steps one at a time (two at once on the hub sometimes printed nothing)."""
    with kunci:
        undangan = hub.langkah("undangan", kode)["kode"]
    sidik = node.langkah("daftar", hub.url, undangan)["sidik"]
    with kunci:
        hub.langkah("konfirmasi", kode, sidik)
    status = sinkron_sekarang(node)
    assert status in (200, 302, 303), f"{kode}: Sinkron sekarang answered {status}"


@contextmanager
def kabupaten(tmp: Path, database_url: str, penduduk: dict[str, int] | None = None, pekerja: tuple[str, ...] = ()):
    """Build, serve and enrol the hub and the nagari of NAGARI; each nagari's backlog sent once. `penduduk`: a
    nagari's demo size (150 by default). Nagari named in `pekerja` run their background worker (publishing from
    the Satu Data page needs it; it also sends on its own schedule), the others none (only the office's button
    sends). Independent steps run side by side (each is mostly a process starting); every process is stopped on
    the way out."""
    extra = titik_masuk(tmp / "titik-masuk")
    with ThreadPoolExecutor(len(NAGARI) + 1) as pool:
        hub = pool.submit(_hub, tmp / "hub", database_url, extra)
        nagari = {kode: pool.submit(_nagari_demo, tmp / angka, extra, angka, (penduduk or {}).get(kode, 150))
                  for kode, angka in NAGARI.items()}
        kab = Kabupaten(hub.result(), {kode: f.result() for kode, f in nagari.items()})
        try:
            jalan = [pool.submit(kab.hub.serve)] + [
                pool.submit(node.serve, *(() if kode in pekerja else ("--tanpa-pekerja-latar",)))
                for kode, node in kab.nagari.items()]
            for f in jalan:
                f.result()
            kunci = threading.Lock()
            for f in [pool.submit(_bergabung, node, kab.hub, kode, kunci) for kode, node in kab.nagari.items()]:
                f.result()
        except BaseException:
            kab.berhenti()
            raise
    try:
        yield kab
    finally:
        kab.berhenti()
