"""The hub operator's pages (role hub; 404 on a nagari): the nagari enrolled with their state, last contact and
heartbeat; one-time enrolment codes; confirming a nagari by the fingerprint it reads out; revoking a nagari or a key;
applying a USB file brought from a nagari."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from plugin_sdk import current_user, flash, page, requires, role

from plugins.sinkron.hub import pantau
from plugins.sinkron.hub.daftar import DaftarError, buat_undangan, cabut_kunci, cabut_node, konfirmasi, nagari
from plugins.sinkron.hub.tables import LEWAT, STATUS_KUNCI, STATUS_NODE
from plugins.sinkron.hub.terima import BATAS_BERKAS, impor
from plugins.sinkron.plugin import HUB

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
BASE = "/admin/hub"
HANYA_HUB = "halaman hub kabupaten: ada hanya pada balai serve --role hub (demo adalah nagari)"
KODE = "{kode:str}"


def _hanya_hub(request: Request) -> None:
    if role(request) != "hub":
        raise NotFoundException("Halaman ini hanya ada di hub kabupaten.")


async def _beranda(request: Request, kode_baru: dict | None = None, galat: dict | None = None,
                   status_code: int = 200) -> Template:
    return await page(request, "sinkron/hub/node.html", {
        "node": await pantau.daftar_node(), "undangan": await pantau.undangan_terbuka(), "nagari": nagari(),
        "status_node": STATUS_NODE, "kode_baru": kode_baru, "galat": galat or {}}, status_code)


@get(BASE, opt=requires(HUB, not_a_page=HANYA_HUB), include_in_schema=False)
async def hub_beranda(request: Request) -> Template:
    _hanya_hub(request)
    return await _beranda(request)


@post(f"{BASE}/undangan", opt=requires(HUB), include_in_schema=False)
async def hub_undangan(request: Request, data: Form) -> Template:
    """A new code is shown on this answer only (never in a redirect's flash: it is a secret until used)."""
    _hanya_hub(request)
    kode_wilayah = (data.get("kode_wilayah") or "").strip()
    user = await current_user(request)
    try:
        kode = await buat_undangan(kode_wilayah, (user or {}).get("username", ""), request)
    except DaftarError as e:
        return await _beranda(request, galat={"kode_wilayah": str(e)}, status_code=400)
    nama = next((n["nama"] for n in nagari() if n["kode"] == kode_wilayah), kode_wilayah)
    return await _beranda(request, kode_baru={"kode": kode, "nama": nama, "kode_wilayah": kode_wilayah})


@get(f"{BASE}/nagari/{KODE}", opt=requires(HUB, not_a_page=HANYA_HUB), include_in_schema=False)
async def hub_nagari(request: Request, kode: FromPath[str]) -> Template:
    _hanya_hub(request)
    row = await pantau.node(kode)
    if row is None:
        raise NotFoundException("Nagari tidak terdaftar di hub.")
    return await page(request, "sinkron/hub/nagari.html", {
        "n": row, "kunci": await pantau.kunci_node(kode), "batch": await pantau.batch_terakhir(kode),
        "jumlah_rilis": await pantau.jumlah_rilis(kode), "status_node": STATUS_NODE, "status_kunci": STATUS_KUNCI,
        "lewat": LEWAT})


async def _aksi(request: Request, kode: str, kerja, berhasil: str, tetap: str) -> Redirect:
    """Run a state change on one nagari and come back to its page with what happened."""
    try:
        berubah = await kerja()
    except DaftarError as e:
        if e.status == 404:
            raise NotFoundException(str(e)) from None
        flash(request, str(e), "galat")
        return Redirect(f"{BASE}/nagari/{kode}")
    flash(request, berhasil if berubah is not False else tetap, "sukses" if berubah is not False else "info")
    return Redirect(f"{BASE}/nagari/{kode}")


@post(f"{BASE}/nagari/{KODE}/konfirmasi", opt=requires(HUB), include_in_schema=False)
async def hub_konfirmasi(request: Request, kode: FromPath[str], data: Form) -> Redirect:
    _hanya_hub(request)
    return await _aksi(request, kode, lambda: konfirmasi(kode, data.get("sidik_jari") or "", request),
                       "Sidik jari cocok: nagari aktif, batch yang dikirimnya kini diterapkan.", "")


@post(f"{BASE}/nagari/{KODE}/cabut", opt=requires(HUB), include_in_schema=False)
async def hub_cabut(request: Request, kode: FromPath[str]) -> Redirect:
    _hanya_hub(request)
    return await _aksi(request, kode, lambda: cabut_node(kode, request),
                       "Pendaftaran nagari dicabut: kiriman berikutnya ditolak sampai nagari mendaftar ulang.",
                       "Pendaftaran nagari ini sudah dicabut.")


@post(f"{BASE}/nagari/{KODE}/kunci/{{kid:str}}/cabut", opt=requires(HUB), include_in_schema=False)
async def hub_cabut_kunci(request: Request, kode: FromPath[str], kid: FromPath[str]) -> Redirect:
    _hanya_hub(request)
    return await _aksi(request, kode, lambda: cabut_kunci(kode, kid, request),
                       "Kunci dicabut: batch yang ditandatanganinya ditolak.", "Kunci ini sudah dicabut.")


@post(f"{BASE}/impor", opt=requires(HUB), include_in_schema=False, request_max_body_size=BATAS_BERKAS)
async def hub_impor(request: Request, data: Multipart) -> Redirect:
    """A USB file from a nagari without internet, applied as if it had been sent (its batches skip if known)."""
    _hanya_hub(request)
    upload = data.get("berkas")
    if not isinstance(upload, UploadFile) or not upload.filename:
        flash(request, "Pilih berkas sinkron (.jsonl) dari flashdisk nagari.", "galat")
        return Redirect(BASE)
    try:
        teks = (await upload.read()).decode("utf-8")
    except UnicodeDecodeError:
        flash(request, f"Berkas {upload.filename} bukan berkas sinkron Balai.", "galat")
        return Redirect(BASE)
    berhasil, pesan = await impor(teks, upload.filename)
    flash(request, pesan, "sukses" if berhasil else "galat")
    return Redirect(BASE)


ROUTES = [hub_beranda, hub_undangan, hub_nagari, hub_konfirmasi, hub_cabut, hub_cabut_kunci, hub_impor]
