"""Checking a signed PDF as a PDF reader would, without a network: is every signature intact, does one cover the
whole file, and does its certificate chain to a CA the checker trusts (the nagari CA, or one the user names).

Imported only when a PDF is checked (pyHanko is slow to import).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from core.crypto.sertifikat import fingerprint
from core.dokumen.tanda_tangan_pdf import PemeriksaanPdf

# An untrusted chain is reported in our result; pyHanko's own warning (with a traceback) would only repeat it.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)

CHANGED = ("Isi berkas telah diubah setelah ditandatangani. Jangan dipakai: minta berkas asli dari nagari, atau "
           "periksa kode QR pada suratnya.")


def _padding_is_zero(contents: bytes) -> bool:
    """The room reserved for the signature after the CMS must be zeros: pyHanko reads the CMS and ignores what
    follows it, so a byte changed there would otherwise go unnoticed."""
    if len(contents) < 2 or contents[0] != 0x30:
        return False
    size = contents[1]
    if size < 0x80:
        end = 2 + size
    else:
        count = size & 0x7F
        end = 2 + count + int.from_bytes(contents[2:2 + count], "big")
    return end <= len(contents) and not contents[end:].strip(b"\x00")


def _name(cert) -> str:
    try:
        return cert.subject.native.get("common_name", "") or cert.subject.human_friendly
    except Exception:  # a certificate too odd to describe still gets checked
        return ""


async def verify_pdf(content: bytes, trusted: Iterable[x509.Certificate]) -> PemeriksaanPdf:
    """Check every signature of a PDF against the trusted CA certificates; valid only when all are intact and
    trusted and one covers the whole file (nothing added after it)."""
    roots = {fingerprint(c): asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trusted}
    try:
        signatures = PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures
    except Exception:  # pyHanko's PdfReadError and what a damaged file makes it raise on the way
        return PemeriksaanPdf(False, "Berkas rusak atau bukan PDF yang dapat dibaca. Minta berkas asli (hasil "
                                     "Unduh PDF) dari nagari.")
    if not signatures:
        return PemeriksaanPdf(False, "Berkas ini tidak memuat tanda tangan elektronik.")
    whole, last = False, None
    for signature in signatures:
        try:
            claimed = signature.self_reported_timestamp
            context = ValidationContext(trust_roots=list(roots.values()), moment=claimed, allow_fetching=False)
            status = await async_validate_pdf_signature(signature, signer_validation_context=context)
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return PemeriksaanPdf(False, CHANGED)  # a damaged signature dictionary or CMS: what tampering leaves
        name = _name(status.signing_cert)
        if not (status.intact and status.valid and _padding_is_zero(signature.pkcs7_content)):
            return PemeriksaanPdf(False, CHANGED, name, claimed)
        if not status.trusted:
            return PemeriksaanPdf(False, "Tanda tangan utuh, tetapi sertifikatnya tidak diterbitkan oleh CA yang "
                                         "dipercaya (CA nagari). Periksa dengan sertifikat CA dari situs nagari.",
                                  name, claimed)
        whole = whole or status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        anchor = status.validation_path[0].dump() if status.validation_path is not None else b""
        last = (name, claimed, next((sidik for sidik, root in roots.items() if root.dump() == anchor), ""))
    if not whole:
        return PemeriksaanPdf(False, "Ada tambahan pada berkas setelah ditandatangani: berkas tidak lagi persis "
                                     "seperti saat diterbitkan. Minta berkas asli dari nagari.", *last)
    return PemeriksaanPdf(True, "Tanda tangan sah, mencakup seluruh berkas, dan sertifikatnya diterbitkan CA "
                                "yang dipercaya.", *last)

