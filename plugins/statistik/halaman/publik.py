"""Public statistics pages (anonymous): every category for the nagari and by jorong, suppressed (sensor.py).

Cached whole (ENGINEERING-NOTES 13): the figures are today's publication (publikasi.py, computed once per register
version and threshold); each page's HTML and CSV are kept beside it and dropped when the publication or the public
look (theme, the nagari's name, the menu: `public_version()`) changes. A worker asks for the public version at
most once every `CHECK_EVERY` seconds, so a hit does not touch the database in between. Nothing here depends on
who asks, and no session is written: no cookie.
"""

from __future__ import annotations

import csv
import io
import time

from litestar import Request, get
from litestar.exceptions import HTTPException
from litestar.params import FromPath, FromQuery
from litestar.response import Response

from plugin_sdk import public, public_page, public_version
from plugins.statistik import grafik, publikasi
from plugins.statistik.kategori import StatistikError
from plugins.statistik.sensor import KEDUA, SEMUA

CHECK_EVERY = 1.0  # seconds between two looks at the public version in one worker
TINGKAT = {0: "nagari", 1: "jorong"}
_cache: dict = {"checked": 0.0, "data": None, "pages": {}, "tampilan": None}


async def publication() -> dict:
    """Today's publication (`publikasi.publication()`), the rendered pages dropped when it or the look changes."""
    data = await publikasi.publication()
    if data is not _cache["data"]:
        _cache.update(data=data, pages={})
    if time.monotonic() - _cache["checked"] >= CHECK_EVERY:
        # the pages also show the theme, the nagari's name and menu: any public change rebuilds them (not the figures)
        tampilan = await public_version()
        _cache["checked"] = time.monotonic()
        if tampilan != _cache["tampilan"]:
            _cache.update(tampilan=tampilan, pages={})
    return data


def pivot(rows: list[dict]) -> list[dict]:
    """Long rows -> one block per wilayah: [{"nama", "baris": [{"label", "l", "p", "jumlah"}], "total": {...}}]."""
    blocks: dict = {}
    for r in rows:
        block = blocks.setdefault(r["wilayah"], {"nama": r["wilayah_nama"], "baris": {}, "total": None})
        line = block["baris"].setdefault(r["kode"], {"label": r["label"]})
        line[{1: "l", 2: "p", KEDUA: "jumlah"}[r["jenis_kelamin"]]] = r["jumlah"]
    out = []
    for block in blocks.values():
        block["total"] = block["baris"].pop(SEMUA)
        block["baris"] = list(block["baris"].values())
        out.append(block)
    return out


def _pick(data: dict, kategori: str, tingkat: int) -> list[dict]:
    kat = data["kategori"].get(kategori)
    if kat is None:
        raise HTTPException(status_code=404, detail=f"Kategori statistik \u201c{kategori}\u201d tidak dikenal.")
    if tingkat not in TINGKAT:
        raise HTTPException(status_code=400, detail="Tingkat wilayah hanya 0 (seluruh nagari) atau 1 (per jorong).")
    if tingkat not in data["tabel"][kategori]:
        raise HTTPException(status_code=400, detail=f"{kat.judul} hanya diterbitkan untuk seluruh nagari, tidak per "
                                                    "jorong, untuk melindungi warga.")
    return data["tabel"][kategori][tingkat]


async def _html(request: Request, template: str, context: dict) -> str:
    tpl = await public_page(request, template, context)
    html = request.app.template_engine.get_template(tpl.template_name).render(**tpl.context)
    return html


def _reply(body: str | bytes, media_type: str, **headers) -> Response:
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=60", **headers})


@get("/statistik", opt=public(), include_in_schema=False)
async def index(request: Request) -> Response:
    data = await publication()
    key = ("index",)
    if key not in _cache["pages"]:
        kats = list(data["kategori"].values())
        _cache["pages"][key] = await _html(request, "statistik/publik_daftar.html", {
            "kategori": kats, "blok": block_context(data)})
    return _reply(_cache["pages"][key], "text/html; charset=utf-8")


@get("/statistik/{kategori:str}", opt=public(sample="/statistik/agama"), include_in_schema=False)
async def category_page(request: Request, kategori: FromPath[str], tingkat: FromQuery[str] = "0") -> Response:
    """The category's page; ``/statistik/<kategori>.csv`` is its CSV (one route: Litestar has no suffixes)."""
    tingkat = int(tingkat) if tingkat.strip() in ("0", "1", "2", "3") else -1
    if kategori.endswith(".csv"):
        return await category_csv(kategori[:-4], tingkat)
    data = await publication()
    key = ("halaman", kategori, tingkat)
    if key not in _cache["pages"]:
        try:
            rows = _pick(data, kategori, tingkat)
        except HTTPException as exc:
            return Response(await _html(request, "statistik/publik_galat.html", {"galat": exc.detail}),
                            media_type="text/html; charset=utf-8", status_code=exc.status_code)
        kat = data["kategori"][kategori]
        nagari = [r for r in data["tabel"][kategori][0] if r["jenis_kelamin"] == KEDUA and r["kode"] != SEMUA]
        chart = grafik.bar(f"{kat.judul} (seluruh nagari)",
                           [(r["label"], r["jumlah"]) for r in nagari if r["jumlah"]])
        _cache["pages"][key] = await _html(request, "statistik/publik_kategori.html", {
            "kat": kat, "tingkat": tingkat, "blok_wilayah": pivot(rows), "grafik": chart, "ambang": data["ambang"],
            "per_jorong": 1 in data["tabel"][kategori]})
    return _reply(_cache["pages"][key], "text/html; charset=utf-8")


def csv_text(rows: list[dict], kat, ambang: int) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([f"# {kat.judul}: {kat.keterangan} Satuan: {kat.satuan}. Angka 1 sampai {ambang - 1} dan angka "
                "pelindungnya disembunyikan (kosong, disembunyikan=ya)."])
    w.writerow(["wilayah", "kode", "label", "jenis_kelamin", "jumlah", "disembunyikan"])
    sex = {1: "L", 2: "P", KEDUA: "L+P"}
    for r in rows:
        w.writerow([r["wilayah_nama"], "" if r["kode"] in (None, SEMUA) else r["kode"], r["label"],
                    sex[r["jenis_kelamin"]], "" if r["jumlah"] is None else r["jumlah"],
                    "ya" if r["disembunyikan"] else "tidak"])
    return out.getvalue()


async def category_csv(kategori: str, tingkat: int) -> Response:
    data = await publication()
    try:
        rows = _pick(data, kategori, tingkat)
    except HTTPException as exc:
        return Response(exc.detail, media_type="text/plain; charset=utf-8", status_code=exc.status_code)
    body = csv_text(rows, data["kategori"][kategori], data["ambang"])
    name = f"statistik-{kategori}-{TINGKAT[tingkat]}.csv"
    return _reply(body, "text/csv", **{"Content-Disposition": f'attachment; filename="{name}"'})


def block_context(data: dict) -> dict:
    """The public block (templates/publik_blok.html): residents by sex and families, suppressed like the pages."""
    def total(kode):
        rows = data["tabel"].get(kode, {}).get(0, [])
        return {r["jenis_kelamin"]: r["jumlah"] for r in rows if r["kode"] == SEMUA}

    return {"penduduk": total("jenis_kelamin"), "keluarga": total("kelas_sosial").get(KEDUA)}


async def public_block() -> dict:
    """Context for `{% include "statistik/publik_blok.html" %}` on a website page (the future portal plugin)."""
    return block_context(await publication())


ROUTES = [index, category_page]
__all__ = ["ROUTES", "StatistikError", "public_block", "publication", "pivot", "csv_text"]
