"""The `potensi` plugin: the yearly profile and potential of the nagari, entered per theme, with history per year
and a public page "Potensi Nagari" showing only the figures and photos the office publishes.

Which indicators exist is data (data/indikator.csv) plus what other plugins add through the `potensi_indikator`
event (events.py); every figure the plugin shows or hands on comes from layanan.py through the contract (api.py).
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl, nagari_profile

KELOLA, LIHAT = "potensi.kelola", "potensi.lihat"

PLUGIN = PluginMeta(
    name="potensi",
    title="Profil dan potensi nagari",
    version="0.1.0",
    description="Profil dan potensi nagari per tahun (lahan, komoditas, sumber air, sarana dan prasarana, jalan, "
                "listrik dan sinyal per jorong, lembaga ekonomi, wisata) dengan riwayatnya, dan halaman publik "
                "Potensi Nagari.",
    core_requires=">=0.1,<1.0",
    enhances=("portal", "satu_data"),
    permissions=(
        Permission(KELOLA, "Mengisi profil dan potensi nagari serta memilih yang diterbitkan", roles=("operator",)),
        Permission(LIHAT, "Melihat profil dan potensi nagari beserta riwayatnya", roles=("operator", "wali_nagari")),
    ),
)


@hookimpl
def balai_admin_menu(request):
    desa = (nagari_profile(request).get("sebutan_desa") if request is not None else "") or "Nagari"
    return [MenuItem(f"Potensi {desa}", "/admin/potensi", permission=LIHAT, order=10, group="potensi")]


@hookimpl
def balai_public_menu(request):
    return [MenuItem("Potensi", "/potensi", order=45)]


@hookimpl
def balai_route_handlers():
    from plugins.potensi.halaman import ROUTES as ADMIN_ROUTES
    from plugins.potensi.publik import ROUTES as PUBLIC_ROUTES

    return [*ADMIN_ROUTES, *PUBLIC_ROUTES]


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.potensi.data_terbuka import datasets

    return datasets()


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.potensi import preset

    return [BagianPreset("potensi", preset.terapkan, preset.ekspor, urutan=450, judul="Profil dan potensi nagari")]
