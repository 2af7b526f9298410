from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.surat.tables import JenisSurat, Surat, UrutanSurat

APP_CONFIG = AppConfig(
    app_name="surat",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[JenisSurat, UrutanSurat, Surat],
    migration_dependencies=[CORE_APP],
)
