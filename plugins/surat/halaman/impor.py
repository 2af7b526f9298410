"""Letter settings: import OpenSID letter templates. Upload the export, read the report, choose, import.

The uploaded file is kept (outside the web root) between the report and the import under an unguessable name,
and read and converted again on import, so what is written is exactly what the report showed for that file.
Converting is pure CPU work (a full OpenSID export: ~50 templates) and runs in a thread, off the event loop.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Annotated, Any

import anyio
from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from plugin_sdk import flash, page, requires, store_file, stored_file

from plugins.surat.halaman import Form
from plugins.surat.opensid import berkas, terapkan
from plugins.surat.opensid.ubah import PERHATIAN, SIAP

ATUR = requires("surat.atur")
PATH = "/admin/surat/jenis/impor-opensid"
FOLDER = "surat_opensid"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")
KEEP_SECONDS = 24 * 3600  # an upload nobody imported within a day is removed at the next upload
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


async def _form(request: Request, galat: str = "", status: int = 200) -> Template:
    return await page(request, "surat/impor_opensid.html", {"galat": galat, "laporan": None}, status)


@get(PATH, opt=ATUR, include_in_schema=False)
async def import_form(request: Request) -> Template:
    return await _form(request)


def _sweep(kept) -> None:
    for old in kept.parent.glob("*.json"):
        if old != kept and old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)


async def _results(content: bytes) -> list:
    return await terapkan.mark_existing(await anyio.to_thread.run_sync(terapkan.convert_all, content))


@post(PATH, opt=ATUR, include_in_schema=False, request_max_body_size=berkas.LIMIT + 64 * 1024)
async def import_check(request: Request, data: Multipart) -> Template:
    upload = data.get("berkas")
    name = upload.filename if isinstance(upload, UploadFile) else ""
    if not name.lower().endswith(".json"):
        return await _form(request, "Pilih berkas .json hasil Ekspor di menu Pengaturan Surat OpenSID.", 400)
    content = await upload.read()
    try:
        results = await _results(content)
    except berkas.BukanEkspor as exc:
        return await _form(request, str(exc), 400)
    token = secrets.token_urlsafe(16)
    _sweep(store_file(request, FOLDER, f"{token}.json", content))
    return await page(request, "surat/impor_opensid.html", {
        "galat": "", "laporan": [r.ringkas() for r in results], "token": token, "nama_berkas": name[:120],
        "jumlah": terapkan.summary(results), "label": terapkan.LABELS, "siap": SIAP, "perhatian": PERHATIAN})


@post(f"{PATH}/terapkan", opt=ATUR, include_in_schema=False)
async def import_apply(request: Request, data: Form) -> Template | Redirect:
    token = data.get("token", "")
    kept = stored_file(request, FOLDER, f"{token}.json") if TOKEN.match(token) else None
    if kept is None:
        return await _form(request, "Berkas yang diperiksa sudah tidak ada (mungkin sudah diimpor). Unggah lagi.", 400)
    results = await _results(kept.read_bytes())
    chosen = {key[len("pilih-"):] for key, value in data.items() if key.startswith("pilih-") and value == "1"}
    if not chosen & {r.kode for r in results if r.status in (SIAP, PERHATIAN)}:
        flash(request, "Tidak ada templat yang dipilih: tidak ada yang diimpor.", "galat")
        return Redirect(PATH)
    done = await terapkan.apply(results, chosen, request)  # the audit log names the signed-in user
    kept.unlink(missing_ok=True)
    message = f"{len(done['dibuat'])} jenis surat dibuat dari OpenSID."
    if done["dilewati"]:
        message += f" Dilewati karena sudah ada: {', '.join(done['dilewati'])}."
    flash(request, message + " Jenis yang perlu perhatian dibuat nonaktif: lengkapi lalu aktifkan.")
    return Redirect("/admin/surat/jenis")


ROUTES = [import_form, import_check, import_apply]
