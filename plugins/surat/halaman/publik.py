"""Public pages: checking a letter from its QR, and the nagari's published public keys and CA certificate (so a
kabupaten or anyone with a PDF reader can trust the letters' PAdES signatures). No NIK, ever."""

from __future__ import annotations

import json
import re

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Response, Template

from plugin_sdk import data_dir, dokumen, nagari_profile, public, public_page

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
              "nama": segel.mask_name(row["nama"]), "alasan": row["alasan"] if row["status"] == "batal" else "",
              "penanda_tangan_pdf": json.loads(row["data"]).get("penanda_tangan_pdf", "")},
        "penerbit": nagari_profile(request)})


async def _certificates(request: Request) -> tuple[str, list[dict]]:
    """The name of what signs new letters, and the nagari CA certificates (made when the first letter is signed)."""
    signer = await dokumen.pdf_signer(request)
    return signer.name, dokumen.ca_certificates(data_dir(request))


@get("/surat/kunci-publik", opt=public(), include_in_schema=False)
async def public_keys(request: Request) -> Template:
    penanda_tangan, ca = await _certificates(request)
    return await public_page(request, "surat/kunci_publik.html",
                             {"kunci": dokumen.keyring(request, "surat").public_keys(), "ca": ca,
                              "penanda_tangan_pdf": penanda_tangan})


@get("/surat/kunci-publik.json", opt=public(not_a_page="kunci publik (JSON)"), include_in_schema=False)
async def public_keys_json(request: Request) -> Response:
    penanda_tangan, ca = await _certificates(request)
    keys = [{"id": k["id"], "ed25519": k["publik"], "dibuat": k["dibuat"].isoformat(), "aktif": k["aktif"]}
            for k in dokumen.keyring(request, "surat").public_keys()]
    authorities = [{"sidik_sha256": c["sidik"], "nama": c["nama"], "berlaku_sampai": c["berlaku_sampai"].isoformat(),
                    "aktif": c["aktif"], "pem": c["pem"]} for c in ca]
    return Response({"nagari": nagari_profile(request).get("kode", ""), "kunci": keys, "ca": authorities,
                     "penanda_tangan_pdf": penanda_tangan})


NO_CA = "Belum ada sertifikat CA nagari: sertifikat dibuat saat surat pertama ditandatangani."


def _download(request: Request, content: bytes, suffix: str, media_type: str) -> Response:
    name = re.sub(r"[^a-z0-9]+", "-", (nagari_profile(request).get("nama") or "").lower()).strip("-") or "nagari"
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="ca-nagari-{name}.{suffix}"'})


@get("/surat/ca-nagari.pem", opt=public(not_a_page="sertifikat CA (PEM)"), include_in_schema=False)
async def ca_pem(request: Request) -> Response:
    """Every CA certificate this nagari trusts (older ones keep older letters valid), PEM, newest first."""
    ca = dokumen.ca_certificates(data_dir(request))
    if not ca:
        return Response(NO_CA, status_code=404, media_type="text/plain")
    return _download(request, "".join(c["pem"] for c in ca).encode(), "pem", "application/x-pem-file")


@get("/surat/ca-nagari.cer", opt=public(not_a_page="sertifikat CA (DER)"), include_in_schema=False)
async def ca_der(request: Request) -> Response:
    """The active CA certificate, DER: what Windows, Adobe Reader and Foxit import with a double click."""
    ca = dokumen.ca_certificates(data_dir(request))
    active = next((c for c in ca if c["aktif"]), ca[0] if ca else None)
    if active is None:  # no letter signed yet, or a plugin signs with a certificate of its own
        return Response(NO_CA, status_code=404, media_type="text/plain")
    return _download(request, active["der"], "cer", "application/pkix-cert")


ROUTES = [verify_page, public_keys, public_keys_json, ca_pem, ca_der]
