"""Editors' pages for the site's structure: static pages, categories and the public menu."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, log_change, page, parse_id, public_changed, requires, write_transaction

from plugins.portal import isian
from plugins.portal.halaman.formulir import Form
from plugins.portal.plugin import TULIS
from plugins.portal.tables import Halaman, Kategori, MenuPortal

WRITE = requires(TULIS)
PAGES = "/admin/portal/halaman"
CATEGORIES = "/admin/portal/kategori"
MENU = "/admin/portal/menu"
# An internal path: one leading slash (never "//host"), no spaces, quotes or angle brackets.
INTERNAL = re.compile(r"^/(?!/)[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*$")


def _order(text: str | None) -> int:
    try:
        return max(-9999, min(9999, int((text or "0").strip())))
    except ValueError:
        return 0


async def _one(table, row_id: int, what: str) -> dict:
    row = await table.select().where(table.id == row_id).first().run()
    if row is None:
        raise NotFoundException(f"{what} tidak ditemukan.")
    return row


async def _delete(request: Request, table, row_id: int, what: str, name_field: str, back: str) -> Redirect:
    """Delete one row, audited, and tell the public caches; the flash names what went."""
    row = await _one(table, row_id, what)
    async with write_transaction():
        await table.delete().where(table.id == row_id).run()
        await log_change(request, "hapus", f"portal.{what.lower()}", row_id, {name_field: row[name_field]})
        await public_changed()
    flash(request, f"{what} “{row[name_field]}” dihapus.")
    return Redirect(back)


def _confirm(request: Request, title: str, name: str, action: str, back: str, note: str):
    return page(request, "portal/admin/hapus.html", {"judul": title, "nama": name, "aksi": action,
                                                      "kembali": back, "catatan": note})


# --- static pages -------------------------------------------------------------------------------------------------

@get(PAGES, opt=WRITE, include_in_schema=False)
async def page_list(request: Request) -> Template:
    rows = await Halaman.select(Halaman.id, Halaman.judul, Halaman.slug, Halaman.terbit, Halaman.diubah).order_by(
        Halaman.judul).run()
    return await page(request, "portal/admin/halaman_daftar.html", {"rows": rows})


async def _page_form(request: Request, row: dict, galat: dict | None = None, status_code: int = 200) -> Template:
    return await page(request, "portal/admin/halaman_ubah.html", {"h": row, "galat": galat or {}}, status_code)


@get(f"{PAGES}/baru", opt=WRITE, include_in_schema=False)
async def page_new(request: Request) -> Template:
    return await _page_form(request, {"id": None, "judul": "", "slug": "", "isi": "", "terbit": True})


@get(f"{PAGES}/{{halaman_id:int}}", opt=requires(TULIS, sample=f"{PAGES}/1"), include_in_schema=False)
async def page_edit(request: Request, halaman_id: Id) -> Template:
    return await _page_form(request, await _one(Halaman, halaman_id, "Halaman"))


async def _page_save(request: Request, data: dict, row: dict | None) -> Template | Redirect:
    values = {"judul": isian.plain(data.get("judul"), 200), "terbit": data.get("terbit") == "1"}
    errors = {}
    if not values["judul"]:
        errors["judul"] = "Judul wajib diisi."
    values["slug"] = isian.slugify(data.get("slug") or "") or isian.slugify(values["judul"])
    if values["judul"] and not values["slug"]:
        errors["slug"] = "Alamat (slug) hanya boleh huruf a-z, angka dan tanda hubung; isi secara manual."
    values["isi"], problem = isian.clean_body(data.get("isi"))
    if problem:
        errors["isi"] = problem
    async with write_transaction():
        if not errors and await Halaman.exists().where(Halaman.slug == values["slug"],
                                                       Halaman.id != (row["id"] if row else 0)).run():
            errors["slug"] = f"Alamat /{values['slug']} sudah dipakai halaman lain."
        if not errors:
            values["diubah"] = datetime.now(timezone.utc)
            if row is None:
                saved = await Halaman.insert(Halaman(**values)).returning(Halaman.id).run()
                halaman_id = saved[0]["id"]
                await log_change(request, "buat", "portal.halaman", halaman_id, {"judul": values["judul"]})
            else:
                halaman_id = row["id"]
                await Halaman.update({getattr(Halaman, k): v for k, v in values.items()}).where(
                    Halaman.id == halaman_id).run()
                await log_change(request, "ubah", "portal.halaman", halaman_id, {"judul": values["judul"]})
            await public_changed()
    if errors:
        return await _page_form(request, {**(row or {"id": None}), **values}, errors, 400)
    flash(request, f"Halaman “{values['judul']}” disimpan.")
    return Redirect(f"{PAGES}/{halaman_id}")


@post(f"{PAGES}/baru", opt=WRITE, include_in_schema=False)
async def page_create(request: Request, data: Form) -> Template | Redirect:
    return await _page_save(request, data, None)


@post(f"{PAGES}/{{halaman_id:int}}", opt=WRITE, include_in_schema=False)
async def page_save(request: Request, halaman_id: Id, data: Form) -> Template | Redirect:
    return await _page_save(request, data, await _one(Halaman, halaman_id, "Halaman"))


@get(f"{PAGES}/{{halaman_id:int}}/hapus", opt=requires(TULIS, sample=f"{PAGES}/1/hapus"), include_in_schema=False)
async def page_delete_confirm(request: Request, halaman_id: Id) -> Template:
    row = await _one(Halaman, halaman_id, "Halaman")
    return await _confirm(request, "Hapus halaman", row["judul"], f"{PAGES}/{halaman_id}/hapus", PAGES,
                          "Halaman ini dan tautannya di menu situs dihapus.")


@post(f"{PAGES}/{{halaman_id:int}}/hapus", opt=WRITE, include_in_schema=False)
async def page_delete(request: Request, halaman_id: Id) -> Redirect:
    return await _delete(request, Halaman, halaman_id, "Halaman", "judul", PAGES)


# --- categories ---------------------------------------------------------------------------------------------------

@get(CATEGORIES, opt=WRITE, include_in_schema=False)
async def category_list(request: Request) -> Template:
    rows = await Kategori.select().order_by(Kategori.urutan).order_by(Kategori.nama).run()
    return await page(request, "portal/admin/kategori.html", {"rows": rows})


async def _category_save(request: Request, data: dict, row: dict | None) -> Redirect:
    nama = isian.plain(data.get("nama"), 80)
    slug = isian.slugify(nama, 90)
    problem = None
    if not nama or not slug:
        problem = "Nama kategori wajib diisi (dengan huruf atau angka)."
    async with write_transaction():
        other = Kategori.id != (row["id"] if row else 0)
        if not problem and await Kategori.exists().where((Kategori.nama == nama) | (Kategori.slug == slug),
                                                         other).run():
            problem = f"Kategori “{nama}” sudah ada."
        if not problem:
            values = {"nama": nama, "slug": slug, "urutan": _order(data.get("urutan"))}
            if row is None:
                await Kategori.insert(Kategori(**values)).run()
            else:
                await Kategori.update({getattr(Kategori, k): v for k, v in values.items()}).where(
                    Kategori.id == row["id"]).run()
            await log_change(request, "ubah" if row else "buat", "portal.kategori", row["id"] if row else None,
                             {"nama": nama})
            await public_changed()
    flash(request, problem or f"Kategori “{nama}” disimpan.", "galat" if problem else "sukses")
    return Redirect(CATEGORIES)


@post(CATEGORIES, opt=WRITE, include_in_schema=False)
async def category_create(request: Request, data: Form) -> Redirect:
    return await _category_save(request, data, None)


@post(f"{CATEGORIES}/{{kategori_id:int}}", opt=WRITE, include_in_schema=False)
async def category_save(request: Request, kategori_id: Id, data: Form) -> Redirect:
    return await _category_save(request, data, await _one(Kategori, kategori_id, "Kategori"))


@get(f"{CATEGORIES}/{{kategori_id:int}}/hapus", opt=requires(TULIS, sample=f"{CATEGORIES}/1/hapus"),
     include_in_schema=False)
async def category_delete_confirm(request: Request, kategori_id: Id) -> Template:
    row = await _one(Kategori, kategori_id, "Kategori")
    return await _confirm(request, "Hapus kategori", row["nama"], f"{CATEGORIES}/{kategori_id}/hapus", CATEGORIES,
                          "Artikel dalam kategori ini tidak dihapus; artikelnya menjadi tanpa kategori.")


@post(f"{CATEGORIES}/{{kategori_id:int}}/hapus", opt=WRITE, include_in_schema=False)
async def category_delete(request: Request, kategori_id: Id) -> Redirect:
    return await _delete(request, Kategori, kategori_id, "Kategori", "nama", CATEGORIES)


# --- the public menu ----------------------------------------------------------------------------------------------

@get(MENU, opt=WRITE, include_in_schema=False)
async def menu_list(request: Request) -> Template:
    rows = await MenuPortal.select().order_by(MenuPortal.urutan).order_by(MenuPortal.id).run()
    pages = await Halaman.select(Halaman.id, Halaman.judul, Halaman.terbit).order_by(Halaman.judul).run()
    return await page(request, "portal/admin/menu.html", {"rows": rows, "halaman": pages})


async def _menu_values(data: dict) -> tuple[dict, str | None]:
    values = {"label": isian.plain(data.get("label"), 60), "urutan": _order(data.get("urutan")),
              "halaman": parse_id(data.get("halaman")), "tautan": (data.get("tautan") or "").strip()}
    if not values["label"]:
        return values, "Label menu wajib diisi."
    if values["halaman"] is not None:
        if not await Halaman.exists().where(Halaman.id == values["halaman"]).run():
            return values, "Halaman yang dipilih tidak ada."
        values["tautan"] = ""
    elif not values["tautan"]:
        return values, "Pilih halaman, atau isi tautan di dalam situs (diawali /, mis. /statistik)."
    elif len(values["tautan"]) > 300 or not INTERNAL.match(values["tautan"]):
        return values, "Tautan harus alamat di dalam situs ini, diawali / (mis. /statistik), tanpa spasi."
    return values, None


async def _menu_save(request: Request, data: dict, row: dict | None) -> Redirect:
    values, problem = await _menu_values(data)
    if not problem:
        async with write_transaction():
            if row is None:
                await MenuPortal.insert(MenuPortal(**values)).run()
            else:
                await MenuPortal.update({getattr(MenuPortal, k): v for k, v in values.items()}).where(
                    MenuPortal.id == row["id"]).run()
            await log_change(request, "ubah" if row else "buat", "portal.menu", row["id"] if row else None,
                             {"label": values["label"]})
            await public_changed()
    flash(request, problem or f"Menu “{values['label']}” disimpan.", "galat" if problem else "sukses")
    return Redirect(MENU)


@post(MENU, opt=WRITE, include_in_schema=False)
async def menu_create(request: Request, data: Form) -> Redirect:
    return await _menu_save(request, data, None)


@post(f"{MENU}/{{menu_id:int}}", opt=WRITE, include_in_schema=False)
async def menu_save(request: Request, menu_id: Id, data: Form) -> Redirect:
    return await _menu_save(request, data, await _one(MenuPortal, menu_id, "Menu"))


@post(f"{MENU}/{{menu_id:int}}/hapus", opt=WRITE, include_in_schema=False)
async def menu_delete(request: Request, menu_id: Id) -> Redirect:
    return await _delete(request, MenuPortal, menu_id, "Menu", "label", MENU)


ROUTES = [page_list, page_new, page_edit, page_create, page_save, page_delete_confirm, page_delete,
          category_list, category_create, category_save, category_delete_confirm, category_delete,
          menu_list, menu_create, menu_save, menu_delete]
