"""Extra resident fields that plugins keep in their own tables (`balai_resident_fields`).

A plugin declares a section: its fields, how to read them for many residents at once, how to check and save them.
Balai puts the section on the resident's form (saved in the same write transaction as the resident, or refused with
messages beside the form), and its fields as columns ``<plugin>.<field>`` in the Balai CSV export, read back on
import. The kernel's register never learns the fields; a plugin adds them without a core change.
"""

from __future__ import annotations

import logging
import inspect
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Mapping

from core.audit.log import log_change
from core.penduduk.formulir import FormErrors

log = logging.getLogger("balai.plugins")
HOOK = "balai_resident_fields"
CHUNK = 900  # residents per `load` call: well under every database's limit on query parameters


class FieldErrors(ValueError):
    """Raised by a section's ``clean`` or ``save``: ``{field: message}``, shown beside the fields (Bahasa Indonesia)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _stripped(values: dict[str, str]) -> dict[str, str]:
    return {k: " ".join(str(v or "").split()) for k, v in values.items()}


@dataclass(frozen=True, eq=False)
class ResidentFields:
    """A section of extra resident fields kept in the plugin's own table.

    ``fields`` maps each field to its label (``{"suku": "Suku"}``); in the Balai CSV the column is
    ``<plugin>.<field>``. ``load(ids)`` returns ``{penduduk_id: {field: value}}`` for those of `ids` that have
    values (async; called with up to 900 ids). ``clean(raw)`` (plain or async) turns the submitted text of every
    field into the values to save, or raises ``FieldErrors``; without it values are the text, spacing tidied.
    Values are compared as text with what `load` returns, so return the same form (a name, not an id).
    ``save(penduduk_id, values)`` (async) stores them inside the resident's write transaction (Balai logs the
    change); it may raise ``FieldErrors`` too, and then nothing of the resident is saved. ``template`` renders the inputs of the section (Balai puts them in a
    fieldset titled `title`) with ``nilai`` ({field: text}), ``galat`` ({field: message}), ``awalan`` (the prefix
    of each input's name: ``name="{{ awalan }}suku"``), ``galat_form`` (the messages by input name, for the macros
    of ``core/_form.html``) and ``context`` (a dict, or what a callable taking the request returns); without a
    template each field is a text box. A section whose ``permission`` the user lacks is neither shown nor saved.
    """

    title: str
    fields: Mapping[str, str]
    load: Callable[[list[int]], Awaitable[dict[int, dict[str, Any]]]]
    save: Callable[[int, dict[str, Any]], Awaitable[Any]]
    clean: Callable[[dict[str, str]], dict[str, Any] | Awaitable[dict[str, Any]]] | None = None
    template: str = ""
    context: Any = field(default_factory=dict)
    permission: str | None = None
    order: int = 100

    async def cleaned(self, raw: dict[str, str]) -> dict[str, Any]:
        raw = {f: str(raw.get(f) or "") for f in self.fields}
        if self.clean is None:
            return _stripped(raw)
        values = self.clean(raw)
        return await values if inspect.isawaitable(values) else values


def column(plugin: str, name: str) -> str:
    return f"{plugin}.{name}"


def declared(balai, enabled: frozenset[str]) -> list[tuple[str, ResidentFields]]:
    """The sections of enabled plugins, in their order."""
    out = []
    for plugin, item in balai.host.collect(HOOK, only=set(enabled)):
        if isinstance(item, ResidentFields):
            out.append((plugin, item))
        else:
            log.error("%s dari plugin %s mengembalikan %s, bukan ResidentFields", HOOK, plugin, type(item).__name__)
    return sorted(out, key=lambda pair: (pair[1].order, pair[1].title))


async def load(plugin: str, section: ResidentFields, ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        out.update(await section.load(ids[start:start + CHUNK]) or {})
    return out


def text(value) -> str:
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


# -- the resident's form (its pages are in core/web/penduduk_tambahan.py) ---------------------------------------

@dataclass
class Pending:
    """Checked values from the form, waiting for the resident's transaction."""

    sections: list[tuple[str, ResidentFields, dict[str, Any]]] = field(default_factory=list)

    async def save(self, request, penduduk_id: int, new: bool) -> list[str]:
        """Inside the resident's write transaction: save the sections whose values changed and log each change;
        return the titles of those sections. A section's ``FieldErrors`` becomes the form's ``FormErrors``."""
        changed = []
        for plugin, section, values in self.sections:
            before = {} if new else (await load(plugin, section, [penduduk_id])).get(penduduk_id, {})
            before = {f: before.get(f) for f in section.fields}
            if new and not any(text(v) for v in values.values()):
                continue
            if not new and {f: text(v) for f, v in before.items()} == {f: text(v) for f, v in values.items()}:
                continue
            try:
                await section.save(penduduk_id, values)
            except FieldErrors as exc:
                raise FormErrors({column(plugin, k): m for k, m in exc.errors.items()}) from None
            await log_change(request, "buat" if new else "ubah", "penduduk.tambahan", penduduk_id,
                             {"plugin": plugin, "sebelum": {k: text(v) for k, v in before.items()},
                              "sesudah": {k: text(v) for k, v in values.items()}})
            changed.append(section.title)
        return changed


# -- the Balai CSV ------------------------------------------------------------------------------------------------

async def export_columns(balai, ids: list[int]) -> tuple[list[str], dict[int, list[str]]]:
    """The extra columns of enabled plugins for these residents: (headers, {penduduk_id: cells})."""
    headers: list[str] = []
    cells: dict[int, list[str]] = {pid: [] for pid in ids}
    for plugin, section in declared(balai, await balai.enabled_names()):
        try:
            stored = await load(plugin, section, list(ids))
        except Exception:
            log.exception("%s dari plugin %s gagal dibaca untuk ekspor", HOOK, plugin)
            continue
        headers += [column(plugin, f) for f in section.fields]
        for pid in ids:
            values = stored.get(pid, {})
            cells[pid] += [text(values.get(f)) for f in section.fields]
    return headers, cells


async def import_columns(balai, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Check the extra columns of rows read from a Balai CSV (``{"<plugin>.<field>": text}`` each); return the
    problems of each row as ``{column: message}``. Columns of plugins not enabled are ignored."""
    problems: list[dict[str, str]] = [{} for _ in rows]
    for plugin, section in declared(balai, await balai.enabled_names()):
        for i, row in enumerate(rows):
            given = {f: row.get(column(plugin, f), "") for f in section.fields}
            if not any(given.values()):
                continue
            try:
                await section.cleaned(given)
            except FieldErrors as exc:
                problems[i].update({column(plugin, k): m for k, m in exc.errors.items()})
    return problems


async def save_imported(balai, rows: dict[int, dict[str, str]]) -> int:
    """Inside the import's transaction: save the extra columns given for each resident (``{penduduk_id: {column:
    text}}``). An empty cell says nothing (the stored value stays); only sections whose values change are saved.
    Returns how many sections were saved."""
    saved = 0
    for plugin, section in declared(balai, await balai.enabled_names()):
        given_by_id = {}
        for pid, cells in rows.items():
            given = {f: cells.get(column(plugin, f), "") for f in section.fields}
            given = {f: v for f, v in given.items() if v not in ("", None)}
            if given:
                given_by_id[pid] = given
        if not given_by_id:
            continue
        stored = await load(plugin, section, list(given_by_id))
        for pid, given in given_by_id.items():
            before = {f: text(v) for f, v in stored.get(pid, {}).items() if f in section.fields}
            values = await section.cleaned({**before, **given})
            if {f: text(values.get(f)) for f in section.fields} == {f: before.get(f, "") for f in section.fields}:
                continue
            await section.save(pid, values)
            saved += 1
    return saved
