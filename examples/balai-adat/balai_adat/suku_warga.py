"""A resident's suku as an extra field of the register, kept in this plugin's own table (`SukuWarga`).

It appears on the resident's form (`balai_resident_fields`), on the resident's page (`balai_resident_panels`), and
as the column ``adat.suku`` of the Balai CSV export, read back on import: no change to Balai's core.
"""

from __future__ import annotations

from piccolo.columns.combination import WhereRaw

from plugin_sdk import Panel, hookimpl
from plugin_sdk.tambahan import FieldErrors, ResidentFields

from balai_adat.tables import Suku, SukuWarga


async def load(ids: list[int]) -> dict[int, dict]:
    rows = await SukuWarga.select(SukuWarga.penduduk, SukuWarga.suku.nama.as_alias("suku")).where(
        SukuWarga.penduduk.is_in(ids)).run()
    return {row["penduduk"]: {"suku": row["suku"]} for row in rows}


async def clean(raw: dict[str, str]) -> dict[str, str]:
    """The suku's name as registered (any case), or "" for none."""
    name = " ".join(raw["suku"].split())
    if not name:
        return {"suku": ""}
    row = await Suku.select(Suku.nama).where(WhereRaw("lower(nama) = lower({})", name)).first().run()
    if row is None:
        raise FieldErrors({"suku": f"Suku {name} belum terdaftar di daftar adat."})
    return {"suku": row["nama"]}


async def save(penduduk_id: int, values: dict[str, str]) -> None:
    """Inside the resident's write transaction (Balai logs the change)."""
    await SukuWarga.delete().where(SukuWarga.penduduk == penduduk_id).run()
    if values["suku"]:
        suku = await Suku.select(Suku.id).where(Suku.nama == values["suku"]).first().run()
        await SukuWarga.insert(SukuWarga(penduduk=penduduk_id, suku=suku["id"])).run()


async def choices(request) -> dict:
    return {"suku": await Suku.select(Suku.nama, Suku.penghulu).order_by(Suku.nama).run()}


@hookimpl
def balai_resident_fields():
    return [ResidentFields("Adat", {"suku": "Suku"}, load=load, save=save, clean=clean,
                           template="adat/form_suku.html", context=choices, order=500)]


@hookimpl
def balai_resident_panels(request, penduduk_id):
    async def context(request):
        row = await SukuWarga.select(SukuWarga.suku.nama.as_alias("nama"),
                                     SukuWarga.suku.penghulu.as_alias("penghulu")).where(
            SukuWarga.penduduk == penduduk_id).first().run()
        return {"suku": row, "penduduk_id": penduduk_id}

    return [Panel("Adat", "adat/panel_warga.html", context=context, order=500)]
