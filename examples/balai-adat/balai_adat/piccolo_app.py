from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP

from balai_adat.tables import Suku, SukuWarga, SuratSuku

APP_CONFIG = AppConfig(
    app_name="adat",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Suku, SukuWarga, SuratSuku],
    migration_dependencies=[CORE_APP],  # SukuWarga points at residents
)
