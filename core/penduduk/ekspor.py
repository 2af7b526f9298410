"""The resident list as a file (CSV or XLSX): exactly the rows a filter of the list finds, every page of them.

Used by the list's download links (core/web/penduduk_ekspor.py). A short list is written at once; a long one
(more than DIRECT_MAX rows) by the background job declared here (`balai_jobs`), like the impor plugin's
export, so the web worker keeps answering other clerks: measured on 20,000 residents, writing one at once held
other pages of the same worker for up to 0.6 s.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from core.audit.log import log_change
from core.dokumen import xlsx
from core.dokumen.lembar import write_csv
from core.hookspecs import hookimpl
from core.penduduk import kode, lingkup
from core.penduduk.cari import Filter, age, every_match
from core.penduduk.tables import Penduduk, Wilayah
from core.tugas.antrean import Job
from core.profil.waktu import today as nagari_today

JOB = "penduduk.ekspor_daftar"
FOLDER = "daftar-penduduk"  # under the data folder's berkas/, like the impor plugin's files
DIRECT_MAX = 2000
FORMATS = ("csv", "xlsx")
COLUMNS = (Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.jenis_kelamin, Penduduk.tempat_lahir,
           Penduduk.tanggal_lahir, Penduduk.agama, Penduduk.pendidikan_kk, Penduduk.pekerjaan, Penduduk.status_kawin,
           Penduduk.hubungan, Penduduk.kewarganegaraan, Penduduk.status_dasar, Penduduk.alamat, Penduduk.wilayah,
           Penduduk.keluarga.no_kk.as_alias("no_kk"), Penduduk.keluarga.alamat.as_alias("kk_alamat"))
CODED = ("jenis_kelamin", "agama", "pendidikan_kk", "pekerjaan", "status_kawin", "hubungan", "kewarganegaraan",
         "status_dasar")
HEADER_START = ("NIK", "Nama", "Jenis kelamin", "Tempat lahir", "Tanggal lahir", "Umur", "Agama", "Pendidikan",
                "Pekerjaan", "Status perkawinan", "Hubungan dalam keluarga", "Kewarganegaraan", "Status", "No. KK",
                "Alamat")


def header(profile: dict) -> list[str]:
    return [*HEADER_START, profile.get("sebutan_dusun") or "Dusun", "RW", "RT"]


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


def _cells(row: dict, places: dict, labels: dict, today: date) -> list:
    born = row["tanggal_lahir"]
    coded = {name: labels[name].get(row[name], "") for name in CODED}
    return [row["nik"], row["nama"], coded["jenis_kelamin"], row["tempat_lahir"],
            born.isoformat() if born else "", age(born, today) if born else "", coded["agama"],
            coded["pendidikan_kk"], coded["pekerjaan"], coded["status_kawin"], coded["hubungan"],
            coded["kewarganegaraan"], coded["status_dasar"], row["no_kk"] or "", row["alamat"] or row["kk_alamat"] or "",
            *places.get(row["wilayah"], ("", "", ""))]


async def rows_for(f: Filter, today: date | None = None) -> list[list]:
    """The cells of every resident `f` finds in the scope in force, in the list's order."""
    today = today or nagari_today()
    places, labels = await _places(), {name: kode.labels(name) for name in CODED}
    rows: list[list] = []
    async for batch in every_match(f, COLUMNS, today=today):
        rows.extend(_cells(row, places, labels, today) for row in batch)
    return rows


def write(fmt: str, head: list[str], rows: list[list], target: Path | None = None) -> Path:
    """Write the file (to `target`, or a new temporary file) and return its path."""
    if target is None:
        handle, name = tempfile.mkstemp(prefix="balai-penduduk-", suffix=f".{fmt}")
        os.close(handle)
        target = Path(name)
    if fmt == "xlsx":
        xlsx.write(target, {"penduduk": [head, *rows]})  # inline strings: a cell is never a formula
    else:
        write_csv(target, head, rows)  # control characters out, formula-like cells guarded
    return target


async def log_export(connection, fmt: str, saring: dict, count: int, user: dict | None = None) -> None:
    """Names and NIKs leave the system in the file: one audit entry, with the filter that chose them."""
    await log_change(connection, "ekspor", "daftar_penduduk", "", {"format": fmt, "saring": saring, "jumlah": count},
                     user=user)


def folder(data_dir: Path) -> Path:
    path = Path(data_dir) / "berkas" / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


async def export_job(ctx, format: str, saring: dict, pengguna: str, profil: dict) -> dict:
    """The background job for a long list: the same filter, under the scope of the user who asked."""
    if format not in FORMATS:
        raise ValueError(format)
    await ctx.progress(0, 2, "Membaca daftar penduduk", force=True)
    with lingkup.within(await lingkup.scope_of_user(pengguna)):
        rows = await rows_for(Filter.from_query(saring), ctx.today)
    await ctx.progress(1, 2, f"Menulis {len(rows)} penduduk")
    target = folder(ctx.data_dir) / f"{ctx.kode}.{format}"
    write(format, header(profil), rows, target)
    await log_export(None, format, saring, len(rows), user={"id": None, "username": pengguna})
    return {"tautan": f"/admin/penduduk/unduhan/{ctx.kode}", "berkas": target.name, "penduduk": len(rows)}


@hookimpl
def balai_jobs():
    return [Job(JOB, export_job)]
