from pathlib import Path

from piccolo.conf.apps import AppConfig

from balai_adat.tables import Suku

APP_CONFIG = AppConfig(
    app_name="adat",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Suku],
    migration_dependencies=[],
)
