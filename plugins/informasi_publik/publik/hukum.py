"""The public regulations: `/produk-hukum` (list, search in title and subject, filters jenis and tahun),
`/produk-hukum/{slug}` (a regulation's stable address, e.g. perdes-2026-3) and `/produk-hukum/{slug}.pdf`.

Anonymous and cached whole (publik/cache.py): a page is built once per public version, which every write of a
regulation moves. The PDF is read from the file store on each request (up to 10 MB: not kept in the cache's memory),
on a cached route all the same, so no session or cookie is ever read or set.
"""

from __future__ import annotations

from datetime import date

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import File, Response

from plugin_sdk import MenuItem, nagari_profile, public_page, stored_pdf

from plugins.informasi_publik import hukum
from plugins.informasi_publik.publik.cache import CACHE, cached_route
from plugins.informasi_publik.tabel_hukum import DICABUT, DIUBAH, JENIS

PER_HALAMAN = 20
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
CONTOH = f"/produk-hukum/perdes-{date.today().year}-2"  # a regulation of the demo (contoh_hukum.py)


def tanggal(value) -> str:
    return f"{value.day} {BULAN[value.month - 1]} {value.year}" if value else ""


def situs(profil: dict) -> str:
    return f"{profil.get('sebutan_desa') or 'Desa'} {profil.get('nama') or ''}".strip()


async def render(request: Request, template: str, context: dict, status: int = 200) -> tuple[str, int]:
    tpl = await public_page(request, template, {"situs_nama": situs(nagari_profile(request)), **context})
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), status


def tampil(row: dict, profil: dict, kaitan: dict[int, dict]) -> dict:
    """One regulation as the pages print it, with its status sentence and the link to what changed it."""
    nama = hukum.nama_jenis(profil)
    status = {"teks": "Berlaku", "oleh": None, "alamat": ""}
    oleh = kaitan.get(row["status_oleh"]) if row["status"] in (DIUBAH, DICABUT) else None
    if row["status"] in (DIUBAH, DICABUT):
        kata = "Dicabut" if row["status"] == DICABUT else "Diubah"
        status = {"teks": kata, "oleh": f"{kata} oleh {hukum.sebutan(oleh, profil)}" if oleh else kata,
                  "alamat": f"/produk-hukum/{hukum.slug(oleh)}" if oleh else ""}
    ubah = kaitan.get(row["mengubah_id"]) if row["mengubah_id"] else None
    return {"slug": hukum.slug(row), "sebutan": hukum.sebutan(row, profil), "jenis": nama[row["jenis"]],
            "judul": row["judul"], "pokok": row["pokok"], "ditetapkan": tanggal(row["ditetapkan"]),
            "diundangkan": tanggal(row["diundangkan"]), "nomor_lembaran": row["nomor_lembaran"],
            "lembaran": hukum.lembaran(row["jenis"], profil), "status": row["status"], "status_teks": status,
            "pdf": bool(row["berkas"]), "keterangan": row["keterangan"],
            "mengubah": {"kata": "Mencabut" if row["tindakan"] == "mencabut" else "Mengubah",
                         "sebutan": hukum.sebutan(ubah, profil), "alamat": f"/produk-hukum/{hukum.slug(ubah)}"}
            if ubah else None}


def _tahun(teks: str) -> int | None:
    teks = (teks or "").strip()
    return int(teks) if teks.isdigit() and hukum.TAHUN_MIN <= int(teks) <= hukum.TAHUN_MAKS else None


def _halaman(teks: str) -> int:
    teks = (teks or "").strip()
    return int(teks) if teks.isdigit() and 0 < int(teks) <= 10_000 else 1


async def _daftar(request: Request, cari: str, jenis: str, tahun: int | None, halaman: int) -> tuple[str, int]:
    profil = nagari_profile(request)
    rows, jumlah = await hukum.daftar(cari=cari, jenis=jenis, tahun=tahun, batas=PER_HALAMAN,
                                      mulai=(halaman - 1) * PER_HALAMAN)
    kaitan = await hukum.nama_menurut_id([r["status_oleh"] for r in rows] + [r["mengubah_id"] for r in rows])
    halaman_akhir = max(1, -(-jumlah // PER_HALAMAN))
    return await render(request, "informasi_publik/publik/hukum_daftar.html", {
        "produk": [tampil(r, profil, kaitan) for r in rows], "jumlah": jumlah, "cari": cari, "jenis": jenis,
        "tahun": tahun, "halaman": halaman, "halaman_akhir": halaman_akhir,
        "pilihan_jenis": list(hukum.nama_jenis(profil).items()), "pilihan_tahun": await hukum.tahun_ada(),
    }, 200 if halaman <= halaman_akhir else 404)


@get("/produk-hukum", opt=cached_route(), include_in_schema=False)
async def daftar(request: Request, cari: FromQuery[str] = "", jenis: FromQuery[str] = "",
                 tahun: FromQuery[str] = "", halaman: FromQuery[str] = "1") -> Response:
    """Every regulation, newest first; the words of `cari` must all be in its title or subject."""
    kata = " ".join(cari.split())[:100]
    jenis = jenis if jenis in JENIS else ""
    angka_tahun, nomor = _tahun(tahun), _halaman(halaman)
    return await CACHE.answer(request, ("hukum", kata, jenis, angka_tahun, nomor),
                              lambda: _daftar(request, kata, jenis, angka_tahun, nomor))


async def _rinci(request: Request, row: dict) -> tuple[str, int]:
    profil = nagari_profile(request)
    kaitan = await hukum.nama_menurut_id([row["status_oleh"], row["mengubah_id"]])
    from plugins.informasi_publik.tabel_hukum import ProdukHukum

    diubah_oleh = await ProdukHukum.select().where(ProdukHukum.mengubah_id == row["id"]).order_by(
        ProdukHukum.ditetapkan).run()
    return await render(request, "informasi_publik/publik/hukum_rinci.html", {
        "p": tampil(row, profil, kaitan),
        "perubahan": [{"sebutan": hukum.sebutan(r, profil), "alamat": f"/produk-hukum/{hukum.slug(r)}",
                       "kata": "Dicabut" if r["tindakan"] == "mencabut" else "Diubah", "judul": r["judul"]}
                      for r in diubah_oleh]})


@get("/produk-hukum/{slug:str}", opt=cached_route(sample=CONTOH), include_in_schema=False)
async def rinci(request: Request, slug: FromPath[str]) -> Response:
    """A regulation's page; ``{slug}.pdf`` is its PDF (one route: Litestar has no suffixes)."""
    if slug.endswith(".pdf"):
        return await _pdf(request, slug[:-4])
    if hukum.dari_slug(slug) is None:
        raise NotFoundException()

    async def build() -> tuple[str, int]:
        row = await hukum.dengan_slug(slug)
        if row is None:
            raise NotFoundException()
        return await _rinci(request, row)

    return await CACHE.answer(request, ("hukum", slug), build)


async def _pdf(request: Request, slug: str) -> Response:
    row = await hukum.dengan_slug(slug)
    path = stored_pdf(request, hukum.FOLDER, row["berkas"]) if row and row["berkas"] else None
    if path is None:
        raise NotFoundException()
    return File(path, filename=f"{slug}.pdf", media_type="application/pdf", content_disposition_type="inline",
                headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"})


ROUTES: list = [daftar, rinci]
MENU: list = [MenuItem("Produk hukum", "/produk-hukum", order=45)]

__all__ = ["ROUTES", "MENU", "tampil", "tanggal"]
