"""The contract of `keuangan` for other plugins (satu_data, a theme's home page, ...): read-only figures of the APB
Desa from the one computation, and the helpers that print them. Contract version 1.1; amounts are int sen.

    from plugins.keuangan.api import ringkasan, tahun_tersedia, rupiah
    r = await ringkasan(2026)          # None when 2026 has no APB Desa in force
    r.belanja.anggaran, r.silpa        # sen; (anggaran, realisasi)
    await kegiatan_tahun(2026)         # {"02.03.01": "Pembangunan jalan ...", ...}: what an asset may link to

1.1: kegiatan_tahun.
"""

from __future__ import annotations

from plugins.keuangan.jumlah import angka, persen, rupiah
from plugins.keuangan.kode import BIDANG, akun, bidang
from plugins.keuangan.ringkasan import Pos, Ringkasan, baris_datar, ringkasan, tahun_tersedia, versi_berlaku

API_VERSION = "1.1"


async def kegiatan_tahun(tahun: int) -> dict[str, str]:
    """The activities (kode -> nama, in code order) of `tahun`'s APB Desa: of the version in force, else of the
    newest draft; {} when the year has no APB Desa."""
    from plugins.keuangan.tables import Apbdes, Kegiatan

    versi = await versi_berlaku(tahun)
    if versi is None:
        versi = await Apbdes.select(Apbdes.id).where(Apbdes.tahun == tahun).order_by(
            Apbdes.versi, ascending=False).first().run()
    if versi is None:
        return {}
    rows = await Kegiatan.select(Kegiatan.kode, Kegiatan.nama).where(Kegiatan.apbdes == versi["id"]).order_by(
        Kegiatan.kode).run()
    return {r["kode"]: r["nama"] for r in rows}


__all__ = ["API_VERSION", "kegiatan_tahun", "Pos", "Ringkasan", "ringkasan", "tahun_tersedia", "versi_berlaku",
           "baris_datar", "rupiah", "angka", "persen", "BIDANG", "bidang", "akun"]
