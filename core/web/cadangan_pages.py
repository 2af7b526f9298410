"""The backup page: the last backup, the office folder's backups to download, a backup now, the schedule, the
passphrase that seals scheduled backups."""

from __future__ import annotations

import asyncio
from datetime import datetime

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Template

from core.audit.log import log_change
from core.cadangan import sandi
from core.cadangan.buat import last_backup
from core.cadangan.jadwal import (JOB_KIND, NAME, PERMISSION, folder, last_and_warning, listing, parse_schedule,
                                  save_schedule, schedule, warning)
from core.db.transaction import write_transaction
from core.identity.passwords import verify_password_off_loop
from core.tables import Pengguna
from core.profil.waktu import zone
from core.tugas.antrean import enqueue
from core.tugas.tables import Tugas
from core.web.auth import current_user
from core.web.pages import flash, page
from core.web.session_pages import Form

MANAGE = {"permission": PERMISSION}


def _data_dir(request: Request):
    return request.app.state.balai.settings.data_dir


async def _running_backup() -> str | None:
    """The code of a backup job still waiting or running, if any."""
    row = await Tugas.select(Tugas.kode).where((Tugas.jenis == JOB_KIND) & Tugas.status.is_in(
        ["antri", "berjalan"])).first().run()
    return row["kode"] if row else None


async def backup_status(request: Request) -> dict:
    """For status cards: when the last backup was made (an aware datetime, or None) and the dashboard's warning
    ('' while the last backup is recent enough), from the same functions as the dashboard and this page."""
    state = request.state
    if "cadangan_status" not in state:  # once per request: the dashboard and its system card both ask
        last, text = await last_and_warning(request.app.state.balai.profile())
        state["cadangan_status"] = {"terakhir": datetime.fromisoformat(last["waktu"]) if last else None,
                                    "peringatan": text}
    return dict(state["cadangan_status"])


@get("/admin/cadangan", opt=MANAGE, include_in_schema=False)
async def backup_page(request: Request) -> Template:
    balai = request.app.state.balai
    profile = balai.profile()
    tz = zone(profile)[1]
    last = await last_backup()
    if last:
        last = {**last, "waktu_lokal": datetime.fromisoformat(last["waktu"]).astimezone(tz)}
    try:
        master, key_problem = sandi.office_key(_data_dir(request)), ""
    except sandi.SandiError as exc:
        master, key_problem = None, str(exc)
    running = await _running_backup()
    return await page(request, "core/cadangan.html", {
        "terakhir": last, "peringatan": await warning(profile), "jadwal": await schedule(),
        "daftar": [{**row, "waktu_lokal": row["waktu"].astimezone(tz)} for row in listing(_data_dir(request))],
        "sidik_sandi": master.fingerprint() if master else "", "folder": folder(_data_dir(request)),
        "berjalan": running or "", "zona": zone(profile)[0],
        "sandi_min": sandi.MIN_LENGTH, "masalah_sandi": key_problem,
    })


@post("/admin/cadangan/buat", opt=MANAGE, include_in_schema=False)
async def backup_start(request: Request) -> Redirect:
    """Start a backup in the worker; a second click goes to the one already under way."""
    if running := await _running_backup():
        return Redirect(f"/admin/tugas/{running}")
    user = await current_user(request)
    kode = await enqueue(request.app.state.balai, JOB_KIND, "Cadangan data",
                         {"sumber": "manual", "pengguna": {"id": user["id"], "username": user["username"]}},
                         user, PERMISSION)
    return Redirect(f"/admin/tugas/{kode}")


@get("/admin/cadangan/unduh/{nama:str}", opt={**MANAGE, "bukan_halaman": "berkas cadangan"}, include_in_schema=False)
async def backup_download(request: Request, nama: FromPath[str]) -> File:
    path = folder(_data_dir(request)) / nama
    if not NAME.match(nama) or not path.is_file():
        raise NotFoundException("Berkas cadangan tidak ditemukan.")
    async with write_transaction():
        await log_change(request, "unduh", "cadangan", nama, {"ukuran": path.stat().st_size})
    return File(path=path, filename=nama, media_type="application/octet-stream",
                headers={"Cache-Control": "no-store"})


@post("/admin/cadangan/jadwal", opt=MANAGE, include_in_schema=False)
async def schedule_save(request: Request, data: Form) -> Redirect:
    try:
        jadwal = parse_schedule(data)
    except ValueError as exc:
        flash(request, f"{exc} Jadwal tidak diubah.", "galat")
        return Redirect("/admin/cadangan")
    async with write_transaction():
        await save_schedule(jadwal)
        await log_change(request, "ubah", "cadangan", "jadwal", dict(jadwal.__dict__))
    flash(request, "Jadwal cadangan disimpan." if jadwal.aktif else "Cadangan harian dimatikan.")
    return Redirect("/admin/cadangan")


@post("/admin/cadangan/sandi", opt=MANAGE, include_in_schema=False)
async def passphrase_save(request: Request, data: Form) -> Redirect:
    first, second = data.get("sandi", ""), data.get("ulang", "")
    user = await current_user(request)
    stored = await Pengguna.select(Pengguna.password_hash).where(Pengguna.id == user["id"]).first().run()
    try:
        # An encrypted backup carries the signing keys: whoever sets its passphrase must prove who they are.
        if not await verify_password_off_loop(stored["password_hash"] if stored else None,
                                              data.get("sandi_akun", "")):
            raise sandi.SandiError("Kata sandi akun Anda salah.")
        if first != second:
            raise sandi.SandiError("Kedua isian sandi tidak sama.")
        master = await asyncio.to_thread(sandi.save_office_key, _data_dir(request), first)  # scrypt: 0.1 s
    except sandi.SandiError as exc:
        flash(request, f"{exc} Sandi tidak diubah.", "galat")
        return Redirect("/admin/cadangan")
    async with write_transaction():
        await log_change(request, "ubah", "cadangan", "sandi", {"sidik": master.fingerprint()})
    flash(request, f"Sandi cadangan diatur (sidik {master.fingerprint()}). Cadangan berikutnya disandikan dan memuat "
                   "kunci tanda tangan. Catat sandinya di tempat aman: tanpa sandi itu cadangan tidak bisa dibuka.")
    return Redirect("/admin/cadangan")


@post("/admin/cadangan/sandi/hapus", opt=MANAGE, include_in_schema=False)
async def passphrase_remove(request: Request) -> Redirect:
    sandi.forget_office_key(_data_dir(request))
    async with write_transaction():
        await log_change(request, "hapus", "cadangan", "sandi")
    flash(request, "Sandi cadangan dihapus. Cadangan berikutnya tidak bersandi dan tidak memuat kunci tanda tangan.",
          "info")
    return Redirect("/admin/cadangan")


ROUTES = [backup_page, backup_start, backup_download, schedule_save, passphrase_save, passphrase_remove]
