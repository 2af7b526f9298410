"""Enrolment: the office types the hub's address and the one-time code the kabupaten read out by phone; the node
sends its public key and shows its fingerprint, which both operators compare before the hub confirms it.

Every enrolment starts a new sequence (docs/sync-protocol.md, "Re-enrolment"): the hub expects batch 1 again, so the
node empties its outbox and packs everything it has published anew from the start of satu_data's change log. A node
enrolled before signs the new sequence with a new key: the hub revokes the earlier keys, so a batch of the old
sequence still on its way (a forgotten USB file) is refused instead of taking a new number's place."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from plugin_sdk import register, write_transaction

from plugins.sinkron.node import kirim
from plugins.sinkron.node.identitas import cincin, kode_wilayah
from plugins.sinkron.node.tables import MENUNGGU, KotakKeluar, KursorSinkron, SinkronHub
from plugins.sinkron.protokol import sidik_jari, teks_kunci


class DaftarError(ValueError):
    """Enrolment refused; `galat` maps a form field ("url", "kode_undangan", "umum") to its message."""

    def __init__(self, galat: dict[str, str]):
        super().__init__(next(iter(galat.values())))
        self.galat = galat


def periksa(url: str, kode_undangan: str, kontak: str) -> tuple[str, str, str]:
    """The form's values cleaned, or DaftarError saying what to fix (before anything is sent)."""
    url, kode_undangan, kontak = url.strip().rstrip("/"), kode_undangan.strip(), kontak.strip()
    galat = {}
    bagian = urlsplit(url)
    if bagian.scheme not in ("http", "https") or not bagian.netloc or len(url) > 300:
        galat["url"] = "Alamat hub harus berbentuk https://... (dari Diskominfo kabupaten)."
    if not kode_undangan or len(kode_undangan) > 100:
        galat["kode_undangan"] = "Isi kode undangan sekali pakai dari Diskominfo kabupaten."
    if len(kontak) > 200:
        galat["kontak"] = "Kontak paling panjang 200 huruf."
    if galat:
        raise DaftarError(galat)
    return url, kode_undangan, kontak


def buang_kunci(ring, kid: str) -> None:
    """Forget a key the hub did not accept, so the one before keeps signing (file names: <created>-<kid>.pem)."""
    for path in ring.folder.glob(f"*-{kid}.pem"):
        path.unlink()


async def _mulai_baru() -> None:
    """The outbox starts at batch 1 again and packing re-reads everything published (the whole backlog)."""
    await KotakKeluar.delete(force=True).run()
    await KursorSinkron.delete(force=True).run()


async def _kirim_daftar(url: str, isi: dict) -> dict | None:
    """POST the enrolment; None when the hub took it, else the form's errors."""
    try:
        async with httpx.AsyncClient(transport=kirim.TRANSPORT, timeout=kirim.WAKTU_TUNGGU) as klien:
            respons = await klien.post(f"{url}/api/sinkron/daftar", json=isi)
    except httpx.HTTPError as e:
        return {"url": f"Hub tidak dapat dihubungi ({type(e).__name__}). Periksa alamat dan internet."}
    if respons.status_code not in (200, 201):
        return {"umum": f"Hub menolak pendaftaran: {kirim.galat_hub(respons)}"}
    return None


async def daftar(sumber, url: str, kode_undangan: str, kontak: str = "") -> str:
    """Enrol with the hub at `url`; returns the fingerprint to read out. The node stays "menunggu" until the hub
    acknowledges its first batch."""
    url, kode_undangan, kontak = periksa(url, kode_undangan, kontak)
    kode = await kode_wilayah()
    if not kode:
        raise DaftarError({"umum": "Isi dulu kode wilayah Kemendagri di profil nagari (10 angka)."})
    profil = await register.stored_profile()
    nama = f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()
    ring = cincin(sumber)
    # under the write lock, as a key rotation: no batch is packed (signed) with a key the hub may not accept
    async with write_transaction():
        # a key that may have signed batches of an earlier enrolment is not carried into the new sequence
        kid_baru = ring.rotate() if ring.public_keys() else None
        publik = ring.active()[1].public_key()
        galat = await _kirim_daftar(url, {"kode_wilayah": kode, "nama": nama, "kode_undangan": kode_undangan,
                                          "kunci_publik": teks_kunci(publik), "kontak": kontak})
        if galat:
            if kid_baru:
                buang_kunci(ring, kid_baru)
            raise DaftarError(galat)
        sidik = sidik_jari(publik)
        await _mulai_baru()
        await SinkronHub.delete(force=True).run()
        await SinkronHub.insert(SinkronHub(url=url, kode_wilayah=kode, status=MENUNGGU, sidik_jari=sidik,
                                           didaftarkan=datetime.now(timezone.utc))).run()
    return sidik
