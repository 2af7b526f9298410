"""Signing a finished PDF: the pluggable signer, and the default one with the nagari's own certificate.

`PenandatanganPdf` is anything with a `name` (shown to staff) and `async sign(pdf, reason=, location=,
signatory=) -> signed pdf`. A plugin supplies a replacement through the hook `balai_pdf_signer` (e.g. a certified
electronic signature service such as BSrE TTE); without one, `local_signer` signs with the nagari's own
certificate (`core/crypto/sertifikat.py`, `core/dokumen/pades.py`): a PAdES B-B signature (ETSI EN 319 142-1) that
any PDF reader shows as signed, and as changed when a byte of the file is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from core.crypto.sertifikat import RENEW_BEFORE, BahanTandaTangan, SertifikatNagari, signing_name, subject_names

if TYPE_CHECKING:
    from core.dokumen.pades import PadesEngine


class PenandatangananGagal(RuntimeError):
    """Signing failed and nothing was signed; the message (Bahasa Indonesia) is for the operator."""


@runtime_checkable
class PenandatanganPdf(Protocol):
    """What signs a finished PDF. `name` is shown to staff and on the public keys page."""

    name: str

    async def sign(self, pdf: bytes, *, reason: str, location: str, signatory: str = "") -> bytes:
        """Return the signed PDF. `reason` and `location` go into the signature (readers show them); `signatory`
        is the official who signs the letter, for a signer that holds a certificate per person.
        Raise `PenandatangananGagal` with a message for the operator when it cannot sign."""
        ...


@dataclass(frozen=True)
class PemeriksaanPdf:
    """The outcome of checking a signed PDF (`core/dokumen/periksa_pdf.py`); `alasan` says why, in Bahasa Indonesia."""

    sah: bool
    alasan: str
    penanda_tangan: str = ""  # the signing certificate's name (common name)
    waktu: datetime | None = None  # when the signer says it signed (PAdES B-B carries no trusted timestamp)
    sidik_ca: str = ""  # SHA-256 fingerprint of the trusted CA the certificate chains to


class PenandatanganLokal:
    """The default signer: the nagari's own signing certificate, issued by the nagari CA (PAdES B-B, ECDSA P-256).

    Nothing is made until the first signature: the CA and certificate are created then (a page that only shows
    the signer's name must not, or a restore into this data folder would find it not empty). The loaded key,
    certificates and pyHanko set-up are kept, and loaded again only when the folder changes (a rotation, here or
    in another process) or the certificate nears its end.
    """

    def __init__(self, store: SertifikatNagari, profile: dict):
        self.store, self.profile = store, profile
        self.name = f"Sertifikat elektronik {signing_name(profile)} (CA nagari)"
        self._engine: PadesEngine | None = None
        self._loaded: tuple[int, BahanTandaTangan] | None = None

    def material(self) -> BahanTandaTangan:
        """The key and certificates to sign with now, made on first need."""
        if self._loaded is not None and self._loaded[0] == self.store.version() and \
                self._loaded[1].certificate.not_valid_after_utc - datetime.now(timezone.utc) > RENEW_BEFORE:
            return self._loaded[1]
        material = self.store.signing(self.profile)  # may write files: the version is read after
        if self._loaded is None or self._loaded[1].certificate != material.certificate:
            self._engine = None  # another certificate: pyHanko is set up again for it
        self._loaded = (self.store.version(), material)
        return material

    async def sign(self, pdf: bytes, *, reason: str, location: str, signatory: str = "") -> bytes:
        # The certificate names the nagari, not a person: `signatory` is printed in the letter itself.
        material = self.material()
        if self._engine is None:
            from core.dokumen.pades import PadesEngine  # pyHanko is loaded on the first signature only

            self._engine = PadesEngine(material)
        return await self._engine.sign(pdf, reason, location)


_cache: dict[tuple[Path, str], PenandatanganLokal] = {}


def local_signer(data_dir: Path, profile: dict) -> PenandatanganLokal:
    """The default signer for this data folder and the nagari's current names, kept loaded between letters."""
    store = SertifikatNagari(data_dir)
    key = (store.folder, subject_names(profile)[1].rfc4514_string())
    if key not in _cache:
        _cache[key] = PenandatanganLokal(store, profile)
    return _cache[key]


def is_signer(value) -> bool:
    """Does `value` look like a PenandatanganPdf (a plugin's answer is checked before it is used)?"""
    return isinstance(value, PenandatanganPdf) and isinstance(getattr(value, "name", None), str)
