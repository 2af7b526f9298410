"""The monthly report's pages: the table per jorong, a page for paper, CSV and XLSX of the same numbers.

Every figure comes from plugins.statistik.bulanan.monthly_report (one computation, ENGINEERING-NOTES 11).
"""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Response, Template

from plugin_sdk import Widget, dokumen, log_change, nagari_profile, page, requires, today
from plugins.statistik.bulanan import (CITIZENS, FIGURES, LABELS, MonthlyReportError, events_this_month,
                                       monthly_report, request_version, shift)
from plugins.statistik.ekspor import to_csv

SAMPLE = "/admin/statistik/bulanan"
VIEW = requires("statistik.lihat", sample=SAMPLE)
PRINT = requires("statistik.lihat", sample=SAMPLE + "/cetak")
FILE = requires("statistik.lihat", not_a_page="berkas CSV")
COLUMNS = [k for k in FIGURES if k not in ("masuk", "keluar")]


def _default_month(request: Request) -> str:
    day = today(request)
    return shift(f"{day.year:04d}-{day.month:02d}", -1)


async def _report(request: Request, bulan: str | None) -> tuple[dict | None, str, str | None]:
    """(report or None, the month asked for, the reason there is none)."""
    wanted = (bulan or "").strip() or _default_month(request)
    try:
        return await monthly_report(wanted, today=today(request)), wanted, None
    except MonthlyReportError as exc:
        return None, wanted, str(exc)


def _status(report: dict | None, reason: str | None) -> int:
    """200, 404 for a month with no report (future, before the register began), 400 for what is not a month."""
    if report is not None:
        return 200
    return 404 if reason and ("belum tiba" in reason or "baru dimulai" in reason or "kosong" in reason) else 400


def _context(report: dict | None, wanted: str, reason: str | None) -> dict:
    return {"laporan": report, "bulan": wanted, "galat": reason, "kolom": COLUMNS, "label": LABELS,
            "wn": CITIZENS, "sebelumnya": shift(report["bulan"], -1) if report else None,
            "berikutnya": shift(report["bulan"], 1) if report and not report["berjalan"] else None}


@get("/admin/statistik/bulanan", opt=VIEW, include_in_schema=False)
async def monthly_page(request: Request, bulan: FromQuery[str | None] = None) -> Template:
    report, wanted, reason = await _report(request, bulan)
    return await page(request, "statistik/bulanan.html", _context(report, wanted, reason),
                      status_code=_status(report, reason))


@get("/admin/statistik/bulanan/cetak", opt=PRINT, include_in_schema=False)
async def monthly_print(request: Request, bulan: FromQuery[str | None] = None) -> Template:
    report, wanted, reason = await _report(request, bulan)
    context = {**_context(report, wanted, reason), "nagari": nagari_profile(request),
               "kembali": f"/admin/statistik/bulanan?bulan={wanted}", "dicetak": today(request).isoformat()}
    return Template(template_name="statistik/bulanan_cetak.html", context=context,
                    status_code=_status(report, reason))


def table_rows(report: dict) -> tuple[list[str], list[list]]:
    """The report as a flat sheet: one row per place, citizenship and sex (the page's numbers, long format)."""
    header = ["bulan", "wilayah", "kewarganegaraan", "jenis_kelamin", *FIGURES, "keluarga_awal", "keluarga_akhir"]
    rows = []
    for row in [*report["baris"], report["total"]] if report["tingkat"] else [report["total"]]:
        for c in (*CITIZENS, "jumlah"):
            for s in ("L", "P", "jumlah"):
                fig = row["angka"][c][s]
                rows.append([report["bulan"], row["wilayah_nama"], c, s, *(fig[k] for k in FIGURES),
                             row["keluarga_awal"] if c == s == "jumlah" else "",
                             row["keluarga_akhir"] if c == s == "jumlah" else ""])
    return header, rows


async def _download(request: Request, bulan: str | None, fmt: str) -> Response:
    report, wanted, reason = await _report(request, bulan)
    if report is None:
        return Response(reason, status_code=_status(report, reason), media_type="text/plain")
    header, rows = table_rows(report)
    await log_change(request, "unduh", "laporan_bulanan", report["bulan"], {"format": fmt, "baris": len(rows)})
    name = f"laporan-bulanan-{report['bulan']}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response(to_csv([], [header, *rows]), media_type="text/csv", headers=headers)
    definitions = [["kolom", "arti"], *([k, LABELS[k]] for k in FIGURES)]
    return Response(dokumen.xlsx_bytes({"Laporan bulanan": [header, *rows], "Definisi": definitions}), headers=headers,
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@get("/admin/statistik/bulanan.csv", opt=FILE, include_in_schema=False)
async def monthly_csv(request: Request, bulan: FromQuery[str | None] = None) -> Response:
    return await _download(request, bulan, "csv")


@get("/admin/statistik/bulanan.xlsx", opt=requires("statistik.lihat", not_a_page="berkas XLSX"),
     include_in_schema=False)
async def monthly_xlsx(request: Request, bulan: FromQuery[str | None] = None) -> Response:
    return await _download(request, bulan, "xlsx")


async def _widget_context(request: Request) -> dict:
    return await events_this_month(today(request), _version=await request_version(request))


def widget() -> Widget:
    """The dashboard card "Peristiwa bulan ini" (plugin.py: ``return [bulanan.widget()]`` in balai_dashboard_widgets)."""
    return Widget("Peristiwa bulan ini", "statistik/bulanan_widget.html", context=_widget_context,
                  permission="statistik.lihat", order=45)


ROUTES = [monthly_page, monthly_print, monthly_csv, monthly_xlsx]
