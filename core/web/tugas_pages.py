"""Watching a background job: a page with a progress bar (updates itself) and a JSON answer for it."""

from __future__ import annotations

import json

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from core.tugas.antrean import cancel
from core.tugas.tables import Tugas
from core.web.auth import current_user, has_permission
from core.web.pages import page

LOGIN = {"login": True}
LABEL = {"antri": "Menunggu giliran", "berjalan": "Sedang berjalan", "selesai": "Selesai", "gagal": "Gagal",
         "dibatalkan": "Dibatalkan"}


async def _job(request: Request, kode: str) -> dict:
    row = await Tugas.select().where(Tugas.kode == kode).first().run()
    user = await current_user(request)
    # Someone else's job shows only to those holding the permission it was started under.
    if row is None or not (row["dibuat_oleh"] == user["username"] or (row["izin"] and has_permission(user, row["izin"]))
                           or user["semua_izin"]):
        raise NotFoundException("Tugas tidak ditemukan.")
    row["hasil"] = json.loads(row["hasil"] or "{}")
    return row


def state(row: dict) -> dict:
    percent = round(100 * row["selesai_n"] / row["total"]) if row["total"] else (100 if row["status"] == "selesai" else 0)
    return {"status": row["status"], "label": LABEL.get(row["status"], row["status"]), "selesai": row["selesai_n"],
            "total": row["total"], "persen": min(percent, 100), "pesan": row["pesan"],
            "tautan": row["hasil"].get("tautan", ""), "berakhir": row["status"] in ("selesai", "gagal", "dibatalkan")}


@get("/admin/tugas/{kode:str}", opt={**LOGIN, "contoh": "/admin/tugas/{tugas}"}, include_in_schema=False)
async def job_page(request: Request, kode: FromPath[str]) -> Template:
    row = await _job(request, kode)
    return await page(request, "core/tugas.html", {"t": row, "s": state(row)})


@get("/admin/tugas/{kode:str}/status",
     opt={**LOGIN, "bukan_halaman": "JSON untuk bilah kemajuan"}, include_in_schema=False)
async def job_state(request: Request, kode: FromPath[str]) -> dict:
    return state(await _job(request, kode))


@post("/admin/tugas/{kode:str}/batal", opt=LOGIN, include_in_schema=False)
async def job_cancel(request: Request, kode: FromPath[str]) -> Redirect:
    await _job(request, kode)
    await cancel(kode)
    return Redirect(f"/admin/tugas/{kode}")


ROUTES = [job_page, job_state, job_cancel]
