"""Passphrase encryption of a backup file, with `cryptography`'s scrypt, HKDF and ChaCha20-Poly1305.

A backup leaves the office on a flash disk or in a mailbox; whoever finds it must not read the register or the
signing keys. The passphrase goes through scrypt (slow on purpose) to a master key; each file gets its own
content key from that master and a random salt. The content is sealed in 1 MiB chunks whose nonces count up and
mark the last chunk, so a chunk cannot be changed, dropped, reordered or cut off without the check failing.

The office can store the master key (never the passphrase) in `kunci/cadangan.json` so scheduled backups are
encrypted without anyone typing: the file only helps someone who already holds the computer, which holds the
register itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from core.cadangan.errors import CadanganError

MAGIC = b"BALAI-CADANGAN-SANDI-1\n"
CHUNK = 1024 * 1024
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}  # ~0.1 s and 32 MB per try: cheap once, costly for guessing
MIN_LENGTH = 10
OFFICE_KEY_FILE = "cadangan.json"


class SandiError(CadanganError):
    """A wrong passphrase or a damaged encrypted file, with the message for the operator."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise SandiError(f"Sandi cadangan minimal {MIN_LENGTH} karakter. Pakai beberapa kata yang mudah diingat.")


@dataclass(frozen=True)
class MasterKey:
    """A key derived from a passphrase, with what is needed to derive it again."""

    key: bytes
    salt: bytes
    params: dict

    @classmethod
    def from_passphrase(cls, passphrase: str, salt: bytes | None = None, params: dict | None = None) -> "MasterKey":
        salt = salt if salt is not None else secrets.token_bytes(16)
        params = params or SCRYPT
        key = Scrypt(salt=salt, length=32, **params).derive(passphrase.encode("utf-8"))
        return cls(key, salt, dict(params))

    def _derive(self, file_salt: bytes, purpose: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=file_salt, info=b"balai-cadangan " + purpose
                    ).derive(self.key)

    def fingerprint(self) -> str:
        """Shown on the admin page so the office can tell which passphrase is set (not secret)."""
        return hashlib.sha256(b"sidik " + self.key).hexdigest()[:12]


def _nonce(counter: int, last: bool) -> bytes:
    return struct.pack(">QI", counter, 1 if last else 0)


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, target: BinaryIO, master: MasterKey) -> None:
    """Write `source` encrypted to the open `target`."""
    file_salt = secrets.token_bytes(16)
    header = json.dumps({"kdf": "scrypt", "garam": _b64(master.salt), **master.params,
                         "garam_berkas": _b64(file_salt),
                         "periksa": _b64(master._derive(file_salt, b"periksa")[:16])}).encode() + b"\n"
    aad = MAGIC + header
    aead = ChaCha20Poly1305(master._derive(file_salt, b"isi"))
    target.write(aad)
    size = os.path.getsize(source)
    counter = 0
    with open(source, "rb") as plain:
        while True:
            chunk = plain.read(CHUNK)
            last = plain.tell() >= size
            sealed = aead.encrypt(_nonce(counter, last), chunk, aad)
            target.write(struct.pack(">I", len(sealed)) + sealed)
            counter += 1
            if last:
                break


def _read_header(handle: BinaryIO) -> tuple[bytes, dict]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise SandiError("Berkas ini bukan cadangan Balai yang disandikan.")
    line = handle.readline(4096)
    try:
        header = json.loads(line)
        salt, file_salt, check = (_unb64(header[k]) for k in ("garam", "garam_berkas", "periksa"))
        params = {k: int(header[k]) for k in ("n", "r", "p")}
    except (ValueError, KeyError, TypeError):
        raise SandiError("Kepala berkas cadangan rusak: berkas tidak bisa dibuka.") from None
    return MAGIC + line, {"salt": salt, "file_salt": file_salt, "check": check, "params": params}


def decrypt_file(source: Path, target: BinaryIO, passphrase: str) -> None:
    """Write the plain content of the encrypted `source` to `target`; SandiError on a wrong passphrase or damage."""
    with open(source, "rb") as handle:
        aad, header = _read_header(handle)
        if header["params"] != SCRYPT:  # read before anything is authenticated: accept only what Balai writes
            raise SandiError("Kepala berkas cadangan rusak: berkas tidak bisa dibuka.")
        master = MasterKey.from_passphrase(passphrase, header["salt"], header["params"])
        if not hmac.compare_digest(master._derive(header["file_salt"], b"periksa")[:16], header["check"]):
            raise SandiError("Sandi cadangan salah.")
        aead = ChaCha20Poly1305(master._derive(header["file_salt"], b"isi"))
        counter, finished = 0, False
        while length_bytes := handle.read(4):
            if finished:
                raise SandiError("Berkas cadangan rusak: ada data tambahan di ujungnya.")
            length = struct.unpack(">I", length_bytes)[0] if len(length_bytes) == 4 else -1
            if not 16 <= length <= CHUNK + 16:
                raise SandiError("Berkas cadangan rusak atau terpotong.")
            sealed = handle.read(length)
            try:
                chunk = aead.decrypt(_nonce(counter, False), sealed, aad)
            except InvalidTag:
                try:
                    chunk = aead.decrypt(_nonce(counter, True), sealed, aad)
                except InvalidTag:
                    raise SandiError("Berkas cadangan rusak atau telah diubah (pemeriksaan sandi gagal).") from None
                finished = True
            target.write(chunk)
            counter += 1
        if not finished:
            raise SandiError("Berkas cadangan terpotong: bagian akhirnya hilang.")


# The office's stored key, for backups nobody types a passphrase for.

def office_key_path(data_dir: Path) -> Path:
    return Path(data_dir) / "kunci" / OFFICE_KEY_FILE


def save_office_key(data_dir: Path, passphrase: str) -> MasterKey:
    check_passphrase(passphrase)
    master = MasterKey.from_passphrase(passphrase)
    path = office_key_path(data_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_suffix(".baru")
    temporary.touch(mode=0o600)
    temporary.write_text(json.dumps({"garam": _b64(master.salt), **master.params, "kunci": _b64(master.key)}))
    os.replace(temporary, path)
    return master


def office_key(data_dir: Path) -> MasterKey | None:
    """The stored office key, None when no passphrase is set; SandiError when the file is damaged."""
    path = office_key_path(data_dir)
    if not path.exists():
        return None
    try:
        stored = json.loads(path.read_text())
        return MasterKey(_unb64(stored["kunci"]), _unb64(stored["garam"]), {k: int(stored[k]) for k in ("n", "r", "p")})
    except (OSError, ValueError, KeyError, TypeError):
        raise SandiError(f"Berkas {path} rusak: atur ulang sandi cadangan di halaman Cadangan.") from None


def forget_office_key(data_dir: Path) -> None:
    office_key_path(data_dir).unlink(missing_ok=True)
