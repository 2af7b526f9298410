"""Admin pages for the officials (perangkat) of the nagari."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import changes, log_change
from core.db.transaction import write_transaction
from core.profil.perangkat import SIGNING, PerangkatError, clean_perangkat
from core.tables import Perangkat
from core.web.pages import flash, page
from core.web.params import Id
from core.web.session_pages import Form

EDIT = {"permission": "profil.ubah"}


async def _officials() -> list[dict]:
    return await Perangkat.select(*Perangkat.all_columns(), Perangkat.atasan.jabatan.as_alias("atasan_jabatan")).order_by(
        Perangkat.urutan).order_by(Perangkat.id).run()


@get("/admin/perangkat", opt=EDIT, include_in_schema=False)
async def official_list(request: Request) -> Template:
    return await page(request, "core/perangkat_daftar.html", {"perangkat": await _officials(), "cara": SIGNING})


async def _form(request: Request, data: dict, galat: dict, official_id: int | None, status: int = 200) -> Template:
    others = [o for o in await _officials() if o["id"] != official_id]
    return await page(request, "core/perangkat_ubah.html", {"data": data, "galat": galat, "id": official_id,
                                                            "lain": others, "cara": SIGNING}, status)


@get("/admin/perangkat/baru", opt=EDIT, include_in_schema=False)
async def official_new(request: Request) -> Template:
    return await _form(request, {"aktif": True, "cara_tanda_tangan": "an"}, {}, None)


@get("/admin/perangkat/{official_id:int}", opt={**EDIT, "contoh": "/admin/perangkat/1"}, include_in_schema=False)
async def official_edit(request: Request, official_id: Id) -> Template:
    row = await Perangkat.select().where(Perangkat.id == official_id).first().run()
    if row is None:
        raise NotFoundException()
    return await _form(request, row, {}, official_id)


async def _save(request: Request, data: dict, official_id: int | None) -> Template | Redirect:
    try:
        clean = clean_perangkat(data, official_id)
    except PerangkatError as exc:
        return await _form(request, data, exc.errors, official_id, 400)
    async with write_transaction():
        if official_id is None:
            rows = await Perangkat.insert(Perangkat(**clean)).returning(Perangkat.id).run()
            await log_change(request, "buat", "perangkat", rows[0]["id"], {k: str(v) for k, v in clean.items()})
        else:
            old = await Perangkat.select(*[getattr(Perangkat, k) for k in clean]).where(
                Perangkat.id == official_id).first().run()
            if old is None:
                raise NotFoundException()
            await Perangkat.update(clean).where(Perangkat.id == official_id).run()
            await log_change(request, "ubah", "perangkat", official_id, changes(old, clean))
    flash(request, f"Data {clean['jabatan']} {clean['nama']} disimpan.")
    return Redirect("/admin/perangkat")


@post("/admin/perangkat/baru", opt=EDIT, include_in_schema=False)
async def official_create(request: Request, data: Form) -> Template | Redirect:
    return await _save(request, data, None)


@post("/admin/perangkat/{official_id:int}", opt=EDIT, include_in_schema=False)
async def official_update(request: Request, official_id: Id, data: Form) -> Template | Redirect:
    return await _save(request, data, official_id)


ROUTES = [official_list, official_new, official_edit, official_create, official_update]
