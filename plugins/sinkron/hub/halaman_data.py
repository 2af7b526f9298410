"""The hub's data pages (role hub; 404 on a nagari): completeness and timeliness per nagari and month, the
kabupaten's dashboards (every dataset of a period per kecamatan; one dataset down to each nagari, nagari side by
side) and their CSV. Every figure comes from dasbor.jumlah / kelengkapan.kelengkapan (one computation each)."""

from __future__ import annotations

from datetime import date

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Response, Template

from plugin_sdk import dokumen, page, requires, role, today

from plugins.sinkron.hub import dasbor
from plugins.sinkron.hub.kelengkapan import STATUS, STATUS_NODE, KelengkapanError, baris_csv, kelengkapan
from plugins.sinkron.plugin import HUB

BASE = "/admin/hub"
HANYA_HUB = "halaman hub kabupaten: ada hanya pada balai serve --role hub (demo adalah nagari)"
BERKAS = "berkas CSV hub kabupaten (hanya pada role hub)"


def _hanya_hub(request: Request) -> None:
    if role(request) != "hub":
        raise NotFoundException("Halaman ini hanya ada di hub kabupaten.")


def bulan_lalu(hari: date) -> str:
    awal = hari.replace(day=1)
    return f"{awal.year - (awal.month == 1)}-{(awal.month - 2) % 12 + 1:02d}"


def _csv(nama: str, kepala: list[str], rows: list[list]) -> Response:
    import csv
    import io

    out = io.StringIO()
    tulis = csv.writer(out)
    tulis.writerow(kepala)
    tulis.writerows([dokumen.csv_cell(c) for c in row] for row in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{nama}"', "Cache-Control": "no-store"})


@get(f"{BASE}/kelengkapan", opt=requires(HUB, not_a_page=HANYA_HUB), include_in_schema=False)
async def hub_kelengkapan(request: Request, bulan: FromQuery[str | None] = None) -> Template:
    _hanya_hub(request)
    bulan = (bulan or "").strip() or bulan_lalu(today(request))
    try:
        k = await kelengkapan(bulan)
    except KelengkapanError as e:
        return await page(request, "sinkron/hub/data/kelengkapan.html", {"lap": None, "bulan": bulan, "galat": str(e)},
                          status_code=400)
    return await page(request, "sinkron/hub/data/kelengkapan.html", {
        "lap": k, "bulan": bulan, "galat": None, "status": STATUS, "status_node": STATUS_NODE,
        "wilayah": dasbor.wilayah()})


@get(f"{BASE}/kelengkapan.csv", opt=requires(HUB, not_a_page=BERKAS), include_in_schema=False)
async def hub_kelengkapan_csv(request: Request, bulan: FromQuery[str | None] = None) -> Response:
    _hanya_hub(request)
    try:
        k = await kelengkapan((bulan or "").strip() or bulan_lalu(today(request)))
    except KelengkapanError as e:
        return Response(str(e), status_code=400, media_type="text/plain; charset=utf-8")
    kepala, rows = baris_csv(k)
    return _csv(f"kelengkapan-{k.bulan}.csv", kepala, rows)


async def _periode(request: Request, periode: str | None) -> tuple[str, list[str]]:
    ada = await dasbor.periode_ada()
    pilih = (periode or "").strip()
    if not pilih:
        lalu = bulan_lalu(today(request))
        pilih = lalu if lalu in ada else (ada[0] if ada else lalu)
    return pilih, ada


def ikhtisar(r: dasbor.Ringkasan) -> dict:
    """One dataset's row of the overview: per kecamatan (and the kabupaten) its headline figure, everyone (L+P)
    of its total or, for a count of one group (dasbor.UTAMA), of that group's code."""
    utama = dasbor.UTAMA.get(r.bentuk.nama, dasbor.TOTAL)

    def total(tingkat: str) -> dict:
        hasil = {}
        for b in r.di(tingkat):
            if r.bentuk.orang and all(b[k] == utama for k in r.bentuk.kunci) and \
                    b.get("jenis_kelamin", "L+P") == "L+P":
                hasil[b["kode_daerah"]] = {"nilai": b["jumlah"], "sembunyi": b["disembunyikan"]}
        return hasil

    lapor: dict[str, int] = {}
    for kode in r.nagari:
        induk = dasbor.wilayah().nagari_dari(kode).induk
        lapor[induk] = lapor.get(induk, 0) + 1
    judul = next((b[r.bentuk.label[0]] for b in r.di(dasbor.KABUPATEN) if r.bentuk.label and
                  b.get(r.bentuk.kunci[0]) == utama), "") if utama != dasbor.TOTAL and r.bentuk.kunci else ""
    return {"ringkasan": r, "total": {**total(dasbor.KABUPATEN), **total(dasbor.KECAMATAN)}, "lapor": lapor,
            "angka": judul}


@get(f"{BASE}/dasbor", opt=requires(HUB, not_a_page=HANYA_HUB), include_in_schema=False)
async def hub_dasbor(request: Request, periode: FromQuery[str | None] = None) -> Template:
    _hanya_hub(request)
    pilih, ada = await _periode(request, periode)
    semua = await dasbor.semua(request, pilih)
    w = dasbor.wilayah()
    kecamatan = sorted({w.nagari_dari(k).induk for r in semua for k in r.nagari})
    return await page(request, "sinkron/hub/data/dasbor.html", {
        "periode": pilih, "ada": ada, "baris": [ikhtisar(r) for r in semua], "wilayah": w,
        "kecamatan": [w.kecamatan_dari(k) for k in kecamatan]})


def pivot(r: dasbor.Ringkasan, rows: list[dict]) -> dict:
    """Rows of places as a table: one line per key (and sex), one column group per place."""
    tempat: dict[str, str] = {}
    garis: dict[tuple, dict] = {}
    for b in rows:
        tempat.setdefault(b["kode_daerah"], b["daerah"])
        kunci = (*(b[k] for k in r.bentuk.kunci), b.get("jenis_kelamin"))
        g = garis.setdefault(kunci, {"kunci": kunci, "label": [b[k] for k in r.bentuk.label], "nilai": {}})
        g["nilai"][b["kode_daerah"]] = [(b[u], b.get("disembunyikan", False)) for u in r.bentuk.ukuran]
    return {"tempat": list(tempat.items()), "garis": list(garis.values())}


@get(f"{BASE}/dasbor/{{dataset:str}}", opt=requires(HUB, not_a_page=HANYA_HUB), include_in_schema=False)
async def hub_dasbor_dataset(request: Request, dataset: FromPath[str], periode: FromQuery[str | None] = None,
                             kecamatan: FromQuery[str | None] = None,
                             banding: FromQuery[list[str] | None] = None) -> Template:
    _hanya_hub(request)
    pilih, ada = await _periode(request, periode)
    r = await dasbor.jumlah(request, dataset, pilih)
    if r is None:
        raise NotFoundException(f"Belum ada nagari yang mengirim dataset {dataset} untuk periode {pilih}.")
    w = dasbor.wilayah()
    kec = (kecamatan or "").strip()
    banding = [b for b in (banding or []) if b in r.nagari][:6]
    atas = r.di(dasbor.KABUPATEN) + r.di(dasbor.KECAMATAN)
    di_kec = r.di(dasbor.NAGARI, kec) if kec else []
    return await page(request, "sinkron/hub/data/dasbor_dataset.html", {
        "r": r, "periode": pilih, "ada": ada, "wilayah": w, "kec": kec,
        "kec_nama": w.kecamatan_dari(kec).nama if kec else "",
        "daftar_kec": [w.kecamatan_dari(k) for k in sorted({w.nagari_dari(n).induk for n in r.nagari})],
        "daftar_nagari": [w.nagari_dari(n) for n in r.nagari], "banding": banding,
        "tabel_atas": pivot(r, atas), "tabel_nagari": pivot(r, di_kec) if di_kec else None,
        "tabel_banding": pivot(r, [b for k in sorted({w.nagari_dari(n).induk for n in banding})
                                   for b in r.di(dasbor.NAGARI, k) if b["kode_daerah"] in banding])
        if banding else None})


def baris_dataset(r: dasbor.Ringkasan) -> tuple[list[str], list[list]]:
    """The CSV of a dataset's sums: every level, the columns of `Bentuk.kolom` after the period."""
    kolom = r.bentuk.kolom
    return ["periode", *kolom], [[r.periode, *(b.get(k) for k in kolom)] for b in r.baris]


@get(f"{BASE}/dasbor/{{dataset:str}}/csv", opt=requires(HUB, not_a_page=BERKAS), include_in_schema=False)
async def hub_dasbor_csv(request: Request, dataset: FromPath[str], periode: FromQuery[str | None] = None) -> Response:
    _hanya_hub(request)
    pilih, _ = await _periode(request, periode)
    r = await dasbor.jumlah(request, dataset, pilih)
    if r is None:
        return Response(f"Belum ada nagari yang mengirim dataset {dataset} untuk periode {pilih}.", status_code=404,
                        media_type="text/plain; charset=utf-8")
    kepala, rows = baris_dataset(r)
    return _csv(f"{dataset}-kabupaten-{pilih}.csv", kepala, rows)


ROUTES = [hub_kelengkapan, hub_kelengkapan_csv, hub_dasbor, hub_dasbor_dataset, hub_dasbor_csv]
