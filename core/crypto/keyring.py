"""A rotatable set of Ed25519 keys for one purpose (e.g. letters), kept in the data folder.

Files are `kunci/<purpose>/<created>-<key id>.pem`; the newest signs, every older one
still verifies, so rotating a key never invalidates what was signed before. The key
id (16 hex characters of the public key's SHA-256) travels with each signature.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.crypto.keys import KEY_DIR, verify_hex


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class KeyRing:
    def __init__(self, data_dir: Path, purpose: str):
        self.folder = Path(data_dir) / KEY_DIR / purpose
        self._loaded: dict[str, Ed25519PrivateKey] = {}

    def _files(self) -> list[Path]:
        return sorted(self.folder.glob("*-*.pem")) if self.folder.is_dir() else []

    def _all_public(self) -> list[Path]:
        """Signing keys and public-only keys (`.pub`, restored from a backup without secrets), oldest first."""
        if not self.folder.is_dir():
            return []
        private = {p.stem for p in self._files()}
        public = [p for p in self.folder.glob("*-*.pub") if p.stem not in private]
        return sorted([*self._files(), *public], key=lambda p: p.stem)

    def _public(self, path: Path) -> Ed25519PublicKey:
        if path.suffix == ".pub":
            return serialization.load_pem_public_key(path.read_bytes())
        return self._load(path)[1].public_key()

    def _load(self, path: Path) -> tuple[str, Ed25519PrivateKey]:
        kid = path.stem.split("-", 1)[1]
        if kid not in self._loaded:
            self._loaded[kid] = serialization.load_pem_private_key(path.read_bytes(), password=None)
        return kid, self._loaded[kid]

    def rotate(self) -> str:
        """Make a new signing key; older keys stay for verification. Returns the new key id."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        kid = key_id(_raw(key.public_key()))
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
        path = self.folder / f"{stamp}-{kid}.pem"
        path.touch(mode=0o600)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        self._loaded[kid] = key
        return kid

    def active(self) -> tuple[str, Ed25519PrivateKey]:
        files = self._files()
        if not files:
            self.rotate()
            files = self._files()
        return self._load(files[-1])

    def sign(self, message: bytes) -> tuple[str, str]:
        """(key id, signature hex) with the active key."""
        kid, key = self.active()
        return kid, key.sign(message).hex()

    def public_keys(self) -> list[dict]:
        """Every key, newest first: {"id", "publik" (raw hex), "pem", "dibuat", "aktif"}."""
        keys = []
        for index, path in enumerate(reversed(self._all_public())):
            kid, public = path.stem.split("-", 1)[1], self._public(path)
            created = datetime.strptime(path.stem.split("-", 1)[0], "%Y%m%d%H%M%S%f").replace(tzinfo=timezone.utc)
            keys.append({"id": kid, "publik": _raw(public).hex(), "dibuat": created, "aktif": index == 0 and path.suffix == ".pem",
                         "pem": public.public_bytes(serialization.Encoding.PEM,
                                                    serialization.PublicFormat.SubjectPublicKeyInfo).decode()})
        return keys

    def verify(self, kid: str, signature_hex: str, message: bytes) -> bool:
        """Check with the key that made the signature, old keys included."""
        path = next((p for p in self._all_public() if p.stem.endswith(f"-{kid}")), None)
        if path is None:
            return False
        public = _raw(self._public(path)).hex()
        return verify_hex(public, signature_hex, message)

