"""Reading a preset folder: preset.toml and the kernel's files, checked before anything is written.

Every problem is a `PresetError` whose message (Indonesian) names the file and the key, so a trainer can fix the
folder; nothing in the database is touched while a preset is read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from core.preset.toml import baca_toml

# The kernel's own files and folders in a preset; every other folder is a plugin's section.
BERKAS_INTI = ("preset.toml", "profil.toml", "wilayah.csv", "pengguna.toml")
NAMA = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KUNCI = {
    "preset": {"nama", "judul", "versi", "deskripsi", "balai", "plugins"},
    "latihan": {"peserta", "sandi", "peran"},
    "penduduk": {"jumlah", "benih", "sejak", "minimum"},
}
MAKS_PESERTA = 99  # peserta01 .. peserta99


class PresetError(ValueError):
    """A preset that cannot be applied or exported; the message is for the trainer."""


@dataclass
class Preset:
    folder: Path
    nama: str
    judul: str = ""
    versi: str = ""
    deskripsi: str = ""
    balai: str = ""
    plugins: list[str] = field(default_factory=list)
    pengaturan: dict[str, dict[str, Any]] = field(default_factory=dict)
    peserta: int = 0
    sandi: str = ""
    peran_peserta: str = "operator"
    jumlah: int = 0
    minimum: int = 0  # the fewest residents its sections need (accounts, recipients): fewer is refused
    benih: int = 1
    sejak: date = date(2021, 1, 1)
    profil: dict[str, Any] = field(default_factory=dict)
    perangkat: list[dict[str, Any]] = field(default_factory=list)
    wilayah: list[tuple[str, str, str]] = field(default_factory=list)
    peran: list[dict[str, Any]] = field(default_factory=list)
    pengguna: list[dict[str, Any]] = field(default_factory=list)

    def bagian(self) -> list[str]:
        """The names of the section folders (one per plugin section), sorted."""
        return sorted(p.name for p in self.folder.iterdir()
                      if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in BERKAS_INTI)

    @property
    def nama_peserta(self) -> list[str]:
        return [f"peserta{i:02d}" for i in range(1, self.peserta + 1)]


def _toml(path: Path) -> dict:
    try:
        return baca_toml(path)
    except ValueError as exc:
        raise PresetError(str(exc)) from None


def _jenis(nilai: Any, jenis: type | tuple, berkas: str, kunci: str, sebutan: str) -> Any:
    if isinstance(nilai, bool) and jenis is int or not isinstance(nilai, jenis):
        raise PresetError(f"{berkas}: '{kunci}' harus {sebutan}.")
    return nilai


def _tabel(data: dict, nama: str, berkas: str = "preset.toml") -> dict:
    isi = data.get(nama, {})
    if not isinstance(isi, dict):
        raise PresetError(f"{berkas}: [{nama}] harus berupa tabel.")
    for kunci in isi:
        if nama in KUNCI and kunci not in KUNCI[nama]:
            raise PresetError(f"{berkas}: kunci '{nama}.{kunci}' tidak dikenal.")
    return isi


def baca(folder: Path) -> Preset:
    """Read and check a preset folder (raises PresetError naming the file and key)."""
    folder = Path(folder)
    if not (folder / "preset.toml").is_file():
        raise PresetError(f"Folder {folder} bukan preset: tidak ada preset.toml.")
    data = _toml(folder / "preset.toml")
    for kunci in data:
        if kunci not in (*KUNCI, "pengaturan"):
            raise PresetError(f"preset.toml: bagian [{kunci}] tidak dikenal.")
    inti = _tabel(data, "preset")
    nama = _jenis(inti.get("nama", ""), str, "preset.toml", "preset.nama", "teks")
    if not NAMA.match(nama):
        raise PresetError("preset.toml: 'preset.nama' wajib diisi: huruf kecil, angka, '-' atau '_'.")
    preset = Preset(folder=folder, nama=nama)
    for kunci in ("judul", "versi", "deskripsi", "balai"):
        setattr(preset, kunci, _jenis(inti.get(kunci, ""), str, "preset.toml", f"preset.{kunci}", "teks"))
    if preset.balai:
        try:
            SpecifierSet(preset.balai)
        except InvalidSpecifier:
            raise PresetError(f"preset.toml: 'preset.balai' bukan rentang versi yang sah: {preset.balai!r}.") from None
    plugins = _jenis(inti.get("plugins", []), list, "preset.toml", "preset.plugins", "daftar nama plugin")
    if not all(isinstance(p, str) and p for p in plugins) or len(set(plugins)) != len(plugins):
        raise PresetError("preset.toml: 'preset.plugins' harus daftar nama plugin tanpa yang kembar.")
    preset.plugins = list(plugins)
    pengaturan = _tabel(data, "pengaturan")
    for plugin, nilai in pengaturan.items():
        if not isinstance(nilai, dict):
            raise PresetError(f"preset.toml: [pengaturan.{plugin}] harus berupa tabel.")
    preset.pengaturan = pengaturan
    _latihan(preset, _tabel(data, "latihan"))
    _penduduk(preset, _tabel(data, "penduduk"))
    _profil(preset)
    preset.wilayah = _wilayah(folder / "wilayah.csv")
    _pengguna(preset)
    return preset


def _latihan(preset: Preset, latihan: dict) -> None:
    preset.peserta = _jenis(latihan.get("peserta", 0), int, "preset.toml", "latihan.peserta", "bilangan bulat")
    if not 0 <= preset.peserta <= MAKS_PESERTA:
        raise PresetError(f"preset.toml: 'latihan.peserta' harus 0 sampai {MAKS_PESERTA}.")
    preset.sandi = _jenis(latihan.get("sandi", ""), str, "preset.toml", "latihan.sandi", "teks")
    preset.peran_peserta = _jenis(latihan.get("peran", "operator"), str, "preset.toml", "latihan.peran", "teks")
    if preset.peserta and not preset.sandi:
        raise PresetError("preset.toml: 'latihan.sandi' wajib diisi bila ada peserta.")


def _penduduk(preset: Preset, penduduk: dict) -> None:
    preset.jumlah = _jenis(penduduk.get("jumlah", 0), int, "preset.toml", "penduduk.jumlah", "bilangan bulat")
    if not 0 <= preset.jumlah <= 2_000_000:
        raise PresetError("preset.toml: 'penduduk.jumlah' harus 0 sampai 2.000.000.")
    preset.minimum = _jenis(penduduk.get("minimum", 0), int, "preset.toml", "penduduk.minimum", "bilangan bulat")
    if not 0 <= preset.minimum <= preset.jumlah:
        raise PresetError("preset.toml: 'penduduk.minimum' harus 0 sampai 'penduduk.jumlah'.")
    preset.benih = _jenis(penduduk.get("benih", 1), int, "preset.toml", "penduduk.benih", "bilangan bulat")
    sejak = penduduk.get("sejak", preset.sejak)
    if isinstance(sejak, str):
        try:
            sejak = date.fromisoformat(sejak)
        except ValueError:
            raise PresetError("preset.toml: 'penduduk.sejak' harus tanggal TTTT-BB-HH.") from None
    preset.sejak = _jenis(sejak, date, "preset.toml", "penduduk.sejak", "tanggal TTTT-BB-HH")


def _profil(preset: Preset) -> None:
    path = preset.folder / "profil.toml"
    if not path.is_file():
        return
    data = _toml(path)
    preset.profil = dict(_tabel(data, "profil", "profil.toml"))
    logo = preset.profil.get("logo")
    if logo is not None and not (preset.folder / str(logo)).is_file():
        raise PresetError(f"profil.toml: 'profil.logo' menunjuk berkas yang tidak ada: {logo!r}.")
    perangkat = data.get("perangkat", [])
    if not isinstance(perangkat, list) or not all(isinstance(p, dict) for p in perangkat):
        raise PresetError("profil.toml: [[perangkat]] harus daftar tabel.")
    preset.perangkat = perangkat


def _wilayah(path: Path) -> list[tuple[str, str, str]]:
    """Rows (jorong, rw, rt) of wilayah.csv; a blank rw/rt means the jorong (or RW) has no level below."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "jorong" not in reader.fieldnames:
            raise PresetError("wilayah.csv: baris pertama harus judul kolom jorong,rw,rt.")
        baris = []
        for nomor, row in enumerate(reader, start=2):
            jorong, rw, rt = ((row.get(k) or "").strip() for k in ("jorong", "rw", "rt"))
            if not jorong or (rt and not rw):
                raise PresetError(f"wilayah.csv baris {nomor}: jorong wajib diisi, dan RT hanya di bawah RW.")
            baris.append((jorong, rw, rt))
    return baris


def _pengguna(preset: Preset) -> None:
    path = preset.folder / "pengguna.toml"
    if not path.is_file():
        return
    data = _toml(path)
    for kunci, wajib in (("peran", ("kode", "nama")), ("pengguna", ("username", "nama", "peran"))):
        isi = data.get(kunci, [])
        if not isinstance(isi, list) or not all(isinstance(p, dict) for p in isi):
            raise PresetError(f"pengguna.toml: [[{kunci}]] harus daftar tabel.")
        for i, item in enumerate(isi, start=1):
            for k in wajib:
                if not isinstance(item.get(k), str) or not item[k].strip():
                    raise PresetError(f"pengguna.toml: '{k}' wajib diisi pada [[{kunci}]] ke-{i}.")
        setattr(preset, kunci, isi)
    for i, peran in enumerate(preset.peran, start=1):
        izin = peran.get("izin", [])
        if not isinstance(izin, list) or not all(isinstance(x, str) for x in izin):
            raise PresetError(f"pengguna.toml: 'izin' pada [[peran]] ke-{i} harus daftar kode izin.")
