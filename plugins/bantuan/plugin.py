"""The `bantuan` plugin: social-assistance programs on the population register, at village scale.

A program's eligibility rules are data (aturan.py) and propose candidates with the reason each qualifies; one
user prepares a cycle's list (siklus.py), another approves it, and the approval freezes who got it with the data
they had (OpenSPP's maker-checker and frozen cycle lists). A recipient who died or moved is flagged on the next
cycle, never dropped silently. The public list that some programs' rules require is opt-in per program, masked,
and the only page with names that the privacy scan allows.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Panel, Permission, PluginMeta, hookimpl

KELOLA, SETUJUI, LIHAT = "bantuan.kelola", "bantuan.setujui", "bantuan.lihat"

PLUGIN = PluginMeta(
    name="bantuan",
    title="Bantuan sosial",
    version="0.1.0",
    description="Program bantuan sosial (BLT Dana Desa, PKH, BPNT, program kabupaten) dengan aturan kelayakan atas "
                "data penduduk, daftar penerima per siklus yang disusun petugas dan disetujui Wali Nagari, "
                "penyaluran, data DTKS/DTSEN per keluarga, dan daftar penerima publik bila aturan program "
                "mewajibkannya.",
    core_requires=">=0.1,<1.0",
    enhances=("statistik", "satu_data"),
    permissions=(
        Permission(KELOLA, "Menyusun program bantuan, aturan dan daftar penerimanya, mencatat penyaluran",
                   roles=("operator",)),
        Permission(SETUJUI, "Menyetujui daftar penerima bantuan yang disusun petugas lain",
                   roles=("wali_nagari",)),
        Permission(LIHAT, "Melihat program bantuan, daftar penerima dan penyalurannya",
                   roles=("operator", "wali_nagari")),
    ),
)


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Bantuan sosial", "/admin/bantuan", permission=LIHAT, order=30, group="layanan")]


@hookimpl
def balai_route_handlers():
    from plugins.bantuan.halaman import ROUTES

    return ROUTES


@hookimpl
def balai_resident_panels(request, penduduk_id):
    from plugins.bantuan.panel import panel_penduduk

    return [Panel("Bantuan sosial", "bantuan/admin/panel.html", permission=LIHAT, order=60,
                  context=lambda request: panel_penduduk(penduduk_id))]


@hookimpl
def balai_family_panels(request, keluarga_id):
    from plugins.bantuan.panel import panel_keluarga

    return [Panel("Bantuan sosial", "bantuan/admin/panel.html", permission=LIHAT, order=60,
                  context=lambda request: panel_keluarga(keluarga_id))]


@hookimpl
def balai_public_menu(request):
    from plugins.bantuan.publik import menu_publik

    return menu_publik(request)


@hookimpl(optionalhook=True)  # an event of `statistik`, which a nagari may not install
def statistik_kategori():
    from plugins.bantuan.statistik_bantuan import kategori

    return kategori()


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.bantuan.data_terbuka import datasets  # recipients per program and jorong, suppressed

    return datasets()


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.bantuan import preset

    return [BagianPreset("bantuan", preset.terapkan, preset.ekspor, urutan=600, judul="Bantuan sosial")]
