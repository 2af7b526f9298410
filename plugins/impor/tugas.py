"""The import's and export's background jobs: check a file, apply it (all or nothing), write an export."""

from __future__ import annotations

import json
from pathlib import Path

from plugin_sdk import log_change, write_transaction
from plugin_sdk.dokumen import write_xlsx
from plugin_sdk.jobs import JobFailed
from plugin_sdk.register import bulk_load, residents_by_nik, user_scope
from plugin_sdk.tambahan import check_imported, columns_for_export, save_import

from plugins.impor import ekspor
from plugins.impor.baca import FileProblem
from plugins.impor.kolom_plugin import hand_over, handed_values
from plugins.impor.opensid import COLUMNS
from plugins.impor.rencana import load_checked, match, parsed, save_checked, save_extras

FOLDER = "impor"


def folder(data_dir: Path) -> Path:
    path = Path(data_dir) / "berkas" / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


async def _parsed(ctx, berkas: str):
    try:
        rows, missing, carried = await parsed(folder(ctx.data_dir) / berkas,
                                              lambda done, total: ctx.progress(done, total, "Memeriksa baris"))
    except FileProblem as exc:
        raise JobFailed(str(exc)) from None
    for row, problems in zip(rows, await check_imported(ctx, [row.tambahan for row in rows])):
        row.problems += list(problems.items())  # plugins' extra columns, checked by their plugins
    await hand_over(ctx, rows)  # OpenSID's suku to the adat module's field, when it is enabled and knows the suku
    return rows, missing, carried


async def check(ctx, berkas: str, nama: str) -> dict:
    """Dry run: the report (JSON) and a workbook of the refused rows, next to the uploaded file."""
    rows, missing, carried = await _parsed(ctx, berkas)
    save_checked(folder(ctx.data_dir) / f"{ctx.kode}-baris.pickle", rows, missing, carried)
    result = await match(rows, missing, carried)
    report = {"nama": nama, "berkas": berkas, "ringkasan": result.summary(), "masalah": result.problems(),
              "perubahan": result.changes()}
    base = folder(ctx.data_dir)
    (base / f"{ctx.kode}.json").write_text(json.dumps(report, default=str))
    if result.refused:
        columns = list(result.refused[0].raw) or list(COLUMNS)  # the file's own columns, whichever format
        rows = [[*columns, "masalah"]]
        for row in result.refused:
            rows.append([_plain(row.raw.get(c)) for c in columns] + ["; ".join(f"{c}: {m}" for c, m in row.problems)])
        write_xlsx(base / f"{ctx.kode}-ditolak.xlsx", {"ditolak": rows})
    await ctx.progress(len(result.rows), len(result.rows), "Pemeriksaan selesai", force=True)
    return {"tautan": f"/admin/impor/{ctx.kode}", **result.summary()}


def _plain(value):
    return "" if value is None else value if isinstance(value, (int, float, str)) else str(value)


async def apply(ctx, berkas: str, nama: str, periksa: str, pengguna: str = "impor") -> dict:
    """Apply the file: everything in one transaction, or nothing (a killed worker leaves the register as it was).

    The rows checked by the dry run are used again; only their matching against the register is redone,
    since it may have changed in between.
    """
    checked = folder(ctx.data_dir) / f"{periksa}-baris.pickle"
    result = await match(*(load_checked(checked) if checked.exists() else await _parsed(ctx, berkas)))
    load = result.muatan()
    actor = {"id": None, "username": pengguna}
    async with write_transaction():
        counts = await bulk_load(load, pengguna, ctx.today,
                                 lambda done, total: ctx.progress(done, total, "Menyimpan penduduk"))
        await save_extras(result, load.ids)
        await save_import(ctx, await _extra_columns(result, load.ids))
        await log_change(None, "impor", "penduduk", "", {"berkas": nama, **counts, "ditolak": len(result.refused)},
                         user=actor)
    return {"tautan": f"/admin/impor/{periksa}", **counts, "ditolak": len(result.refused)}


async def _extra_columns(result, ids: dict[str, int]) -> dict[int, dict[str, str]]:
    """Plugins' extra columns of every row that was not refused, by resident id."""
    rows = {ids[r.fields["nik"]]: r.tambahan for r in result.create if getattr(r, "tambahan", None)}
    rows.update({known["id"]: r.tambahan for r, known, _ in result.update if getattr(r, "tambahan", None)})
    same = [r for r in result.unchanged if getattr(r, "tambahan", None)]  # unchanged in the register itself
    found = await residents_by_nik([r.fields["nik"] for r in same]) if same else {}
    rows.update({found[r.fields["nik"]]["id"]: r.tambahan for r in same if r.fields["nik"] in found})
    return rows


async def export(ctx, format: str, pengguna: str = "") -> dict:
    await ctx.progress(0, 2, "Membaca register", force=True)
    if pengguna:  # started from the web: the export holds what its user may see, no more
        async with user_scope(pengguna):
            people = await ekspor.residents()
    else:  # the CLI: the operator of the machine exports the whole register
        people = await ekspor.residents()
    await ctx.progress(1, 2, f"Menulis {len(people)} penduduk")
    suffix = ekspor.FORMATS[format][1]
    target = folder(ctx.data_dir) / f"ekspor-{ctx.kode}.{suffix}"
    ids = [p[0]["id"] for p in people]
    if format == "balai-csv":
        ekspor.write(format, people, target, await columns_for_export(ctx, ids))
    else:  # OpenSID's suku from the adat module's field, where it holds one
        ekspor.write(format, people, target, handed=await handed_values(ctx, ids))
    # Every resident's data leaves the system here: it belongs in the audit log.
    await log_change(None, "ekspor", "penduduk", "", {"format": format, "penduduk": len(people)},
                     user={"id": None, "username": pengguna or "cli"})
    return {"tautan": f"/admin/ekspor/{ctx.kode}", "berkas": target.name, "penduduk": len(people)}
