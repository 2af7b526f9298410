"""Enrolment: the office types the hub's address and the one-time code the kabupaten read out by phone; the node
sends its public key and shows its fingerprint, which both operators compare before the hub confirms it."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from plugin_sdk import register, write_transaction

from plugins.sinkron.node import kirim
from plugins.sinkron.node.identitas import kode_wilayah, kunci_aktif
from plugins.sinkron.node.tables import MENUNGGU, SinkronHub
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


async def daftar(sumber, url: str, kode_undangan: str, kontak: str = "") -> str:
    """Enrol with the hub at `url`; returns the fingerprint to read out. The node stays "menunggu" until the hub
    acknowledges its first batch."""
    url, kode_undangan, kontak = periksa(url, kode_undangan, kontak)
    kode = await kode_wilayah()
    if not kode:
        raise DaftarError({"umum": "Isi dulu kode wilayah Kemendagri di profil nagari (10 angka)."})
    profil = await register.stored_profile()
    nama = f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()
    _, kunci = kunci_aktif(sumber)
    publik = kunci.public_key()
    isi = {"kode_wilayah": kode, "nama": nama, "kode_undangan": kode_undangan, "kunci_publik": teks_kunci(publik),
           "kontak": kontak}
    try:
        async with httpx.AsyncClient(transport=kirim.TRANSPORT, timeout=kirim.WAKTU_TUNGGU) as klien:
            respons = await klien.post(f"{url}/api/sinkron/daftar", json=isi)
    except httpx.HTTPError as e:
        raise DaftarError({"url": f"Hub tidak dapat dihubungi ({type(e).__name__}). Periksa alamat dan internet."}
                          ) from None
    if respons.status_code not in (200, 201):
        raise DaftarError({"umum": f"Hub menolak pendaftaran: {kirim.galat_hub(respons)}"})
    sidik = sidik_jari(publik)
    async with write_transaction():
        await SinkronHub.delete(force=True).run()
        await SinkronHub.insert(SinkronHub(url=url, kode_wilayah=kode, status=MENUNGGU, sidik_jari=sidik,
                                           didaftarkan=datetime.now(timezone.utc))).run()
    return sidik
