"""One indicator's history: a bar per year (the nagari's figure, or one small chart per jorong for a jorong
indicator) and the same figures in a table with the change from the previous year."""

from __future__ import annotations

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from plugin_sdk import page, requires

from plugins.potensi import grafik, layanan
from plugins.potensi.halaman.umum import BASE, TEMA, daftar_jorong
from plugins.potensi.indikator import NAGARI, angka, semua_indikator, tampil
from plugins.potensi.plugin import LIHAT

CONTOH_KODE = "sapi"  # a sample URL the screen tests open on the demo


def _selisih(n: int, sebelum: int | None, ind) -> str:
    """"+12 ha" / "-3,5 ha" / "tetap" against the previous year with a figure; "" for the first year."""
    if sebelum is None:
        return ""
    beda = n - sebelum
    if beda == 0:
        return "tetap"
    return f"{'+' if beda > 0 else '−'}{angka(abs(beda))} {ind.satuan}"


def _seri(ind, baris: list[tuple[int, int]]) -> list[dict]:
    """(tahun, hundredths) oldest first -> table rows with the change from the year before."""
    keluar, sebelum = [], None
    for tahun, n in baris:
        keluar.append({"tahun": tahun, "nilai": tampil(n, ind), "selisih": _selisih(n, sebelum, ind)})
        sebelum = n
    return keluar


@get(f"{BASE}/indikator/{{kode:str}}", opt=requires(LIHAT, sample=f"{BASE}/indikator/{CONTOH_KODE}"),
     include_in_schema=False)
async def riwayat(request: Request, kode: FromPath[str]) -> Template:
    ind = next((i for i in await semua_indikator(request) if i.kode == kode), None)
    if ind is None:
        raise NotFoundException("Indikator tidak dikenal.")
    semua = await layanan.riwayat(kode)
    bagian = []
    if ind.lingkup == NAGARI:
        tempat = [{"id": 0, "nama": ""}]
    else:
        tempat = await daftar_jorong()
    for n, j in enumerate(tempat):
        baris = sorted((v.tahun, v.nilai) for v in semua if v.jorong == j["id"])
        judul = f"{ind.nama}{' di ' + j['nama'] if j['nama'] else ''} per tahun ({ind.satuan})"
        bagian.append({"jorong": j["nama"], "seri": _seri(ind, baris),
                       "grafik": grafik.batang_tahun(judul, [(t, v, tampil(v, ind)) for t, v in reversed(baris)],
                                                     ident=f"grafik-{n}")})
    return await page(request, "potensi/admin/indikator.html", {
        "ind": ind, "tema_nama": TEMA.get(ind.tema, ind.tema), "bagian": bagian,
        "ada": any(b["seri"] for b in bagian)})


ROUTES = [riwayat]
