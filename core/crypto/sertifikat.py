"""The nagari's own small certificate authority (CA) and the certificate that signs its letters' PDFs.

Both live in the data folder beside the key rings, in `kunci/sertifikat/`, so a backup with secrets carries them
(encrypted) and a restore brings them back:

- `ca-<stamp>.key` and `ca-<stamp>.crt`: the nagari CA, an ECDSA P-256 key and its self-signed certificate
  (valid 20 years). Its certificate is published on the website; a kabupaten or a PDF reader that trusts it trusts
  every letter the nagari signs.
- `ttd-<stamp>.key` and `ttd-<stamp>.crt`: the signing key and the certificate the CA issued for it (valid 5 years).

Everything is made on first need, with names from the nagari profile (name, code, kabupaten, province). The
signing certificate is renewed when less than a year of it is left, when the profile's name or code no longer
matches it, or on demand (`rotate`). Old signing certificates stay: a signed PDF carries its own certificate,
which still chains to the CA, so letters signed before a rotation stay valid. A plain backup carries the
certificates without their keys; restored from one, the old CA stays trusted for checking and a new CA signs.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from core.crypto.keys import KEY_DIR

FOLDER = "sertifikat"
CA_YEARS = 20
SIGNING_YEARS = 5
RENEW_BEFORE = timedelta(days=365)
CLOCK_SKEW = timedelta(hours=1)  # another computer's clock may run a little behind ours


_published: dict[Path, tuple[int, list[dict]]] = {}


@dataclass(frozen=True)
class BahanTandaTangan:
    """What signs: the private key, its certificate and the CA that issued it (the chain a PDF carries)."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    ca: x509.Certificate


def fingerprint(cert: x509.Certificate, algorithm: hashes.HashAlgorithm | None = None) -> str:
    """The certificate's fingerprint as PDF readers and operating systems show it: "AB:CD:...". SHA-256 unless
    told otherwise (Windows shows SHA-1 as "Thumbprint")."""
    return ":".join(f"{b:02X}" for b in cert.fingerprint(algorithm or hashes.SHA256()))


def signing_name(profile: dict) -> str:
    """The signing certificate's common name, what PDF readers show as the signer: "Pemerintah Nagari Taram"."""
    return f"Pemerintah {profile.get('sebutan_desa') or 'Nagari'} {profile.get('nama') or 'Balai'}"[:64]


def subject_names(profile: dict) -> tuple[x509.Name, x509.Name]:
    """(CA subject, signing subject) from the nagari profile."""
    place = f"{profile.get('sebutan_desa') or 'Nagari'} {profile.get('nama') or 'Balai'}"
    common = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
    if profile.get("provinsi"):
        common.append(x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, profile["provinsi"][:128]))
    if profile.get("kabupaten"):
        common.append(x509.NameAttribute(NameOID.LOCALITY_NAME, profile["kabupaten"][:128]))
    common.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Pemerintah {place}"[:64]))
    if profile.get("kode"):  # the Kemendagri village code tells two nagari of the same name apart
        common.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, str(profile["kode"])[:64]))
    ca = x509.Name([*common, x509.NameAttribute(NameOID.COMMON_NAME, f"Otoritas Sertifikat {place}"[:64])])
    signer = x509.Name([*common, x509.NameAttribute(NameOID.COMMON_NAME, signing_name(profile))])
    return ca, signer


def _usage(*, sign: bool) -> x509.KeyUsage:
    # A CA signs certificates only; the signing key signs documents (non-repudiation: "content commitment").
    return x509.KeyUsage(digital_signature=sign, content_commitment=sign, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=not sign, crl_sign=not sign,
                         encipher_only=False, decipher_only=False)


def _issue(subject: x509.Name, key, issuer: x509.Name, issuer_key, years: int, *, ca: bool,
           until: datetime | None = None) -> x509.Certificate:
    now = datetime.now(timezone.utc)
    end = now + timedelta(days=365 * years + years // 4)
    end = min(end, until) if until else end  # a certificate never outlives the CA that issued it
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - CLOCK_SKEW).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
               .add_extension(_usage(sign=not ca), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if not ca:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _issued_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


class SertifikatNagari:
    """The CA and signing certificates of one installation (one data folder)."""

    def __init__(self, data_dir: Path):
        self.folder = Path(data_dir) / KEY_DIR / FOLDER

    def version(self) -> int:
        """Changes whenever a file is added here (by this process or another): a cache key."""
        try:
            return self.folder.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    # -- reading -----------------------------------------------------------------------------------------------

    def _certs(self, kind: str) -> list[tuple[Path, x509.Certificate]]:
        """Certificates of one kind ("ca" or "ttd"), newest first."""
        if not self.folder.is_dir():
            return []
        paths = sorted(self.folder.glob(f"{kind}-*.crt"), reverse=True)
        return [(p, x509.load_pem_x509_certificate(p.read_bytes())) for p in paths]

    def _key(self, cert_path: Path):
        key_path = cert_path.with_suffix(".key")
        if not key_path.exists():
            return None
        return serialization.load_pem_private_key(key_path.read_bytes(), password=None)

    def authorities(self) -> list[x509.Certificate]:
        """Every CA certificate this installation trusts, newest first (older ones keep old letters valid)."""
        return [cert for _, cert in self._certs("ca")]

    def published(self) -> list[dict]:
        """The CA certificates for publishing, newest first: {"sidik" (SHA-256), "sidik_sha1", "nama", "subjek",
        "berlaku_sampai", "aktif" (the one that issues new signing certificates), "pem", "der"}. Kept until the
        folder changes: the public keys page asks on every visit."""
        version = self.version()
        if (cached := _published.get(self.folder)) is not None and cached[0] == version:
            return [dict(c) for c in cached[1]]
        active = self._active_ca()
        found = []
        for cert in self.authorities():
            found.append({"sidik": fingerprint(cert), "sidik_sha1": fingerprint(cert, hashes.SHA1()),
                          "subjek": cert.subject.rfc4514_string(),
                          "nama": common_name(cert), "berlaku_sampai": cert.not_valid_after_utc,
                          "aktif": active is not None and cert == active[0],
                          "pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
                          "der": cert.public_bytes(serialization.Encoding.DER)})
        _published[self.folder] = (version, found)
        return [dict(c) for c in found]

    def _active_ca(self):
        for path, cert in self._certs("ca"):
            if (key := self._key(path)) is not None and cert.not_valid_after_utc > _now() + RENEW_BEFORE:
                return cert, key
        return None

    def _active_signer(self, ca: x509.Certificate, wanted: x509.Name) -> BahanTandaTangan | None:
        for path, cert in self._certs("ttd"):
            if cert.subject != wanted or cert.not_valid_after_utc <= _now() + RENEW_BEFORE or not _issued_by(cert, ca):
                continue
            if (key := self._key(path)) is not None:
                return BahanTandaTangan(key, cert, ca)
        return None

    # -- making ------------------------------------------------------------------------------------------------

    def signing(self, profile: dict) -> BahanTandaTangan:
        """The signing key and certificate for new letters; made (CA included) or renewed when needed."""
        wanted = subject_names(profile)[1]
        ca = self._active_ca()
        if ca is not None and (found := self._active_signer(ca[0], wanted)) is not None:
            return found
        with self._locked():  # another worker may be making them right now: look again under the lock
            ca = self._active_ca() or self._make_ca(profile)
            return self._active_signer(ca[0], wanted) or self._make_signer(profile, *ca)

    def rotate(self, profile: dict) -> BahanTandaTangan:
        """A new signing key and certificate; the old ones stay, so what they signed stays valid."""
        with self._locked():
            ca = self._active_ca() or self._make_ca(profile)
            return self._make_signer(profile, *ca)

    def _make_ca(self, profile: dict):
        key = ec.generate_private_key(ec.SECP256R1())
        name = subject_names(profile)[0]
        cert = _issue(name, key, name, key, CA_YEARS, ca=True)
        self._write("ca", key, cert)
        return cert, key

    def _make_signer(self, profile: dict, ca: x509.Certificate, ca_key) -> BahanTandaTangan:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _issue(subject_names(profile)[1], key, ca.subject, ca_key, SIGNING_YEARS, ca=False,
                      until=ca.not_valid_after_utc)
        self._write("ttd", key, cert)
        return BahanTandaTangan(key, cert, ca)

    def _write(self, kind: str, key, cert: x509.Certificate) -> None:
        stamp = _now().strftime("%Y%m%d%H%M%S%f")
        digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
        base = self.folder / f"{kind}-{stamp}-{digest[:8]}"
        # The key first, then the certificate: a certificate without its key is read as "trusted, cannot sign".
        _write_new(base.with_suffix(".key"), key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        _write_new(base.with_suffix(".crt"), cert.public_bytes(serialization.Encoding.PEM))

    def _locked(self):
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _FileLock(self.folder / ".kunci-tulis")


def _write_new(path: Path, content: bytes) -> None:
    """Write owner-only under a temporary name, then rename: a crash never leaves half a key."""
    temporary = path.with_name(f".{path.name}.sementara")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


class _FileLock:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        os.close(self.handle)


def common_name(cert: x509.Certificate) -> str:
    """The certificate's common name (what readers show as "signed by"), or its whole subject."""
    found = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else cert.subject.rfc4514_string()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates from a file as published (PEM, one or several, or a single DER); ValueError with a message."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise ValueError("Berkas itu bukan sertifikat (PEM atau DER). Unduh sertifikat CA dari situs nagari.") from None
