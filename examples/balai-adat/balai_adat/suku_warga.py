"""A resident's suku and kaum as extra fields of the register, kept in this plugin's own table (`SukuWarga`).

They appear on the resident's form (`balai_resident_fields`), on the resident's page as a panel with its own small
form (`balai_resident_panels`, saved by `simpan_warga`), and as the columns ``adat.suku`` and ``adat.kaum`` of the
Balai CSV export, read back on import: no change to Balai's core.
"""

from __future__ import annotations

from piccolo.columns.combination import WhereRaw

from plugin_sdk import Panel, current_user, has_permission, hookimpl
from plugin_sdk.tambahan import FieldErrors, ResidentFields

from balai_adat import baca
from balai_adat.tables import Kaum, Suku, SukuWarga


async def load(ids: list[int]) -> dict[int, dict]:
    rows = await SukuWarga.select(SukuWarga.penduduk, SukuWarga.suku.nama.as_alias("suku"),
                                  SukuWarga.kaum.nama.as_alias("kaum")).where(SukuWarga.penduduk.is_in(ids)).run()
    return {row["penduduk"]: {"suku": row["suku"], "kaum": row["kaum"] or ""} for row in rows}


async def clean(raw: dict[str, str]) -> dict[str, str]:
    """The suku's and kaum's names as registered (any case), or "" for none; a kaum must be of that suku."""
    name = " ".join(raw.get("suku", "").split())
    kaum = " ".join(raw.get("kaum", "").split())
    if not name:
        if kaum:
            raise FieldErrors({"suku": "Pilih suku dahulu: kaum selalu berada di dalam satu suku."})
        return {"suku": "", "kaum": ""}
    row = await Suku.select(Suku.id, Suku.nama).where(WhereRaw("lower(nama) = lower({})", name)).first().run()
    if row is None:
        raise FieldErrors({"suku": f"Suku {name} belum terdaftar di daftar adat."})
    if not kaum:
        return {"suku": row["nama"], "kaum": ""}
    found = await Kaum.select(Kaum.nama).where((Kaum.suku == row["id"]) & WhereRaw(
        "lower(nama) = lower({})", kaum)).first().run()
    if found is None:
        raise FieldErrors({"kaum": f"Kaum {kaum} tidak terdaftar di suku {row['nama']}."})
    return {"suku": row["nama"], "kaum": found["nama"]}


async def save(penduduk_id: int, values: dict[str, str]) -> None:
    """Inside the resident's write transaction (Balai logs the change)."""
    await SukuWarga.delete().where(SukuWarga.penduduk == penduduk_id).run()
    if values["suku"]:
        suku = await Suku.select(Suku.id).where(Suku.nama == values["suku"]).first().run()
        kaum = None
        if values.get("kaum"):
            kaum = (await Kaum.select(Kaum.id).where((Kaum.suku == suku["id"]) & (
                Kaum.nama == values["kaum"])).first().run())["id"]
        await SukuWarga.insert(SukuWarga(penduduk=penduduk_id, suku=suku["id"], kaum=kaum)).run()


async def choices(request=None) -> dict:
    """Every suku with its kaum, for the selects of the form and the panel."""
    suku = await Suku.select(Suku.id, Suku.nama).order_by(Suku.nama).run()
    kaum = await Kaum.select(Kaum.suku, Kaum.nama).order_by(Kaum.nama).run()
    for s in suku:
        s["kaum"] = [k["nama"] for k in kaum if k["suku"] == s["id"]]
    return {"suku": suku}


@hookimpl
def balai_resident_fields():
    return [ResidentFields("Adat", {"suku": "Suku", "kaum": "Kaum"}, load=load, save=save, clean=clean,
                           template="adat/form_suku.html", context=choices, order=500)]


@hookimpl
def balai_resident_panels(request, penduduk_id):
    async def context(request):
        boleh = has_permission(await current_user(request), "adat.kelola")  # the form only for who may save it
        return {"adat": await baca.adat_warga(penduduk_id), "penduduk_id": penduduk_id, "boleh_ubah": boleh,
                **await choices()}

    return [Panel("Adat", "adat/panel_warga.html", context=context, order=500)]
