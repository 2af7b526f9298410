"""The office's statistics pages: the list of categories, one category (table, bar and pie), the pyramid, CSV/XLSX.

Every figure comes from plugins.statistik.api.table (one computation, ENGINEERING-NOTES 11); this module only lays
it out. Bad input answers 404 (unknown category) or 400 with the contract's message, never 500.
"""

from __future__ import annotations

from datetime import date, timedelta

from litestar import Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Response, Template

from plugin_sdk import Widget, log_change, nagari_profile, page, register, requires, today
from plugins.statistik import ekspor, grafik
from plugins.statistik.bulanan import request_version
from plugins.statistik.kategori import (StatistikError, UMUR_5, category, categories, period, table, tables,
                                       with_plugins)

SAMPLE = "/admin/statistik/pendidikan_kk"
VIEW = requires("statistik.lihat", sample=SAMPLE)
TINGKAT = {0: None, 1: None, 2: "RW", 3: "RT"}


def month_ends(day: date, count: int = 24) -> list[date]:
    """The last days of the `count` months before `day`'s month, newest first (the "per tanggal" choices)."""
    out, end = [], day.replace(day=1) - timedelta(days=1)
    for _ in range(count):
        out.append(end)
        end = end.replace(day=1) - timedelta(days=1)
    return out


def _params(per: str | None, status: str | None, tingkat: str | None = "0") -> dict:
    """Read the query string; raises StatistikError (400) on what is not a date, a level or a status."""
    try:
        level = int(tingkat or 0)
    except ValueError:
        raise StatistikError("Tingkat wilayah harus angka 0 sampai 3.") from None
    state = None
    if status not in (None, ""):
        try:
            state = int(status)
        except ValueError:
            raise StatistikError("Status penduduk harus 1 (tetap) atau 2 (tidak tetap).") from None
    return {"tingkat": level, "per": period(per), "status": state}


def _filters(request: Request, args: dict) -> dict:
    nagari = nagari_profile(request)
    return {"nagari": nagari, "pilihan_per": month_ends(today(request)), "per": args.get("per"),
            "status": args.get("status"), "tingkat": args.get("tingkat", 0),
            "tingkat_pilihan": [(0, f"Seluruh {nagari.get('sebutan_desa', 'nagari')}"),
                                (1, nagari.get("sebutan_dusun", "Jorong")), (2, "RW"), (3, "RT")]}


def _query(args: dict, **override) -> str:
    merged = {**args, **override}
    parts = [f"{k}={v.isoformat() if isinstance(v, date) else v}" for k, v in merged.items()
             if v not in (None, "", 0) or (k == "tingkat" and v)]
    return ("?" + "&".join(parts)) if parts else ""


async def _fail(request: Request, exc: StatistikError, context: dict) -> Template:
    return await page(request, "statistik/kantor_galat.html", {**context, "galat": str(exc)},
                      404 if exc.tidak_ada else 400)


@get("/admin/statistik", opt=VIEW, include_in_schema=False)
async def overview(request: Request, per: FromQuery[str | None] = None,
                   status: FromQuery[str | None] = None) -> Template:
    await with_plugins(request)
    try:
        args = _params(per, status)
        rows = await table("jenis_kelamin", per=args["per"], status=args["status"], _profil=nagari_profile(request))
    except StatistikError as exc:
        return await _fail(request, exc, _filters(request, {}))
    return await page(request, "statistik/kantor_daftar.html", {
        **_filters(request, args), "kategori": categories(), "q": _query(args),
        "jumlah": sum(r["jumlah"] for r in rows),
        "laki": sum(r["jumlah"] for r in rows if r["jenis_kelamin"] == 1)})


def summarise(rows: list[dict]) -> list[dict]:
    """Per place: the codes with L, P, jumlah and percent of the place, and the place's totals."""
    places: dict = {}
    for r in rows:
        place = places.setdefault(r["wilayah"], {"wilayah": r["wilayah"], "nama": r["wilayah_nama"], "baris": {},
                                                 "L": 0, "P": 0})
        line = place["baris"].setdefault(r["kode"], {"kode": r["kode"], "label": r["label"], "L": 0, "P": 0})
        sex = "L" if r["jenis_kelamin"] == 1 else "P"
        line[sex] += r["jumlah"]
        place[sex] += r["jumlah"]
    out = []
    for place in places.values():
        place["jumlah"] = place["L"] + place["P"]
        lines = list(place["baris"].values())
        for line in lines:
            line["jumlah"] = line["L"] + line["P"]
            line["persen"] = 100 * line["jumlah"] / place["jumlah"] if place["jumlah"] else 0.0
        out.append({**place, "baris": lines})
    return out


@get("/admin/statistik/{kategori:str}", opt=VIEW, include_in_schema=False)
async def one_category(request: Request, kategori: FromPath[str], tingkat: FromQuery[str | None] = None,
                       per: FromQuery[str | None] = None, status: FromQuery[str | None] = None) -> Response | Template:
    await with_plugins(request)
    for suffix in (".csv", ".xlsx"):
        if kategori.endswith(suffix):
            return await download(request, kategori[: -len(suffix)], suffix[1:], tingkat, per, status)
    profil = nagari_profile(request)
    try:
        kat = category(kategori)
        args = _params(per, status, tingkat)
        rows = await table(kat.kode, **args, _profil=profil)
    except StatistikError as exc:
        return await _fail(request, exc, _filters(request, {}))
    summary = summarise(rows)
    nagari_rows = summarise([{**r, "wilayah": None, "wilayah_nama": profil.get("nama", "")} for r in rows])[0]
    items = [(line["label"], line["jumlah"]) for line in nagari_rows["baris"]]
    judul = kat.judul + (f" per {dict(_filters(request, args)['tingkat_pilihan'])[args['tingkat']]}"
                         if args["tingkat"] else "")
    return await page(request, "statistik/kantor_kategori.html", {
        **_filters(request, args), "kat": kat, "judul": judul, "tempat": summary, "total": nagari_rows,
        "q": _query(args), "q_tanpa_tingkat": _query(args, tingkat=0),
        "batang": grafik.bar(f"{kat.judul}: grafik batang", items),
        "pai": grafik.pie(f"{kat.judul}: grafik lingkaran", items)})


async def download(request: Request, kode: str, fmt: str, tingkat, per, status) -> Response:
    profil = nagari_profile(request)
    try:
        kat = category(kode)
        args = _params(per, status, tingkat)
        rows = await table(kat.kode, **args, _profil=profil)
    except StatistikError as exc:
        return Response(str(exc), status_code=404 if exc.tidak_ada else 400, media_type="text/plain; charset=utf-8")
    header = ekspor.header_block(kat, profil, hari_ini=today(request), **args)
    body = ekspor.table_rows(kat, rows)
    tanggal = (args["per"] or today(request)).isoformat()
    await log_change(request, "unduh", "statistik", kat.kode, {"format": fmt, "tingkat": args["tingkat"],
                                                               "per": tanggal, "status": args["status"]})
    headers = {"Content-Disposition": f'attachment; filename="statistik-{kat.kode}-{tanggal}.{fmt}"',
               "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response(ekspor.to_csv(header, body), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(ekspor.to_xlsx(header, body), media_type=ekspor.MIME_XLSX, headers=headers)


def pyramid_bands(rows: list[dict]) -> list[tuple[str, int, int]]:
    """(band, men, women) from the `umur` table, youngest first (no birth date recorded: left out)."""
    sums = {k: [0, 0] for k, _, _ in UMUR_5}
    for r in rows:
        if r["kode"] in sums:
            sums[r["kode"]][r["jenis_kelamin"] - 1] += r["jumlah"]
    return [(k, m, f) for k, (m, f) in sums.items()]


@get("/admin/statistik/piramida", opt=VIEW, include_in_schema=False)
async def pyramid_page(request: Request, per: FromQuery[str | None] = None,
                       status: FromQuery[str | None] = None) -> Template:
    try:
        args = _params(per, status)
        rows = await table("umur", per=args["per"], status=args["status"], _profil=nagari_profile(request))
    except StatistikError as exc:
        return await _fail(request, exc, _filters(request, {}))
    bands = pyramid_bands(rows)
    return await page(request, "statistik/kantor_piramida.html", {
        **_filters(request, args), "pita": bands, "q": _query(args),
        "piramida": grafik.pyramid("Piramida penduduk menurut umur dan jenis kelamin", bands)})


_cards: dict[tuple, dict] = {}


async def widget_context(request: Request) -> dict:
    """The dashboard card: residents by sex, families, a small pyramid; kept per register version, nagari and
    scope, since every dashboard view shows it."""
    profil = nagari_profile(request)
    version = await request_version(request)  # read once for both statistik cards
    scope = register.current_scope()
    key = (version, profil.get("nama"), tuple(scope["wilayah_ids"]) if scope else None)
    if key not in _cards:
        found = await tables(("jenis_kelamin", "kelas_sosial", "umur"), _profil=profil, _version=version)
        sexes, families, bands = found["jenis_kelamin"], found["kelas_sosial"], pyramid_bands(found["umur"])
        laki = sum(r["jumlah"] for r in sexes if r["jenis_kelamin"] == 1)
        perempuan = sum(r["jumlah"] for r in sexes if r["jenis_kelamin"] == 2)
        if len(_cards) >= 64:  # entries of older versions are never asked for again
            _cards.clear()
        _cards[key] = {"jumlah": laki + perempuan, "laki": laki, "perempuan": perempuan,
                       "keluarga": sum(r["jumlah"] for r in families),
                       "piramida": grafik.pyramid("Piramida penduduk (ringkas)", bands, kecil=True)}
    return dict(_cards[key])


def widget() -> Widget:
    return Widget("Penduduk", "statistik/widget_penduduk.html", context=widget_context, permission="statistik.lihat",
                  order=40)


ROUTES = [overview, pyramid_page, one_category]
