"""Every stored time has one format per column type, whoever wrote it (the ORM, the bulk loader, raw SQL)."""

import re
import sqlite3
from datetime import date, datetime, timezone

from piccolo.columns import Date, Timestamp, Timestamptz

from core.cadangan.buat import installed_apps
from core.db.bulk import bulk_insert
from core.db.migrations import times_may_be_mixed
from core.penduduk.tables import Keluarga, Penduduk
from plugin_sdk.testing import run_sync
from plugins.impor.contoh import rows, write_csv
from tests.surat_helpers import demo_nagari, issue, letters, living_resident
from tests.test_impor import finish, upload

# What the ORM writes in SQLite (Piccolo's adapters): str() of a UTC datetime, of a naive one, of a date.
FORMATS = {
    Timestamptz: re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00"),
    Timestamp: re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?"),
    Date: re.compile(r"\d{4}-\d\d-\d\d"),
}


def time_columns(balai):
    for app in installed_apps(balai).values():
        for table in app.table_classes:
            for column in table._meta.columns:
                kind = next((k for k in FORMATS if type(column) is k), None)
                if kind is not None:
                    yield table, column, kind


def stored_values(balai, table, column) -> list:
    """The values as the database holds them: SQLite's text, PostgreSQL's typed values."""
    name, tablename = column._meta.db_column_name, table._meta.tablename
    url = balai.settings.database_url
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (tablename,)).fetchone():
                return []
            return [v for (v,) in db.execute(f'SELECT "{name}" FROM "{tablename}" WHERE "{name}" IS NOT NULL')]
    try:
        return [r[name] for r in run_sync(table.raw(f'SELECT "{name}" FROM "{tablename}" WHERE "{name}" IS NOT NULL'
                                                    ).run())]
    except Exception:  # a disabled plugin's table that was never created
        return []


def wrong_values(balai) -> dict[str, list]:
    wrong, seen = {}, set()
    sqlite = balai.settings.database_url.startswith("sqlite")
    for table, column, kind in time_columns(balai):
        values = stored_values(balai, table, column)
        if values:
            seen.add(f"{table._meta.tablename}.{column._meta.db_column_name}")
        if sqlite:
            bad = [v for v in values if not (isinstance(v, str) and FORMATS[kind].fullmatch(v))]
        elif kind is Timestamptz:
            bad = [v for v in values if not (isinstance(v, datetime) and v.utcoffset() is not None)]
        elif kind is Timestamp:
            bad = [v for v in values if not (isinstance(v, datetime) and v.tzinfo is None)]
        else:
            bad = [v for v in values if type(v) is not date]
        if bad:
            wrong[f"{table._meta.tablename}.{column._meta.db_column_name} ({kind.__name__})"] = sorted(
                {str(v) for v in bad})[:3]
    return wrong, seen


def test_every_time_column_holds_one_format_after_demo_import_and_a_letter(admin_client, balai, tmp_path):
    demo_nagari(balai, residents=30)  # the bulk loader
    data = rows(15)
    for i, row in enumerate(data):  # beside the demo's residents, not on top of them
        row["nik"] = f"1399{i:012d}"
        row["no_kk"] = f"1399{i // 3:012d}"
    checked = finish(admin_client, balai, upload(admin_client, write_csv(tmp_path / "penduduk.csv", data)))
    report = checked["tautan"]
    location = admin_client.post(report + "/terapkan", headers={"x-csrftoken": admin_client.cookies["balai_csrf"]},
                                 follow_redirects=False).headers["location"]
    finish(admin_client, balai, location)  # the import's bulk path, its job records and journal
    assert issue(admin_client, "domisili", living_resident()["id"]).status_code in (302, 303)
    assert letters()
    wrong, seen = wrong_values(balai)
    assert not wrong, wrong
    # the columns the bulk loader fills were among those checked
    assert {"balai_penduduk.dibuat", "balai_keluarga.dibuat", "balai_peristiwa.dibuat", "balai_penduduk.tanggal_lahir",
            "surat_arsip.dibuat", "balai_tugas.dibuat"} <= seen, seen


def test_the_bulk_loader_writes_what_the_orm_writes(balai):
    """Columns left out get the same default the ORM would give, and a naive time is read as UTC."""
    run_sync(bulk_insert(Keluarga, [{"no_kk": "1300000000000001", "alamat": "Jl. Satu"}], columns=["no_kk", "alamat"]))
    run_sync(Keluarga.insert(Keluarga(no_kk="1300000000000002", alamat="Jl. Dua")).run())
    run_sync(bulk_insert(Keluarga, [{"no_kk": "1300000000000003", "alamat": "Jl. Tiga",
                                     "dibuat": datetime(2026, 12, 4, 15, 13, 6)}]))
    stored = {r["no_kk"]: r["dibuat"] for r in run_sync(Keluarga.select(Keluarga.no_kk, Keluarga.dibuat).run())}
    assert all(v.utcoffset() is not None for v in stored.values()), stored
    assert stored["1300000000000003"] == datetime(2026, 12, 4, 15, 13, 6, tzinfo=timezone.utc)
    wrong, seen = wrong_values(balai)
    assert not wrong and "balai_keluarga.dibuat" in seen, wrong
    assert run_sync(Penduduk.count().run()) == 0


def test_times_an_older_version_stored_without_offset_are_brought_to_the_orm_format(balai):
    if not balai.settings.database_url.startswith("sqlite"):
        return  # PostgreSQL stores a timestamptz, not text
    run_sync(Keluarga.insert(Keluarga(no_kk="1300000000000001"), Keluarga(no_kk="1300000000000002")).run())
    path = balai.settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:  # as SQLite's CURRENT_TIMESTAMP used to fill it, in an older version's file
        db.execute("UPDATE balai_keluarga SET dibuat = '2026-12-04 15:13:06' WHERE no_kk = '1300000000000001'")
        db.execute("PRAGMA user_version = 0")
    assert wrong_values(balai)[0]
    run_sync(balai.migrate())
    assert not wrong_values(balai)[0]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT dibuat FROM balai_keluarga WHERE no_kk = '1300000000000001'").fetchone() == (
            "2026-12-04 15:13:06+00:00",)
    run_sync(balai.migrate())  # a second run finds nothing to change
    # Once done, a start-up does not scan again; a restore (rows from elsewhere) asks for the scan once more.
    with sqlite3.connect(path) as db:
        db.execute("UPDATE balai_keluarga SET dibuat = '2026-12-04 15:13:06' WHERE no_kk = '1300000000000002'")
    run_sync(balai.migrate())
    assert wrong_values(balai)[0]
    run_sync(times_may_be_mixed())
    run_sync(balai.migrate())
    assert not wrong_values(balai)[0]
    stored = run_sync(Keluarga.select(Keluarga.dibuat).where(Keluarga.no_kk == "1300000000000001").first().run())
    assert stored["dibuat"] == datetime(2026, 12, 4, 15, 13, 6, tzinfo=timezone.utc)
