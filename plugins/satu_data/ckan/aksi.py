"""The CKAN action API, read-only: ``/api/3/action/<action>`` and ``/api/action/<action>``, GET with query
parameters or POST with a JSON body, anonymous (no session, no CSRF cookie), every answer in CKAN's envelope.

Everything is read from the published catalogue in memory (paket.Pandangan); docs/satu-data-api.md is the
reference a portal's engineers read.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar import Request, route
from litestar.params import FromPath
from litestar.response import Response

from plugin_sdk import public

from plugins.satu_data.ckan import parameter as prm
from plugins.satu_data.ckan.amplop import (GalatCkan, PermintaanSalah, TidakDitemukan, aksi_tidak_dikenal,
                                          berhasil, gagal, permintaan_salah, validasi)
from plugins.satu_data.ckan.cari import package_search
from plugins.satu_data.ckan.datastore import datastore_search
from plugins.satu_data.ckan.paket import Pandangan, pandangan

# Public JSON for machines: no session is read and no cookie set (as the cached public pages), and a POST needs
# no CSRF token (nothing is written).
OPT = {**public(not_a_page="API CKAN (JSON) untuk portal Satu Data"), "exclude_from_csrf": True,
       "skip_session": True}
DAFTAR_MAKS = 1000


def status_show(p: Pandangan, data: dict) -> dict:
    return p.status


def site_read(p: Pandangan, data: dict) -> bool:
    return True


def _halaman(data: dict, daftar: list) -> list:
    """``limit``/``offset`` (and CKAN's ``page``, counted from 1, with ``limit``) of a list."""
    limit = prm.bilangan(data, "limit")
    offset = prm.bilangan(data, "offset", 0)
    page = prm.bilangan(data, "page")
    if page is not None:
        if page < 1:
            raise validasi("page", "Harus bilangan bulat positif.")
        offset = (page - 1) * (limit or DAFTAR_MAKS)
    return daftar[offset:] if limit is None else daftar[offset:offset + limit]


def package_list(p: Pandangan, data: dict) -> list[str]:
    return _halaman(data, sorted(e.data["name"] for e in p.entri))


def current_package_list_with_resources(p: Pandangan, data: dict) -> list[dict]:
    urut = sorted(p.entri, key=lambda e: e.diubah, reverse=True)
    return _halaman(data, [e.data for e in urut])


def package_show(p: Pandangan, data: dict) -> dict:
    e = p.paket(prm.wajib(data, "id"))
    if e is None:
        raise TidakDitemukan("Dataset tidak ditemukan.")
    return e.data


def resource_show(p: Pandangan, data: dict) -> dict:
    e = p.resource(prm.wajib(data, "id"))
    if e is None:
        raise TidakDitemukan("Resource tidak ditemukan.")
    return e.data["resources"][0]


def _isi_kelompok(p: Pandangan, data: dict, dasar: dict, anggota: Callable) -> dict:
    """An organization or group as organization_show/group_show give it; `anggota` picks its packages."""
    hasil = dict(dasar)
    hasil.setdefault("display_name", dasar["title"])
    hasil.setdefault("image_display_url", dasar.get("image_url", ""))
    for kunci in ("users", "groups", "tags", "extras"):
        hasil.setdefault(kunci, [])
    hasil.setdefault("num_followers", 0)
    paket = [e.data for e in p.entri if anggota(e)]
    hasil["package_count"] = len(paket)
    if prm.boolean(data, "include_datasets", False):
        hasil["packages"] = paket[:DAFTAR_MAKS]
    return hasil


def _organisasi(p: Pandangan, data: dict) -> dict:
    extras = [{"key": "kode_wilayah", "value": p.katalog.kode_wilayah}] if p.katalog.kode_wilayah else []
    return _isi_kelompok(p, data, {**p.organisasi, "extras": extras}, lambda e: True)


def organization_show(p: Pandangan, data: dict) -> dict:
    if not p.organisasi_ini(prm.wajib(data, "id")):
        raise TidakDitemukan("Organisasi tidak ditemukan.")
    return _organisasi(p, data)


def group_show(p: Pandangan, data: dict) -> dict:
    g = p.satu_grup(prm.wajib(data, "id"))
    if g is None:
        raise TidakDitemukan("Grup tidak ditemukan.")
    return _isi_kelompok(p, data, g, lambda e: e.paket.ds.grup == g["name"])


def _daftar_kelompok(p: Pandangan, data: dict, semua: list[dict]) -> list:
    """group_list / organization_list: names, or (all_fields) dicts; sort by name, title or package_count."""
    [(medan, turun)] = prm.urutan(prm.teks(data, "sort") or "title asc", ("name", "title", "package_count"), maks=1)
    pilihan = prm.daftar_teks(data, "groups") or prm.daftar_teks(data, "organizations")
    if pilihan is not None:
        semua = [g for g in semua if g["name"] in pilihan or g["id"] in pilihan]
    kunci = {"title": lambda g: g["title"].casefold()}.get(medan, lambda g: g[medan])
    semua = sorted(semua, key=kunci, reverse=turun)
    semua = _halaman(data, semua)
    if prm.boolean(data, "all_fields", False):
        return semua
    return [g["name"] for g in semua]


def organization_list(p: Pandangan, data: dict) -> list:
    return _daftar_kelompok(p, data, [_organisasi(p, {})])


def group_list(p: Pandangan, data: dict) -> list:
    return _daftar_kelompok(p, data, [_isi_kelompok(p, {}, g, lambda e, n=n: e.paket.ds.grup == n)
                                      for n, g in p.grup.items()])


def tag_list(p: Pandangan, data: dict) -> list:
    if prm.teks(data, "vocabulary_id"):
        raise TidakDitemukan("Kosakata tag tidak ditemukan.")
    cari = (prm.teks(data, "query") or prm.teks(data, "q") or "").casefold()
    tags = [t for nama, t in p.tag.items() if cari in nama.casefold()]
    if prm.boolean(data, "all_fields", False):
        return [{k: t[k] for k in ("id", "name", "vocabulary_id")} for t in tags]
    return [t["name"] for t in tags]


#: help_show's text per action (the envelope's ``help`` link points there).
BANTUAN = {
    "status_show": "Site information: CKAN version, title, URL, default locale, extensions.",
    "site_read": "Whether the site may be read: always true.",
    "help_show": "This text for an action: name.",
    "package_list": "Names of the published datasets, by name: limit, offset.",
    "current_package_list_with_resources": "Datasets with their resources, newest change first: limit, offset, "
                                           "page.",
    "package_show": "One dataset by name or id: id.",
    "package_search": "Search datasets: q, fq, sort, rows, start, fl, facet.field, facet.limit, facet.mincount.",
    "resource_show": "One resource by id: id.",
    "organization_list": "The nagari office: all_fields, sort, limit, offset.",
    "organization_show": "The nagari office by name or id: id, include_datasets.",
    "group_list": "Themes that have a published dataset: all_fields, sort, limit, offset.",
    "group_show": "One theme by name or id: id, include_datasets.",
    "tag_list": "Tags of the published datasets: query, all_fields.",
    "datastore_search": "Rows of a resource: resource_id, filters, q, fields, sort, limit, offset, distinct, "
                        "include_total, records_format.",
}


def help_show(p: Pandangan, data: dict) -> str:
    nama = prm.wajib(data, "name")
    if nama not in BANTUAN:
        raise TidakDitemukan("Fungsi aksi tidak ditemukan.")
    return f"{nama}: {BANTUAN[nama]}\n\nA read-only subset of CKAN's action API; see docs/satu-data-api.md."


AKSI: dict[str, Callable] = {f.__name__: f for f in (
    status_show, site_read, help_show, package_list, current_package_list_with_resources, package_show,
    package_search, resource_show, organization_list, organization_show, group_list, group_show, tag_list,
    datastore_search)}


async def jawab(request: Request, aksi: str) -> Response:
    """One action call: CKAN's envelope, its error types and status codes; bad input never gets past here."""
    fungsi = AKSI.get(aksi)
    if fungsi is None:
        return aksi_tidak_dikenal(aksi)
    try:
        data = await prm.baca(request)
    except PermintaanSalah as exc:
        return permintaan_salah(str(exc))
    data.pop("callback", None)  # JSONP is not offered; CKAN drops the parameter before the action too
    p = await pandangan(request)
    try:
        if aksi == "datastore_search":
            hasil = datastore_search(p, data, request.url.path, request.url.query or "")
        else:
            hasil = fungsi(p, data)
    except GalatCkan as galat:
        return gagal(p.base, aksi, galat)
    return berhasil(p.base, aksi, hasil)


@route(["/api/3/action/{aksi:str}", "/api/action/{aksi:str}"], http_method=["GET", "POST"], opt=OPT,
       include_in_schema=False)
async def aksi_ckan(request: Request, aksi: FromPath[str]) -> Response:
    return await jawab(request, aksi)


ROUTES = [aksi_ckan]
