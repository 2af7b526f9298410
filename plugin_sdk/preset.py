"""Taking part in presets: a plugin's section of a preset (a nagari built from data) and its export.

    from plugin_sdk import hookimpl
    from plugin_sdk.preset import BagianPreset, KonteksPreset

    async def terapkan(konteks: KonteksPreset, folder: Path) -> None:
        with (folder / "suku.toml").open("rb") as f:      # <preset>/adat/suku.toml
            for suku in tomllib.load(f)["suku"]:
                await Suku.insert(Suku(nama=suku["nama"])).run()

    async def ekspor(konteks: KonteksPreset, folder: Path) -> None:
        rows = await Suku.select(Suku.nama).run()       # configuration only: never a resident, a key or a secret
        (folder / "suku.toml").write_text(...)

    @hookimpl
    def balai_preset_bagian():
        return [BagianPreset("adat", terapkan, ekspor, urutan=600, judul="Suku dan kaum")]

The engine runs the sections of enabled plugins in `urutan` order after the kernel's own (profile, officials,
regions, residents, users), each in its write transaction. Dates come from `konteks.hari_ini`, randomness from
`konteks.rng(name)`, so applying a preset again gives the same nagari. `baca_toml(path, nama)` reads a section's
file (ValueError naming it when it is not TOML, {} when absent) and `tulis_toml(data, judul)` writes one. Since SDK
1.15.
"""

from core.preset.jenis import BagianPreset, KonteksPreset
from core.preset.toml import baca_toml, tulis_toml

__all__ = ["BagianPreset", "KonteksPreset", "baca_toml", "tulis_toml"]
