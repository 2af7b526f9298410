"""The public page "Potensi Nagari" (`/potensi`) and its published photos (`/potensi/foto/{nama}`).

Anonymous and cached whole (cache.py): what is public is `terbit.data_publik()`'s one computation (the year the
office publishes, published indicators only), plus the photos the office published. Aggregates only: no person is
named here. No session and no cookie, so every visitor gets the same bytes."""

from __future__ import annotations

import re

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Response

from plugin_sdk import CACHE_FILES, nagari_profile, public_page, stored_file

from plugins.potensi.galeri import FOLDER, nama_kecil
from plugins.potensi.indikator import TEMA, tampil
from plugins.potensi.publik.cache import CACHE, cached_route
from plugins.potensi.tables import FotoPotensi
from plugins.potensi.terbit import data_publik

NAMA_FOTO = re.compile(r"^([0-9a-f]{32})(-480)?\.webp$")


def _situs(profil: dict) -> str:
    return f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()


def _angka(v, ind) -> dict | None:
    """A figure as the page shows it: the number with its unit, and its source."""
    return None if v is None else {"teks": tampil(v.nilai, ind), "sumber": v.sumber}


def _tema(data) -> list[dict]:
    """data_publik's groups as the template reads them: per theme its indicators, each with the nagari's figure
    and the jorong rows."""
    keluar = []
    for tema, items in data.tema.items():
        baris = []
        for ind, nagari, jorong in items:
            baris.append({"ind": ind, "nagari": _angka(nagari, ind),
                          "jorong": [{"nama": nama, **_angka(v, ind)} for nama, v in jorong if v is not None]})
        keluar.append({"kode": tema, "nama": TEMA.get(tema, tema), "indikator": baris})
    return keluar


async def _bangun(request: Request) -> tuple[str, int]:
    data = await data_publik(request)
    foto = await FotoPotensi.select(FotoPotensi.judul, FotoPotensi.keterangan, FotoPotensi.tema,
                                    FotoPotensi.berkas).where(FotoPotensi.terbit == True).order_by(  # noqa: E712
        FotoPotensi.urutan).order_by(FotoPotensi.id, ascending=False).run()
    profil = nagari_profile(request)
    situs = _situs(profil)
    context = {"situs_nama": situs, "sebutan_jorong": profil.get("sebutan_dusun") or "Jorong",
               "judul": f"Potensi {situs}", "tahun": data.tahun if data else None, "tema": _tema(data) if data else [],
               "foto": [{**f, "kecil": f"/potensi/foto/{nama_kecil(f['berkas'])}",
                         "besar": f"/potensi/foto/{f['berkas']}", "tema_nama": TEMA.get(f["tema"], "")}
                        for f in foto]}
    tpl = await public_page(request, "potensi/publik/potensi.html", context)
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), 200


@get("/potensi", opt=cached_route(), include_in_schema=False)
async def potensi(request: Request) -> Response:
    """The published profile of the year the office publishes, or a friendly page saying nothing is published."""
    return await CACHE.answer(request, ("potensi",), lambda: _bangun(request))


@get("/potensi/foto/{nama:str}", opt=cached_route(not_a_page="foto WebP potensi nagari"), include_in_schema=False)
async def foto(request: Request, nama: FromPath[str]) -> File:
    """A published photo's pixels (the large or the phone copy); 404 for anything else, an unpublished one too."""
    cocok = NAMA_FOTO.match(nama)
    terbit = cocok is not None and await FotoPotensi.exists().where(
        FotoPotensi.berkas == f"{cocok.group(1)}.webp", FotoPotensi.terbit == True).run()  # noqa: E712
    path = stored_file(request, FOLDER, nama) if terbit else None
    if path is None:
        raise NotFoundException("Foto tidak ditemukan.")
    # short-lived: a photo withdrawn from the site must stop showing soon, not in a year
    return File(path=path, media_type="image/webp", content_disposition_type="inline", filename=nama,
                headers={"Cache-Control": CACHE_FILES, "X-Content-Type-Options": "nosniff"})


ROUTES = [potensi, foto]
