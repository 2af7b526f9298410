from pathlib import Path

from piccolo.conf.apps import AppConfig

from core.tables import Pengaturan, Pengguna, PluginState

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Pengguna, PluginState, Pengaturan],
    migration_dependencies=[],
)
