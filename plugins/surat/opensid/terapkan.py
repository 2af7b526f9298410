"""A whole export: its report, and the chosen templates written as letter types in one transaction.

Re-importing is safe: a template's Balai code comes from its OpenSID ``url_surat`` (atribut.type_code), and a code
already present is reported as "sudah_ada" and skipped, inside the same transaction that writes the others, so two
imports at once cannot both write it either (the code is also unique in the table). An operator's edits to an
imported type are therefore never overwritten.
"""

from __future__ import annotations

from plugin_sdk import log_change, write_transaction

from plugins.surat.opensid import atribut, berkas, ubah
from plugins.surat.tables import JenisSurat

SUDAH_ADA = "sudah_ada"
LABELS = {ubah.SIAP: "Siap diimpor", ubah.PERHATIAN: "Perlu perhatian", ubah.DITOLAK: "Ditolak",
          SUDAH_ADA: "Sudah ada"}


def convert_all(content: bytes) -> list[ubah.Hasil]:
    """Every template of the file converted (CPU only: run it off the event loop). Raises berkas.BukanEkspor."""
    taken: set[str] = set()
    results = []
    for templat in berkas.read(content):
        code = atribut.type_code(templat.url, taken)
        taken.add(code)
        results.append(ubah.convert(templat, code))
    return results


async def mark_existing(results: list[ubah.Hasil]) -> list[ubah.Hasil]:
    """Templates whose code is already a letter type become "sudah_ada" (imported before, perhaps edited since)."""
    codes = [r.kode for r in results if r.kode]
    existing = {row["kode"] for row in await JenisSurat.select(JenisSurat.kode).where(
        JenisSurat.kode.is_in(codes)).run()} if codes else set()
    for result in results:
        if result.kode in existing and result.status != ubah.DITOLAK:
            result.status = SUDAH_ADA
            result.catatan = [f"Jenis surat {result.kode} sudah ada (impor sebelumnya): dilewati, tidak ditimpa."]
    return results


def summary(results: list[ubah.Hasil]) -> dict:
    counts = {status: 0 for status in LABELS}
    for result in results:
        counts[result.status] += 1
    return counts


async def apply(results: list[ubah.Hasil], chosen: set[str], connection=None, user: dict | None = None) -> dict:
    """Write the chosen templates, all or none: {"dibuat": [codes], "dilewati": [codes]}.

    "siap" templates are written when chosen; "perlu_perhatian" ones when chosen too (the operator accepted them),
    always inactive. Refused and existing ones never are. `connection`/`user`: who did it, for the audit log.
    """
    wanted = [r for r in results if r.kode in chosen and r.status in (ubah.SIAP, ubah.PERHATIAN)]
    made, skipped = [], []
    async with write_transaction():
        existing = {row["kode"] for row in await JenisSurat.select(JenisSurat.kode).where(
            JenisSurat.kode.is_in([r.kode for r in wanted])).run()} if wanted else set()
        for result in wanted:
            if result.kode in existing:
                skipped.append(result.kode)
                continue
            row = {**result.baris, "aktif": result.status == ubah.SIAP and result.baris["aktif"]}
            inserted = await JenisSurat.insert(JenisSurat(**row)).returning(JenisSurat.id).run()
            await log_change(connection, "impor", "surat.jenis", inserted[0]["id"], {
                "kode": row["kode"], "nama": row["nama"], "dari": "OpenSID", "url_surat": result.url,
                "aktif": row["aktif"], "kode_tertinggal": [m["kode"] for m in result.tertinggal]}, user=user)
            made.append(result.kode)
    return {"dibuat": made, "dilewati": skipped}
