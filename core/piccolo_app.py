from pathlib import Path

from piccolo.conf.apps import AppConfig

from core.audit.tables import AuditEntri, AuditKepala
from core.tables import Pengaturan, Pengguna, Peran, PercobaanMasuk, Perangkat, PluginState

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Peran, Pengguna, PercobaanMasuk, PluginState, Pengaturan, Perangkat, AuditEntri, AuditKepala],
    migration_dependencies=[],
)
