"""Admin pages for the nagari profile (with its logo) and the public logo itself."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import File, Redirect, Template

from core.audit.log import changes, log_change
from core.db.transaction import write_transaction
from core.files import FileStoreError, save_image, stored_path
from core.profil.profile import ProfileError, clean_profile, pick_list
from core.web.pages import flash, page

EDIT = {"permission": "profil.ubah"}
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


async def _form(request: Request, data: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "core/profil.html", {"data": data, "galat": galat, "daftar_wilayah": pick_list()},
                      status)


@get("/admin/profil", opt=EDIT, include_in_schema=False)
async def profile_form(request: Request) -> Template:
    profile = dict(request.app.state.balai.profile())
    if len(profile.get("kode", "")) == 10:
        code = profile["kode"]
        profile["kode"] = f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}"
    return await _form(request, profile, {})


@post("/admin/profil", opt=EDIT, include_in_schema=False)
async def profile_save(request: Request, data: Multipart) -> Template | Redirect:
    balai = request.app.state.balai
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    try:
        profile = clean_profile(form)
    except ProfileError as exc:
        errors, profile = exc.errors, {}
    if request.state.user["semua_izin"]:  # only an administrator may loosen the rule for administrators
        profile["wajib_2fa_admin"] = form.get("wajib_2fa_admin") == "1"
    upload = data.get("logo")
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            content = await upload.read()  # re-encoded in a thread: a big picture takes a while
            profile["logo"] = await anyio.to_thread.run_sync(save_image, balai.settings.data_dir, "logo", content)
        except FileStoreError as exc:
            errors["logo"] = str(exc)
    if errors:
        return await _form(request, form, errors, 400)
    old = balai.profile()
    async with write_transaction():
        await log_change(request, "ubah", "profil", "nagari", changes(old, {**old, **profile}))
        await balai.save_profile(profile)
    flash(request, "Profil nagari disimpan.")
    return Redirect("/admin/profil")


@get("/berkas/logo", opt={"public": True, "bukan_halaman": "berkas gambar logo"}, include_in_schema=False)
async def logo(request: Request) -> File:
    name = request.app.state.balai.profile().get("logo", "")
    path = stored_path(request.app.state.balai.settings.data_dir, "logo", name)
    if path is None:
        raise NotFoundException()
    kind = path.suffix.lstrip(".")
    return File(path=path, media_type=MIME[kind], filename=f"logo.{kind}", content_disposition_type="inline")


ROUTES = [profile_form, profile_save, logo]
