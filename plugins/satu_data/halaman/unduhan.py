"""Downloads of the open data, anonymous and without a session cookie:

- `/data/unduh/<name>.csv|.json|.xlsx`: one published dataset, every period; `/data/unduh/<name>.jsonld`: its
  DCAT-AP record (one route: Litestar matches no suffix);
- `/data/datapackage.json` and `/data/datapackage.zip`: the whole catalogue as a Frictionless data package, the
  zip with every CSV (the full export);
- `/data/katalog.jsonld`: the catalogue as DCAT-AP.

Every file is built from the catalogue no older than the page cache's key and kept in that cache, the one the
catalogue pages use (cache.py), which adds ETag/Last-Modified (a repeat is a 304). The CSVs the data package
repeats are built once per catalogue snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import anyio
from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Response

from plugin_sdk import CACHE_FILES, nagari_zone, public_url

from plugins.satu_data import metadata
from plugins.satu_data.format import FORMAT, Konteks, datapackage, dcat, tabel
from plugins.satu_data.halaman.cache import CACHE, cached_route, katalog_segar
from plugins.satu_data.katalog import Katalog, Paket

JSONLD = "application/ld+json"
MEDIA = {**{akhiran: media for akhiran, (media, _) in FORMAT.items()}, "jsonld": JSONLD}
TEKS = "text/plain"  # Litestar adds the charset to a text/ type
BELUM_ADA = "Belum ada dataset yang diterbitkan."

# The CSVs of one catalogue snapshot (dataset name -> bytes); a new snapshot starts an empty store.
_csv: dict = {"katalog": None, "berkas": {}}


class TidakAda(Exception):
    """What the address names is not published: a 404 with this message, never cached."""


async def _di_latar(buat: Callable[[], bytes]) -> bytes:
    """Build in a worker thread: the zip or a large workbook takes a moment, other visitors go on meanwhile."""
    return await anyio.to_thread.run_sync(buat)


async def csv_paket(k: Katalog, p: Paket) -> bytes:
    """A dataset's CSV, built once per snapshot: its download, datapackage.json (size, hash) and the zip share it."""
    if _csv["katalog"] is not k:
        _csv.update(katalog=k, berkas={})
    berkas = _csv["berkas"]
    if p.ds.nama not in berkas:
        berkas[p.ds.nama] = await _di_latar(lambda: tabel.csv_bytes(p))
    return berkas[p.ds.nama]


async def konteks(request: Request, k: Katalog) -> Konteks:
    return Konteks(base=public_url(request).rstrip("/"), lisensi=await metadata.lisensi(),
                   produsen=await metadata.produsen(k.profil), zona=nagari_zone(k.profil))


def tidak_ada(pesan: str) -> Response:
    return Response(pesan, media_type=TEKS, status_code=404)


async def _sajikan(request: Request, kunci: tuple, buat: Callable[[Katalog], Awaitable[bytes]], media: str,
                   lampiran: str = "") -> Response:
    """One file of the published catalogue from the page cache, built by `buat(catalogue)` when missing (it raises
    TidakAda for what is not published). `lampiran`: the name a browser saves it under ("": shown, not saved).
    Open to other sites' scripts: open data, a portal's preview reads it."""
    async def build() -> tuple[bytes, int]:
        return await buat(await katalog_segar(request)), 200

    try:
        answer = await CACHE.answer(request, kunci, build, media_type=media, cache_control=CACHE_FILES)
    except TidakAda as exc:
        return tidak_ada(str(exc))
    answer.headers["Access-Control-Allow-Origin"] = "*"
    if lampiran and answer.status_code == 200:
        answer.headers["Content-Disposition"] = f'attachment; filename="{lampiran}"'
    return answer


@get("/data/unduh/{berkas:str}", opt=cached_route(not_a_page="unduhan dataset (CSV, JSON, XLSX, DCAT JSON-LD)"),
     include_in_schema=False)
async def unduh(request: Request, berkas: FromPath[str]) -> Response:
    """One published dataset as a file; the suffix names the format."""
    nama, titik, akhiran = berkas.rpartition(".")
    if not titik or akhiran not in MEDIA:
        return tidak_ada("Format unduhan tidak dikenal: pilih .csv, .json, .xlsx atau .jsonld.")

    async def buat(k: Katalog) -> bytes:
        p = k.cari(nama)
        if p is None or p.ds.nama != nama:  # by name only (cari also knows ids)
            raise TidakAda("Dataset tidak ditemukan atau belum diterbitkan.")
        if akhiran == "csv":
            return await csv_paket(k, p)
        kx = await konteks(request, k)
        if akhiran == "json":
            return await _di_latar(lambda: tabel.json_bytes(p, k, kx))
        if akhiran == "xlsx":
            return await _di_latar(lambda: tabel.xlsx_bytes(p, k, kx))
        return json.dumps(dcat.dataset_dokumen(p, k, kx), ensure_ascii=False).encode("utf-8")

    return await _sajikan(request, ("unduh", nama, akhiran), buat, MEDIA[akhiran],
                          lampiran="" if akhiran == "jsonld" else berkas)


async def _paket_data(request: Request, zip_: bool) -> Response:
    """datapackage.json (each resource's path the absolute URL of its CSV) or the full export, the zip of it with
    every CSV beside it."""
    async def buat(k: Katalog) -> bytes:
        if not k.paket:
            raise TidakAda(BELUM_ADA)
        csv = {p.ds.nama: await csv_paket(k, p) for p in k.paket}
        kx, versi = await konteks(request, k), datapackage.nomor_versi(k.diubah)
        if zip_:
            return await _di_latar(lambda: datapackage.zip_bytes(k, kx, csv, versi))
        return datapackage.json_bytes(datapackage.paket_data(k, kx, csv, versi))

    answer = await _sajikan(request, ("datapackage", zip_), buat, "application/zip" if zip_ else "application/json")
    if zip_ and answer.status_code == 200:
        nama = (await katalog_segar(request)).organisasi["name"]
        answer.headers["Content-Disposition"] = f'attachment; filename="{nama}-data-terbuka.zip"'
    return answer


@get("/data/datapackage.json", opt=cached_route(not_a_page="paket data Frictionless (JSON)"),
     include_in_schema=False)
async def paket_json(request: Request) -> Response:
    return await _paket_data(request, zip_=False)


@get("/data/datapackage.zip", opt=cached_route(not_a_page="ekspor lengkap paket data (ZIP)"),
     include_in_schema=False)
async def paket_zip(request: Request) -> Response:
    return await _paket_data(request, zip_=True)


@get("/data/katalog.jsonld", opt=cached_route(not_a_page="katalog DCAT-AP (JSON-LD)"), include_in_schema=False)
async def katalog_jsonld(request: Request) -> Response:
    """The catalogue as DCAT-AP (a dcat:Catalog, empty while nothing is published)."""
    async def buat(k: Katalog) -> bytes:
        dokumen = dcat.katalog_dokumen(k, await konteks(request, k))
        return json.dumps(dokumen, ensure_ascii=False).encode("utf-8")

    return await _sajikan(request, ("katalog.jsonld",), buat, JSONLD)


ROUTES = [unduh, paket_json, paket_zip, katalog_jsonld]
