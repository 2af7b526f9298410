from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.impor.tables import DataOpenSID

APP_CONFIG = AppConfig(
    app_name="impor",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[DataOpenSID],
    migration_dependencies=[CORE_APP],
)
