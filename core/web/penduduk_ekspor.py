"""The resident list's download links: exactly the rows the filtered list shows (every page), as CSV or XLSX.

The file holds what the list holds: the same filter from the query string, the same order, the user's scope of
access. A list of up to DIRECT_MAX rows is read a batch at a time and written by a thread, answered at once; a
longer one goes to the background job of core/penduduk/ekspor.py (the job page then links to the file), so a
20,000-row download does not hold the web worker. Every download is one audit entry with its filter and count.
"""

from __future__ import annotations

import asyncio

from litestar import Request, get
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect

from core.files import generated_path
from core.penduduk import ekspor
from core.penduduk.cari import CODE_FILTERS, Filter, search
from core.tugas.antrean import enqueue, registry
from core.tugas.tables import Tugas
from core.web.auth import current_user
from core.web.params import CODE_MAX, PAGE_MAX, check_query_numbers

VIEW = {"permission": "penduduk.lihat"}
MEDIA = {"csv": "text/csv",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def resident_filter(request: Request) -> Filter:
    """The list's filter from the query; numbers no database could compare are refused (400) first."""
    check_query_numbers(request, ("hal",), 0, PAGE_MAX)
    check_query_numbers(request, ("umur_min", "umur_max"), 0, 1000)
    check_query_numbers(request, ("wilayah",))
    check_query_numbers(request, ("status_dasar", *CODE_FILTERS), 0, CODE_MAX)
    return Filter.from_query(request.query_params)


async def _download(request: Request, fmt: str) -> File | Redirect:
    f = resident_filter(request)
    saring = {k: v for k, v in request.query_params.items() if k != "hal"}
    balai = request.app.state.balai
    _, total = await search(f)
    user = await current_user(request)
    if (total.lebih or total > ekspor.DIRECT_MAX) and ekspor.JOB in registry(balai):  # lebih: a capped count
        jumlah = f"lebih dari {total}" if total.lebih else str(total)
        kode = await enqueue(balai, ekspor.JOB, f"Unduh daftar penduduk ({jumlah} orang, {fmt.upper()})",
                             {"format": fmt, "saring": saring, "pengguna": user["username"],
                              "profil": {"sebutan_dusun": balai.profile().get("sebutan_dusun")}}, user, "penduduk.lihat")
        return Redirect(f"/admin/tugas/{kode}")
    rows = await ekspor.rows_for(f)
    path = await asyncio.to_thread(ekspor.write, fmt, ekspor.header(balai.profile()), rows)
    await ekspor.log_export(request, fmt, saring, len(rows))
    return File(path=path, filename=f"penduduk.{fmt}", media_type=MEDIA[fmt],
                headers={"Cache-Control": "no-store"}, background=BackgroundTask(path.unlink, missing_ok=True))


NOT_A_PAGE = {**VIEW, "bukan_halaman": "berkas unduhan (daftar penduduk)"}


@get("/admin/penduduk/unduh.csv", opt=NOT_A_PAGE, include_in_schema=False)
async def download_csv(request: Request) -> File | Redirect:
    return await _download(request, "csv")


@get("/admin/penduduk/unduh.xlsx", opt=NOT_A_PAGE, include_in_schema=False)
async def download_xlsx(request: Request) -> File | Redirect:
    return await _download(request, "xlsx")


@get("/admin/penduduk/unduhan/{kode:str}", opt=NOT_A_PAGE, include_in_schema=False)
async def download_done(request: Request, kode: FromPath[str]) -> File:
    """The file a background export wrote; only for the user who asked for it."""
    user = await current_user(request)
    job = await Tugas.select(Tugas.dibuat_oleh, Tugas.jenis).where(Tugas.kode == kode).first().run()
    if job is None or job["jenis"] != ekspor.JOB or job["dibuat_oleh"] != user["username"]:
        raise NotFoundException()
    data_dir = request.app.state.balai.settings.data_dir
    for fmt in ekspor.FORMATS:
        path = generated_path(data_dir, ekspor.FOLDER, f"{kode}.{fmt}")
        if path is not None:
            return File(path=path, filename=f"penduduk.{fmt}", media_type=MEDIA[fmt],
                        headers={"Cache-Control": "no-store"})
    raise NotFoundException()


ROUTES = [download_csv, download_xlsx, download_done]
