from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.layanan_mandiri.tables import JenisMandiri, Lampiran, Permohonan, RiwayatPermohonan

APP_CONFIG = AppConfig(
    app_name="layanan_mandiri",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[JenisMandiri, Permohonan, Lampiran, RiwayatPermohonan],
    migration_dependencies=[CORE_APP, "plugins.surat.piccolo_app"],
)
