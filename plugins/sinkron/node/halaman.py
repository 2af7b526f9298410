"""The office's sync page /admin/sinkron (role nagari): enrol with the hub, the fingerprint to read out, the
outbox with each batch's state and error, "Sinkron sekarang", and the USB file for a day without internet."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect, Response, Template

from plugin_sdk import backup_status, flash, page, requires, role

from plugins.sinkron.node.daftar import DaftarError, daftar
from plugins.sinkron.node.ganti_kunci import ganti_kunci
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.kirim import kirim
from plugins.sinkron.node.status import LABEL, hari_peringatan, kotak, ringkasan
from plugins.sinkron.node.tables import DICABUT
from plugins.sinkron.node.teks import alasan_tanpa_ekspor, siapkan_berkas
from plugins.sinkron.node.usb import nama_berkas
from plugins.sinkron.plugin import KELOLA

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
BASE = "/admin/sinkron"


def _hanya_nagari(request: Request) -> None:
    if role(request) != "nagari":
        raise NotFoundException("Halaman ini hanya ada di komputer nagari.")


async def _halaman(request: Request, isian: dict | None = None, galat: dict | None = None,
                   status_code: int = 200) -> Template:
    r = await ringkasan()
    return await page(request, "sinkron/node/sinkron.html", {
        "r": r, "hub": r["hub"], "kotak": await kotak(), "label": LABEL, "hari": await hari_peringatan(),
        "isian": isian or {}, "galat": galat or {}}, status_code)


@get(BASE, opt=requires(KELOLA), include_in_schema=False)
async def sinkron_halaman(request: Request) -> Template:
    _hanya_nagari(request)
    return await _halaman(request)


@post(f"{BASE}/daftar", opt=requires(KELOLA), include_in_schema=False)
async def sinkron_daftar(request: Request, data: Form) -> Template | Redirect:
    _hanya_nagari(request)
    isian = {k: (data.get(k) or "") for k in ("url", "kode_undangan", "kontak")}
    try:
        sidik = await daftar(request, isian["url"], isian["kode_undangan"], isian["kontak"])
    except DaftarError as e:
        return await _halaman(request, isian, e.galat, 400)
    flash(request, f"Pendaftaran terkirim. Bacakan sidik jari {sidik} kepada Diskominfo kabupaten; data dikirim "
                   "setelah mereka mengonfirmasinya.")
    return Redirect(BASE)


@post(f"{BASE}/kirim", opt=requires(KELOLA), include_in_schema=False)
async def sinkron_sekarang(request: Request) -> Redirect:
    _hanya_nagari(request)
    hub = (await ringkasan())["hub"]
    if hub is None or hub["status"] == DICABUT:
        flash(request, "Daftarkan nagari ke hub kabupaten dulu.", "galat")
        return Redirect(BASE)
    while await kemas(request) is not None:
        pass
    hasil = await kirim(request, paksa=True, cadangan=(await backup_status(request))["terakhir"])
    flash(request, hasil.pesan, "info" if hasil.berhasil else "galat")
    return Redirect(BASE)


@post(f"{BASE}/kunci", opt=requires(KELOLA), include_in_schema=False)
async def sinkron_ganti_kunci(request: Request) -> Redirect:
    _hanya_nagari(request)
    try:
        sidik = await ganti_kunci(request)
    except DaftarError as e:
        flash(request, str(e), "galat")
        return Redirect(BASE)
    flash(request, f"Kunci diganti; sidik jari baru {sidik}. Batch yang sudah dikemas tetap sah.")
    return Redirect(BASE)


@post(f"{BASE}/berkas", opt=requires(KELOLA), status_code=200, include_in_schema=False)
async def sinkron_berkas(request: Request) -> Response | Redirect:
    """The USB file: a download (POST: it packs and marks the frames as carried on a file). Refused as the CLI's
    export is (not enrolled, sending stopped: the hub would skip the file's batch numbers)."""
    _hanya_nagari(request)
    if alasan := await alasan_tanpa_ekspor():
        flash(request, alasan, "galat")
        return Redirect(BASE)
    teks, _ = await siapkan_berkas(request)
    hub = (await ringkasan())["hub"]
    nama = nama_berkas(hub["kode_wilayah"] if hub else "", datetime.now(timezone.utc))
    return Response(teks.encode(), media_type="application/x-ndjson",
                    headers={"Content-Disposition": f'attachment; filename="{nama}"'})


ROUTES = [sinkron_halaman, sinkron_daftar, sinkron_sekarang, sinkron_ganti_kunci, sinkron_berkas]
