from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.sinkron.tables import TABLES

APP_CONFIG = AppConfig(
    app_name="sinkron",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=TABLES,
    migration_dependencies=[CORE_APP],
)
