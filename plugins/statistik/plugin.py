"""The `statistik` plugin: population statistics and the monthly report, computed once (see api.py).

Written only against plugin_sdk, like any third-party plugin. Every figure it shows, exports or hands to
another plugin comes from `plugins.statistik.api`; pages and exports only lay it out.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, SettingField, hookimpl

from plugins.statistik.sensor import DEFAULT_THRESHOLD

PLUGIN = PluginMeta(
    name="statistik",
    title="Statistik penduduk",
    version="0.1.0",
    description="Statistik penduduk per kategori dan per jorong/RW/RT, piramida penduduk, laporan bulanan, "
                "dan halaman statistik publik tanpa data pribadi.",
    core_requires=">=0.1,<1.0",
    enhances=("satu_data",),
    permissions=(
        Permission("statistik.lihat", "Melihat statistik penduduk dan laporan bulanan",
                   roles=("operator", "wali_nagari")),
    ),
)


@hookimpl
def balai_route_handlers():
    from plugins.statistik.halaman import bulanan, kantor, publik

    return [*kantor.ROUTES, *bulanan.ROUTES, *publik.ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Statistik", "/admin/statistik", permission="statistik.lihat", order=50, group="kependudukan"),
            MenuItem("Laporan bulanan", "/admin/statistik/bulanan", permission="statistik.lihat", order=55,
                     group="kependudukan")]


@hookimpl
def balai_dashboard_widgets(request):
    from plugins.statistik.halaman import kantor  # "Penduduk": by sex, families, a small pyramid
    from plugins.statistik.halaman.bulanan import widget  # "Peristiwa bulan ini", from the monthly report

    return [kantor.widget(), widget()]


@hookimpl
def balai_public_menu(request):
    return [MenuItem("Statistik", "/statistik", order=30)]


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.statistik.data_terbuka import datasets  # population by category, and the month's events

    return datasets()


def _check_threshold(value: int) -> str | None:
    return None if 1 <= value <= 20 else "antara 1 dan 20"


@hookimpl
def balai_settings():
    return [SettingField("ambang_sensor", "Ambang sel kecil di halaman publik", kind="int", default=DEFAULT_THRESHOLD,
                         help="Angka 1 sampai ambang dikurangi satu disembunyikan di halaman statistik publik, "
                              "beserta angka lain secukupnya agar tidak bisa dihitung dari jumlahnya. Bawaan 3.",
                         check=_check_threshold)]
