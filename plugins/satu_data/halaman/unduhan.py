"""Downloads of the open data, anonymous and without a session cookie:

- `/data/unduh/<name>.csv|.json|.xlsx`: one published dataset, every period; `/data/unduh/<name>.jsonld`: its
  DCAT-AP record (one route: Litestar matches no suffix);
- `/data/datapackage.json` and `/data/datapackage.zip`: the whole catalogue as a Frictionless data package, the
  zip with every CSV (the full export);
- `/data/katalog.jsonld`: the catalogue as DCAT-AP.

Every file is built from one catalogue snapshot (katalog.py) and kept per snapshot: a snapshot's number is part of
the page cache's key, so a file built from an older snapshot is never served as the newer one, and the CSVs
the data package repeats are built once. The page cache adds ETag/Last-Modified (a repeat is a 304).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import anyio
from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Response

from plugin_sdk import CACHE_FILES, PageCache, cached_route, nagari_zone, public_url

from plugins.satu_data import metadata
from plugins.satu_data.format import FORMAT, Konteks, datapackage, dcat, tabel
from plugins.satu_data.katalog import Katalog, Paket, katalog

CACHE = PageCache()
JSONLD = "application/ld+json"
MEDIA = {"csv": "text/csv", "json": "application/json", "xlsx": FORMAT["xlsx"][0],
         "jsonld": JSONLD}
TEKS = "text/plain"  # Litestar adds the charset to a text/ type
BELUM_ADA = "Belum ada dataset yang diterbitkan."

# The snapshot the files below were built from; a new snapshot gets a new number and an empty store.
_potret: dict = {"katalog": None, "nomor": 0, "berkas": {}}


def _nomor(k: Katalog) -> tuple[int, dict]:
    """The snapshot's number and its store of built files."""
    if _potret["katalog"] is not k:
        _potret.update(katalog=k, nomor=_potret["nomor"] + 1, berkas={})
    return _potret["nomor"], _potret["berkas"]


def lupakan() -> None:
    """Drop every built file (tests)."""
    _potret.update(katalog=None, berkas={})
    CACHE.clear()


async def _simpan(simpanan: dict, kunci: tuple, buat: Callable[[], bytes]) -> bytes:
    """A file of the snapshot, built once (in a worker thread: the zip takes a moment, other visitors go on)."""
    if kunci not in simpanan:
        simpanan[kunci] = await anyio.to_thread.run_sync(buat)
    return simpanan[kunci]


async def konteks(request: Request, k: Katalog) -> Konteks:
    return Konteks(base=public_url(request).rstrip("/"), lisensi=await metadata.lisensi(),
                   produsen=await metadata.produsen(k.profil), zona=nagari_zone(k.profil))


def tidak_ada(pesan: str) -> Response:
    return Response(pesan, media_type=TEKS, status_code=404)


def _berkas(answer: Response, nama: str, *, lampiran: bool) -> Response:
    """The cached answer named for saving and open to other sites' scripts (open data: a portal's preview)."""
    answer.headers["Access-Control-Allow-Origin"] = "*"
    if lampiran and answer.status_code == 200:
        answer.headers["Content-Disposition"] = f'attachment; filename="{nama}"'
    return answer


async def _csv_semua(k: Katalog, simpanan: dict) -> dict[str, bytes]:
    return {p.ds.nama: await _simpan(simpanan, ("csv", p.ds.nama), lambda p=p: tabel.csv_bytes(p))
            for p in k.paket}


def _pembuat(p: Paket, k: Katalog, kx: Konteks, akhiran: str) -> Callable[[], bytes]:
    if akhiran == "csv":
        return lambda: tabel.csv_bytes(p)
    if akhiran == "json":
        return lambda: tabel.json_bytes(p, k, kx)
    if akhiran == "xlsx":
        return lambda: tabel.xlsx_bytes(p, k, kx)
    return lambda: json.dumps(dcat.dataset_dokumen(p, k, kx), ensure_ascii=False).encode("utf-8")


@get("/data/unduh/{berkas:str}", opt=cached_route(not_a_page="unduhan dataset (CSV, JSON, XLSX, DCAT JSON-LD)"),
     include_in_schema=False)
async def unduh(request: Request, berkas: FromPath[str]) -> Response:
    """One published dataset as a file; the suffix names the format."""
    nama, titik, akhiran = berkas.rpartition(".")
    if not titik or akhiran not in MEDIA:
        return tidak_ada("Format unduhan tidak dikenal: pilih .csv, .json, .xlsx atau .jsonld.")
    k = await katalog(request)
    p = k.cari(nama)
    if p is None or p.ds.nama != nama:  # by name only (cari also knows ids)
        return tidak_ada("Dataset tidak ditemukan atau belum diterbitkan.")
    nomor, simpanan = _nomor(k)

    async def buat() -> tuple[bytes, int]:
        return await _simpan(simpanan, (akhiran, nama), _pembuat(p, k, await konteks(request, k), akhiran)), 200

    answer = await CACHE.answer(request, ("unduh", nomor, nama, akhiran), buat, media_type=MEDIA[akhiran],
                                cache_control=CACHE_FILES)
    return _berkas(answer, berkas, lampiran=akhiran != "jsonld")


@get("/data/datapackage.json", opt=cached_route(not_a_page="paket data Frictionless (JSON)"),
     include_in_schema=False)
async def paket_json(request: Request) -> Response:
    """The catalogue's data package descriptor; each resource's path is the absolute URL of its CSV."""
    k = await katalog(request)
    if not k.paket:
        return tidak_ada(BELUM_ADA)
    nomor, simpanan = _nomor(k)

    async def buat() -> tuple[bytes, int]:
        csv, kx = await _csv_semua(k, simpanan), await konteks(request, k)
        return await _simpan(simpanan, ("datapackage.json",),
                             lambda: datapackage.json_bytes(datapackage.paket_data(k, kx, csv))), 200

    answer = await CACHE.answer(request, ("datapackage.json", nomor), buat, media_type="application/json",
                                cache_control=CACHE_FILES)
    return _berkas(answer, "datapackage.json", lampiran=False)


@get("/data/datapackage.zip", opt=cached_route(not_a_page="ekspor lengkap paket data (ZIP)"),
     include_in_schema=False)
async def paket_zip(request: Request) -> Response:
    """The full export: datapackage.json with relative paths and every dataset's CSV."""
    k = await katalog(request)
    if not k.paket:
        return tidak_ada(BELUM_ADA)
    nomor, simpanan = _nomor(k)

    async def buat() -> tuple[bytes, int]:
        csv, kx = await _csv_semua(k, simpanan), await konteks(request, k)
        return await _simpan(simpanan, ("datapackage.zip",), lambda: datapackage.zip_bytes(k, kx, csv)), 200

    answer = await CACHE.answer(request, ("datapackage.zip", nomor), buat, media_type="application/zip",
                                cache_control=CACHE_FILES)
    nama = f"{k.organisasi['name']}-data-terbuka.zip"
    return _berkas(answer, nama, lampiran=True)


@get("/data/katalog.jsonld", opt=cached_route(not_a_page="katalog DCAT-AP (JSON-LD)"), include_in_schema=False)
async def katalog_jsonld(request: Request) -> Response:
    """The catalogue as DCAT-AP (a dcat:Catalog, empty while nothing is published)."""
    k = await katalog(request)
    nomor, simpanan = _nomor(k)

    async def buat() -> tuple[bytes, int]:
        kx = await konteks(request, k)
        return await _simpan(simpanan, ("katalog.jsonld",), lambda: json.dumps(
            dcat.katalog_dokumen(k, kx), ensure_ascii=False).encode("utf-8")), 200

    answer = await CACHE.answer(request, ("katalog.jsonld", nomor), buat, media_type=JSONLD,
                                cache_control=CACHE_FILES)
    return _berkas(answer, "katalog.jsonld", lampiran=False)


ROUTES = [unduh, paket_json, paket_zip, katalog_jsonld]
