"""The import and export pages: upload, the dry run's report, apply, the refused rows, export downloads."""

from __future__ import annotations

import json
import secrets
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import File, Redirect, Template

from plugin_sdk import current_user, not_a_page, page, requires, store_file, stored_file
from plugin_sdk.jobs import result_of, start

from plugins.impor import ekspor
from plugins.impor.tugas import FOLDER

KELOLA = requires("impor.kelola")
UPLOAD_LIMIT = 40 * 1024 * 1024  # an OpenSID workbook of a large nagari is a few MB; room to spare
SUFFIXES = {"xlsx": "xlsx", "xlsm": "xlsx", "csv": "csv"}
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


async def _report(request: Request, kode: str) -> dict:
    path = stored_file(request, FOLDER, f"{kode}.json")
    if path is None:
        raise NotFoundException("Laporan impor tidak ditemukan.")
    report = json.loads(path.read_text())
    # The apply job started for this report (its code is kept beside it): done, still going, or none that counts.
    marker = path.with_name(f"{kode}.diterapkan")
    job = await result_of(marker.read_text()) if marker.exists() else None
    status = job["status"] if job else ""
    report["penerapan"] = job["kode"] if status in ("antri", "berjalan", "selesai") else ""
    report["diterapkan"] = status == "selesai"
    return report


@get("/admin/impor", opt=KELOLA, include_in_schema=False)
async def home(request: Request) -> Template:
    return await page(request, "impor/impor.html", {"format": ekspor.FORMATS, "galat": ""})


@post("/admin/impor", opt=KELOLA, include_in_schema=False, request_max_body_size=UPLOAD_LIMIT)
async def upload(request: Request, data: Multipart) -> Template | Redirect:
    upload = data.get("berkas")
    name = upload.filename if isinstance(upload, UploadFile) else ""
    suffix = SUFFIXES.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""
    if not suffix:
        return await page(request, "impor/impor.html", {"format": ekspor.FORMATS,
                                                        "galat": "Pilih berkas .xlsx, .xlsm atau .csv."}, 400)
    content = await upload.read()
    if not content:
        return await page(request, "impor/impor.html", {"format": ekspor.FORMATS, "galat": "Berkas kosong."}, 400)
    stored = f"{secrets.token_urlsafe(12)}.{suffix}"
    store_file(request, FOLDER, stored, content)
    return Redirect(await start(request, "impor.periksa", f"Memeriksa {name}", {"berkas": stored, "nama": name[:120]},
                                permission="impor.kelola"))


# The demo nagari has no import: a report exists only after a file is uploaded and checked, so the office-screen test
# cannot name one. It is a page all the same; tests/test_browser_impor.py opens a real one in the browser.
NO_REPORT_IN_DEMO = not_a_page("laporan impor: ada hanya setelah berkas diunggah dan diperiksa; demo belum punya "
                               "(dibuka di tests/test_browser_impor.py)")


@get("/admin/impor/{kode:str}", opt={**KELOLA, **NO_REPORT_IN_DEMO}, include_in_schema=False)
async def report(request: Request, kode: FromPath[str]) -> Template:
    data = await _report(request, kode)
    return await page(request, "impor/laporan.html", {"r": data, "kode": kode, "masalah": data["masalah"][:1000],
                                                      "perubahan": data.get("perubahan", [])[:1000],
                                                      "ada_ditolak": stored_file(request, FOLDER, f"{kode}-ditolak.xlsx")
                                                      is not None})


@get("/admin/impor/{kode:str}/ditolak.xlsx", opt={**KELOLA, **not_a_page("berkas xlsx baris yang ditolak")},
     include_in_schema=False)
async def refused(request: Request, kode: FromPath[str]) -> File:
    path = stored_file(request, FOLDER, f"{kode}-ditolak.xlsx")
    if path is None:
        raise NotFoundException("Tidak ada baris yang ditolak.")
    return File(path=path, filename=f"baris-ditolak-{kode}.xlsx")


@post("/admin/impor/{kode:str}/terapkan", opt=KELOLA, include_in_schema=False)
async def apply(request: Request, kode: FromPath[str]) -> Redirect:
    data = await _report(request, kode)
    if data["penerapan"]:  # a second click (or another officer) must not queue the same file twice
        return Redirect(f"/admin/tugas/{data['penerapan']}")
    user = await current_user(request)
    target = await start(request, "impor.terapkan", f"Menerapkan {data['nama']}",
                         {"berkas": data["berkas"], "nama": data["nama"], "periksa": kode,
                          "pengguna": user["username"]}, permission="impor.kelola")
    stored_file(request, FOLDER, f"{kode}.json").with_name(f"{kode}.diterapkan").write_text(target.rsplit("/", 1)[1])
    return Redirect(target)


@post("/admin/ekspor", opt=KELOLA, include_in_schema=False)
async def export(request: Request) -> Redirect:
    form = await request.form()
    fmt = form.get("format", "")
    if fmt not in ekspor.FORMATS:
        raise NotFoundException("Format ekspor tidak dikenal.")
    user = await current_user(request)
    return Redirect(await start(request, "impor.ekspor", f"Ekspor {ekspor.FORMATS[fmt][0]}",
                                {"format": fmt, "pengguna": user["username"]}, permission="impor.kelola"))


@get("/admin/ekspor/{kode:str}", opt={**KELOLA, **not_a_page("berkas ekspor penduduk")}, include_in_schema=False)
async def download(request: Request, kode: FromPath[str]) -> File:
    for suffix in ("xlsx", "csv"):
        path = stored_file(request, FOLDER, f"ekspor-{kode}.{suffix}")
        if path is not None:
            return File(path=path, filename=f"penduduk-{kode}.{suffix}")
    raise NotFoundException("Berkas ekspor tidak ditemukan.")


ROUTES = [home, upload, report, refused, apply, export, download]
