"""Ed25519 key pairs of module authors and publishers, and the public keys this nagari trusts.

An author keeps the private key (``NAMA.pem``) to sign indexes and hands out the public key (``NAMA.pub``).
The nagari adds that public key to ``kunci/tepercaya/`` in its data folder under a name it chooses: the name
an index's signer is known by is the nagari's own label, never what the index says about itself.
Keys trusted for Balai's own releases are a separate set (``keperluan="rilis"``, ``kunci/tepercaya-rilis/``):
a module author's key can never sign a new core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.crypto import keyring
from core.crypto.keys import KEY_DIR, public_hex

TRUST_DIRS = {"modul": "tepercaya", "rilis": "tepercaya-rilis"}  # what a key may sign -> its folder
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$")


class KunciError(ValueError):
    """A key that cannot be read, made or trusted; the message is for the operator."""


@dataclass(frozen=True)
class KunciTepercaya:
    """A public key the nagari trusts, under the name it gave it."""

    nama: str
    publik: str  # raw Ed25519 public key, hex

    @property
    def id(self) -> str:
        return key_id(self.publik)


def key_id(public_hex: str) -> str:
    """16 hex characters of the public key's SHA-256: the kernel key ring's id, from the key's hex."""
    return keyring.key_id(bytes.fromhex(public_hex))


def _raw_hex(public: Ed25519PublicKey) -> str:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


public_hex_of = public_hex  # the kernel's: a private key's raw public key in hex


def check_name(nama: str) -> str:
    if not NAME_PATTERN.match(nama or ""):
        raise KunciError(f"Nama kunci {nama!r} tidak sah: pakai huruf, angka, titik, _ atau -, tanpa spasi.")
    return nama


def buat_pasangan(folder: Path, nama: str) -> tuple[Path, Path]:
    """Write a new key pair ``NAMA.pem`` (private, owner-only) and ``NAMA.pub``; never overwrites."""
    check_name(nama)
    folder = Path(folder)
    private_path, public_path = folder / f"{nama}.pem", folder / f"{nama}.pub"
    for path in (private_path, public_path):
        if path.exists():
            raise KunciError(f"Berkas {path} sudah ada; kunci lama tidak ditimpa. Pilih nama lain.")
    folder.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    private_path.touch(mode=0o600)
    private_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    public_path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                          serialization.PublicFormat.SubjectPublicKeyInfo))
    return private_path, public_path


def muat_privat(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except FileNotFoundError:
        raise KunciError(f"Berkas kunci privat {path} tidak ditemukan.") from None
    except (ValueError, TypeError):
        raise KunciError(f"Berkas {path} bukan kunci privat PEM tanpa sandi.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KunciError(f"Kunci {path} bukan kunci Ed25519.")
    return key


def muat_publik(path: Path) -> str:
    """The raw public key (hex) in a PEM file."""
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except FileNotFoundError:
        raise KunciError(f"Berkas kunci publik {path} tidak ditemukan.") from None
    except ValueError:
        raise KunciError(f"Berkas {path} bukan kunci publik PEM.") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KunciError(f"Kunci {path} bukan kunci Ed25519.")
    return _raw_hex(key)


def _folder(data_dir: Path, keperluan: str) -> Path:
    return Path(data_dir) / KEY_DIR / TRUST_DIRS[keperluan]


def tepercaya(data_dir: Path, keperluan: str = "modul") -> list[KunciTepercaya]:
    """Every public key this nagari trusts to sign `keperluan` (modul or rilis), by name."""
    folder = _folder(data_dir, keperluan)
    keys = []
    for path in sorted(folder.glob("*.pub")) if folder.is_dir() else []:
        try:
            keys.append(KunciTepercaya(path.stem, muat_publik(path)))
        except KunciError:
            continue  # a damaged file trusts nobody
    return keys


def percayai(data_dir: Path, public_path: Path, nama: str | None = None, keperluan: str = "modul") -> KunciTepercaya:
    """Trust a public key under a name (the file's name by default) to sign `keperluan`."""
    public = muat_publik(public_path)
    nama = check_name(nama or Path(public_path).stem)
    for known in tepercaya(data_dir, keperluan):
        if known.publik == public:
            raise KunciError(f"Kunci ini sudah dipercaya dengan nama {known.nama!r}.")
        if known.nama == nama:
            raise KunciError(f"Nama {nama!r} sudah dipakai kunci lain. Beri nama lain dengan --nama.")
    folder = _folder(data_dir, keperluan)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    (folder / f"{nama}.pub").write_bytes(Path(public_path).read_bytes())
    return KunciTepercaya(nama, public)


def lupakan(data_dir: Path, nama: str, keperluan: str = "modul") -> None:
    """Stop trusting a key; what it signed and was installed stays installed."""
    path = _folder(data_dir, keperluan) / f"{check_name(nama)}.pub"
    if not path.exists():
        raise KunciError(f"Tidak ada kunci tepercaya bernama {nama!r}.")
    path.unlink()
