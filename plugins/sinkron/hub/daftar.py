"""Enrolment at the hub: a one-time code the Diskominfo operator reads to a nagari by phone, the nagari's key
registered with it ("menunggu"), the fingerprint both operators read out before the hub confirms ("aktif"); revoking
a node or a key; a key rotation signed by the current key.

Only the SHA-256 of a code is stored: the code is shown once. A code is bound to one nagari, used once, and
expires after 7 days.

Enrolling a nagari again (revoked first: a node restored from an old backup, a lost key, a reinstall) starts a new
sequence: the hub expects batch 1 and forgets the batch records of the earlier one, while the data already applied
stays, demoted to version 0 so that whatever the nagari sends again replaces it (docs/sync-protocol.md).
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from plugin_sdk import log_change, write_transaction

from plugins.sinkron.hub.tables import (AKTIF, DICABUT, LAMA, MENUNGGU, BatchHub, KunciNode, NodeHub, RilisHub,
                                        UndanganHub)
from plugins.sinkron.protokol import ProtokolError, kunci_dari_teks, sidik_jari, teks_kunci

WILAYAH = Path(__file__).resolve().parent.parent / "data" / "wilayah-lima-puluh-kota.csv"
MASA_UNDANGAN = timedelta(days=7)
HURUF = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
PANJANG_KODE = 12
NAMA_ROTASI = b"balai-sinkron-kunci-v1"


class DaftarError(ValueError):
    """A refused enrolment or key change; `status` is the HTTP code the API answers with."""

    def __init__(self, pesan: str, status: int = 400):
        super().__init__(pesan)
        self.status = status


@cache
def wilayah() -> dict[str, dict]:
    """The kabupaten's regions by dotted code: {"tingkat", "nama", "kode_induk"}."""
    with WILAYAH.open(encoding="utf-8", newline="") as f:
        return {r["kode"]: r for r in csv.DictReader(f)}


def nagari() -> list[dict]:
    """Every nagari with its kecamatan's name, by kecamatan then name (the code form's choices)."""
    w = wilayah()
    hasil = [{"kode": k, "nama": r["nama"], "kecamatan": w.get(r["kode_induk"], {}).get("nama", "")}
             for k, r in w.items() if r["tingkat"] == "nagari"]
    return sorted(hasil, key=lambda r: (r["kecamatan"], r["nama"]))


def kecamatan_dari(kode: str) -> str:
    w = wilayah()
    return w.get(w.get(kode, {}).get("kode_induk", ""), {}).get("nama", "")


def key_id(teks: str) -> str:
    """A key's id as the node's key ring names it (16 hex of the SHA-256 of the raw public key)."""
    return hashlib.sha256(base64.b64decode(teks)).hexdigest()[:16]


def _rapikan_kode(kode: str) -> str:
    return "".join(c for c in kode.upper() if c.isalnum())


def _hash(kode: str) -> str:
    return hashlib.sha256(_rapikan_kode(kode).encode()).hexdigest()


def _sekarang() -> datetime:
    return datetime.now(timezone.utc)


def _teks(data: dict, nama: str, batas: int) -> str:
    nilai = data.get(nama, "")
    if not isinstance(nilai, str):
        raise DaftarError(f"Isian {nama} harus teks.")
    nilai = " ".join(nilai.split())
    if len(nilai) > batas:
        raise DaftarError(f"Isian {nama} paling panjang {batas} huruf.")
    return nilai


async def buat_undangan(kode_wilayah: str, oleh: str = "", request=None) -> str:
    """A new one-time code for a nagari of the kabupaten, as the operator reads it out ("ABCD-EFGH-JKLM").
    `request` (each function here takes one): who did it, for the audit log."""
    if wilayah().get(kode_wilayah, {}).get("tingkat") != "nagari":
        raise DaftarError("Pilih nagari dari daftar wilayah kabupaten.")
    if await NodeHub.exists().where((NodeHub.kode_wilayah == kode_wilayah) & (NodeHub.status == AKTIF)).run():
        raise DaftarError("Nagari ini sudah terdaftar dan aktif; cabut dulu bila perlu didaftarkan ulang.")
    kode = "".join(secrets.choice(HURUF) for _ in range(PANJANG_KODE))
    sekarang = _sekarang()
    async with write_transaction():
        await UndanganHub.insert(UndanganHub(kode_wilayah=kode_wilayah, kode_hash=_hash(kode), dibuat=sekarang,
                                             kedaluwarsa=sekarang + MASA_UNDANGAN, oleh=oleh[:60])).run()
        await log_change(request, "tambah", "sinkron.undangan", kode_wilayah, {"kedaluwarsa": "7 hari"})
    return "-".join(kode[i:i + 4] for i in range(0, PANJANG_KODE, 4))


async def _sekuens_baru(kode_wilayah: str) -> None:
    """A re-enrolled nagari's new sequence: batch 1 is expected next (its records go: the unique (node, seq) guard
    would refuse the new batch 1), and every release kept is version 0, below anything the node sends again."""
    await BatchHub.delete().where(BatchHub.kode_wilayah == kode_wilayah).run()
    await RilisHub.update({RilisHub.versi: 0}).where(RilisHub.kode_wilayah == kode_wilayah).run()


async def daftar(data: object, request=None) -> dict:
    """POST /api/sinkron/daftar: register a nagari's key with a valid, unused, unexpired code for that nagari.
    The node waits ("menunggu") until the operator confirms the fingerprint."""
    if not isinstance(data, dict):
        raise DaftarError("Permintaan pendaftaran harus objek JSON.")
    kode_wilayah = _teks(data, "kode_wilayah", 20)
    nama = _teks(data, "nama", 120)
    kontak = _teks(data, "kontak", 200)
    kode = _teks(data, "kode_undangan", 40)
    if not kode_wilayah or not kode:
        raise DaftarError("Kode wilayah nagari dan kode undangan wajib diisi.")
    teks = data.get("kunci_publik")
    try:
        publik = kunci_dari_teks(teks if isinstance(teks, str) else "")
    except ProtokolError as e:
        raise DaftarError(str(e)) from None
    teks = teks_kunci(publik)
    sekarang = _sekarang()
    async with write_transaction():
        undangan = await UndanganHub.select().where(UndanganHub.kode_hash == _hash(kode)).first().run()
        if undangan is None:
            raise DaftarError("Kode undangan tidak dikenal; minta kode baru ke Diskominfo kabupaten.", 403)
        if undangan["dipakai"] is not None:
            raise DaftarError("Kode undangan ini sudah dipakai; minta kode baru ke Diskominfo kabupaten.", 403)
        if undangan["kedaluwarsa"] <= sekarang:
            raise DaftarError("Kode undangan sudah kedaluwarsa (berlaku 7 hari); minta kode baru ke Diskominfo "
                              "kabupaten.", 403)
        if undangan["kode_wilayah"] != kode_wilayah:
            raise DaftarError(f"Kode undangan ini bukan untuk nagari {kode_wilayah}; periksa kode wilayah di profil "
                              "nagari.", 403)
        node = await NodeHub.select().where(NodeHub.kode_wilayah == kode_wilayah).first().run()
        if node is not None and node["status"] == AKTIF:
            raise DaftarError("Nagari ini sudah terdaftar dan aktif di hub.", 409)
        nama = nama or wilayah()[kode_wilayah]["nama"]
        baru = {"nama": nama, "kecamatan": kecamatan_dari(kode_wilayah), "kontak": kontak, "status": MENUNGGU,
                "didaftarkan": sekarang, "dikonfirmasi": None}
        if node is None:
            await NodeHub.insert(NodeHub(kode_wilayah=kode_wilayah, **baru)).run()
        else:  # enrolled again: a new sequence, and the earlier keys no longer sign anything
            await NodeHub.update({**baru, "seq_terakhir": 0}).where(NodeHub.kode_wilayah == kode_wilayah).run()
            await KunciNode.update({KunciNode.status: DICABUT}).where(KunciNode.node == kode_wilayah).run()
            await _sekuens_baru(kode_wilayah)
        await KunciNode.delete().where((KunciNode.node == kode_wilayah) & (KunciNode.kid == key_id(teks))).run()
        await KunciNode.insert(KunciNode(node=kode_wilayah, kid=key_id(teks), kunci=teks, status=AKTIF,
                                         dibuat=sekarang)).run()
        await UndanganHub.update({UndanganHub.dipakai: sekarang}).where(UndanganHub.id == undangan["id"]).run()
        await log_change(request, "tambah", "sinkron.node", kode_wilayah, {
            "kid": key_id(teks), "kontak": kontak, **({"seq_sebelumnya": node["seq_terakhir"]} if node else {})})
    return {"status": MENUNGGU, "sidik_jari": sidik_jari(publik),
            "pesan": "Pendaftaran diterima. Bacakan sidik jari kunci kepada operator Diskominfo kabupaten; "
                     "sinkron berjalan setelah kabupaten mengonfirmasi."}


def _sidik_sama(a: str, b: str) -> bool:
    return secrets.compare_digest(_rapikan_kode(a), _rapikan_kode(b))


async def konfirmasi(kode_wilayah: str, sidik_dibacakan: str, request=None) -> None:
    """The operator typed the fingerprint the nagari read out; it must match the waiting key's."""
    async with write_transaction():
        node = await NodeHub.select().where(NodeHub.kode_wilayah == kode_wilayah).first().run()
        if node is None:
            raise DaftarError("Nagari tidak terdaftar di hub.", 404)
        if node["status"] != MENUNGGU:
            raise DaftarError("Hanya nagari yang menunggu konfirmasi yang dapat dikonfirmasi.")
        kunci = await KunciNode.select().where((KunciNode.node == kode_wilayah) & (KunciNode.status == AKTIF)).run()
        if not any(_sidik_sama(sidik_jari(kunci_dari_teks(k["kunci"])), sidik_dibacakan) for k in kunci):
            raise DaftarError("Sidik jari tidak cocok dengan kunci yang didaftarkan nagari ini. Jangan konfirmasi: "
                              "minta nagari membacakan ulang sidik jari di layarnya.")
        await NodeHub.update({NodeHub.status: AKTIF, NodeHub.dikonfirmasi: _sekarang()}).where(
            NodeHub.kode_wilayah == kode_wilayah).run()
        await log_change(request, "ubah", "sinkron.node", kode_wilayah, {"status": [MENUNGGU, AKTIF]})


async def cabut_node(kode_wilayah: str, request=None) -> bool:
    """Revoke a nagari: nothing it sends is applied any more (it enrols again with a new code)."""
    async with write_transaction():
        node = await NodeHub.select(NodeHub.status).where(NodeHub.kode_wilayah == kode_wilayah).first().run()
        if node is None:
            raise DaftarError("Nagari tidak terdaftar di hub.", 404)
        if node["status"] == DICABUT:
            return False
        await NodeHub.update({NodeHub.status: DICABUT}).where(NodeHub.kode_wilayah == kode_wilayah).run()
        await log_change(request, "ubah", "sinkron.node", kode_wilayah, {"status": [node["status"], DICABUT]})
    return True


async def cabut_kunci(kode_wilayah: str, kid: str, request=None) -> bool:
    """Revoke one key (stolen, or a rotated one no longer needed): frames it signed are refused."""
    async with write_transaction():
        kunci = await KunciNode.select(KunciNode.status).where(
            (KunciNode.node == kode_wilayah) & (KunciNode.kid == kid)).first().run()
        if kunci is None:
            raise DaftarError("Kunci tidak dikenal.", 404)
        if kunci["status"] == DICABUT:
            return False
        await KunciNode.update({KunciNode.status: DICABUT}).where(
            (KunciNode.node == kode_wilayah) & (KunciNode.kid == kid)).run()
        await log_change(request, "ubah", "sinkron.kunci", kode_wilayah, {"kid": kid, "status": [kunci["status"],
                                                                                                DICABUT]})
    return True


def _pesan_rotasi(node: str, kunci_baru: str) -> bytes:
    return b"\0".join((NAMA_ROTASI, node.encode(), kunci_baru.encode()))


def permintaan_rotasi(node: str, kid: str, kunci: Ed25519PrivateKey, kunci_baru: Ed25519PrivateKey) -> dict:
    """The body of POST /api/sinkron/kunci (for the node): the new public key, signed by the current key (who
    asks) and by the new key (that the node holds it)."""
    teks = teks_kunci(kunci_baru.public_key())
    pesan = _pesan_rotasi(node, teks)
    return {"node": node, "kid": kid, "kunci_baru": teks, "sig": base64.b64encode(kunci.sign(pesan)).decode(),
            "sig_baru": base64.b64encode(kunci_baru.sign(pesan)).decode()}


def _tanda_sah(kunci, sig: object, pesan: bytes) -> bool:
    try:
        kunci.verify(base64.b64decode(sig if isinstance(sig, str) else "", validate=True), pesan)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True


async def rotasi(data: object, request=None) -> dict:
    """POST /api/sinkron/kunci: add a node's new key "aktif" and make the current one "lama" (it still verifies
    frames signed before the rotation that are still on their way)."""
    if not isinstance(data, dict):
        raise DaftarError("Permintaan ganti kunci harus objek JSON.")
    node, kid, teks = data.get("node"), data.get("kid"), data.get("kunci_baru")
    if not all(isinstance(v, str) and v for v in (node, kid, teks)):
        raise DaftarError("Permintaan ganti kunci tanpa node, kid atau kunci_baru.")
    try:
        baru = kunci_dari_teks(teks)
    except ProtokolError as e:
        raise DaftarError(str(e)) from None
    pesan = _pesan_rotasi(node, teks)
    async with write_transaction():
        status = await NodeHub.select(NodeHub.status).where(NodeHub.kode_wilayah == node).first().run()
        if status is None or status["status"] != AKTIF:
            raise DaftarError("Nagari tidak dikenal atau tidak aktif di hub ini.", 403)
        lama = await KunciNode.select().where((KunciNode.node == node) & (KunciNode.kid == kid)).first().run()
        if lama is None or lama["status"] != AKTIF:
            raise DaftarError("Ganti kunci harus ditandatangani kunci yang sedang aktif.", 403)
        if not _tanda_sah(kunci_dari_teks(lama["kunci"]), data.get("sig"), pesan) or not _tanda_sah(
                baru, data.get("sig_baru"), pesan):
            raise DaftarError("Tanda tangan permintaan ganti kunci tidak sah.", 403)
        kid_baru = key_id(teks)
        ada = await KunciNode.select(KunciNode.status).where(
            (KunciNode.node == node) & (KunciNode.kid == kid_baru)).first().run()
        if ada is not None:
            raise DaftarError("Kunci baru ini sudah pernah didaftarkan; buat kunci lain.", 409)
        await KunciNode.update({KunciNode.status: LAMA}).where(
            (KunciNode.node == node) & (KunciNode.status == AKTIF)).run()
        await KunciNode.insert(KunciNode(node=node, kid=kid_baru, kunci=teks, status=AKTIF,
                                         dibuat=_sekarang())).run()
        await log_change(request, "tambah", "sinkron.kunci", node, {"kid": kid_baru, "menggantikan": kid})
    return {"kid": kid_baru, "sidik_jari": sidik_jari(baru)}

