"""Ed25519 keys in the data folder, outside any web-served path.

A key is created on first use with owner-only permissions. Back up the folder
`kunci/`: the public key is stored beside what it signed, but a signature is only
trusted when it matches the key this installation holds.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_DIR = "kunci"


def load_or_create(data_dir: Path, name: str) -> Ed25519PrivateKey:
    folder = Path(data_dir) / KEY_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"{name}.pem"
    if path.exists():
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.touch(mode=0o600)
    path.write_bytes(pem)
    return key


def load_existing(data_dir: Path, name: str) -> Ed25519PrivateKey | None:
    path = Path(data_dir) / KEY_DIR / f"{name}.pem"
    return serialization.load_pem_private_key(path.read_bytes(), password=None) if path.exists() else None


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def sign_hex(key: Ed25519PrivateKey, message: bytes) -> str:
    return key.sign(message).hex()


def verify_hex(public_key_hex: str, signature_hex: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(bytes.fromhex(signature_hex), message)
        return True
    except (InvalidSignature, ValueError):
        return False


def trusted_public_hex(data_dir: Path, name: str) -> set[str]:
    """Public keys (raw hex) trusted for `name`: the current key's, and earlier ones kept as `<name>-<id>.pub`
    (a restore from a backup without secrets brings those, and a new key is made beside them)."""
    folder = Path(data_dir) / KEY_DIR
    trusted = {public_hex(key)} if (key := load_existing(data_dir, name)) is not None else set()
    for path in sorted(folder.glob(f"{name}-*.pub")) if folder.is_dir() else []:
        public = serialization.load_pem_public_key(path.read_bytes())
        trusted.add(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex())
    return trusted
