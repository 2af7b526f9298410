"""Editors' pages for what visitors add and what the home page shows: comment moderation and the blocks' order."""

from __future__ import annotations

from datetime import datetime

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, Widget, emit, flash, log_change, page, public_changed, requires, write_transaction

from plugins.portal.api import article_url
from plugins.portal.halaman.formulir import Form
from plugins.portal.isian import zone
from plugins.portal.plugin import MODERASI, TULIS
from plugins.portal.tables import (DRAF, JADWAL, STATUS_KOMENTAR, TAMPIL, TERBIT, TOLAK, TUNGGU, Artikel, BlokBeranda,
                                   Komentar)

COMMENTS = "/admin/portal/komentar"
HOME = "/admin/portal/beranda"
PER_PAGE = 50


@get(COMMENTS, opt=requires(MODERASI), include_in_schema=False)
async def comment_queue(request: Request, status: FromQuery[str] = TUNGGU) -> Template:
    status = status if status in STATUS_KOMENTAR else TUNGGU
    rows = await Komentar.select(Komentar.id, Komentar.nama, Komentar.isi, Komentar.status, Komentar.dibuat,
                                 Komentar.artikel.judul.as_alias("judul"), Komentar.artikel.slug.as_alias("slug")
                                 ).where(Komentar.status == status).order_by(Komentar.dibuat).limit(PER_PAGE).run()
    for row in rows:
        row["url"] = article_url(row["slug"])
    waiting = await Komentar.count().where(Komentar.status == TUNGGU).run()
    return await page(request, "portal/admin/komentar.html", {"rows": rows, "status": status,
                                                               "daftar_status": STATUS_KOMENTAR, "menunggu": waiting})


@post(f"{COMMENTS}/{{komentar_id:int}}", opt=requires(MODERASI), include_in_schema=False)
async def comment_decide(request: Request, komentar_id: Id, data: Form) -> Redirect:
    decision = data.get("keputusan")
    if decision not in (TAMPIL, TOLAK):
        flash(request, "Pilih Tampilkan atau Tolak.", "galat")
        return Redirect(COMMENTS)
    async with write_transaction():
        row = await Komentar.select(Komentar.id, Komentar.status).where(Komentar.id == komentar_id).first().run()
        if row is None:
            raise NotFoundException("Komentar tidak ditemukan.")
        await Komentar.update({Komentar.status: decision}).where(Komentar.id == komentar_id).run()
        await log_change(request, "ubah", "portal.komentar", komentar_id, {"status": [row["status"], decision]})
        await public_changed()
    flash(request, "Komentar ditampilkan di situs." if decision == TAMPIL else "Komentar ditolak.")
    return Redirect(f"{COMMENTS}?status={data.get('kembali') or TUNGGU}")


async def blocks(request: Request) -> list[dict]:
    """Every home block the enabled plugins offer (through `portal_blok_beranda`), in the order visitors see them,
    each with the editor's choice: key, title, urutan, tampil."""
    offered: dict[str, dict] = {}
    for answer in await emit(request, "portal_blok_beranda") or []:
        for block in answer if isinstance(answer, (list, tuple)) else [answer]:
            if block is not None and getattr(block, "key", None):
                offered.setdefault(block.key, {"kunci": block.key, "judul": block.title, "bawaan": block.order})
    chosen = {row["kunci"]: row for row in await BlokBeranda.select().run()}
    found = []
    for key, block in offered.items():
        row = chosen.get(key)
        found.append({**block, "urutan": row["urutan"] if row else None,
                      "tampil": bool(row["tampil"]) if row else True})
    # As the public side orders them: blocks the editor placed first, the rest after, by their own order.
    return sorted(found, key=lambda b: (b["urutan"] is None, b["urutan"] or 0, b["bawaan"], b["kunci"]))


@get(HOME, opt=requires(TULIS), include_in_schema=False)
async def home_blocks(request: Request) -> Template:
    return await page(request, "portal/admin/beranda.html", {"blok": await blocks(request)})


@post(HOME, opt=requires(TULIS), include_in_schema=False)
async def home_blocks_save(request: Request, data: Form) -> Redirect:
    """Save the order (1, 2, 3... as listed, or moved one place up/down) and which blocks are shown."""
    current = await blocks(request)
    listed = {b["kunci"]: i for i, b in enumerate(current)}

    def typed(key: str) -> tuple[int, int]:
        try:
            return int(data.get(f"urutan-{key}", "")), listed[key]
        except ValueError:  # left empty or not a number: stays where it was listed, after the numbered ones
            return 9999, listed[key]

    keys = sorted(listed, key=typed)
    direction, _, moved = (data.get("geser") or "").partition(":")
    if moved in keys:
        i = keys.index(moved)
        j = i - 1 if direction == "naik" else i + 1
        if 0 <= j < len(keys):
            keys[i], keys[j] = keys[j], keys[i]
    shown = {key: data.get(f"tampil-{key}") == "1" for key in keys}
    async with write_transaction():
        await BlokBeranda.delete(force=True).run()
        if keys:
            await BlokBeranda.insert(*[BlokBeranda(kunci=key, urutan=(i + 1) * 10, tampil=shown[key])
                                       for i, key in enumerate(keys)]).run()
        await log_change(request, "ubah", "portal.beranda", None, {"urutan": keys,
                                                                   "disembunyikan": [k for k in keys if not shown[k]]})
        await public_changed()
    flash(request, "Susunan beranda disimpan.")
    return Redirect(HOME)


async def _summary(request: Request) -> dict:
    month = datetime.now(zone(request)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {"terbit": await Artikel.count().where(Artikel.status == TERBIT, Artikel.terbit_pada >= month).run(),
            "terjadwal": await Artikel.count().where(Artikel.status == JADWAL).run(),
            "draf": await Artikel.count().where(Artikel.status == DRAF).run(),
            "komentar": await Komentar.count().where(Komentar.status == TUNGGU).run()}


def widget() -> Widget:
    """The dashboard card for editors: this month's articles, what waits (scheduled, drafts, comments)."""
    return Widget("Situs web", "portal/admin/widget.html", context=_summary, permission=TULIS, order=60)


ROUTES = [comment_queue, comment_decide, home_blocks, home_blocks_save]
