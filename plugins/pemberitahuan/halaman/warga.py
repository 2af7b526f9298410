"""The resident's page /warga/pemberitahuan: choose how to be told (or not at all), send oneself a test message,
and see the latest notices and whether they arrived.

`akun_warga` is enhanced, not required (it can be switched off on its own), so its contract is imported where it
is used, and the routes are made when the host asks for them.
"""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from plugins.pemberitahuan import antar, catat, pilihan, saluran
from plugins.pemberitahuan.tables import Kiriman

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
URL = "/warga/pemberitahuan"
RECENT = 10


def _realm():
    from plugins.akun_warga import api

    return api


def _channel(c) -> dict:
    return {"kode": c.code, "label": c.label, "alamat": c.address_label, "jenis": c.input_type, "contoh": c.hint}


async def recent(penduduk_id: int, limit: int = RECENT) -> list[dict]:
    """The resident's latest notices with their delivery state in words."""
    rows = await Kiriman.select(Kiriman.judul, Kiriman.dibuat, Kiriman.status, Kiriman.galat, Kiriman.saluran).where(
        Kiriman.penduduk == penduduk_id).order_by(Kiriman.id, ascending=False).limit(limit).run()
    for row in rows:
        row["keadaan"] = antar.LABEL.get(row["status"], row["status"])
    return rows


async def _page(request: Request, resident: dict, isian: dict | None = None, galat: str = "",
                status_code: int = 200) -> Template:
    channels = [_channel(c) for c in await saluran.available(request)]
    choice = await pilihan.of(resident["penduduk_id"])
    labels = {c["kode"]: c["label"] for c in channels}
    kinds = {c["jenis"] for c in channels}
    return await _realm().resident_page(request, "pemberitahuan/warga.html", {
        "saluran": channels, "pilihan": choice, "label_pilihan": labels.get(choice["saluran"], choice["saluran"]),
        "tidak_tersedia": bool(choice["saluran"]) and choice["saluran"] not in labels,
        "isian": isian if isian is not None else choice, "galat": galat,
        "jenis_isian": kinds.pop() if len(kinds) == 1 else "text",
        "label_alamat": " atau ".join(dict.fromkeys(c["alamat"].lower() for c in channels)).capitalize() or "Alamat",
        "kiriman": await recent(resident["penduduk_id"])}, status_code)


async def show(request: Request) -> Template:
    return await _page(request, await _realm().current_resident(request))


async def choose(request: Request, data: Form) -> Template | Redirect:
    warga = _realm()
    resident = await warga.current_resident(request)
    form = {"saluran": data.get("saluran", ""), "alamat": data.get("alamat", "")}
    try:
        await pilihan.save(request, resident, form["saluran"], form["alamat"])
    except ValueError as exc:
        return await _page(request, resident, form, str(exc), 400)
    chosen = await pilihan.of(resident["penduduk_id"])
    await warga.flash(request, "Pilihan disimpan. " + (
        "Kirim pesan uji untuk memastikan pemberitahuan sampai." if chosen["saluran"]
        else "Anda tidak akan dikirimi pemberitahuan; periksa status surat di halaman Surat."))
    return Redirect(URL)


async def test_message(request: Request) -> Redirect:
    warga = _realm()
    try:
        await catat.test_message(request, await warga.current_resident(request))
    except ValueError as exc:
        await warga.flash(request, str(exc), "galat")
    else:
        await warga.flash(request, "Pesan uji sedang dikirim. Bila dalam beberapa menit tidak sampai, periksa alamat "
                                   "Anda, lalu lihat keadaannya di bawah.", "info")
    return Redirect(URL)


def routes() -> list:
    """The resident's routes, guarded by the realm (404 while it is closed); none when akun_warga is absent."""
    try:
        resident = _realm().resident_only()
    except ImportError:
        return []
    return [get(URL, opt=resident, include_in_schema=False, name="pemberitahuan_warga")(show),
            post(URL, opt=resident, include_in_schema=False, name="pemberitahuan_pilih")(choose),
            post(f"{URL}/uji", opt=resident, include_in_schema=False, name="pemberitahuan_uji")(test_message)]
