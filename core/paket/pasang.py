"""Install a module wheel from a USB stick: every check first, then pip with no network.

`siapkan` checks without changing anything (signed trusted index, the wheel's hash, core range, plugin
dependencies, Python requirements); `pasang_roda` copies the approved wheels to a private folder, asks pip what
it would install, refuses to replace anything installed, then installs; `copot` takes it out again.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename

from core.paket import pip_bersih
from core.paket.buat import DEFAULT_NAME
from core.paket.indeks import Entri, Indeks, IndeksError, baca_indeks
from core.paket.kunci import KunciTepercaya
from core.paket.roda import InfoRoda, RodaError, baca_roda, periksa_isi
from core.plugin_host.host import PluginHost


KEPT = Path("paket") / "roda"  # in the data folder: the wheels installed, for the next Balai upgrade


class PasangError(ValueError):
    """A module that is not installed, and why, in words for the operator. Nothing was changed."""


@dataclass
class Rencana:
    roda: Path
    indeks: Indeks
    entri: Entri
    info: InfoRoda
    pendamping: dict[str, Path] = field(default_factory=dict)  # approved library wheels beside it, by name
    disimpan: dict[str, str] = field(default_factory=dict)  # once kept: the wheels installed, file name -> sha256

    @property
    def plugin(self) -> str:
        return next(iter(self.info.plugins))


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _checked(ix: Indeks, path: Path) -> tuple[Entri, InfoRoda]:
    """The index entry and the metadata of `path`, both from one private copy: the stick could change between
    hashing the file and reading it again."""
    with tempfile.TemporaryDirectory(prefix="balai-periksa-") as folder:
        copy = Path(shutil.copy2(path, folder))
        entri = ix.periksa_berkas(copy)
        return entri, baca_roda(copy)


def _companions(ix: Indeks, folder: Path, own: Path) -> tuple[dict[str, tuple[Path, str]], list[str]]:
    """Library wheels beside the module that the index lists with the same hash; names of those that differ."""
    found, refused = {}, []
    for path in sorted(folder.glob("*.whl")):
        if path == own or ix.cari(path.name) is None:
            continue
        try:
            _, info = _checked(ix, path)
        except (IndeksError, RodaError):
            refused.append(path.name)
            continue
        found[info.kanonik] = (path, info.versi)
    return found, refused


def _check_requirements(plan: Rencana, companions: dict[str, tuple[Path, str]], refused: list[str]) -> None:
    for req in plan.info.requires:
        name = canonicalize_name(req.name)
        have = _installed(req.name)
        if have is not None:
            if not req.specifier.contains(have, prereleases=True):
                raise PasangError(f"Modul {plan.info.nama} butuh pustaka Python {req.name}{req.specifier}, "
                                  f"padahal yang terpasang {have}; pustaka yang dipakai Balai tidak diganti.")
            continue
        if name in companions and req.specifier.contains(companions[name][1], prereleases=True):
            continue
        note = f" Berkas yang ditolak karena tidak cocok dengan indeks: {', '.join(refused)}." if refused else ""
        raise PasangError(f"Modul {plan.info.nama} butuh pustaka Python {req}, yang tidak terpasang dan tidak ada "
                          f"(sebagai wheel yang tercantum di indeks) di samping berkasnya.{note}")


def cari_indeks(roda: Path, indeks: Path | None) -> Path:
    if indeks is not None:
        return Path(indeks)
    beside = Path(roda).parent / DEFAULT_NAME
    if not beside.exists():
        raise PasangError(f"Tidak ada indeks bertanda tangan ({DEFAULT_NAME}) di samping {Path(roda).name}. "
                          "Salin indeksnya dari penerbit ke folder yang sama, atau sebutkan dengan --indeks.")
    return beside


def siapkan(roda: Path, indeks: Path | None, kunci: list[KunciTepercaya], host: PluginHost) -> Rencana:
    """Every check, nothing changed. Raises IndeksError or PasangError."""
    roda = Path(roda).resolve()
    if not roda.is_file():
        raise PasangError(f"Berkas {roda} tidak ditemukan.")
    ix = baca_indeks(cari_indeks(roda, indeks), kunci, jenis="modul")
    try:
        entri, info = _checked(ix, roda)
    except RodaError as exc:
        raise PasangError(str(exc)) from None
    if canonicalize_name(entri.nama) != info.kanonik or entri.versi != info.versi:
        raise PasangError(f"Indeks menyebut {roda.name} sebagai {entri.nama} {entri.versi}, berkasnya {info.nama} "
                          f"{info.versi}; tidak dipasang.")
    if len(info.plugins) != 1 or entri.plugin not in info.plugins:
        raise PasangError(f"{roda.name} bukan modul Balai (satu plugin di entry point balai.plugins).")
    plan = Rencana(roda=roda, indeks=ix, entri=entri, info=info)
    try:
        core_ok = SpecifierSet(entri.core).contains(host.core_version, prereleases=True)
    except ValueError:
        core_ok = False
    if not core_ok:
        raise PasangError(f"Modul {plan.plugin} {info.versi} butuh Balai core {entri.core}, padahal yang terpasang "
                          f"{host.core_version}. Minta versi modul yang cocok.")
    have = _installed(info.nama)
    if have is not None:
        raise PasangError(f"Paket {info.nama} {have} sudah terpasang. Memperbarui modul yang terpasang belum "
                          "didukung dari flashdisk.")
    if (record := host.get(plan.plugin)) is not None:
        raise PasangError(f"Nama plugin {plan.plugin!r} sudah dipakai paket {record.distribution}.")
    for dep in entri.bergantung:
        found = host.get(dep)
        if found is None or not found.loaded:
            raise PasangError(f"Modul {plan.plugin} butuh plugin {dep!r}, yang "
                              f"{'gagal dimuat' if found else 'belum terpasang'}. Pasang {dep!r} dulu.")
    companions, refused = _companions(ix, roda.parent, roda)
    _check_requirements(plan, companions, refused)
    # Every approved companion goes to pip, so a library's own requirements are found too; pip takes what it needs.
    plan.pendamping = {name: path for name, (path, _) in companions.items()}
    return plan


def _pip(*args: str) -> subprocess.CompletedProcess:
    # Into the running Balai's own environment, never the network, deaf to this PC's own pip settings.
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, timeout=600,
                          env=pip_bersih.lingkungan())


def _last_words(done: subprocess.CompletedProcess) -> str:
    lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    return " ".join(lines[-3:]) or f"kode {done.returncode}"


def pasang_roda(plan: Rencana) -> list[str]:
    """Install the module and its verified companions; returns the distributions newly installed."""
    with tempfile.TemporaryDirectory(prefix="balai-paket-") as folder:
        # Copies that are hashed again: what pip reads is what was checked, whatever happens to the stick.
        copies: dict[str, tuple[Path, str]] = {}
        for path in [plan.roda, *plan.pendamping.values()]:
            copy = Path(shutil.copy2(path, folder))
            copies[canonicalize_name(parse_wheel_filename(copy.name)[0])] = (
                copy, plan.indeks.periksa_berkas(copy).sha256.lower())
        target = str(Path(folder) / plan.roda.name)
        offline = ("--no-index", "--find-links", folder, "--only-binary", ":all:", "--no-cache-dir")
        done = _pip("install", "--dry-run", "--quiet", "--report", "-", *offline, target)
        if done.returncode != 0:
            raise PasangError(f"pip tidak bisa memasang {plan.roda.name} tanpa internet: {_last_words(done)}")
        names = [item["metadata"]["name"] for item in json.loads(done.stdout).get("install", [])]
        replaced = [n for n in names if _installed(n) is not None]
        if replaced:
            raise PasangError(f"Memasang {plan.roda.name} akan mengganti paket yang sudah terpasang: "
                              f"{', '.join(replaced)}. Tidak dipasang.")
        chosen = {copies[canonicalize_name(n)] for n in names if canonicalize_name(n) in copies}
        if len(chosen) != len(names):
            raise PasangError(f"pip memilih paket yang tidak diperiksa: {', '.join(names)}. Tidak dipasang.")
        own = {module.split(":")[0].split(".")[0] for module in plan.info.plugins.values()}  # the plugin's package
        for copy, _ in sorted(chosen):
            try:
                periksa_isi(copy, own if copy.name == plan.roda.name else None)
            except RodaError as exc:
                raise PasangError(str(exc)) from None
        pinned = Path(folder) / "requirements-modul.txt"
        pinned.write_text(pip_bersih.requirements(dict(chosen)))
        # Only the checked copies, each by its signed hash: pip installs exactly these or nothing.
        done = _pip("install", "--quiet", "--no-warn-script-location", "--require-hashes", *offline,
                    "-r", str(pinned))
        if done.returncode != 0:
            copot([n for n in names if _installed(n) is not None])
            raise PasangError(f"pip gagal memasang {plan.roda.name}: {_last_words(done)}")
    return names


def simpan_roda(plan: Rencana, dipasang: list[str], data_dir: Path) -> tuple[dict[str, str], list[Path]]:
    """Keep the wheels that were installed in DATA_DIR/paket/roda, so an upgrade of Balai (a new venv) can install
    them again offline. Returns {file name: sha256} and the files that were not there before (to undo)."""
    folder = Path(data_dir) / KEPT
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    installed = {canonicalize_name(n) for n in dipasang}
    kept, new = {}, []
    try:
        for path in [plan.roda, *(p for name, p in plan.pendamping.items() if name in installed)]:
            target = folder / path.name
            if not target.exists():
                new.append(target)
            shutil.copy2(path, target)
            kept[path.name] = plan.indeks.periksa_berkas(target).sha256.lower()
    except Exception:
        for target in new:
            target.unlink(missing_ok=True)
        raise
    return kept, new


def copot(names: list[str]) -> None:
    """Uninstall what an install that failed later put in."""
    if names:
        _pip("uninstall", "--yes", "--quiet", *names)

