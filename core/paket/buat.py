"""Make a signed index of the wheels in a folder (the author's or the kabupaten's side)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.paket.indeks import Entri, buat_isi, sha256_berkas, tulis_indeks
from core.paket.roda import baca_plugin, baca_roda

DEFAULT_NAME = "indeks-modul.json"


def entri_roda(path: Path, penulis: str = "") -> Entri:
    """One wheel's entry: a plugin's name, core range and depends come from its own PLUGIN metadata."""
    info = baca_roda(path)
    entry = dict(berkas=path.name, sha256=sha256_berkas(path), nama=info.nama, versi=info.versi,
                 penulis=penulis or info.penulis)
    if len(info.plugins) > 1:
        raise ValueError(f"{path.name} berisi lebih dari satu plugin; satu modul satu paket.")
    for name, module in info.plugins.items():
        meta = baca_plugin(path, module)
        if meta["nama"] != name:
            raise ValueError(f"{path.name}: nama di PLUGIN ({meta['nama']}) berbeda dengan entry point ({name}).")
        entry.update(plugin=name, core=meta["core"], bergantung=tuple(meta["bergantung"]))
    return Entri(**entry)


def buat_indeks(folder: Path, kunci: Ed25519PrivateKey, penerbit: str, keluaran: Path | None = None,
                penulis: str = "") -> tuple[Path, list[Entri]]:
    """Sign an index of every wheel in `folder`; written beside them unless `keluaran` says where."""
    wheels = sorted(Path(folder).glob("*.whl"))
    if not wheels:
        raise ValueError(f"Tidak ada berkas .whl di {folder}.")
    entries = [entri_roda(path, penulis) for path in wheels]
    target = keluaran or Path(folder) / DEFAULT_NAME
    return tulis_indeks(target, buat_isi(entries, penerbit, jenis="modul"), kunci), entries
