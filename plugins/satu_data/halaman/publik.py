"""The public catalogue: `/data` (search, groups, tags, a card per published dataset with its downloads) and
`/data/{nama}` (a dataset's metadata, its variables and a preview of one period's table).

Anonymous and cached whole (cache.py), with no session and no cookie. Everything comes from the in-memory
catalogue (katalog.py), the same snapshot the downloads and the CKAN API read, so a page's figures are the
downloads' figures. Aggregates only: a cell the suppression hid stays hidden ("•")."""

from __future__ import annotations

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Response

from plugin_sdk import nagari_profile, public_page

from plugins.satu_data.dataset import BUKAN_ORANG, FREKUENSI, GRUP, NAMA, PERIODE
from plugins.satu_data.halaman import tampil
from plugins.satu_data.halaman.cache import CACHE, cached_route, katalog_segar
from plugins.satu_data.katalog import Katalog, Paket
from plugins.satu_data.metadata import lisensi, produsen

#: Rows of the preview; the downloads have every row.
PRATINJAU_MAKS = 200
FORMAT = (("csv", "CSV"), ("json", "JSON"), ("xlsx", "XLSX"))
CONTOH = "/data/penduduk-menurut-agama"  # a dataset of the demo nagari (the office-screen browser test opens it)


def _situs(profil: dict) -> str:
    return f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()


def _unduhan(nama: str) -> list[dict]:
    return [{"label": label, "url": f"/data/unduh/{nama}.{ext}"} for ext, label in FORMAT]


def _kartu(p: Paket, pilih: tampil.Saringan) -> dict:
    """A dataset as the catalogue's card shows it."""
    return {"nama": p.ds.nama, "judul": p.ds.judul, "deskripsi": p.ds.deskripsi, "grup": p.ds.grup,
            "grup_nama": GRUP.get(p.ds.grup, p.ds.grup), "grup_url": pilih.url(grup=p.ds.grup),
            "tag": [{"nama": t, "url": pilih.url(tag=t)} for t in p.ds.tag],
            "rentang": tampil.rentang(p), "jumlah_periode": len(p.periode), "sementara": p.sementara,
            "frekuensi": FREKUENSI.get(p.ds.frekuensi, p.ds.frekuensi), "diubah": p.diubah,
            "unduhan": _unduhan(p.ds.nama)}


async def render(request: Request, template: str, context: dict, status: int = 200) -> tuple[str, int]:
    profil = nagari_profile(request)
    tpl = await public_page(request, f"satu_data/publik/{template}", {"situs_nama": _situs(profil), **context})
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), status


async def _bangun_katalog(request: Request, q: str, grup: str, tag: str) -> tuple[str, int]:
    kat = await katalog_segar(request)
    pilih = tampil.saringan(kat.paket, q, grup, tag)
    cocok = [p for p in kat.paket if pilih.cocok(p)]
    return await render(request, "katalog.html", {
        "pilih": pilih, "paket": [_kartu(p, pilih) for p in cocok], "jumlah_semua": len(kat.paket),
        "grup": [{"kode": k, "nama": n, "jumlah": j, "url": pilih.url(grup=k),
                  "aktif": k == pilih.grup} for k, n, j in tampil.grup_semua(kat.paket)],
        "tag": [{"nama": t, "jumlah": j, "url": pilih.url(tag=t), "aktif": t == pilih.tag}
                for t, j in tampil.tag_semua(kat.paket)],
        "hapus_grup": pilih.url(grup=""),
        "hapus_tag": pilih.url(tag=""),
        "lisensi": await lisensi(), "dibuat": kat.dibuat})


@get("/data", opt=cached_route(), include_in_schema=False)
async def daftar(request: Request, q: FromQuery[str] = "", grup: FromQuery[str] = "",
                 tag: FromQuery[str] = "") -> Response:
    """The catalogue of published datasets; `q` words must all be in a dataset's title, description or tags."""
    kat = await katalog_segar(request)
    pilih = tampil.saringan(kat.paket, q, grup, tag)  # the key holds only what was understood
    return await CACHE.answer(request, ("katalog", pilih.cari.casefold(), pilih.grup, pilih.tag),
                              lambda: _bangun_katalog(request, pilih.cari, pilih.grup, pilih.tag))


def _sel(nilai, sembunyi_bila_kosong: bool) -> dict:
    """One cell of the preview and how to show it: a number the Indonesian way, a hidden count as "•"."""
    if nilai is None:
        return {"jenis": "sembunyi" if sembunyi_bila_kosong else "kosong"}
    if isinstance(nilai, bool):
        return {"jenis": "teks", "nilai": "ya" if nilai else "tidak"}
    return {"jenis": "angka" if isinstance(nilai, (int, float)) else "teks", "nilai": nilai}


def _variabel(p: Paket) -> list[dict]:
    return [{"nama": k.nama, "judul": k.judul, "tipe": tampil.TIPE.get(k.tipe, k.tipe), "tipe_asli": k.tipe,
             "definisi": k.definisi, "satuan": k.satuan, "kode": list(k.kode), "daftar_kode": k.daftar_kode,
             "kunci": k.kunci} for k in p.ds.kolom_penuh()]


async def _bangun_dataset(request: Request, kat: Katalog, p: Paket, periode: str) -> tuple[str, int]:
    kolom = p.ds.kolom  # periode and kode_wilayah are the same on every row of a period: said above the table
    baris = [r for r in p.baris if r.get(PERIODE) == periode]
    tampak = [[_sel(r.get(k.nama), p.ds.hitungan_orang) for k in kolom] for r in baris[:PRATINJAU_MAKS]]
    return await render(request, "dataset.html", {
        "p": p, "ds": p.ds, "grup_nama": GRUP.get(p.ds.grup, p.ds.grup),
        "frekuensi": FREKUENSI.get(p.ds.frekuensi, p.ds.frekuensi),
        "rilis": tampil.rilis(p.periode, p.versi, p.sementara), "periode": periode,
        "periode_label": tampil.label_periode(periode), "sementara": p.sementara and periode == p.periode[-1],
        "kolom": kolom, "baris": tampak, "jumlah_baris": len(baris), "maks": PRATINJAU_MAKS,
        "variabel": _variabel(p), "kode_lipat": tampil.KODE_LIPAT, "sensor": p.ds.sensor or BUKAN_ORANG,
        "ada_sembunyi": any(c["jenis"] == "sembunyi" for r in tampak for c in r),
        "lisensi": await lisensi(), "produsen": await produsen(kat.profil), "kode_wilayah": kat.kode_wilayah,
        "unduhan": _unduhan(p.ds.nama), "dcat": f"/data/unduh/{p.ds.nama}.jsonld"})


@get("/data/{nama:str}", opt=cached_route(sample=CONTOH), include_in_schema=False)
async def dataset(request: Request, nama: FromPath[str], periode: FromQuery[str] = "") -> Response:
    """A published dataset's page; `periode` chooses the previewed period (default: the newest). A dataset that
    is unknown or not published is a page that does not exist (404)."""
    if not NAMA.match(nama):
        raise NotFoundException()
    p = (await katalog_segar(request)).cari(nama)
    if p is None or p.ds.nama != nama:  # by name only: an id is the API's address, not a page's
        raise NotFoundException()
    periode = periode if periode in p.versi else p.periode[-1]

    async def build() -> tuple[str, int]:
        segar = await katalog_segar(request)
        baru = segar.cari(nama)
        if baru is None:  # withdrawn between the look above and this build
            raise NotFoundException()
        return await _bangun_dataset(request, segar, baru, periode if periode in baru.versi else baru.periode[-1])

    return await CACHE.answer(request, ("dataset", nama, periode), build)


ROUTES = [daftar, dataset]
