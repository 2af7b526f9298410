"""A release bundle: the wheels of a new Balai and its locked dependencies, signed, in one file for a USB stick.

Format ``balai-rilis/1`` (docs/operasi.md, *Memperbarui Balai tanpa internet*), a zip holding only::

    indeks.json        a signed index (core.paket.indeks, jenis "rilis") listing every wheel with its sha256;
                       its content also names the version ("versi"), the Python it was built for ("python") and
                       the SHA-256 of the lock ("lock_sha256")
    requirements.lock  the lock the dependency wheels were gathered from (hash-pinned, as in the source tree)
    wheels/*.whl       Balai's own wheel and one wheel per dependency

A dependency wheel must be pinned in the lock at its version and its hash must be one the lock lists, so the signer
vouches for exactly what `pip install --require-hashes` would have fetched. A wheel the release manager built from
an sdist has no hash in the lock; it is accepted only when asked (`dibangun` in its signed entry).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.tags import sys_tags
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from core.paket import kunci
from core.paket.indeks import Entri, Indeks, IndeksError, baca_indeks, buat_isi, sha256_berkas, tandatangani

FORMAT = "balai-rilis/1"
JENIS = "rilis"
INDEX = "indeks.json"
LOCK = "requirements.lock"
WHEELS = "wheels/"
NAMA_BALAI = "balai"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:([0-9a-fA-F]{64})")


class RilisError(ValueError):
    """A bundle that cannot be built or trusted; the message is for the operator, in Bahasa Indonesia."""


def kunci_rilis(data_dir: Path) -> list[kunci.KunciTepercaya]:
    """The public keys this nagari trusts to sign a release: a set of their own, so a module author's key (trusted
    for modules) cannot sign a new core."""
    return kunci.tepercaya(data_dir, "rilis")


def baca_lock(text: str) -> dict[str, tuple[str, set[str]]]:
    """A hash-pinned lock (uv/pip-compile output): canonical name -> (version, its sha256 hashes)."""
    pins: dict[str, tuple[str, set[str]]] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace() and (match := _PIN.match(stripped)):
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), set())
        if current is not None:
            pins[current][1].update(h.lower() for h in _HASH.findall(stripped))
    return pins


def _wheel(path: Path) -> tuple[str, str, frozenset]:
    try:
        name, version, _, tags = parse_wheel_filename(path.name)
    except InvalidWheelFilename:
        raise RilisError(f"{path.name} bukan nama berkas wheel yang sah.") from None
    return canonicalize_name(name), str(version), tags


def _python_tag() -> str:
    return next(iter(sys_tags())).interpreter


@dataclass(frozen=True)
class Isi:
    """What `buat` put in a bundle, for the release manager's report."""

    path: Path
    versi: str
    wheel: int
    dibangun: tuple[str, ...]  # wheels accepted without a hash in the lock
    tanpa_wheel: tuple[str, ...]  # locked packages with no wheel in the folder (dev tools, say)


def buat(folder: Path, lock: Path, kunci_privat: Path, tujuan: Path, penerbit: str,
         izinkan_dibangun: bool = False) -> Isi:
    """Sign the wheels in `folder` with the lock `lock` into the bundle `tujuan`. RilisError when refused."""
    wheels = sorted(Path(folder).glob("*.whl"))
    try:
        lock_text = Path(lock).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RilisError(f"Berkas lock {lock} tidak bisa dibaca: {exc}") from None
    pins = baca_lock(lock_text)
    own = [w for w in wheels if _wheel(w)[0] == NAMA_BALAI]
    if len(own) != 1:
        raise RilisError(f"Folder {folder} harus berisi tepat satu wheel Balai (balai-VERSI-...whl); "
                         f"ditemukan {len(own)}.")
    versi = _wheel(own[0])[1]
    entries, built, problems = [], [], []
    for path in wheels:
        name, version, _ = _wheel(path)
        digest = sha256_berkas(path)
        extra = {}
        if name != NAMA_BALAI:
            pinned = pins.get(name)
            if pinned is None or pinned[0] != version:
                problems.append(f"{path.name}: {name}=={version} tidak tercantum di {Path(lock).name}"
                                + (f" (lock: {pinned[0]})" if pinned else ""))
                continue
            if digest not in pinned[1]:
                if not izinkan_dibangun:
                    problems.append(f"{path.name}: hash-nya tidak ada di {Path(lock).name} (wheel dibangun sendiri? "
                                    "pakai --izinkan-wheel-buatan bila memang begitu)")
                    continue
                built.append(path.name)
                extra = {"dibangun": True}
        entries.append(Entri(berkas=path.name, sha256=digest, nama=name, versi=version, lain=extra))
    if problems:
        raise RilisError("Paket rilis tidak dibuat:\n- " + "\n- ".join(problems))
    isi = buat_isi(entries, penerbit, jenis=JENIS, format_rilis=FORMAT, versi=versi, python=_python_tag(),
                   lock_sha256=hashlib.sha256(lock_text.encode("utf-8")).hexdigest())
    signed = tandatangani(isi, kunci.muat_privat(kunci_privat))
    present = {e.nama for e in entries}
    missing = tuple(sorted(n for n in pins if n not in present))
    _tulis(Path(tujuan), signed, lock_text, wheels)
    return Isi(Path(tujuan), versi, len(entries), tuple(built), missing)


def _tulis(tujuan: Path, signed: dict, lock_text: str, wheels: list[Path]) -> None:
    partial = tujuan.with_name(f".{tujuan.name}.sebagian")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr(INDEX, json.dumps(signed, ensure_ascii=False, indent=1) + "\n")
            archive.writestr(LOCK, lock_text)
            for path in wheels:  # already compressed
                archive.write(path, WHEELS + path.name)
        partial.replace(tujuan)
    finally:
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class Bundel:
    """An opened bundle whose signature and every hash were checked; its wheels unpacked in `folder`."""

    versi: Version
    indeks: Indeks
    folder: Path  # the wheels
    entri: tuple[Entri, ...]

    def requirements(self) -> str:
        """Every wheel pinned by version and hash, for `pip install --require-hashes`."""
        return "".join(f"{e.nama}=={e.versi} --hash=sha256:{e.sha256}\n" for e in self.entri)


def _names(archive: zipfile.ZipFile) -> list[str]:
    names = archive.namelist()
    strange = [n for n in names if n not in (INDEX, LOCK) and not (
        n.startswith(WHEELS) and n.endswith(".whl") and "/" not in n[len(WHEELS):] and ".." not in n
        and not n[len(WHEELS):].startswith("."))]
    if strange or len(set(names)) != len(names):
        raise RilisError(f"Paket rilis berisi berkas yang tidak dikenal ({', '.join(strange[:3]) or 'nama ganda'}); "
                         "paket ini tidak dipasang.")
    return names


def buka(path: Path, data_dir: Path, folder: Path) -> Bundel:
    """Verify the bundle at `path` against this nagari's trusted keys and unpack its wheels into `folder`.

    RilisError (Indonesian) for anything in doubt: not a bundle, unsigned, an untrusted key, a wrong signature,
    a wheel whose hash differs, a wheel missing or extra, a dependency not in the signed lock, a wheel this
    computer's Python cannot run."""
    path = Path(path)
    if not path.is_file():
        raise RilisError(f"Berkas paket rilis tidak ditemukan: {path}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise RilisError(f"{path.name} bukan paket rilis Balai (bukan arsip zip yang utuh).") from None
    with archive:
        names = _names(archive)
        if INDEX not in names or LOCK not in names:
            raise RilisError(f"{path.name} bukan paket rilis Balai (indeks.json atau requirements.lock tidak ada).")
        folder.mkdir(parents=True, exist_ok=True)
        try:
            archive.extract(INDEX, folder.parent)
            indeks = baca_indeks(folder.parent / INDEX, kunci_rilis(data_dir), jenis=JENIS)
        except IndeksError as exc:
            raise RilisError(f"{exc} Paket rilis tidak dipasang.") from None
        lock_bytes = archive.read(LOCK)
        if hashlib.sha256(lock_bytes).hexdigest() != str(indeks.isi.get("lock_sha256", "")).lower():
            raise RilisError("requirements.lock di dalam paket tidak sama dengan yang ditandatangani: paket telah "
                             "diubah. Paket rilis tidak dipasang.")
        listed = {e.berkas for e in indeks.entri}
        inside = {n[len(WHEELS):] for n in names if n.startswith(WHEELS)}
        if listed != inside:
            odd = sorted(listed ^ inside)
            raise RilisError(f"Isi paket tidak sama dengan indeksnya ({', '.join(odd[:3])}): paket telah diubah "
                             "atau tidak lengkap. Paket rilis tidak dipasang.")
        for name in sorted(inside):
            target = folder / name
            with archive.open(WHEELS + name) as source, open(target, "wb") as out:
                while block := source.read(1 << 20):
                    out.write(block)
            try:
                indeks.periksa_berkas(target)
            except IndeksError as exc:
                raise RilisError(f"{exc} Paket rilis tidak dipasang.") from None
    versi = _check(indeks, baca_lock(lock_bytes.decode("utf-8")), folder)
    return Bundel(versi, indeks, folder, indeks.entri)


def _check(indeks: Indeks, pins: dict, folder: Path) -> Version:
    """The signed facts agree with each other and with this computer; the bundle's version."""
    try:
        versi = Version(str(indeks.isi.get("versi", "")))
    except InvalidVersion:
        raise RilisError("Indeks paket rilis tidak menyebut versi Balai yang sah.") from None
    own = [e for e in indeks.entri if canonicalize_name(e.nama) == NAMA_BALAI]
    if len(own) != 1 or Version(own[0].versi) != versi:
        raise RilisError(f"Paket rilis tidak berisi wheel Balai {versi}.")
    tags = set(sys_tags())
    for entry in indeks.entri:
        name, version, wheel_tags = _wheel(folder / entry.berkas)
        if name != canonicalize_name(entry.nama) or version != entry.versi:
            raise RilisError(f"Nama atau versi {entry.berkas} tidak sama dengan indeksnya.")
        if name != NAMA_BALAI:
            pinned = pins.get(name)
            if pinned is None or pinned[0] != version or (
                    entry.sha256.lower() not in pinned[1] and not entry.lain.get("dibangun")):
                raise RilisError(f"{entry.berkas} tidak sesuai requirements.lock di paket. Paket rilis tidak dipasang.")
        if not wheel_tags & tags:
            raise RilisError(f"{entry.berkas} tidak bisa dipakai Python di komputer ini ({_python_tag()}); paket ini "
                             f"dibuat untuk {indeks.isi.get('python', '?')}. Minta paket rilis untuk Python komputer "
                             "ini.")
    return versi
