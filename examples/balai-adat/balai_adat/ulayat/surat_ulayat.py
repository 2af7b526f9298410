"""The Surat Keterangan Tanah Ulayat, a letter type `adat` adds to `surat` through its contract (plugins.surat.api).

The office issues it from a parcel's page: the land's facts come from the register into the letter's fields (so the
letter keeps what was true on the day), the applicant's suku from the placeholder `tambahan.adat` (hooks.py), and
`surat` numbers, renders, signs (PAdES) and archives it like any other letter.
"""

from __future__ import annotations

import logging
from pathlib import Path

from plugin_sdk import write_transaction

from plugins.surat import api as surat

from balai_adat.ulayat.layanan import daftar_sengketa

KODE = "adat_tanah_ulayat"
ISI = Path(__file__).parent.parent / "templates" / "ulayat_surat_isi.html"

_ISIAN = (("nama_tanah", "Nama tanah ulayat", "teks", True), ("status", "Status", "teks", True),
          ("pemegang", "Pemegang ulayat", "teks", True), ("letak", "Letak", "teks", True),
          ("luas", "Luas", "teks", True), ("penggunaan", "Penggunaan", "teks", True),
          ("batas", "Batas", "teks_panjang", False), ("sengketa", "Sengketa", "teks", True))


def jenis() -> dict:
    """The letter type as surat's contract takes it (the keys of an entry of surat's bawaan/jenis.toml)."""
    return {
        "kode": KODE, "nama": "Surat Keterangan Tanah Ulayat", "kode_klasifikasi": "500.17.1",
        "subjek": "penduduk", "masa_berlaku_hari": 0, "kertas": "F4", "persetujuan": False,
        "persyaratan": ["Fotokopi KTP-el pemohon", "Surat pengantar dari penghulu suku atau mamak kepala waris"],
        "isian": [{"kunci": k, "label": label, "jenis": j, "wajib": wajib} for k, label, j, wajib in _ISIAN],
        "template": ISI.read_text(encoding="utf-8"),
    }


async def pasang() -> dict | None:
    """The letter type, added to surat's types the first time (never overwriting the office's edits), or None
    when the office has switched it off."""
    async with write_transaction():
        await surat.add_letter_type(jenis())
    return await surat.letter_type(KODE)


async def saat_mulai() -> None:
    """At each web worker's start: the type is in the office's letter list before the first letter, so its wording
    can be edited. A failure only logs: the letter page tries again, and the plugin's other parts keep running."""
    try:
        await pasang()
    except Exception:  # noqa: BLE001 (a missing letter type must not switch the whole plugin off)
        logging.getLogger(__name__).exception("Jenis surat %s belum dapat dipasang", KODE)


async def isian(tanah: dict) -> dict:
    """The letter's fields from the parcel's record, as surat's form takes them (``isian_<kunci>``)."""
    terbuka = [s for s in await daftar_sengketa(tanah["id"]) if s["status"] != "selesai"]
    sengketa = (f"{len(terbuka)} sengketa belum selesai (tercatat di Kerapatan Adat Nagari)" if terbuka
                else "Tidak ada sengketa yang belum selesai")
    nilai = {"nama_tanah": tanah["nama"], "status": tanah["status_label"], "pemegang": tanah["pemegang"],
             "letak": f"Jorong {tanah['jorong_nama']}" if tanah["jorong"] else tanah["jorong_nama"],
             "luas": tanah["luas"], "penggunaan": tanah["penggunaan_label"], "batas": tanah["batas"],
             "sengketa": sengketa}
    return {f"isian_{k}": v for k, v in nilai.items()}
