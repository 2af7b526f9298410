"""Extra resident fields kept in a plugin's own tables: on the resident's form, in the Balai CSV export and import.

    from plugin_sdk import hookimpl
    from plugin_sdk.tambahan import FieldErrors, ResidentFields

    async def load(ids):                     # {penduduk_id: {field: value}} for those that have values
        rows = await SukuWarga.select(...).where(SukuWarga.penduduk.is_in(ids)).run()
        return {r["penduduk"]: {"suku": r["suku"]} for r in rows}

    async def save(penduduk_id, values):     # inside the resident's write transaction
        ...

    @hookimpl
    def balai_resident_fields():
        return [ResidentFields("Adat", {"suku": "Suku"}, load=load, save=save, clean=check_suku)]

The section appears on the resident's create and correct form (``clean`` refuses a value with ``FieldErrors``,
shown beside the field, and nothing of the resident is saved), and its fields are the columns ``adat.suku`` of the
Balai CSV export, read back on import. A plugin that writes its own export or import of residents (in a job) uses
the functions below to carry the same columns.
"""

from __future__ import annotations

from core.penduduk.tambahan import FieldErrors, ResidentFields, export_columns, import_columns, save_imported
from core.tugas.antrean import JobContext

__all__ = ["FieldErrors", "ResidentFields", "columns_for_export", "check_imported", "save_import"]


async def columns_for_export(ctx: JobContext, ids: list[int]) -> tuple[list[str], dict[int, list[str]]]:
    """In a job: the extra columns of enabled plugins for these residents, as (headers, {penduduk_id: cells})."""
    return await export_columns(ctx._balai, ids)


async def check_imported(ctx: JobContext, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """In a job: check the extra columns of rows read from a file (``{"adat.suku": "Piliang", ...}`` each); returns
    each row's problems as ``{column: message}`` (empty when fine). Columns of plugins not enabled are ignored."""
    return await import_columns(ctx._balai, rows)


async def save_import(ctx: JobContext, rows: dict[int, dict[str, str]]) -> int:
    """In a job, inside its write transaction: save the extra columns read for each resident (``{penduduk_id:
    {"adat.suku": "Piliang"}}``). An empty cell keeps what is stored. Returns how many sections changed."""
    return await save_imported(ctx._balai, rows)
