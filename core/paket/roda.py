"""What a wheel says about itself, read from the zip without installing it."""

from __future__ import annotations

import configparser
import email.parser
import importlib.util
import json
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from email.utils import getaddresses
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename

from core.plugin_host.host import GROUP


class RodaError(ValueError):
    """A file that is not a readable wheel; the message is for the operator."""


@dataclass(frozen=True)
class InfoRoda:
    nama: str  # distribution name as its metadata spells it
    versi: str
    penulis: str
    plugins: dict[str, str]  # plugin name -> module, from the balai.plugins entry points
    requires: tuple[Requirement, ...]  # what it needs on this machine (markers already applied)

    @property
    def kanonik(self) -> str:
        return canonicalize_name(self.nama)


def penulis_dari(meta) -> str:
    """A distribution's author as `balai plugins` shows it: Author, else the names in Author-email."""
    if meta.get("Author"):
        return str(meta["Author"])
    names = [name or address for name, address in getaddresses([str(meta.get("Author-email") or "")])]
    return ", ".join(n for n in names if n)


def _requires(meta) -> tuple[Requirement, ...]:
    found = []
    for line in meta.get_all("Requires-Dist") or []:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            raise RodaError(f"persyaratan {line!r} tidak sah") from None
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            found.append(req)
    return tuple(found)


def baca_roda(path: Path) -> InfoRoda:
    path = Path(path)
    try:
        name, version, _, _ = parse_wheel_filename(path.name)
    except InvalidWheelFilename:
        raise RodaError(f"{path.name} bukan nama berkas wheel (.whl) yang sah.") from None
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            info = next((n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA")), None)
            if info is None:
                raise RodaError(f"{path.name} tidak berisi metadata paket (.dist-info/METADATA).")
            meta = email.parser.BytesParser().parsebytes(archive.read(info))
            points = info.replace("/METADATA", "/entry_points.txt")
            entry_text = archive.read(points).decode("utf-8") if points in names else ""
    except (zipfile.BadZipFile, OSError):
        raise RodaError(f"{path.name} rusak: bukan arsip wheel yang bisa dibaca.") from None
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # entry point names are case-sensitive
    try:
        parser.read_string(entry_text)
    except configparser.Error:
        raise RodaError(f"{path.name}: entry_points.txt rusak.") from None
    plugins = {k.strip(): v.strip() for k, v in parser.items(GROUP)} if parser.has_section(GROUP) else {}
    named = canonicalize_name(str(meta.get("Name") or ""))
    if named != canonicalize_name(name) or str(meta.get("Version")) != str(version):
        raise RodaError(f"{path.name}: nama atau versi di metadata tidak sama dengan nama berkasnya.")
    return InfoRoda(nama=str(meta["Name"]), versi=str(meta["Version"]), penulis=penulis_dari(meta), plugins=plugins,
                    requires=_requires(meta))


# Never shipped by a module or its libraries: the kernel, the SDK, the built-in plugins and themes, the demo.
DILARANG = frozenset({"core", "plugin_sdk", "plugins", "themes", "balai_demo"})
_DATA = {"purelib": "purelib", "platlib": "platlib", "scripts": "scripts", "data": "data", "headers": "include"}


def _toplevel(relative: str) -> str:
    return relative.split("/")[0].split(".")[0]  # `pkg/...`, `mod.py`, `mod.cpython-311-x86_64-linux-gnu.so`


def _exists(top: str) -> bool:
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return True


def periksa_isi(path: Path, sendiri: set[str] | None = None) -> None:
    """RodaError when installing the wheel would write over what is already there: a file or script of another
    package, a top-level package that already exists (it would shadow it), a .pth file (code run at every start),
    a reserved Balai package, or (for a module, `sendiri` given) a top-level package other than its own."""
    paths = sysconfig.get_paths()
    bad: set[str] = set()
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            points = next((archive.read(n).decode("utf-8", "replace") for n in names
                           if n.count("/") == 1 and n.endswith(".dist-info/entry_points.txt")), "")
    except (zipfile.BadZipFile, OSError):
        raise RodaError(f"{path.name} rusak: bukan arsip wheel yang bisa dibaca.") from None
    infos = {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
    if len(infos) != 1:
        raise RodaError(f"{path.name} berisi {len(infos)} folder .dist-info; wheel yang sah berisi satu.")
    tops: set[str] = set()
    for name in names:
        top, _, rest = name.partition("/")
        if top in infos:
            continue
        base, relative = paths["purelib"], name
        if top.endswith(".data"):
            kind, _, relative = rest.partition("/")
            if kind not in _DATA:
                bad.add(name)
                continue
            base = paths[_DATA[kind]]
            if kind not in ("purelib", "platlib"):  # a script or data file: only never over an existing one
                if (Path(base) / relative).exists():
                    bad.add(name)
                continue
        if relative.endswith(".pth") or (Path(base) / relative).exists():
            bad.add(name)
        if top := _toplevel(relative):
            tops.add(top)
    for top in sorted(tops):
        if top in DILARANG or (sendiri is not None and top not in sendiri) or _exists(top):
            bad.add(f"{top}/")
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str
    try:
        parser.read_string(points)
    except configparser.Error:
        raise RodaError(f"{path.name}: entry_points.txt rusak.") from None
    for group in ("console_scripts", "gui_scripts"):
        for script in parser.options(group) if parser.has_section(group) else []:
            if (Path(paths["scripts"]) / script).exists():
                bad.add(f"skrip {script}")
    if bad:
        raise RodaError(f"{path.name} akan menimpa atau membayangi berkas yang bukan miliknya: "
                        f"{', '.join(sorted(bad)[:8])}. Tidak dipasang.")


# Run in a child process with the wheel on sys.path, so the author's machine is not changed by reading it.
_PROBE = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
meta = importlib.import_module(sys.argv[2]).PLUGIN
print(json.dumps({"nama": meta.name, "versi": meta.version, "core": meta.core_requires,
                  "bergantung": list(meta.depends)}))
"""


def baca_plugin(path: Path, module: str) -> dict:
    """The plugin's own PluginMeta (name, version, core range, depends), imported from the wheel."""
    done = subprocess.run([sys.executable, "-c", _PROBE, str(Path(path).resolve()), module.split(":")[0]],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise RodaError(f"{Path(path).name}: metadata PLUGIN di {module} tidak bisa dibaca ({last}).")
    return json.loads(done.stdout.strip().splitlines()[-1])
