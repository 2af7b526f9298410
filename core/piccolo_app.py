from pathlib import Path

from piccolo.conf.apps import AppConfig

from core.audit.tables import AuditEntri, AuditKepala
from core.identity.token import TokenApi
from core.penduduk.berkas_tables import BerkasPenduduk
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RiwayatKK, RumahTangga, Wilayah
from core.tables import Pengaturan, Pengguna, Peran, PercobaanMasuk, Perangkat, PluginState
from core.tugas.tables import Tugas

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=Path(__file__).parent / "migrations",
    table_classes=[Peran, Pengguna, PercobaanMasuk, PluginState, Pengaturan, Perangkat, AuditEntri, AuditKepala,
                   Wilayah, RumahTangga, Keluarga, RiwayatKK, Penduduk, Peristiwa, Tugas, TokenApi,
                   BerkasPenduduk],
    migration_dependencies=[],
)
