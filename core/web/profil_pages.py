"""Admin pages for the nagari profile (with its logo and photo) and the public logo and photo themselves."""

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
from core.files import FileStoreError, save_image, stored_path
from core.files_gambar import photo_path, remove_photo, save_photo
from core.profil.profile import ProfileError, clean_profile, pick_list
from core.web.pages import flash, page
from core.web.publik_versi import public_changed

EDIT = {"permission": "profil.ubah"}
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
PHOTO_FOLDER = "foto_nagari"
PHOTO_WIDTHS = (1600, 640)  # the hero on a wide screen, and what a phone loads
PHOTO_TALLEST = 0.75  # a banner: a portrait photo is cropped to 4:3 rather than fill the phone's screen
LONG_CACHE = "public, max-age=31536000, immutable"  # the URL carries the photo's stem: a new photo, a new URL
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


async def _form(request: Request, data: dict, galat: dict, status: int = 200) -> Template:
    themes = request.app.state.themes
    wanted = request.app.state.balai.profile().get("tema")
    return await page(request, "core/profil.html", {
        "data": data, "galat": galat, "daftar_wilayah": pick_list(), "daftar_tema": themes.choices(),
        "tema_dipilih": data.get("tema") or wanted, "tema_catatan": themes.notice(wanted),
        "hub": request.app.state.balai.settings.role == "hub"}, status)


@get("/admin/profil", opt=EDIT, include_in_schema=False)
async def profile_form(request: Request) -> Template:
    profile = dict(request.app.state.balai.profile())
    code = profile.get("kode", "")
    if len(code) in (4, 10):  # shown dotted as typed: a nagari's PP.KK.CC.DDDD, a hub's PP.KK
        profile["kode"] = ".".join(code[i:j] for i, j in ((0, 2), (2, 4), (4, 6), (6, 10)) if code[i:j])
    return await _form(request, profile, {})


@post("/admin/profil", opt=EDIT, include_in_schema=False)
async def profile_save(request: Request, data: Multipart) -> Template | Redirect:
    balai = request.app.state.balai
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    try:
        profile = clean_profile(form, request.app.state.themes.usable,
                                kabupaten=balai.settings.role == "hub")  # a hub's profile is its kabupaten's
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
    photo = data.get("foto")
    if isinstance(photo, UploadFile) and photo.filename and not errors:
        try:
            content = await photo.read()
            stored = await anyio.to_thread.run_sync(save_photo, balai.settings.data_dir, PHOTO_FOLDER, content,
                                                    PHOTO_WIDTHS, False, PHOTO_TALLEST)
            profile.update(foto=stored.stem, foto_lebar=stored.lebar, foto_tinggi=stored.tinggi)
        except FileStoreError as exc:
            errors["foto"] = str(exc)
    elif form.get("hapus_foto") == "1":
        profile.update(foto="", foto_lebar=0, foto_tinggi=0)
    if errors:
        if profile.get("foto"):  # stored before another field was refused: nothing of this save may stay
            remove_photo(balai.settings.data_dir, PHOTO_FOLDER, profile["foto"])
        return await _form(request, {**form, "foto": balai.profile().get("foto", "")}, errors, 400)
    old = balai.profile()
    async with write_transaction():
        await log_change(request, "ubah", "profil", "nagari", changes(old, {**old, **profile}))
        await balai.save_profile(profile)
        await public_changed()  # the name, logo, address and theme are on every public page: rebuild cached ones
    if old.get("foto") and "foto" in profile and profile["foto"] != old["foto"]:
        remove_photo(balai.settings.data_dir, PHOTO_FOLDER, old["foto"])  # replaced or removed: not kept anywhere
    flash(request, "Profil nagari disimpan.")
    return Redirect("/admin/profil")


# no session, no CSRF cookie: the logo is on every public page, which must stay cookie-free (ENGINEERING-NOTES 13)
@get("/berkas/logo", opt={"public": True, "bukan_halaman": "berkas gambar logo", "exclude_from_csrf": True,
                          "skip_session": True}, include_in_schema=False)
async def logo(request: Request) -> File:
    name = request.app.state.balai.profile().get("logo", "")
    path = stored_path(request.app.state.balai.settings.data_dir, "logo", name)
    if path is None:
        raise NotFoundException()
    kind = path.suffix.lstrip(".")
    return File(path=path, media_type=MIME[kind], filename=f"logo.{kind}", content_disposition_type="inline")


NO_COOKIE = {"public": True, "exclude_from_csrf": True, "skip_session": True}


@get("/berkas/foto-nagari", opt={**NO_COOKIE, "bukan_halaman": "berkas foto nagari (WebP)"}, include_in_schema=False)
async def nagari_photo(request: Request, lebar: FromQuery[int | None] = None, v: FromQuery[str] = "") -> File:
    """The nagari's photo, 1600 px wide or (``?lebar=640``) 640; cached for a year when `v` names the current one."""
    stem = request.app.state.balai.profile().get("foto", "")
    width = lebar if lebar in PHOTO_WIDTHS[1:] else None
    path = photo_path(request.app.state.balai.settings.data_dir, PHOTO_FOLDER, stem, width)
    if path is None:
        raise NotFoundException()
    return File(path=path, media_type="image/webp", filename="foto-nagari.webp", content_disposition_type="inline",
                headers={"Cache-Control": LONG_CACHE if v == stem else "no-cache",
                         "X-Content-Type-Options": "nosniff"})


ROUTES = [profile_form, profile_save, logo, nagari_photo]
