"""Taking part in presets: a plugin's section of a preset (a nagari built from data) and its export.

    from plugin_sdk import hookimpl
    from plugin_sdk.preset import BagianPreset, KonteksPreset, baca_toml, daftar_tabel, tulis_toml

    async def terapkan(konteks: KonteksPreset, folder: Path) -> None:
        data = baca_toml(folder / "suku.toml", "adat/suku.toml", wajib=True)   # <preset>/adat/suku.toml
        for suku in daftar_tabel(data, "suku", "adat/suku.toml"):
            await Suku.insert(Suku(nama=suku["nama"])).run()

    async def ekspor(konteks: KonteksPreset, folder: Path) -> None:
        rows = await Suku.select(Suku.nama).run()       # configuration only: never a resident, a key or a secret
        (folder / "suku.toml").write_text(tulis_toml({"suku": rows}), encoding="utf-8")

    @hookimpl
    def balai_preset_bagian():
        return [BagianPreset("adat", terapkan, ekspor, urutan=600, judul="Suku dan kaum")]

The engine runs the sections of enabled plugins in `urutan` order after the kernel's own (profile, officials,
regions, residents, users), each in its write transaction. Dates come from `konteks.hari_ini`, randomness from
`konteks.rng(name)`, so applying a preset again gives the same nagari. `baca_toml(path, nama)` reads a section's
file (GalatPreset naming it when it is not TOML, {} when absent) and `tulis_toml(data, judul)` writes one;
`baca_csv(path, nama, kolom)` reads a CSV file as (row number, dict) pairs. `GalatPreset` refuses a file naming
it and the row; `tahun_relatif`, `hari_relatif`, `bulan_hari` and `daftar_tabel` read what a section's files
write. Since SDK 1.15.
"""

from core.preset.bantu import GalatPreset, baca_csv, bulan_hari, daftar_tabel, hari_relatif, tahun_relatif
from core.preset.jenis import BagianPreset, KonteksPreset
from core.preset.toml import baca_toml, tulis_toml

__all__ = ["BagianPreset", "GalatPreset", "KonteksPreset", "baca_csv", "baca_toml", "bulan_hari", "daftar_tabel",
           "hari_relatif", "tahun_relatif", "tulis_toml"]
