from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP
from plugins.pemberitahuan.tables import Kiriman, Pilihan

APP_CONFIG = AppConfig(
    app_name="pemberitahuan",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Pilihan, Kiriman],
    migration_dependencies=[CORE_APP],
)
