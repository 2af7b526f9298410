"""The resident list as a file: exactly the rows the filtered list shows (every page), as CSV or XLSX.

The file holds what the list holds: the same filter from the query string, the same order, the user's scope
of access. It is read from the database a batch at a time (the event loop serves other requests between
batches) and written by a thread: a 20,000-row list takes well under a second of that thread (the xlsx writer
does 20,000 x 43 cells in 0.5 s), so it is answered at once rather than queued as a background job. Every
download is one audit entry naming its filter and how many residents left the system in it.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import date
from pathlib import Path

from litestar import Request, get
from litestar.background_tasks import BackgroundTask
from litestar.response import File

from core.audit.log import log_change
from core.dokumen import xlsx
from core.dokumen.lembar import write_csv
from core.penduduk import kode
from core.penduduk.cari import CODE_FILTERS, Filter, age, every_match
from core.penduduk.tables import Penduduk, Wilayah
from core.web.params import CODE_MAX, PAGE_MAX, check_query_numbers

VIEW = {"permission": "penduduk.lihat"}

MEDIA = {"csv": "text/csv",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
COLUMNS = (Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.jenis_kelamin, Penduduk.tempat_lahir,
           Penduduk.tanggal_lahir, Penduduk.agama, Penduduk.pendidikan_kk, Penduduk.pekerjaan, Penduduk.status_kawin,
           Penduduk.hubungan, Penduduk.kewarganegaraan, Penduduk.status_dasar, Penduduk.alamat, Penduduk.wilayah,
           Penduduk.keluarga.no_kk.as_alias("no_kk"), Penduduk.keluarga.alamat.as_alias("kk_alamat"))
CODED = ("jenis_kelamin", "agama", "pendidikan_kk", "pekerjaan", "status_kawin", "hubungan", "kewarganegaraan",
         "status_dasar")
HEADER_START = ("NIK", "Nama", "Jenis kelamin", "Tempat lahir", "Tanggal lahir", "Umur", "Agama", "Pendidikan",
                "Pekerjaan", "Status perkawinan", "Hubungan dalam keluarga", "Kewarganegaraan", "Status", "No. KK",
                "Alamat")


async def _places() -> dict[int, tuple[str, str, str]]:
    """Every wilayah id -> (jorong, RW, RT) by level."""
    rows = {r["id"]: r for r in await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.tingkat, Wilayah.induk).run()}
    out = {}
    for wid, row in rows.items():
        parts, current, seen = ["", "", ""], row, set()
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            if 1 <= current["tingkat"] <= 3 and not parts[current["tingkat"] - 1]:
                parts[current["tingkat"] - 1] = current["nama"]
            current = rows.get(current["induk"])
        out[wid] = tuple(parts)
    return out


def resident_filter(request: Request) -> Filter:
    """The list's filter from the query; numbers no database could compare are refused (400) first."""
    check_query_numbers(request, ("hal",), 0, PAGE_MAX)
    check_query_numbers(request, ("umur_min", "umur_max"), 0, 1000)
    check_query_numbers(request, ("wilayah",))
    check_query_numbers(request, ("status_dasar", *CODE_FILTERS), 0, CODE_MAX)
    return Filter.from_query(request.query_params)


def _cells(row: dict, places: dict, labels: dict, today: date) -> list:
    born = row["tanggal_lahir"]
    coded = {name: labels[name].get(row[name], "") for name in CODED}
    return [row["nik"], row["nama"], coded["jenis_kelamin"], row["tempat_lahir"],
            born.isoformat() if born else "", age(born, today) if born else "", coded["agama"],
            coded["pendidikan_kk"], coded["pekerjaan"], coded["status_kawin"], coded["hubungan"],
            coded["kewarganegaraan"], coded["status_dasar"], row["no_kk"] or "", row["alamat"] or row["kk_alamat"] or "",
            *places.get(row["wilayah"], ("", "", ""))]


def _write(fmt: str, header: list[str], rows: list[list]) -> Path:
    handle, name = tempfile.mkstemp(prefix="balai-penduduk-", suffix=f".{fmt}")
    os.close(handle)
    if fmt == "xlsx":
        xlsx.write(Path(name), {"penduduk": [header, *rows]})  # inline strings: never a formula
    else:
        write_csv(Path(name), header, rows)  # control characters out, formula-like cells guarded
    return Path(name)


async def _download(request: Request, fmt: str) -> File:
    f = resident_filter(request)
    params = {k: v for k, v in request.query_params.items() if k != "hal"}
    profile = request.app.state.balai.profile()
    header = [*HEADER_START, profile.get("sebutan_dusun") or "Dusun", "RW", "RT"]
    places, labels, today = await _places(), {name: kode.labels(name) for name in CODED}, date.today()
    rows: list[list] = []
    async for batch in every_match(f, COLUMNS):
        rows.extend(_cells(row, places, labels, today) for row in batch)
    path = await asyncio.to_thread(_write, fmt, header, rows)
    # Names and NIKs leave the system in this file: one entry, with the filter that chose them.
    await log_change(request, "ekspor", "daftar_penduduk", "", {"format": fmt, "saring": params, "jumlah": len(rows)})
    return File(path=path, filename=f"penduduk-{today.isoformat()}.{fmt}", media_type=MEDIA[fmt],
                headers={"Cache-Control": "no-store"}, background=BackgroundTask(path.unlink, missing_ok=True))


NOT_A_PAGE = {**VIEW, "bukan_halaman": "berkas unduhan (daftar penduduk)"}


@get("/admin/penduduk/unduh.csv", opt=NOT_A_PAGE, include_in_schema=False)
async def download_csv(request: Request) -> File:
    return await _download(request, "csv")


@get("/admin/penduduk/unduh.xlsx", opt=NOT_A_PAGE, include_in_schema=False)
async def download_xlsx(request: Request) -> File:
    return await _download(request, "xlsx")


ROUTES = [download_csv, download_xlsx]
