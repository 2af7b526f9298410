"""The default PDF signer: PAdES B-B with the nagari's own signing certificate, through pyHanko.

Imported only when a PDF is first signed (pyHanko takes most of a second to import; the CLI and the web workers
should not pay for it unless they sign). `core/dokumen/tanda_tangan_pdf.py` keeps the engine loaded.
"""

from __future__ import annotations

import hashlib
import io

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from core.crypto.sertifikat import BahanTandaTangan
from core.dokumen.tanda_tangan_pdf import PenandatangananGagal

FIELD = "TandaTanganNagari"
NOT_READY = ("Penanda tangan PDF tidak siap: templat tanda tangan tidak sesuai dengan pustaka pyHanko yang terpasang. "
             "Surat belum terbit; hubungi pengelola Balai.")


def _der(tag: int, body: bytes) -> bytes:
    """One DER element: tag, definite length, body."""
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


class _TemplateCmsSigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, with the CMS built from a template made once per certificate.

    Written here because a measurement said so (ENGINEERING-NOTES 16). Signing a real letter (67 KB) with pyHanko
    as it comes took 69 ms (median): it builds the CMS SignedData twice (once to measure the room it needs), each
    time ~30 ms of pure-Python asn1crypto work. Yet for PAdES B-B only two things in it change from one letter to
    the next: the document digest (inside the signed attributes: content type, message digest,
    signing-certificate-v2; PAdES puts the signing time in the signature dictionary, not here) and the ECDSA
    value. So pyHanko builds it once around a marker digest, and each letter reuses those bytes with its own
    digest and signature, and the room is known: 5.6 ms per letter, nearly all of it pyHanko's PDF work. Any other
    kind of request (a timestamp, another digest) goes to pyHanko unchanged.
    """

    MARKER = hashlib.sha256(b"balai: template digest").digest()

    def __init__(self, material: BahanTandaTangan):
        der = serialization.Encoding.DER
        self._key = material.key
        self._template: tuple[bytes, bytes, bytes, bytes, bytes] | None = None
        super().__init__(
            signing_cert=asn1_x509.Certificate.load(material.certificate.public_bytes(der)),
            signing_key=asn1_keys.PrivateKeyInfo.load(material.key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(material.ca.public_bytes(der))]))

    async def template_size(self) -> int:
        await self._prepare()
        return self._size

    async def _prepare(self) -> None:
        if self._template is not None:
            return
        built = (await super().async_sign(self.MARKER, "sha256", use_pades=True)).dump()
        info = cms.ContentInfo.load(built)
        data, signer = info["content"], info["content"]["signer_infos"][0]
        attributes = signer["signed_attrs"].dump()
        if attributes[0] != 0xA0 or attributes.count(self.MARKER) != 1:
            raise PenandatangananGagal(NOT_READY)
        self._template = (info["content_type"].dump(),
                          b"".join(data[k].dump() for k in ("version", "digest_algorithms", "encap_content_info",
                                                             "certificates")),
                          b"".join(signer[k].dump() for k in ("version", "sid", "digest_algorithm")),
                          attributes, signer["signature_algorithm"].dump())
        # The template put back together must be exactly what pyHanko wrote, or the slicing above is wrong.
        if self._assemble(attributes, signer["signature"].native) != built:
            raise PenandatangananGagal(NOT_READY)
        self._size = len(built)

    def _assemble(self, attributes: bytes, signature: bytes) -> bytes:
        content_type, data_head, signer_head, _, algorithm = self._template
        signer_info = _der(0x30, signer_head + attributes + algorithm + _der(0x04, signature))
        signed_data = _der(0x30, data_head + _der(0x31, signer_info))
        return _der(0x30, content_type + _der(0xA0, signed_data))

    async def async_sign(self, data_digest, digest_algorithm, dry_run=False, use_pades=False, timestamper=None,
                         signed_attr_settings=None, is_pdf_sig=True, encap_content_info=None):
        plain = (digest_algorithm == "sha256" and use_pades and timestamper is None and is_pdf_sig
                 and encap_content_info is None and len(data_digest) == 32
                 and (signed_attr_settings is None or (signed_attr_settings.adobe_revinfo_attr is None
                                                       and signed_attr_settings.cades_signed_attrs is None)))
        if not plain:
            return await super().async_sign(data_digest, digest_algorithm, dry_run=dry_run, use_pades=use_pades,
                                            timestamper=timestamper, signed_attr_settings=signed_attr_settings,
                                            is_pdf_sig=is_pdf_sig, encap_content_info=encap_content_info)
        await self._prepare()
        attributes = self._template[3].replace(self.MARKER, data_digest)
        # The signature covers the attributes DER-encoded as a SET (RFC 5652, 5.4), not with their [0] tag.
        signature = self._key.sign(b"\x31" + attributes[1:], ECDSA(hashes.SHA256()))
        return cms.ContentInfo.load(self._assemble(attributes, signature))


class PadesEngine:
    """pyHanko set up once for one signing certificate: signs a PDF as PAdES B-B (an invisible signature field)."""

    def __init__(self, material: BahanTandaTangan):
        self._signer = _TemplateCmsSigner(material)

    async def sign(self, pdf: bytes, reason: str, location: str) -> bytes:
        meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha256",
                                            subfilter=fields.SigSeedSubFilter.PADES,
                                            reason=reason[:300] or None, location=location[:200] or None)
        try:
            # Reserved room for the CMS, in hex digits: the template's size and a margin for the ECDSA value
            # (70-72 bytes) and its lengths, so pyHanko need not sign twice to measure it.
            reserved = 2 * (await self._signer.template_size() + 64)
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
            out = await signers.async_sign_pdf(writer, meta, signer=self._signer, bytes_reserved=reserved)
        except PenandatangananGagal:
            raise
        except Exception as exc:  # pyHanko's PdfError, SigningError, a malformed PDF...
            raise PenandatangananGagal(f"PDF tidak dapat ditandatangani ({exc}). Tidak ada yang disimpan; coba "
                                       "lagi, dan bila tetap gagal hubungi pengelola Balai.") from exc
        return out.getvalue()
