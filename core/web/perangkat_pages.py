"""Admin pages for the officials (perangkat) of the nagari, and their photos for the public website."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import File, Redirect, Template

from core.audit.log import changes, log_change
from core.db.transaction import write_transaction
from core.files import FileStoreError
from core.files_gambar import photo_path, remove_photo, save_photo
from core.profil.perangkat import PHOTO_FOLDER, PHOTO_WIDTH, SIGNING, PerangkatError, clean_perangkat
from core.tables import Perangkat
from core.web.pages import flash, page
from core.web.params import Id
from core.web.publik_versi import public_changed

EDIT = {"permission": "profil.ubah"}
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
LONG_CACHE = "public, max-age=31536000, immutable"  # the URL carries the photo's stem: a new photo, a new URL


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


async def _photo(request: Request, data: dict, errors: dict) -> str | None:
    """The stem of a newly uploaded photo, "" to remove the photo, None to keep it; a refusal goes to `errors`."""
    upload = data.get("foto")
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            content = await upload.read()  # checked and resized in a thread: a big photo takes a while
            stored = await anyio.to_thread.run_sync(save_photo, request.app.state.balai.settings.data_dir,
                                                    PHOTO_FOLDER, content, (PHOTO_WIDTH,), True)
            return stored.stem
        except FileStoreError as exc:
            errors["foto"] = str(exc)
            return None
    return "" if data.get("hapus_foto") == "1" else None


async def _save(request: Request, data: dict, official_id: int | None) -> Template | Redirect:
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    data_dir = request.app.state.balai.settings.data_dir
    try:
        clean, errors = clean_perangkat(form, official_id), {}
    except PerangkatError as exc:
        clean, errors = {}, dict(exc.errors)
    photo = None if errors else await _photo(request, data, errors)
    if errors:
        if official_id is not None:
            form["foto"] = (await Perangkat.select(Perangkat.foto).where(Perangkat.id == official_id).first().run()
                            or {}).get("foto", "")
        return await _form(request, form, errors, official_id, 400)
    if photo is not None:
        clean["foto"] = photo
    old_photo = ""
    async with write_transaction():
        if official_id is None:
            rows = await Perangkat.insert(Perangkat(**clean)).returning(Perangkat.id).run()
            await log_change(request, "buat", "perangkat", rows[0]["id"], {k: str(v) for k, v in clean.items()})
        else:
            old = await Perangkat.select(*[getattr(Perangkat, k) for k in clean]).where(
                Perangkat.id == official_id).first().run()
            if old is None:
                if photo:
                    remove_photo(data_dir, PHOTO_FOLDER, photo)
                raise NotFoundException()
            old_photo = old.get("foto", "")
            await Perangkat.update(clean).where(Perangkat.id == official_id).run()
            await log_change(request, "ubah", "perangkat", official_id, changes(old, clean))
        await public_changed()  # the structure page and the home page's greeting show the officials
    if old_photo and photo is not None and photo != old_photo:
        remove_photo(data_dir, PHOTO_FOLDER, old_photo)  # replaced or removed: not kept anywhere
    flash(request, f"Data {clean['jabatan']} {clean['nama']} disimpan.")
    return Redirect("/admin/perangkat")


@post("/admin/perangkat/baru", opt=EDIT, include_in_schema=False)
async def official_create(request: Request, data: Multipart) -> Template | Redirect:
    return await _save(request, data, None)


@post("/admin/perangkat/{official_id:int}", opt=EDIT, include_in_schema=False)
async def official_update(request: Request, official_id: Id, data: Multipart) -> Template | Redirect:
    return await _save(request, data, official_id)


# no session, no CSRF cookie: the photo is on the public structure page, which must stay cookie-free
@get("/berkas/perangkat/{official_id:int}", opt={"public": True, "bukan_halaman": "berkas foto perangkat (WebP)",
                                                 "exclude_from_csrf": True, "skip_session": True},
     include_in_schema=False)
async def official_photo(request: Request, official_id: Id, v: FromQuery[str] = "") -> File:
    """A serving official's photo (480 px, square); 404 when there is none or the official no longer serves."""
    row = await Perangkat.select(Perangkat.foto).where(
        (Perangkat.id == official_id) & (Perangkat.aktif == True)).first().run()  # noqa: E712
    path = photo_path(request.app.state.balai.settings.data_dir, PHOTO_FOLDER, row["foto"]) if row else None
    if path is None:
        raise NotFoundException()
    return File(path=path, media_type="image/webp", filename=f"perangkat-{official_id}.webp",
                content_disposition_type="inline",
                headers={"Cache-Control": LONG_CACHE if v == row["foto"] else "no-cache",
                         "X-Content-Type-Options": "nosniff"})


ROUTES = [official_list, official_new, official_edit, official_create, official_update, official_photo]
