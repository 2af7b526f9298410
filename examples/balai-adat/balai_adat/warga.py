"""A resident's suku and kaum outside the resident form: the panel's own form, and a newborn's suku and kaum
inherited from the mother (adat Minangkabau is matrilineal), through the kernel's event `balai_peristiwa`."""

from __future__ import annotations

from litestar import Request, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect

from plugin_sdk import Id, MenuItem, flash, hookimpl, log_change, register, write_transaction
from plugin_sdk.tambahan import FieldErrors

from balai_adat.halaman_suku import KELOLA, Form
from balai_adat.suku_warga import clean, load, save
from balai_adat.tables import SukuWarga


async def _catat(request, penduduk_id: int, nilai: dict, sebab: str) -> None:
    """Store a resident's suku and kaum and log it, before and after, in one transaction."""
    async with write_transaction():
        lama = (await load([penduduk_id])).get(penduduk_id, {"suku": "", "kaum": ""})
        await save(penduduk_id, nilai)
        # each field as [before, after], as the audit page shows a change
        rincian = {k: [lama.get(k, ""), nilai.get(k, "")] for k in ("suku", "kaum")}
        await log_change(request, "ubah", "adat.warga", penduduk_id, {**rincian, "sebab": sebab})


@post("/admin/adat/warga/{penduduk_id:int}", opt=KELOLA, include_in_schema=False)
async def simpan_warga(request: Request, penduduk_id: Id, data: Form) -> Redirect:
    if await register.resident(penduduk_id) is None:  # not on the register, or outside the user's scope
        raise NotFoundException("Penduduk tidak ditemukan.")
    try:
        nilai = await clean({"suku": data.get("suku", ""), "kaum": data.get("kaum", "")})
    except FieldErrors as exc:
        for pesan in exc.errors.values():
            flash(request, pesan, "galat")
        return Redirect(f"/admin/penduduk/{penduduk_id}")
    await _catat(request, penduduk_id, nilai, "panel")
    flash(request, "Suku dan kaum disimpan." if nilai["suku"] else "Suku dan kaum dikosongkan.")
    return Redirect(f"/admin/penduduk/{penduduk_id}")


ANAK, KEPALA, ISTRI, PEREMPUAN = 4, 1, 3, 2  # SHDK and sex codes (Dukcapil)


async def _ibu_menurut_kk(anak: dict) -> dict | None:
    """The mother as the family card shows her when no NIK ibu was typed: for a child (Anak), the woman who heads
    the card or is its Istri (what the family page shows as "Ibu ... (menurut KK)")."""
    if anak.get("kode_hubungan") != ANAK:
        return None
    kk = await register.family(anak)
    return next((m for m in (kk or {}).get("anggota", []) if m["kode_hubungan"] in (KEPALA, ISTRI)
                 and m["kode_jenis_kelamin"] == PEREMPUAN), None)


async def warisi_dari_ibu(request, penduduk_id: int) -> dict | None:
    """Give a newborn (who has no suku yet) the mother's suku and kaum when hers are recorded.

    Returns the values given, or None (no mother on record, or hers not recorded)."""
    anak = await register.resident(penduduk_id)
    if anak is None:
        return None
    _ayah, ibu = await register.parents(anak)
    ibu = ibu or await _ibu_menurut_kk(anak)
    if ibu is None:
        return None
    nilai = (await load([ibu["id"]])).get(ibu["id"])
    if not nilai:
        return None
    await _catat(request, penduduk_id, nilai, f"lahir: mengikuti ibu (penduduk {ibu['id']})")
    return nilai


@hookimpl
async def balai_peristiwa(request, peristiwa):
    if peristiwa["jenis"] != "lahir":
        return None
    penduduk_id = peristiwa["penduduk"]
    if await SukuWarga.exists().where(SukuWarga.penduduk == penduduk_id).run():
        return None  # chosen on the birth form: the operator's choice stands
    nilai = await warisi_dari_ibu(request, penduduk_id)
    if nilai is None:
        return [MenuItem("Suku ibu belum tercatat: catat suku dan kaum bayi ini", f"/admin/penduduk/{penduduk_id}")]
    kaum = f", kaum {nilai['kaum']}" if nilai["kaum"] else ""
    return [MenuItem(f"Bayi ini dicatat bersuku {nilai['suku']}{kaum}, mengikuti ibunya",
                     f"/admin/penduduk/{penduduk_id}")]


ROUTES = [simpan_warga]
