from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.akun_warga.tables import AkunWarga

APP_CONFIG = AppConfig(
    app_name="akun_warga",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[AkunWarga],
    migration_dependencies=[CORE_APP],
)
