"""OpenSID columns that an enabled plugin's resident section owns: handed to it, not kept beside the register.

OpenSID's `suku` is a plain column, but Balai's core keeps no suku: the adat module owns it through
`balai_resident_fields` (its column ``adat.suku``). With that module enabled, a row's suku goes there when the module
accepts the name; a name its register of suku does not know is *reported*, not created: that register is the
Kerapatan Adat Nagari's list of clans with their penghulu, and a spreadsheet's spelling ("Caniago" for
"Chaniago") or an ethnic group ("Jawa", "Minangkabau", which is what OpenSID's column means) must not become a
clan by an import. The resident is imported all the same and the name stays aside as before (the OpenSID
export writes it back), so the clerk adds the suku, or corrects the name, and imports again. Without the module,
nothing changes: the column is kept aside, as any column with no home.
"""

from __future__ import annotations

from plugin_sdk.tambahan import check_imported, columns_for_export

# OpenSID column -> the ``<plugin>.<field>`` column that takes it when that plugin's section is enabled.
HANDED = {"suku": "adat.suku"}
KEPT = "disimpan di samping data penduduk (data OpenSID) dan ditulis kembali saat ekspor OpenSID."


async def sections_taking(ctx) -> dict[str, str]:
    """The HANDED columns whose section an enabled plugin declares (for a job: `ctx`)."""
    # The Balai CSV's extra headers are exactly the enabled sections' fields; asked for no resident, none loads.
    headers, _ = await columns_for_export(ctx, [])
    return {column: target for column, target in HANDED.items() if target in headers}


async def hand_over(ctx, rows) -> None:
    """After the rows are checked: each OpenSID value whose section is enabled goes to that section when the
    section accepts it (then `row.handed` says so and the kept copy goes); otherwise a warning says it stays
    aside. Each distinct value is checked once (20,000 rows name a few dozen suku)."""
    targets = await sections_taking(ctx)
    if not targets:
        return
    for column, target in targets.items():
        given = sorted({row.extra[column] for row in rows if not row.problems and row.extra.get(column)
                        and target not in row.tambahan})  # a Balai CSV's own column, if any, wins
        verdicts = dict(zip(given, await check_imported(ctx, [{target: value} for value in given])))
        for row in rows:
            value = row.extra.get(column)
            if row.problems or not value or target in row.tambahan:
                continue
            problem = verdicts[value].get(target)
            if problem:
                row.warnings.append((column, f"{problem} Nilai '{value}' {KEPT}"))
                continue
            row.tambahan[target] = value
            row.handed[column] = target
            del row.extra[column]


async def handed_values(ctx, ids: list[int]) -> dict[int, dict[str, str]]:
    """For the OpenSID export: {penduduk_id: {OpenSID column: value}} from the enabled sections that own one."""
    targets = await sections_taking(ctx)
    if not targets or not ids:
        return {}
    headers, cells = await columns_for_export(ctx, ids)
    where = {column: headers.index(target) for column, target in targets.items()}
    out = {}
    for pid, row in cells.items():
        values = {column: row[i] for column, i in where.items() if row[i]}
        if values:
            out[pid] = values
    return out
