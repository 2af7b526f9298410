"""`balai plugin new NAME`: the scaffold of a separately installable innovation module.

The generated package is a complete plugin written against `plugin_sdk` only: a table and its migration, a page
with a form, a permission, a menu entry, a statistics category, a Satu Data dataset, a book, tests and a README.
Its files are Jinja2 templates kept beside this module (``templat/*.j2``), with ``[[ ]]`` and ``[% %]`` as
delimiters so the HTML templates it writes keep their own ``{{ }}`` and ``{% %}``.

It lives in the kernel, not in `plugin_sdk`: it is a developer tool of the `balai` command, not something a plugin
imports, so it is no part of the SDK's stable surface (docs/plugins/stability.md). It reads only the SDK's version
from `plugin_sdk`, and the installed plugins' names from their entry points (the core never imports a plugin).
"""

from __future__ import annotations

import keyword
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import entry_points
from pathlib import Path

import jinja2
from packaging.version import Version

from core import __version__ as CORE_VERSION
from core.plugin_host.host import BUILTIN_DISTRIBUTION, GROUP
from core.plugin_host.types import NAME_PATTERN, RESERVED_NAMES

TEMPLAT = Path(__file__).parent / "templat"

#: template -> path in the new folder ({paket} is the package's name, {nama} the plugin's).
BERKAS = {
    "pyproject.toml.j2": "pyproject.toml",
    "README.md.j2": "README.md",
    "ci_run.j2": ".ci/run",
    "gitignore.j2": ".gitignore",
    "init.py.j2": "{paket}/__init__.py",
    "plugin.py.j2": "{paket}/plugin.py",
    "kode.py.j2": "{paket}/kode.py",
    "tables.py.j2": "{paket}/tables.py",
    "piccolo_app.py.j2": "{paket}/piccolo_app.py",
    "halaman.py.j2": "{paket}/halaman.py",
    "peserta.py.j2": "{paket}/peserta.py",
    "statistik.py.j2": "{paket}/statistik.py",
    "data_terbuka.py.j2": "{paket}/data_terbuka.py",
    "buku.py.j2": "{paket}/buku.py",
    "init.py.j2#migrasi": "{paket}/migrations/__init__.py",
    "migrasi.py.j2": "{paket}/migrations/{nama}_{migrasi}.py",
    "daftar.html.j2": "{paket}/templates/daftar.html",
    "conftest.py.j2": "tests/conftest.py",
    "test_modul.py.j2": "tests/test_{nama}.py",
}
EXECUTABLE = {".ci/run"}
#: Longer names make the module's table, addresses and book code unwieldy (and its generated lines too long).
PANJANG_NAMA = 24
#: A title goes into Python strings, TOML and Markdown as it is: words and plain punctuation only, no quotes.
JUDUL_SAH = re.compile(r"\w[\w .,()'/&-]{1,59}")
PENULIS_SAH = re.compile('[^"\\\\\x00-\x1f]{2,80}')  # goes into a TOML string: no quote, backslash or control


class KerangkaError(ValueError):
    """A name or a folder the scaffold refuses; the message is for the person typing the command."""


@dataclass(frozen=True)
class Modul:
    """What the templates fill in."""

    nama: str
    judul: str
    versi_core: str
    core_requires: str
    sdk_requires: str
    migrasi_id: str
    versi_piccolo: str
    penulis: str = "Penulis modul"  # shown by `balai plugins` beside the signature (the wheel's Author field)

    @property
    def paket(self) -> str:
        return f"balai_{self.nama}"

    @property
    def distribusi(self) -> str:
        return f"balai-{self.nama.replace('_', '-')}"

    @property
    def migrasi(self) -> str:
        """The migration file's suffix, as Piccolo names them (lowercase, no separators but _)."""
        return self.migrasi_id.replace("-", "_").replace(":", "_").lower()


def _terpasang() -> dict[str, str]:
    """Plugin name -> the distribution providing it, from the entry points alone (nothing is imported)."""
    return {ep.name: (ep.dist.name if ep.dist else "") for ep in entry_points(group=GROUP)}


def periksa_nama(nama: str) -> str:
    """The plugin name, or KerangkaError saying why it cannot be one."""
    if not NAME_PATTERN.match(nama) or not nama.isidentifier() or keyword.iskeyword(nama):
        raise KerangkaError(f"Nama “{nama}” tidak dapat dipakai: nama modul harus huruf kecil, angka atau _, "
                            "diawali huruf, 2 sampai 41 karakter (contoh: posyandu, kelompok_tani).")
    if len(nama) > PANJANG_NAMA:
        raise KerangkaError(f"Nama “{nama}” terlalu panjang: paling banyak {PANJANG_NAMA} karakter "
                            "(nama dipakai di nama tabel, alamat halaman dan kode buku).")
    if nama in RESERVED_NAMES:
        raise KerangkaError(f"Nama “{nama}” dipakai oleh kernel Balai; pilih nama lain.")
    pemilik = _terpasang().get(nama)
    if pemilik == BUILTIN_DISTRIBUTION:
        raise KerangkaError(f"“{nama}” adalah nama plugin bawaan Balai; pilih nama lain.")
    if pemilik is not None:
        raise KerangkaError(f"Nama “{nama}” sudah dipakai plugin dari paket {pemilik or '(tanpa nama)'} yang "
                            "terpasang; dua plugin bernama sama ditolak Balai. Pilih nama lain.")
    return nama


def periksa_judul(judul: str) -> str:
    """The title, or KerangkaError saying why it cannot be one."""
    if not JUDUL_SAH.fullmatch(judul):
        raise KerangkaError(f"Judul “{judul}” tidak dapat dipakai: 2 sampai 60 karakter, huruf, angka, spasi dan "
                            "tanda baca . , ( ) ' / & - saja (contoh: Kelompok Tani).")
    return judul


def rentang(versi: str, *, batas_0: bool = True) -> str:
    """The PEP 440 range of versions a new module supports: from this one up to the next major (for 0.x, 1.0)."""
    v = Version(versi)
    return f">={v.major}.{v.minor},<{v.major + 1}" + (".0" if batas_0 and v.major == 0 else "")


def periksa_penulis(penulis: str) -> str:
    """The author's name as it goes into pyproject.toml, or KerangkaError."""
    penulis = " ".join(penulis.split())
    if not PENULIS_SAH.fullmatch(penulis):
        raise KerangkaError(f"Nama penulis “{penulis}” tidak dapat dipakai: 2 sampai 80 karakter, tanpa tanda kutip "
                            "atau garis miring terbalik (contoh: Tim TI Nagari Taram).")
    return penulis


def modul(nama: str, judul: str | None = None, *, sekarang: datetime | None = None,
          penulis: str = "Penulis modul") -> Modul:
    from piccolo import __VERSION__ as PICCOLO_VERSION

    from plugin_sdk import SDK_VERSION  # the SDK's version only; the kernel imports nothing else of it

    sekarang = sekarang or datetime.now(timezone.utc)
    judul = periksa_judul(" ".join((judul or "").split()) or nama.replace("_", " ").title())
    return Modul(nama=nama, judul=judul, versi_core=CORE_VERSION, core_requires=rentang(CORE_VERSION),
                 sdk_requires=rentang(SDK_VERSION, batas_0=False),
                 migrasi_id=sekarang.strftime("%Y-%m-%dT%H:%M:%S:%f"), versi_piccolo=PICCOLO_VERSION,
                 penulis=periksa_penulis(penulis))


def _lingkungan() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLAT), undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        variable_start_string="[[", variable_end_string="]]", block_start_string="[%", block_end_string="%]",
        comment_start_string="[#", comment_end_string="#]", autoescape=False)


def isi(m: Modul) -> dict[str, str]:
    """Every file of the module: path relative to its folder -> content."""
    env = _lingkungan()
    konteks = {"m": m, "nama": m.nama, "judul": m.judul, "paket": m.paket, "distribusi": m.distribusi}
    return {tujuan.format(paket=m.paket, nama=m.nama, migrasi=m.migrasi):
            env.get_template(templat.split("#")[0]).render(konteks) for templat, tujuan in BERKAS.items()}


def folder_bawaan(nama: str) -> Path:
    return Path.cwd() / f"balai-{nama.replace('_', '-')}"


def buat(nama: str, folder: Path | None = None, judul: str | None = None, penulis: str = "Penulis modul") -> Path:
    """Write the module `nama` into `folder` (default ./balai-NAME); returns the folder.

    Everything is checked and rendered before the first file is written: a refused name or folder writes nothing.
    """
    periksa_nama(nama)
    berkas = isi(modul(nama, judul, penulis=penulis))  # a bad title is refused here, before the folder is looked at
    folder = Path(folder) if folder is not None else folder_bawaan(nama)
    if folder.exists() and not folder.is_dir():
        raise KerangkaError(f"{folder} sudah ada dan bukan folder; pilih folder lain dengan --folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise KerangkaError(f"Folder {folder} sudah ada dan tidak kosong; tidak ada yang ditulis. "
                            "Pilih folder lain dengan --folder, atau kosongkan folder itu.")
    # written in a hidden sibling, then moved into place: a full disk leaves no half-written module behind
    folder.parent.mkdir(parents=True, exist_ok=True)
    sementara = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent.resolve()))
    try:
        for jalur, teks in berkas.items():
            tujuan = sementara / jalur
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            tujuan.write_text(teks, encoding="utf-8")
            if jalur in EXECUTABLE:
                tujuan.chmod(0o755)
        sementara.chmod(0o755)
        if folder.is_dir():
            folder.rmdir()  # the empty folder the user named
        sementara.rename(folder)
    except BaseException:
        shutil.rmtree(sementara, ignore_errors=True)
        raise
    return folder
