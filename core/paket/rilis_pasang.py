"""Upgrading Balai itself from a signed release bundle, with no network, and going back when it fails.

Every version lives in its own virtual environment, side by side, and one symlink says which runs::

    <folder program>/aktif -> versi/0.2.0-20261207T031500   (systemd runs <folder program>/aktif/bin/balai)
    <folder program>/versi/0.2.0-20261207T031500/           a venv: the bundle's wheels, nothing else
    <folder program>/riwayat.json                            the versions made active, newest last

Why side by side rather than reinstalling in place: the previous version is never touched, so going back is one
atomic rename of a symlink, with no pip run that could itself fail halfway on an office PC with no network and no
one to fix a half-replaced venv. A power cut at any moment leaves `aktif` at the old version or the new one, never
between. It costs disk (one venv, some hundred MB, per kept version; older ones are removed). A first upgrade from
a source install (`make`, an editable checkout) records that install's venv as the one `aktif` points to, so it is
the version a failed first upgrade goes back to.

The database is the one thing both versions share: it is backed up first (core.cadangan), migrated by the NEW code
in a subprocess, and put back from the backup by this (old) code when a migration fails.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from packaging.version import Version

from core import __version__
from core.cadangan.errors import CadanganError
from core.paket import pip_bersih, rilis, rilis_modul
from core.paket.rilis import RilisError

ENV_FOLDER = "BALAI_FOLDER_PROGRAM"
AKTIF = "aktif"
VERSI = "versi"
RIWAYAT = "riwayat.json"
BERJALAN = "pembaruan-berjalan.json"  # written before migrations start, removed once the outcome is settled
CADANGAN = "pembaruan"  # in the data folder: the automatic backups made before each upgrade
SIMPAN_CADANGAN = 3
Lapor = Callable[[str], None]


class PembaruanGagal(RuntimeError):
    """The upgrade was attempted and undone; the message says what failed and what was put back."""


def folder_program(data_dir: Path) -> Path:
    """Where the versions live: BALAI_FOLDER_PROGRAM, else beside the running version when it is one of them,
    else `program/` in the data folder (a source install's first upgrade)."""
    if value := os.environ.get(ENV_FOLDER):
        return Path(value).expanduser().resolve()
    here = Path(sys.prefix).resolve()
    if here.parent.name == VERSI:
        return here.parent.parent
    return Path(data_dir) / "program"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")


class Program:
    """The program folder: side-by-side venvs and the `aktif` pointer."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.aktif = self.root / AKTIF
        self.marker = self.root / BERJALAN

    @contextmanager
    def terkunci(self):
        """One upgrade at a time on this computer."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".kunci", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise RilisError("Pembaruan lain sedang berjalan di komputer ini; tunggu sampai selesai.") from None
            yield

    def sekarang(self) -> Path:
        """The venv that is active now (this very one before the first upgrade)."""
        return self.aktif.resolve() if self.aktif.is_symlink() else Path(sys.prefix).resolve()

    def periksa_dari_aktif(self) -> None:
        if self.aktif.is_symlink() and self.aktif.resolve() != Path(sys.prefix).resolve():
            raise RilisError(f"Perintah ini dijalankan dari {sys.prefix}, padahal versi yang aktif ada di "
                             f"{self.aktif.resolve()}. Jalankan {self.aktif}/bin/balai perbarui ... agar pembaruan "
                             "berangkat dari versi yang sedang dipakai.")

    def alihkan(self, target: Path) -> None:
        """Point `aktif` at `target` in one atomic rename."""
        temporary = self.root / f".{AKTIF}.baru"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(target)
        os.replace(temporary, self.aktif)

    def riwayat(self) -> list[dict]:
        path = self.root / RIWAYAT
        return json.loads(path.read_text()) if path.is_file() else []

    def catat(self, entry: dict) -> None:
        history = [*self.riwayat(), entry]
        temporary = self.root / f".{RIWAYAT}.baru"
        temporary.write_text(json.dumps(history, indent=1, ensure_ascii=False))
        os.replace(temporary, self.root / RIWAYAT)

    def rapikan(self, simpan: set[Path]) -> list[str]:
        """Remove the versions neither active nor the one before (the next rollback needs that one)."""
        removed = []
        folder = self.root / VERSI
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.resolve() not in simpan:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed


def _run(command: list[str], env: dict, what: str, cwd: Path) -> str:
    """Run a step; _Langkah with its last lines of output when it fails. Never from the operator's folder: a
    source checkout there (with its balai.egg-info) would be on `python -m`'s path, seen as installed."""
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, cwd=cwd)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _Langkah(f"{what}: {exc}") from None
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise _Langkah(f"{what} gagal (kode {done.returncode}):\n{tail}")
    return done.stdout


class _Langkah(RuntimeError):
    """A step of the upgrade that failed; the caller undoes what came before."""


def pasang_venv(target: Path, bundel: rilis.Bundel, modul: dict[Path, str],
                siapkan: Callable[[Path], None] | None = None) -> None:
    """A new venv at `target` with exactly the bundle's wheels, from the unpacked folder, hash-checked by pip, then
    the nagari's own modules (`modul`: their kept wheels)."""
    clean = pip_bersih.lingkungan()
    _run([sys.executable, "-m", "venv", str(target)], clean, "Membuat lingkungan Python baru", target.parent)
    if siapkan is not None:
        siapkan(target)
    requirements = bundel.folder.parent / "requirements-rilis.txt"
    requirements.write_text(bundel.requirements())
    python = str(target / "bin" / "python")
    _run([python, "-m", "pip", "install", "--no-index", "--find-links", str(bundel.folder), "--require-hashes",
          "--only-binary", ":all:", "--no-cache-dir", "-r", str(requirements)], clean,
         "Memasang wheel dari paket rilis", target)
    if modul:
        carried = bundel.folder.parent / "requirements-modul.txt"
        carried.write_text(pip_bersih.requirements(modul))
        links = sorted({str(path.parent) for path in modul})
        _run([python, "-m", "pip", "install", "--no-index", "--find-links", str(bundel.folder),
              *[arg for link in links for arg in ("--find-links", link)], "--require-hashes", "--only-binary",
              ":all:", "--no-cache-dir", "-r", str(carried)], clean, "Memasang ulang modul nagari", target)
    shown = _run([str(target / "bin" / "balai"), "--version"], clean, "Menjalankan Balai yang baru", target)
    if str(bundel.versi) not in shown:
        raise _Langkah(f"Balai yang baru terpasang melaporkan versi lain: {shown.strip()}")


def _migrasi(target: Path, balai) -> None:
    """`balai migrate` of the NEW code, on this installation's database and data folder."""
    settings = balai.settings
    env = pip_bersih.lingkungan(BALAI_DATA_DIR=str(settings.data_dir), BALAI_DATABASE_URL=settings.database_url)
    _run([str(target / "bin" / "balai"), "migrate"], env, "Migrasi basis data oleh versi baru", target)


async def _cadangkan(balai, dari: str, ke: str) -> Path:
    from core.cadangan.buat import make_backup

    folder = Path(balai.settings.data_dir) / CADANGAN
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"sebelum-{ke}-dari-{dari}-{_stamp()}.balai"
    await make_backup(balai, target, None, None, "perbarui")
    target.chmod(0o600)  # plain, like the database beside it: it stays in the data folder
    for old in sorted(folder.glob("sebelum-*.balai"), key=lambda p: p.stat().st_mtime)[:-SIMPAN_CADANGAN]:
        old.unlink(missing_ok=True)
    return target


async def periksa(balai, berkas: Path) -> rilis.Bundel:
    """Verify a bundle without changing anything (`balai perbarui --periksa`)."""
    with tempfile.TemporaryDirectory(dir=balai.settings.data_dir, prefix=".paket-rilis-") as scratch:
        return rilis.buka(berkas, balai.settings.data_dir, Path(scratch) / "wheels")


async def perbarui(balai, berkas: Path, root: Path, paksa: bool = False, lapor: Lapor = print,
                   siapkan_venv: Callable[[Path], None] | None = None) -> dict:
    """Upgrade this installation from the bundle `berkas`.

    RilisError: refused before anything changed. PembaruanGagal: tried, and everything was put back (the message
    says so). A summary dict when the new version is active."""
    program = Program(root)
    with program.terkunci():
        program.periksa_dari_aktif()
        if program.marker.exists():
            raise RilisError("Pembaruan sebelumnya terhenti di tengah migrasi (listrik padam?). Jalankan dulu "
                             "`balai perbarui --pulihkan` untuk mengembalikan basis data dari cadangannya.")
        with tempfile.TemporaryDirectory(dir=balai.settings.data_dir, prefix=".paket-rilis-") as scratch:
            bundel = rilis.buka(berkas, balai.settings.data_dir, Path(scratch) / "wheels")
            lama, baru = Version(__version__), bundel.versi
            if baru < lama:  # its `balai migrate` would run on a database a newer version already migrated
                raise RilisError(f"Paket rilis ini berisi Balai {baru}, lebih lama dari versi yang terpasang ({lama}). "
                                 "Versi lama tidak dipasang di atas basis data versi baru, juga dengan --paksa. Untuk "
                                 "kembali ke versi lama, pulihkan cadangan yang dibuat sebelum pembaruan (lihat "
                                 "Operasi, Pembaruan). Tidak ada yang diubah.")
            if baru == lama and not paksa:
                raise RilisError(f"Paket rilis ini berisi Balai {baru}, sama dengan versi yang terpasang ({lama}). "
                                 "Tidak ada yang diubah. (Untuk sengaja memasang ulang versi itu: --paksa.)")
            modul = await rilis_modul.modul_dibawa(balai, bundel, lapor)
            signer = bundel.indeks.penandatangan
            lapor(f"Paket rilis Balai {baru} sah: ditandatangani {signer.nama} ({signer.id}), "
                  f"{len(bundel.entri)} wheel cocok dengan hash-nya.")
            sebelumnya = program.sekarang()
            lapor("Layanan Balai harus sudah dihentikan (mis. `sudo systemctl stop balai`): bila migrasi gagal, basis "
                  "data dikembalikan ke cadangan berikut, dan yang diisi sesudahnya ikut hilang.")
            lapor("Membuat cadangan otomatis sebelum pembaruan ...")
            try:
                cadangan = await _cadangkan(balai, str(lama), str(baru))
            except (CadanganError, OSError) as exc:
                raise RilisError(f"Cadangan otomatis sebelum pembaruan gagal: {exc}\nPembaruan dibatalkan; tidak ada "
                                 "yang diubah.") from None
            lapor(f"Cadangan: {cadangan}")
            target = program.root / VERSI / f"{baru}-{_stamp()}"
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                lapor(f"Memasang Balai {baru} di {target} (tanpa internet) ...")
                pasang_venv(target, bundel, modul, siapkan_venv)
            except (_Langkah, OSError) as exc:  # OSError: the disk filled up while writing the venv, say
                shutil.rmtree(target, ignore_errors=True)
                raise PembaruanGagal(f"Pembaruan ke Balai {baru} gagal: {exc}\nBalai tetap versi {lama}; basis data "
                                     f"tidak diubah. Cadangan tetap tersimpan di {cadangan}.") from None
            _tandai(program, balai, cadangan, target, lama, baru)
            try:
                lapor("Menjalankan migrasi basis data dengan versi baru ...")
                _migrasi(target, balai)
            except _Langkah as exc:
                raise PembaruanGagal(f"Pembaruan ke Balai {baru} gagal: {exc}\n"
                                     + await _kembalikan(program, balai, str(exc))) from None
            program.alihkan(target)
            program.catat({"versi": str(baru), "folder": str(target), "sebelumnya": str(sebelumnya),
                           "dari_versi": str(lama), "cadangan": str(cadangan), "waktu": _stamp()})
            program.marker.unlink()
            program.rapikan({target.resolve(), sebelumnya})
    return {"dari": str(lama), "ke": str(baru), "folder": str(target), "aktif": str(program.aktif),
            "cadangan": str(cadangan), "sebelumnya": str(sebelumnya)}


def _tandai(program: Program, balai, cadangan: Path, target: Path, lama: Version, baru: Version) -> None:
    program.marker.write_text(json.dumps({"cadangan": str(cadangan), "folder": str(target), "dari": str(lama),
                                          "ke": str(baru), "data_dir": str(balai.settings.data_dir)}))


async def _kembalikan(program: Program, balai, sebab: str) -> str:
    """Undo an upgrade whose migrations failed: drop its venv, put the database back; what was put back, for the
    operator. PembaruanGagal when the database could not be put back (the marker stays, to try again)."""
    from core.paket.rilis_pulih import pulihkan_basis_data

    marker = json.loads(program.marker.read_text())
    shutil.rmtree(marker["folder"], ignore_errors=True)
    lama, baru, cadangan = marker["dari"], marker["ke"], Path(marker["cadangan"])
    try:
        await pulihkan_basis_data(balai, cadangan, {"dari": lama, "ke": baru, "sebab": sebab[:500]})
    except (CadanganError, OSError) as exc:
        raise PembaruanGagal(
            f"Pembaruan ke Balai {baru} gagal: {sebab}\nBalai tetap versi {lama}, TETAPI basis data belum bisa "
            f"dipulihkan otomatis: {exc}\nJangan jalankan server dulu. Cadangan sebelum pembaruan ada di {cadangan}; "
            "jalankan `balai perbarui --pulihkan` lagi, atau minta bantuan tim teknis.") from None
    program.marker.unlink()
    return (f"Balai dikembalikan ke versi {lama}, dan basis data dipulihkan dari cadangan sebelum pembaruan "
            f"({cadangan.name}). Data tetap seperti sebelum pembaruan dicoba.")


async def pulihkan_terhenti(balai, root: Path) -> str:
    """`balai perbarui --pulihkan`: finish undoing an upgrade that was cut off during its migrations."""
    program = Program(root)
    with program.terkunci():
        if not program.marker.exists():
            raise RilisError("Tidak ada pembaruan yang terhenti; tidak ada yang perlu dipulihkan.")
        program.periksa_dari_aktif()
        return await _kembalikan(program, balai, "pembaruan terhenti di tengah migrasi")
