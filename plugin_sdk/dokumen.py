"""The document kit: letterheads, signature blocks, Indonesian words and dates, QR, sandboxed PDF rendering,
and signing finished PDFs (PAdES, with the nagari's own certificate or a plugin's signer).

    from plugin_sdk import dokumen
    hasil = await dokumen.render(dokumen.Dokumen(layout="surat.html", body=template, data=..., bingkai=...))

Operator-edited templates render in a sandbox with plain data only, in a worker
process, and may read no file but Balai's own fonts (ENGINEERING-NOTES 2).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from litestar import Request

from core.crypto.keyring import KeyRing
from core.crypto.keys import verify_hex as verify_signature
from core.crypto.sertifikat import SertifikatNagari, common_name, fingerprint, load_certificates
from core.dokumen.kop import kop
from core.dokumen.lembar import clean_text, csv_cell, read_cell, write_csv
from core.dokumen.pdf import PAPER, DocumentError, Dokumen, Halaman, Hasil, render, renderer
from core.dokumen.qr import qr_data_uri, qr_svg
from core.dokumen.sandbox import TemplateProblem, check_syntax, freeze, rupiah
from core.dokumen.tanda_tangan import BlokTandaTangan, block_for, officials, signatories
from core.dokumen.tanda_tangan_pdf import (PemeriksaanPdf, PenandatanganPdf, PenandatangananGagal, is_signer,
                                           local_signer)
from core.dokumen.xlsx import Lembar, to_bytes as xlsx_bytes, write as write_xlsx
from core.dokumen.teks import bulan_romawi, rupiah_terbilang, tanggal_panjang, terbilang
from core.web.access import enabled_plugins

log = logging.getLogger("balai.dokumen")


def _balai(source):
    # a request, or a background job's context (plugin_sdk.jobs.JobContext), which has no request
    return source.app.state.balai if isinstance(source, Request) else source._balai


def letterhead(source: Request) -> dict:
    """The kop surat of this nagari: {"baris": (...), "alamat": "...", "logo": data-URI or ""}.
    `source`: the request, or a job's context."""
    balai = _balai(source)
    return kop(balai.profile(), balai.settings.data_dir)


def keyring(request: Request, purpose: str) -> KeyRing:
    """The nagari's rotatable Ed25519 keys for `purpose` (e.g. "surat"), in the data folder."""
    return KeyRing(request.app.state.balai.settings.data_dir, purpose)


async def pdf_signer(source: Request) -> PenandatanganPdf:
    """What signs finished PDFs: an enabled plugin's signer (hook ``balai_pdf_signer``, the first answer wins),
    else the nagari's own certificate (PAdES B-B; the CA and certificate are made on first need). Sign with
    ``await signer.sign(pdf, reason=..., location=..., signatory=...)``; it raises `PenandatangananGagal`.
    `source`: the request, or a job's context."""
    balai = _balai(source)
    only = await enabled_plugins(source) if isinstance(source, Request) else await balai.enabled_names()
    chosen = await balai.host.acall("balai_pdf_signer", only=set(only))
    if chosen is not None and not is_signer(chosen):
        log.error("balai_pdf_signer memberi %r, bukan PenandatanganPdf (name dan sign): diabaikan", chosen)
        chosen = None
    return chosen if chosen is not None else local_signer(balai.settings.data_dir, balai.profile())


def ca_certificates(data_dir: Path) -> list[dict]:
    """The nagari CA certificates this installation trusts, newest first, for publishing and checking:
    {"sidik" (SHA-256 fingerprint "AB:CD:..."), "sidik_sha1", "nama", "subjek", "berlaku_sampai", "aktif", "pem",
    "der"}.
    Empty until the first PDF is signed. `data_dir`: ``plugin_sdk.data_dir(...)``."""
    return SertifikatNagari(data_dir).published()


def renew_signing_certificate(data_dir: Path, profile: dict) -> dict:
    """A new signing key and certificate from the nagari CA (made first if missing), for new PDFs; what the old
    one signed stays valid. Returns {"nama", "sidik", "berlaku_sampai"} of the new certificate."""
    made = SertifikatNagari(data_dir).rotate(profile)
    return {"nama": common_name(made.certificate), "sidik": fingerprint(made.certificate),
            "berlaku_sampai": made.certificate.not_valid_after_utc}


async def verify_pdf(content: bytes, ca: Iterable[bytes]) -> PemeriksaanPdf:
    """Check a signed PDF offline: every signature intact, one covering the whole file, its certificate issued by
    one of the trusted CAs in `ca` (each PEM, one or several, or DER: ``c["der"]`` of `ca_certificates`, or a file
    downloaded from the nagari's website). ValueError (a message in Bahasa Indonesia) when `ca` holds no certificate."""
    roots = [cert for blob in ca for cert in load_certificates(blob)]
    from core.dokumen.periksa_pdf import verify_pdf as check  # pyHanko is loaded only when a PDF is checked

    return await check(content, roots)


async def placeholders(request: Request, penduduk: dict) -> dict[str, dict]:
    """What enabled plugins add for this resident (hook ``balai_document_placeholders``), per plugin name."""
    host = request.app.state.balai.host
    found = {}
    for name, values in await host.acall_each("balai_document_placeholders", only=await enabled_plugins(request),
                                              request=request, penduduk=penduduk):
        if isinstance(values, dict):
            found[name] = {str(k): v if isinstance(v, (str, int, float)) else str(v) for k, v in values.items()}
    return found


__all__ = [
    "BlokTandaTangan", "DocumentError", "Dokumen", "Halaman", "Hasil", "KeyRing", "Lembar", "PAPER", "PemeriksaanPdf",
    "PenandatanganPdf", "PenandatangananGagal", "TemplateProblem", "block_for", "bulan_romawi", "ca_certificates",
    "check_syntax", "clean_text", "csv_cell", "freeze", "keyring", "letterhead", "officials", "pdf_signer",
    "placeholders", "qr_data_uri", "qr_svg", "read_cell", "renew_signing_certificate", "render", "renderer", "rupiah",
    "rupiah_terbilang", "signatories", "tanggal_panjang", "terbilang", "verify_pdf", "verify_signature", "write_csv",
    "write_xlsx", "xlsx_bytes",
]
