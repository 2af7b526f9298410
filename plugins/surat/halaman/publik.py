"""Public pages: checking a letter from its QR, and the nagari's published public keys. No NIK, ever."""

from __future__ import annotations

import json

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Response, Template

from plugin_sdk import dokumen, nagari_profile, public, public_page

from plugins.surat import segel
from plugins.surat.tables import Surat


def check_fields(request: Request, row: dict) -> bool:
    """Is the stored field signature valid for the letter as archived?"""
    # The nagari code as signed: a later change of the profile must not invalidate earlier letters.
    kode = json.loads(row["data"]).get("kode_nagari", nagari_profile(request).get("kode", ""))
    message = segel.field_message(row["nomor"], row["tanggal"].isoformat(), row["jenis_kode"], kode,
                                  segel.mask_name(row["nama"]), row["token"])
    return dokumen.keyring(request, "surat").verify(row["kunci_id"], row["tanda_data"], message)


@get("/cek-surat/{token:str}", opt=public(sample="/cek-surat/DemoTaramSuratTdkMampu"), include_in_schema=False)
async def verify_page(request: Request, token: FromPath[str]) -> Template:
    row = await Surat.select(Surat.token, Surat.nomor, Surat.tanggal, Surat.judul, Surat.jenis_kode, Surat.nama,
                             Surat.status, Surat.kunci_id, Surat.tanda_data, Surat.berlaku_sampai, Surat.alasan,
                             Surat.data).where(
        Surat.token == token).first().run()
    if row is None or row["status"] not in ("terbit", "batal"):
        return await public_page(request, "surat/cek.html", {"ditemukan": False}, 404)
    valid = check_fields(request, row)
    # What the QR itself carried must match the archive too (a forged QR pointing at a real letter fails here).
    carried = request.query_params.get("s")
    try:
        qr_matches = carried is None or segel.unb64(carried) == row["tanda_data"]
    except ValueError:  # not base64 at all
        qr_matches = False
    return await public_page(request, "surat/cek.html", {
        "ditemukan": True, "sah": valid and qr_matches and row["status"] == "terbit", "batal": row["status"] == "batal",
        "s": {"judul": row["judul"], "nomor": row["nomor"], "tanggal": dokumen.tanggal_panjang(row["tanggal"]),
              "berlaku_sampai": dokumen.tanggal_panjang(row["berlaku_sampai"]) if row["berlaku_sampai"] else "",
              "nama": segel.mask_name(row["nama"]), "alasan": row["alasan"] if row["status"] == "batal" else ""},
        "penerbit": nagari_profile(request)})


@get("/surat/kunci-publik", opt=public(), include_in_schema=False)
async def public_keys(request: Request) -> Template:
    return await public_page(request, "surat/kunci_publik.html",
                             {"kunci": dokumen.keyring(request, "surat").public_keys()})


@get("/surat/kunci-publik.json", opt=public(not_a_page="kunci publik (JSON)"), include_in_schema=False)
async def public_keys_json(request: Request) -> Response:
    keys = [{"id": k["id"], "ed25519": k["publik"], "dibuat": k["dibuat"].isoformat(), "aktif": k["aktif"]}
            for k in dokumen.keyring(request, "surat").public_keys()]
    return Response({"nagari": nagari_profile(request).get("kode", ""), "kunci": keys})


ROUTES = [verify_page, public_keys, public_keys_json]
