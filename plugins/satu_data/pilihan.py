"""The office's choices: which datasets are published, and released monthly or only on demand."""

from __future__ import annotations

from datetime import datetime, timezone

from plugin_sdk import public_changed, write_transaction

from plugins.satu_data.tables import BULANAN, MANUAL, PilihanDataset

JADWAL = {BULANAN: "Bulanan (tanggal 1, bulan lalu)", MANUAL: "Hanya bila diterbitkan sekarang"}


class PilihanError(ValueError):
    """A choice that cannot be saved; the message is in Bahasa Indonesia."""


async def semua() -> dict[str, dict]:
    """dataset name -> {"terbit", "jadwal", "diubah", "oleh"} for every dataset the office ever chose about."""
    rows = await PilihanDataset.select().run()
    return {r["dataset"]: r for r in rows}


async def atur(pilihan: dict[str, tuple[bool, str]], *, dikenal: set[str], oleh: str = "") -> int:
    """Save {dataset: (terbit, jadwal)} at once (all or nothing); returns how many changed. A dataset not in
    `dikenal` (the registry's names) or an unknown schedule changes nothing and raises PilihanError."""
    asing = sorted(set(pilihan) - dikenal)
    if asing:
        raise PilihanError(f"Dataset tidak dikenal: {', '.join(asing)}.")
    salah = sorted(n for n, (_, jadwal) in pilihan.items() if jadwal not in JADWAL)
    if salah:
        raise PilihanError(f"Jadwal terbit tidak dikenal untuk {', '.join(salah)}: pilih bulanan atau manual.")
    now = datetime.now(timezone.utc)
    berubah = 0
    async with write_transaction():
        lama = await semua()
        for nama, (terbit, jadwal) in pilihan.items():
            row = lama.get(nama)
            if row is not None and row["terbit"] == terbit and row["jadwal"] == jadwal:
                continue
            berubah += 1
            if row is None:
                await PilihanDataset.insert(PilihanDataset(dataset=nama, terbit=terbit, jadwal=jadwal, diubah=now,
                                                           oleh=oleh)).run()
            else:
                await PilihanDataset.update({PilihanDataset.terbit: terbit, PilihanDataset.jadwal: jadwal,
                                             PilihanDataset.diubah: now, PilihanDataset.oleh: oleh}).where(
                    PilihanDataset.id == row["id"]).run()
        if berubah:
            await public_changed()
    return berubah
