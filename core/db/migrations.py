"""Run Piccolo migrations programmatically, one app at a time, in dependency order."""

from __future__ import annotations

import contextlib
import io
import logging

from piccolo.apps.migrations.commands.backwards import BackwardsMigrationManager
from piccolo.apps.migrations.commands.forwards import ForwardsMigrationManager
from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppConfig

log = logging.getLogger("balai.migrate")


class MigrationError(RuntimeError):
    pass


def order_apps(apps: list[AppConfig]) -> list[AppConfig]:
    """Topological order: an app comes after every app its migrations depend on."""
    by_module = {}
    for app in apps:
        by_module[app.app_name] = app
    ordered: list[AppConfig] = []
    seen: set[str] = set()

    def visit(app: AppConfig, stack: tuple[str, ...]) -> None:
        if app.app_name in seen:
            return
        if app.app_name in stack:
            raise MigrationError(f"Ketergantungan migrasi melingkar: {' -> '.join(stack + (app.app_name,))}")
        for dep in app.migration_dependency_app_configs:
            if dep.app_name in by_module:
                visit(by_module[dep.app_name], stack + (app.app_name,))
        seen.add(app.app_name)
        ordered.append(app)

    for app in apps:
        visit(app, ())
    return ordered


async def _quietly(manager) -> str:
    # Piccolo prints progress with emoji; keep it for the log instead of stdout.
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = await manager.run()
    output = buffer.getvalue()
    if not result.success:
        raise MigrationError(result.message or output)
    return output


async def migrate_forwards(apps: list[AppConfig]) -> list[str]:
    """Apply every pending migration of `apps`; return the names of apps that changed."""
    changed = []
    for app in order_apps(apps):
        before = await applied(app.app_name)
        output = await _quietly(ForwardsMigrationManager(app_name=app.app_name))
        log.debug("migrate %s: %s", app.app_name, output)
        if await applied(app.app_name) != before:
            changed.append(app.app_name)
    await normalise_times(apps)
    return changed


TIMES_UNIFORM = 1  # SQLite's PRAGMA user_version once every stored time has the ORM's format: start-up skips the scan
NAIVE_TIME = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"


async def normalise_times(apps: list[AppConfig]) -> int:
    """SQLite: give every Timestamptz value the ORM's format (`... +00:00`).

    Older versions let SQLite fill left-out columns with CURRENT_TIMESTAMP (`2026-12-04 15:13:06`, UTC without
    the offset) beside the ORM's `2026-12-04 15:13:06.123456+00:00`. Done once per database (a marker in
    `PRAGMA user_version`), so a start-up does not scan every time column again; a restore clears the marker,
    since a backup of an older version may bring such values back (`times_may_be_mixed`)."""
    from piccolo.columns import Timestamptz

    from core.db.binding import current_engine

    engine = current_engine()
    if engine.engine_type != "sqlite":
        return 0
    if (await engine.run_ddl("PRAGMA user_version"))[0]["user_version"] >= TIMES_UNIFORM:
        return 0
    existing = {r["name"] for r in await engine.run_ddl("SELECT name FROM sqlite_master WHERE type = 'table'")}
    changed = 0
    for app in apps:
        for table in app.table_classes:
            if table._meta.tablename not in existing:
                continue
            for column in table._meta.columns:
                if isinstance(column, Timestamptz):
                    name = column._meta.db_column_name
                    rows = await engine.run_ddl(
                        f'UPDATE "{table._meta.tablename}" SET "{name}" = "{name}" || \'+00:00\' '
                        f'WHERE "{name}" GLOB \'{NAIVE_TIME}\' AND "{name}" NOT LIKE \'%+%\' '
                        f'AND "{name}" NOT LIKE \'%Z\' RETURNING 1')
                    changed += len(rows or [])
    await engine.run_ddl(f"PRAGMA user_version = {TIMES_UNIFORM}")
    if changed:
        log.info("%s nilai waktu diseragamkan ke format +00:00", changed)
    return changed


async def times_may_be_mixed() -> None:
    """Rows were loaded from elsewhere (a restore): the next migrate checks every time column again."""
    from core.db.binding import current_engine

    engine = current_engine()
    if engine.engine_type == "sqlite":
        await engine.run_ddl("PRAGMA user_version = 0")


async def migrate_backwards(app: AppConfig) -> None:
    """Reverse every applied migration of one app (used when a plugin is purged)."""
    output = await _quietly(BackwardsMigrationManager(app_name=app.app_name, migration_id="all", auto_agree=True))
    log.debug("unmigrate %s: %s", app.app_name, output)


async def applied(app_name: str) -> list[str]:
    if not await Migration.table_exists().run():
        return []
    return await Migration.get_migrations_which_ran(app_name=app_name)


def available(app: AppConfig) -> list[str]:
    """The migration ids this installation ships for `app`, oldest first."""
    manager = ForwardsMigrationManager(app_name=app.app_name)
    return manager.get_migration_ids(manager.get_migration_modules(app.resolved_migrations_folder_path))


async def migrate_to(app: AppConfig, migration_id: str) -> None:
    """Apply `app`'s migrations up to and including `migration_id` (a restore rebuilds a backup's schema)."""
    output = await _quietly(ForwardsMigrationManager(app_name=app.app_name, migration_id=migration_id))
    log.debug("migrate %s to %s: %s", app.app_name, migration_id, output)
