"""Admin pages for staff users and roles."""

from __future__ import annotations

import json
import secrets

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import changes, log_change, log_view
from core.db.transaction import write_transaction
from core.identity.permissions import all_permissions
from core.identity.users import UserError, create_user, get_user, reset_password, update_user
from core.tables import Peran, Pengguna
from core.web.penduduk_pages import wilayah_choices
from core.web.pages import flash, page
from core.web.params import Id, parse_id
from core.web.session_pages import Form

MANAGE = {"permission": "pengguna.kelola"}


async def _roles() -> list[dict]:
    return await Peran.select(Peran.id, Peran.nama, Peran.kode).order_by(Peran.id).run()


@get("/admin/pengguna", opt=MANAGE, include_in_schema=False)
async def user_list(request: Request) -> Template:
    users = await Pengguna.select(Pengguna.id, Pengguna.username, Pengguna.nama, Pengguna.aktif, Pengguna.totp_aktif,
                                  Pengguna.terakhir_masuk, Pengguna.peran.nama.as_alias("peran_nama")).order_by(
        Pengguna.username).run()
    return await page(request, "core/pengguna_daftar.html", {"pengguna": users})


@get("/admin/pengguna/baru", opt=MANAGE, include_in_schema=False)
async def user_new_form(request: Request) -> Template:
    return await page(request, "core/pengguna_baru.html", {"peran": await _roles(), "data": {}, "galat": {}})


@post("/admin/pengguna/baru", opt=MANAGE, include_in_schema=False)
async def user_create(request: Request, data: Form) -> Template | Redirect:
    try:
        user = await create_user(data.get("username", ""), data.get("nama", ""), data.get("password", ""),
                                 parse_id(data.get("peran")) or 0,
                                 actor=request.state.user, connection=request)
    except (UserError, ValueError) as exc:
        field = getattr(exc, "field", "peran")
        return await page(request, "core/pengguna_baru.html",
                          {"peran": await _roles(), "data": data, "galat": {field: str(exc)}}, 400)
    flash(request, f"Pengguna {user['username']} dibuat.")
    return Redirect("/admin/pengguna")


@get("/admin/pengguna/{user_id:int}", opt={**MANAGE, "contoh": "/admin/pengguna/1"}, include_in_schema=False)
async def user_edit_form(request: Request, user_id: Id) -> Template:
    user = await get_user(user_id)
    if user is None:
        raise NotFoundException()
    log_view(request, "pengguna", user_id)  # a person's record: every view is logged
    return await page(request, "core/pengguna_ubah.html", {"u": user, "peran": await _roles(), "galat": {},
                                                          "wilayah": await wilayah_choices()})


@post("/admin/pengguna/{user_id:int}", opt=MANAGE, include_in_schema=False)
async def user_update(request: Request, user_id: Id, data: Form) -> Template | Redirect:
    try:
        lingkup = data.get("wilayah_lingkup", "")
        await update_user(user_id, data.get("nama", ""), parse_id(data.get("peran")) or 0, data.get("aktif") == "1",
                          actor=request.state.user, connection=request,
                          wilayah_lingkup=(parse_id(lingkup) or 0) if lingkup else None)
    except (UserError, ValueError) as exc:
        user = await get_user(user_id)
        if user is None:
            raise NotFoundException() from None
        return await page(request, "core/pengguna_ubah.html", {
            "u": {**user, "nama": data.get("nama", "")}, "peran": await _roles(), "wilayah": await wilayah_choices(),
            "galat": {getattr(exc, "field", "") or "umum": str(exc)}}, 400)
    flash(request, "Perubahan pengguna disimpan.")
    return Redirect("/admin/pengguna")


@post("/admin/pengguna/{user_id:int}/reset", opt=MANAGE, include_in_schema=False)
async def user_reset(request: Request, user_id: Id) -> Template:
    try:
        password = await reset_password(user_id, actor=request.state.user, connection=request)
    except UserError:
        raise NotFoundException() from None
    user = await get_user(user_id)
    return await page(request, "core/pengguna_reset.html", {"u": user, "sandi": password})


# -- roles --------------------------------------------------------------------------

def _grouped_permissions(request: Request) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for code, perm in sorted(all_permissions(request.app.state.balai.host).items()):
        groups.setdefault(code.split(".")[0], []).append(perm)
    return sorted(groups.items())


@get("/admin/peran", opt=MANAGE, include_in_schema=False)
async def role_list(request: Request) -> Template:
    roles = await Peran.select().order_by(Peran.id).run()
    counts = {r["peran"]: r["jumlah"] for r in await Pengguna.raw(
        "SELECT peran, COUNT(*) AS jumlah FROM balai_pengguna GROUP BY peran").run()}
    for role in roles:
        role["izin"] = json.loads(role["izin"])
        role["jumlah"] = counts.get(role["id"], 0)
    return await page(request, "core/peran_daftar.html", {"peran": roles})


async def _role_page(request: Request, role: dict | None, galat: str | None = None, status: int = 200) -> Template:
    return await page(request, "core/peran_ubah.html",
                      {"r": role, "kelompok": _grouped_permissions(request), "galat": galat}, status)


@get("/admin/peran/baru", opt=MANAGE, include_in_schema=False)
async def role_new_form(request: Request) -> Template:
    return await _role_page(request, None)


@get("/admin/peran/{role_id:int}", opt={**MANAGE, "contoh": "/admin/peran/2"}, include_in_schema=False)
async def role_edit_form(request: Request, role_id: Id) -> Template:
    role = await Peran.select().where(Peran.id == role_id).first().run()
    if role is None:
        raise NotFoundException()
    role["izin"] = json.loads(role["izin"])
    return await _role_page(request, role)


async def _save_role(request: Request, role_id: int | None, data: dict, chosen: list[str]) -> Template | Redirect:
    nama = (data.get("nama") or "").strip()
    known = all_permissions(request.app.state.balai.host)
    chosen = sorted({c for c in chosen if c in known})
    old = await Peran.select().where(Peran.id == role_id).first().run() if role_id else None
    draft = {**(old or {}), "nama": nama, "keterangan": data.get("keterangan", "").strip(), "izin": chosen}
    if role_id and old is None:
        raise NotFoundException()
    if not nama:
        return await _role_page(request, draft, "Nama peran wajib diisi.", 400)
    async with write_transaction():
        clash = Peran.exists().where(Peran.nama == nama)
        if role_id:
            clash = clash.where(Peran.id != role_id)
        if await clash.run():
            return await _role_page(request, draft, f"Peran {nama} sudah ada.", 400)
        values = {Peran.nama: nama, Peran.keterangan: draft["keterangan"], Peran.izin: json.dumps(chosen)}
        if role_id:
            await Peran.update(values).where(Peran.id == role_id).run()
            before = {"nama": old["nama"], "izin": json.loads(old["izin"])}
            await log_change(request, "ubah", "peran", role_id, changes(before, {"nama": nama, "izin": chosen}))
        else:
            kode = f"peran_{secrets.token_hex(4)}"  # stable even when the role is renamed
            rows = await Peran.insert(Peran(kode=kode, nama=nama, keterangan=draft["keterangan"],
                                            izin=json.dumps(chosen))).returning(Peran.id).run()
            await log_change(request, "buat", "peran", rows[0]["id"], {"nama": nama, "izin": chosen})
    flash(request, f"Peran {nama} disimpan.")
    return Redirect("/admin/peran")


@post("/admin/peran/baru", opt=MANAGE, include_in_schema=False)
async def role_create(request: Request) -> Template | Redirect:
    form = await request.form()
    return await _save_role(request, None, dict(form), form.getall("izin") if "izin" in form else [])


@post("/admin/peran/{role_id:int}", opt=MANAGE, include_in_schema=False)
async def role_update(request: Request, role_id: Id) -> Template | Redirect:
    form = await request.form()
    return await _save_role(request, role_id, dict(form), form.getall("izin") if "izin" in form else [])


ROUTES = [user_list, user_new_form, user_create, user_edit_form, user_update, user_reset,
          role_list, role_new_form, role_edit_form, role_create, role_update]
