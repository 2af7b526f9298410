"""Recipients of aid as a statistics category ("penerima_bantuan", through statistik's event `statistik_kategori`):
per program, the persons who receive it now, by jorong (or RW, RT) and sex.

Who receives now is penerima.py's one computation, the same the program page counts: the entries of the program's
latest approved cycle (approved by the end of the `per` day when one is asked for) that were not removed. The
person counted is the entry's receiving person: the resident, or for a family or household the member who receives.
A group (kelompok) has no such person and is not counted. Sex and place are the register's as recorded now (a
recipient who moved within the nagari is counted where they live now), read through `register.stream_residents`,
so the scope of the user asking applies as it does for every other category.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from plugin_sdk import nagari_zone, register

from plugins.bantuan.kode import DISETUJUI
from plugins.bantuan.penerima import penerima
from plugins.bantuan.tables import ProgramBantuan, SiklusBantuan

KODE = "penerima_bantuan"


async def kategori() -> list:
    """The answer to `statistik_kategori`: one category whose codes are the programs with an approved list (before
    the first approval it has none, and statistik does not offer a category without codes).

    Async: the code list is read from the database (statistik awaits its event's answers)."""
    from plugins.statistik import api as statistik  # only when statistik asks, so bantuan runs without it

    program = await program_bertercatat()  # none approved yet: statistik does not offer a category without codes
    return [statistik.KategoriTambahan(
        kategori=statistik.Kategori(
            KODE, "Penerima bantuan sosial",
            "Orang yang menerima tiap program bantuan menurut daftar terakhir yang disetujui (untuk program keluarga "
            "atau rumah tangga: anggota yang menerima), menurut tempat tinggal dan jenis kelamin.",
            satuan="penduduk", sensitif=True),
        kode=tuple(program), hitung=hitung, versi=versi)]


async def versi() -> tuple:
    """Changes with every approval and every program edit: the figures follow the approved lists, which change
    without any change in the register (statistik keys its cached tables on this too)."""
    from piccolo.query.functions.aggregate import Count, Max

    siklus = await SiklusBantuan.select(Count(SiklusBantuan.id, alias="n"),
                                        Max(SiklusBantuan.disetujui, alias="t")).where(
        SiklusBantuan.status == DISETUJUI).first().run()
    program = await ProgramBantuan.select(Max(ProgramBantuan.diubah, alias="t")).first().run()
    return (siklus["n"], str(siklus["t"]), str(program["t"]))


async def program_bertercatat() -> list[tuple[int, str]]:
    """(id, name) of every program with at least one approved list, by name: the category's codes."""
    rows = await SiklusBantuan.select(
        SiklusBantuan.program.id.as_alias("id"), SiklusBantuan.program.nama.as_alias("nama")).where(
        SiklusBantuan.status == DISETUJUI).distinct().run()
    return sorted(((r["id"], r["nama"]) for r in rows), key=lambda r: (r[1].lower(), r[0]))


async def hitung(*, tingkat: int, per: date | None, status: int | None) -> list[dict]:
    """Rows {kode: program id, wilayah, jenis_kelamin, jumlah} as statistik's KategoriTambahan expects."""
    batas = await _akhir_hari(per) if per is not None else None
    orang_per_program: dict[int, set[int]] = {}
    for program_id, _nama in await program_bertercatat():
        orang = {r["penduduk"] for r in await penerima(program_id, per=batas) if r["penduduk"]}
        if orang:
            orang_per_program[program_id] = orang
    semua = set().union(*orang_per_program.values()) if orang_per_program else set()
    data = await _orang(semua, status)
    naik = await register.places_at(tingkat) if tingkat else {}
    hitungan: Counter = Counter()
    for program_id, orang in orang_per_program.items():
        for penduduk_id in orang:
            if (o := data.get(penduduk_id)) is None:  # outside the user's scope, or another status_penduduk
                continue
            wilayah = naik.get(o["wilayah"]) if tingkat else None
            hitungan[(program_id, wilayah, o["jenis_kelamin"])] += 1
    return [{"kode": k, "wilayah": w, "jenis_kelamin": jk, "jumlah": n} for (k, w, jk), n in hitungan.items()]


async def _orang(ids: set[int], status: int | None) -> dict[int, dict]:
    """Sex and recorded place of the given residents, dead ones too (a frozen list still counts them)."""
    if not ids:
        return {}
    where: dict = {"id": sorted(ids)}
    if status is not None:
        where["status_penduduk"] = status
    return {o["id"]: o async for o in register.stream_residents(("id", "jenis_kelamin", "wilayah"), where=where,
                                                                   living=False)}


async def _akhir_hari(hari: date) -> datetime:
    """The end of `hari` in the nagari's time zone: lists approved that day count for that day."""
    zona = nagari_zone(await register.stored_profile())
    awal_besok = datetime.combine(hari + timedelta(days=1), time.min, tzinfo=zona)
    return awal_besok - timedelta(microseconds=1)
