"""Editors' article pages: the list with filters, the form (rich text, cover picture, publish now or later), delete,
and the picture upload the editor's toolbar uses."""

from __future__ import annotations

from datetime import datetime, timezone

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from plugin_sdk import (FileStoreError, Id, Page, current_user, flash, has_permission, log_change, page,
                        public_changed, requires, write_transaction)

from plugins.portal import gambar, isian
from plugins.portal.api import SMALL_WIDTH, image_url
from plugins.portal.halaman.formulir import Multipart, texts
from plugins.portal.plugin import TERBIT as MAY_PUBLISH
from plugins.portal.plugin import TULIS
from plugins.portal.tables import DRAF, JADWAL, JENIS, STATUS, TERBIT, Artikel, Kategori

WRITE = requires(TULIS)
PER_PAGE = 30
BASE = "/admin/portal/artikel"


@get(BASE, opt=WRITE, include_in_schema=False)
async def article_list(request: Request, status: FromQuery[str] = "", jenis: FromQuery[str] = "",
                       hal: Page = 1) -> Template:
    query, count = Artikel.select(Artikel.id, Artikel.judul, Artikel.slug, Artikel.jenis, Artikel.status,
                                  Artikel.terbit_pada, Artikel.diubah, Artikel.penulis,
                                  Artikel.kategori.nama.as_alias("kategori")), Artikel.count()
    if status in STATUS:
        query, count = query.where(Artikel.status == status), count.where(Artikel.status == status)
    if jenis in JENIS:
        query, count = query.where(Artikel.jenis == jenis), count.where(Artikel.jenis == jenis)
    hal = max(hal, 1)
    rows = await query.order_by(Artikel.diubah, ascending=False).order_by(Artikel.id, ascending=False).limit(
        PER_PAGE).offset((hal - 1) * PER_PAGE).run()
    total = await count.run()
    return await page(request, "portal/admin/artikel_daftar.html", {
        "rows": rows, "total": total, "hal": hal, "lanjut": hal * PER_PAGE < total, "status": status,
        "jenis": jenis, "daftar_status": STATUS, "daftar_jenis": JENIS})


async def _row(artikel_id: int) -> dict:
    row = await Artikel.select().where(Artikel.id == artikel_id).first().run()
    if row is None:
        raise NotFoundException("Artikel tidak ditemukan.")
    return row


async def _form(request: Request, row: dict, galat: dict | None = None, status_code: int = 200) -> Template:
    tz = isian.zone(request)
    user = await current_user(request)
    data = {**row}
    for key in ("terbit_pada", "agenda_mulai"):
        if not isinstance(data.get(key), str):
            data[key] = isian.local_input(data.get(key), tz)
    return await page(request, "portal/admin/artikel_ubah.html", {
        "a": data, "galat": galat or {}, "daftar_jenis": JENIS, "kategori": await Kategori.select().order_by(
            Kategori.urutan).order_by(Kategori.nama).run(), "zona": isian.zone_name(request),
        "boleh_terbit": has_permission(user, MAY_PUBLISH), "sampul_url": image_url(row.get("sampul") or "",
                                                                                   SMALL_WIDTH)}, status_code)


NEW = {"id": None, "judul": "", "slug": "", "jenis": "berita", "kategori": None, "ringkasan": "", "isi": "",
       "sampul": "", "status": DRAF, "terbit_pada": None, "agenda_mulai": None, "agenda_tempat": "",
       "komentar_dibuka": False}


@get(f"{BASE}/baru", opt=WRITE, include_in_schema=False)
async def article_new(request: Request) -> Template:
    return await _form(request, dict(NEW))


@get(f"{BASE}/{{artikel_id:int}}", opt=requires(TULIS, sample=f"{BASE}/1"), include_in_schema=False)
async def article_edit(request: Request, artikel_id: Id) -> Template:
    return await _form(request, await _row(artikel_id))


async def _slug_taken(slug: str, row: dict | None) -> bool:
    return await Artikel.exists().where(Artikel.slug == slug, Artikel.id != (row["id"] if row else 0)).run()


async def _save(request: Request, data: dict, row: dict | None) -> Template | Redirect:
    user = await current_user(request)
    form = texts(data)
    values, errors = isian.clean_article(form, isian.zone(request), has_permission(user, MAY_PUBLISH), row)
    if row is not None and row["status"] == TERBIT and values["status"] == TERBIT:
        values["terbit_pada"] = row["terbit_pada"]  # an edit keeps the original publishing date
    if values["kategori"] is not None and not await Kategori.exists().where(Kategori.id == values["kategori"]).run():
        values["kategori"] = None
    if not errors and await _slug_taken(values["slug"], row):
        errors["slug"] = f"Alamat /{values['slug']} sudah dipakai artikel lain. Ubah judul atau alamatnya."
    upload = data.get("sampul_berkas")
    cover = None
    if not errors and isinstance(upload, UploadFile) and upload.filename:
        try:
            cover = await gambar.store(request, await upload.read())
            values["sampul"] = cover["berkas"]
        except FileStoreError as exc:
            errors["sampul"] = str(exc)
    elif form.get("hapus_sampul") == "1":
        values["sampul"] = ""
    now = datetime.now(timezone.utc)
    async with write_transaction():
        if not errors and await _slug_taken(values["slug"], row):  # again: another editor may have just saved
            errors["slug"] = f"Alamat /{values['slug']} sudah dipakai artikel lain. Ubah judul atau alamatnya."
        if not errors:
            if cover is not None:  # the cover's row only with the article: a refused form adds no picture
                await gambar.record(cover, user["username"], values["judul"])
            if row is None:
                saved = await Artikel.insert(Artikel(**values, penulis=user["username"], dibuat=now, diubah=now)
                                             ).returning(Artikel.id).run()
                artikel_id = saved[0]["id"]
                await log_change(request, "buat", "portal.artikel", artikel_id,
                                 {"judul": values["judul"], "status": values["status"]})
            else:
                artikel_id = row["id"]
                await Artikel.update({getattr(Artikel, k): v for k, v in {**values, "diubah": now}.items()}).where(
                    Artikel.id == artikel_id).run()
                await log_change(request, "ubah", "portal.artikel", artikel_id,
                                 {k: [row[k], values[k]] for k in ("judul", "status", "slug") if row[k] != values[k]})
            await public_changed()
    if errors:
        return await _form(request, {**(row or NEW), **values, "terbit_pada": form.get("terbit_pada", ""),
                                     "agenda_mulai": form.get("agenda_mulai", "")}, errors, 400)
    if row is not None and row["status"] == values["status"] == TERBIT:
        flash(request, "Perubahan disimpan dan sudah tampil di situs.")
    else:
        flash(request, {DRAF: "Draf disimpan.", TERBIT: "Artikel diterbitkan.",
                        JADWAL: "Artikel dijadwalkan terbit."}[values["status"]])
    return Redirect(f"{BASE}/{artikel_id}")


@post(f"{BASE}/baru", opt=WRITE, include_in_schema=False)
async def article_create(request: Request, data: Multipart) -> Template | Redirect:
    return await _save(request, data, None)


@post(f"{BASE}/{{artikel_id:int}}", opt=WRITE, include_in_schema=False)
async def article_save(request: Request, artikel_id: Id, data: Multipart) -> Template | Redirect:
    return await _save(request, data, await _row(artikel_id))


@get(f"{BASE}/{{artikel_id:int}}/hapus", opt=requires(TULIS, sample=f"{BASE}/1/hapus"), include_in_schema=False)
async def article_delete_confirm(request: Request, artikel_id: Id) -> Template:
    row = await _row(artikel_id)
    return await page(request, "portal/admin/hapus.html", {
        "judul": "Hapus artikel", "nama": row["judul"], "aksi": f"{BASE}/{artikel_id}/hapus", "kembali": BASE,
        "catatan": "Artikel dan komentarnya dihapus dari situs web. Tindakan ini tidak bisa dibatalkan."})


@post(f"{BASE}/{{artikel_id:int}}/hapus", opt=WRITE, include_in_schema=False)
async def article_delete(request: Request, artikel_id: Id) -> Redirect:
    row = await _row(artikel_id)
    async with write_transaction():
        await Artikel.delete().where(Artikel.id == artikel_id).run()
        await log_change(request, "hapus", "portal.artikel", artikel_id, {"judul": row["judul"]})
        await public_changed()
    flash(request, f"Artikel “{row['judul']}” dihapus.")
    return Redirect(BASE)


@post("/admin/portal/gambar", opt=WRITE, include_in_schema=False)
async def image_upload(request: Request, data: Multipart) -> Response:
    """The editor's picture upload (Trix attachments, and forms without JS): JSON with the picture's URL."""
    upload = data.get("berkas")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return Response({"galat": "Pilih gambar yang akan diunggah."}, status_code=400)
    user = await current_user(request)
    try:
        saved = await gambar.save(request, await upload.read(), user["username"], texts(data).get("keterangan", ""))
    except FileStoreError as exc:
        return Response({"galat": str(exc)}, status_code=400)
    return Response(saved, status_code=201, headers={"Cache-Control": "no-store"})


ROUTES = [article_list, article_new, article_edit, article_create, article_save, article_delete_confirm,
          article_delete, image_upload]
