"""Point Piccolo at one engine and one set of apps.

Tables find their engine lazily through Piccolo's Finder and then cache it; setting
it explicitly on every table keeps a process (or a test) on exactly one database.
"""

from __future__ import annotations

from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppConfig

from importlib import import_module

from core import piccolo_conf


def load_app(module_path: str) -> AppConfig:
    """The ``APP_CONFIG`` of a Piccolo app module such as ``core.piccolo_app``."""
    return import_module(module_path).APP_CONFIG


def bind(engine, app_paths: list[str]) -> None:
    piccolo_conf.DB = engine
    registry = piccolo_conf.APP_REGISTRY
    app_configs = [load_app(path) for path in app_paths]
    registry.apps = list(app_paths)
    registry.app_configs = {app.app_name: app for app in app_configs}
    for app in app_configs:
        for table in app.table_classes:
            table._meta.db = engine
    Migration._meta.db = engine


def current_engine():
    if piccolo_conf.DB is None:
        raise RuntimeError("Basis data belum disiapkan (bind belum dipanggil)")
    return piccolo_conf.DB
