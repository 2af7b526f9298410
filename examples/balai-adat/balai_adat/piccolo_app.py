from pathlib import Path

from piccolo.conf.apps import AppConfig

from plugin_sdk import CORE_APP

from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga, SuratSuku
from balai_adat.ulayat.tables import ULAYAT_TABLES

APP_CONFIG = AppConfig(
    app_name="adat",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Suku, Kaum, Penghulu, SukuWarga, SuratSuku, *ULAYAT_TABLES],
    migration_dependencies=[CORE_APP],  # SukuWarga points at residents
)
