"""What a letter's signatures cover (ENGINEERING-NOTES 3), and the old seal of letters issued before PAdES.

Two signatures with the nagari's Ed25519 key, both kept in the archive:
- over the letter's fields (number, date, type, nagari code, hash of the masked name,
  token): carried in the QR, so a phone can check it offline with the public key;
- over the SHA-256 of the finished file as stored and downloaded (`file_message`).

The PDF itself now carries a standard PAdES signature (`plugin_sdk.dokumen.pdf_signer`),
which any PDF reader checks. Letters issued before that carry Balai's own seal instead:
the file signature appended as a PDF incremental update (a new object and trailer after
the original %%EOF). `unseal` still checks those: it takes the original bytes the seal
names, rebuilds the seal from them and compares byte for byte, so any changed byte,
inside or after the original, fails. `seal` is kept for tests that make such a letter.
"""

from __future__ import annotations

import base64
import hashlib
import re

PREFIX = b"balai-surat/1"


def mask_name(name: str) -> str:
    """"Siti Rahmah" -> "Si** Ra****": enough for the holder to recognise, not enough to identify."""
    return " ".join(w[:2] + "*" * (len(w) - 2) if len(w) > 2 else w for w in name.split())


def field_message(nomor: str, tanggal: str, jenis: str, kode_desa: str, nama_samaran: str, token: str) -> bytes:
    masked_hash = hashlib.sha256(nama_samaran.encode()).hexdigest()
    return b"\n".join([PREFIX, *(s.encode() for s in (nomor, tanggal, jenis, kode_desa, masked_hash, token))])


def file_message(token: str, sha256_hex: str) -> bytes:
    return b"\n".join([PREFIX, b"berkas", token.encode(), sha256_hex.encode()])


def b64(hex_text: str) -> str:
    return base64.urlsafe_b64encode(bytes.fromhex(hex_text)).decode().rstrip("=")


def unb64(text: str) -> str:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).hex()


_ROOT = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_INFO = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SEAL = re.compile(rb"/BalaiSegel \d+ 0 R")
_FIELDS = re.compile(rb"<< /Type /BalaiSegel /Panjang (\d+) /Token \(([A-Za-z0-9_-]+)\) /Kunci \(([0-9a-f]+)\) "
                     rb"/Tanda \(([0-9a-f]+)\) >>")


class SealError(ValueError):
    """The file is not a sealed Balai letter (or was changed); the message says which."""


def seal(pdf: bytes, token: str, key_id: str, signature_hex: str) -> bytes:
    """Append the seal to a freshly rendered PDF as an incremental update; deterministic for its inputs."""
    tail = pdf[-1024:]
    trailer_area = pdf[pdf.rfind(b"trailer"):] if b"trailer" in pdf else tail
    root, size, start = _ROOT.search(trailer_area), _SIZE.search(trailer_area), _STARTXREF.search(tail)
    if not (root and size and start):
        raise SealError("PDF tidak berbentuk yang dikenal (trailer tidak ditemukan).")
    info = _INFO.search(trailer_area)
    number = int(size.group(1))
    body = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    obj_at = len(body)
    obj = (f"{number} 0 obj\n<< /Type /BalaiSegel /Panjang {len(pdf)} /Token ({token}) /Kunci ({key_id}) "
           f"/Tanda ({signature_hex}) >>\nendobj\n").encode()
    xref_at = obj_at + len(obj)
    info_ref = f" /Info {info.group(1).decode()} {info.group(2).decode()} R" if info else ""
    xref = (f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{obj_at:010d} 00000 n \n"
            f"trailer\n<< /Size {number + 1} /Root {root.group(1).decode()} {root.group(2).decode()} R{info_ref} "
            f"/Prev {start.group(1).decode()} /BalaiSegel {number} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n").encode()
    return body + obj + xref


def is_sealed(data: bytes) -> bool:
    """Does the file end with Balai's old seal (rather than a PAdES signature)?"""
    return bool(_SEAL.search(data[-600:]))


def unseal(data: bytes) -> dict:
    """The original PDF and the seal's fields; raises SealError unless the seal is exactly as Balai wrote it."""
    found = list(_FIELDS.finditer(data))
    if not found or not _SEAL.search(data[-600:]):
        raise SealError("Berkas ini tidak memuat segel surat Balai.")
    fields = found[-1]
    length = int(fields.group(1))
    if length >= len(data):
        raise SealError("Segel berkas rusak.")
    original = data[:length]
    token, key_id, signature = (g.decode() for g in fields.group(2, 3, 4))
    try:
        rebuilt = seal(original, token, key_id, signature)
    except SealError:
        raise SealError("Isi berkas telah diubah.") from None
    if rebuilt != data:
        raise SealError("Isi berkas telah diubah.")
    return {"asli": original, "token": token, "kunci": key_id, "tanda": signature,
            "sha256": hashlib.sha256(original).hexdigest()}
