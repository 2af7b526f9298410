"""The PPID's indexes and the seeded holidays (2026 from the SKB; 2027 as far as known), after its tables
(Piccolo runs a migration's raw SQL before its new tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T04:10:11:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks PPID: satu nomor urut permohonan per tahun; hari libur nasional dan cuti bersama"

LIBUR = (  # frozen copy of data/hari_libur.csv as it was when this migration was written: (tanggal, nama, cuti)
    ('2026-01-01', 'Tahun Baru 2026 Masehi', False),
    ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', False),
    ('2026-02-16', 'Cuti bersama Tahun Baru Imlek', True),
    ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', False),
    ('2026-03-18', 'Cuti bersama Hari Suci Nyepi', True),
    ('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', False),
    ('2026-03-20', 'Cuti bersama Idul Fitri 1447 H', True),
    ('2026-03-21', 'Idul Fitri 1447 H', False),
    ('2026-03-22', 'Idul Fitri 1447 H', False),
    ('2026-03-23', 'Cuti bersama Idul Fitri 1447 H', True),
    ('2026-03-24', 'Cuti bersama Idul Fitri 1447 H', True),
    ('2026-04-03', 'Wafat Yesus Kristus', False),
    ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', False),
    ('2026-05-01', 'Hari Buruh Internasional', False),
    ('2026-05-14', 'Kenaikan Yesus Kristus', False),
    ('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', True),
    ('2026-05-27', 'Idul Adha 1447 H', False),
    ('2026-05-28', 'Cuti bersama Idul Adha 1447 H', True),
    ('2026-05-31', 'Hari Raya Waisak 2570 BE', False),
    ('2026-06-01', 'Hari Lahir Pancasila', False),
    ('2026-06-16', 'Tahun Baru Islam 1448 H', False),
    ('2026-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia', False),
    ('2026-08-25', 'Maulid Nabi Muhammad SAW', False),
    ('2026-12-24', 'Cuti bersama Hari Raya Natal', True),
    ('2026-12-25', 'Hari Raya Natal', False),
    ('2027-01-01', 'Tahun Baru 2027 Masehi', False),
    ('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW (perkiraan)', False),
    ('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili (perkiraan)', False),
    ('2027-03-08', 'Hari Suci Nyepi (Tahun Baru Saka 1949) (perkiraan)', False),
    ('2027-03-10', 'Idul Fitri 1448 H (perkiraan)', False),
    ('2027-03-11', 'Idul Fitri 1448 H (perkiraan)', False),
    ('2027-03-26', 'Wafat Yesus Kristus', False),
    ('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)', False),
    ('2027-05-01', 'Hari Buruh Internasional', False),
    ('2027-05-06', 'Kenaikan Yesus Kristus', False),
    ('2027-05-16', 'Idul Adha 1448 H (perkiraan)', False),
    ('2027-05-20', 'Hari Raya Waisak 2571 BE (perkiraan)', False),
    ('2027-06-01', 'Hari Lahir Pancasila', False),
    ('2027-06-06', 'Tahun Baru Islam 1449 H (perkiraan)', False),
    ('2027-08-15', 'Maulid Nabi Muhammad SAW (perkiraan)', False),
    ('2027-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia', False),
    ('2027-12-25', 'Hari Raya Natal', False),
)


INDEXES = (
    "CREATE UNIQUE INDEX informasi_publik_permohonan_urut ON informasi_publik_permohonan (tahun, urut)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)
        for tanggal, nama, cuti in LIBUR:
            nama = nama.replace("'", "''")
            await engine.run_ddl("INSERT INTO informasi_publik_libur (tanggal, nama, cuti_bersama) VALUES "
                                 f"('{tanggal}', '{nama}', {'TRUE' if cuti else 'FALSE'})")

    manager.add_raw(run)
    return manager
