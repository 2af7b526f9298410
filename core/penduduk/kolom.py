"""Column factories for plugins' tables that point at the register (through plugin_sdk.register).

A plugin's table names the resident, family or journal entry it belongs to with these, not with the kernel's
table classes, so the register's schema stays the kernel's own. Every one is ON DELETE RESTRICT
(ENGINEERING-NOTES 9): a resident's history is never deleted by accident. The DDL is exactly that of
``ForeignKey(references=<kernel table>, on_delete=OnDelete.restrict, ...)``, so switching to them needs no migration.
"""

from __future__ import annotations

from piccolo.columns import ForeignKey
from piccolo.columns.base import OnDelete

from core.penduduk.tables import Keluarga, Penduduk, Peristiwa


def _fk(table, kwargs: dict) -> ForeignKey:
    if kwargs.pop("on_delete", OnDelete.restrict) != OnDelete.restrict:
        raise ValueError(f"kunci ke {table._meta.tablename} selalu ON DELETE RESTRICT (riwayat tidak ikut terhapus)")
    return ForeignKey(references=table, on_delete=OnDelete.restrict, **kwargs)


def resident_fk(**kwargs) -> ForeignKey:
    """A column pointing at a resident: ``penduduk = resident_fk(null=True, default=None, index=True)``."""
    return _fk(Penduduk, kwargs)


def family_fk(**kwargs) -> ForeignKey:
    """A column pointing at a family card (KK); keyword arguments as Piccolo's ``ForeignKey``."""
    return _fk(Keluarga, kwargs)


def journal_fk(**kwargs) -> ForeignKey:
    """A column pointing at one entry of the register's journal (a birth, a death, a move...)."""
    return _fk(Peristiwa, kwargs)
