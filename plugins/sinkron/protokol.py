"""The sync protocol's one wire format (docs/sync-protocol.md): a batch is a signed, compressed frame.

    frame = bungkus(node="13.07.05.2001", seq=7, isi={...}, kunci=private_key, kid="ab12...")
    node, seq, isi = buka(frame, kunci_publik={"ab12...": public_key})    # ProtokolError when anything is off

A frame is plain JSON, the same over HTTP and in a USB file::

    {"v": 1, "node": "13.07.05.2001", "seq": 7, "kid": "<key id>", "data": "<base64 zlib JSON>",
     "sig": "<base64 Ed25519 signature>"}

The signature covers the protocol's name, the node, the sequence number and the compressed bytes, so a frame can
be moved neither to another node nor to another place in the sequence. `isi` (the payload) is
``{"dibuat": ISO time, "rilis": [...], "peristiwa": [...]}``: aggregates only, never a person's record. A release's
rows travel in column form (`ke_kolom`, `ke_baris`): a month of every dataset is a fifth of the JSON it was as rows
of lists and parses five times faster at the hub.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from itertools import repeat

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VERSI = 1
NAMA = b"balai-sinkron-v1"
#: A frame larger than this is refused before it is decompressed or parsed (a month of every dataset is ~100 KB).
BATAS_BINGKAI = 8 * 1024 * 1024
BATAS_ISI = 64 * 1024 * 1024  # the payload once decompressed: a zip bomb stops here


class ProtokolError(ValueError):
    """A frame that must not be applied; the message (Bahasa Indonesia) says why."""


def _pesan(node: str, seq: int, data: bytes) -> bytes:
    return b"\0".join((NAMA, node.encode(), str(seq).encode(), data))


def bungkus(node: str, seq: int, isi: dict, kunci: Ed25519PrivateKey, kid: str) -> dict:
    """Compress and sign a payload as batch `seq` of `node`."""
    data = zlib.compress(msgspec.json.encode(isi, order="sorted"), 9)  # a float NaN goes as null: valid JSON
    return {"v": VERSI, "node": node, "seq": seq, "kid": kid, "data": base64.b64encode(data).decode(),
            "sig": base64.b64encode(kunci.sign(_pesan(node, seq, data))).decode()}


def kepala(frame: object) -> tuple[str, int, str]:
    """(node, seq, kid) of a frame, checked for shape only (before its node's keys are looked up)."""
    if not isinstance(frame, dict) or frame.get("v") != VERSI:
        raise ProtokolError("Bingkai sinkron tidak dikenal (versi protokol lain?).")
    node, seq, kid = frame.get("node"), frame.get("seq"), frame.get("kid")
    if not isinstance(node, str) or not node or len(node) > 20:
        raise ProtokolError("Bingkai tanpa kode nagari yang sah.")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ProtokolError("Nomor urut bingkai harus bilangan bulat mulai 1.")
    if not isinstance(kid, str) or not kid:
        raise ProtokolError("Bingkai tanpa nomor kunci.")
    if not isinstance(frame.get("data"), str) or not isinstance(frame.get("sig"), str):
        raise ProtokolError("Bingkai tanpa isi atau tanda tangan.")
    if len(frame["data"]) > BATAS_BINGKAI:
        raise ProtokolError("Bingkai terlalu besar.")
    return node, seq, kid


def buka(frame: object, kunci_publik: dict[str, Ed25519PublicKey]) -> tuple[str, int, dict]:
    """Check a frame's signature with the node's keys (key id -> public key) and return (node, seq, payload)."""
    node, seq, kid = kepala(frame)
    kunci = kunci_publik.get(kid)
    if kunci is None:
        raise ProtokolError("Bingkai ditandatangani kunci yang tidak dikenal atau sudah dicabut.")
    try:
        data = base64.b64decode(frame["data"], validate=True)
        sig = base64.b64decode(frame["sig"], validate=True)
    except (binascii.Error, ValueError):
        raise ProtokolError("Isi atau tanda tangan bingkai bukan base64.") from None
    try:
        kunci.verify(sig, _pesan(node, seq, data))
    except InvalidSignature:
        raise ProtokolError("Tanda tangan bingkai tidak sah.") from None
    try:
        mentah = zlib.decompressobj().decompress(data, BATAS_ISI)
        isi = msgspec.json.decode(mentah)
    except (zlib.error, ValueError, RecursionError):
        raise ProtokolError("Isi bingkai rusak.") from None
    if not isinstance(isi, dict):
        raise ProtokolError("Isi bingkai harus objek JSON.")
    return node, seq, isi


def ke_kolom(baris: list[dict]) -> dict:
    """Rows (dicts) in the payload's column form: every column named once in order (`kolom`), the number of rows, a
    column holding one value in every row once (`tetap`: periode, kode_wilayah...), each other column in `nilai`:
    its list of values, or, when its values repeat (labels, jorong names, L/P), the distinct values once
    (`kamus`) and each row's position in them (`indeks`). A key missing from a row is null, as in the row form.
    Lossless: `ke_baris` gives the rows back."""
    kolom = list(dict.fromkeys(k for row in baris for k in row))
    tetap, nilai = {}, {}
    for k in kolom:
        isi = [row.get(k) for row in baris]
        pertama = isi[0]
        if all(v == pertama and type(v) is type(pertama) for v in isi):  # 1, 1.0 and True differ on the wire
            tetap[k] = pertama
        else:
            nilai[k] = _kamus(isi)
    return {"kolom": kolom, "jumlah_baris": len(baris), "tetap": tetap, "nilai": nilai}


def _kamus(isi: list) -> list | dict:
    try:
        posisi: dict[tuple, int] = {}
        indeks = [posisi.setdefault((type(v), v), len(posisi)) for v in isi]  # by type too: 1 is not True
    except TypeError:  # a list or an object in a cell: the values as they are
        return isi
    return {"kamus": [v for _, v in posisi], "indeks": indeks} if len(posisi) * 2 <= len(isi) else isi


def nilai_kolom(isi: list | dict) -> list:
    """A column of `nilai` as its list of values (a `kamus` column looked up)."""
    return list(map(isi["kamus"].__getitem__, isi["indeks"])) if isinstance(isi, dict) else isi


def ke_baris(kolom: list[str], isi: dict) -> list[dict]:
    """The rows of a release in column form (`ke_kolom`'s `jumlah_baris`, `tetap`, `nilai`), as dicts."""
    n, tetap, nilai = isi["jumlah_baris"], isi["tetap"], isi["nilai"]
    if not kolom:
        return [{} for _ in range(n)]
    return [dict(zip(kolom, v)) for v in zip(*(nilai_kolom(nilai[k]) if k in nilai else repeat(tetap[k], n)
                                               for k in kolom))]


def sidik_jari(kunci: Ed25519PublicKey) -> str:
    """The fingerprint both operators read out to each other at enrolment: SHA-256 of the raw key, in groups."""
    import hashlib

    from cryptography.hazmat.primitives import serialization

    raw = kunci.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    hexa = hashlib.sha256(raw).hexdigest()[:32].upper()
    return " ".join(hexa[i:i + 4] for i in range(0, 32, 4))


def kunci_dari_teks(teks: str) -> Ed25519PublicKey:
    """A public key sent as base64 of its 32 raw bytes."""
    try:
        raw = base64.b64decode(teks, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError, TypeError):
        raise ProtokolError("Kunci publik tidak sah (harus 32 byte Ed25519, base64).") from None


def teks_kunci(kunci: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return base64.b64encode(kunci.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
