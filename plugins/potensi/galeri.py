"""Photos of the nagari's potential (a field of gambir, a waterfall): kept, published or withdrawn, deleted.

The office's page (halaman/foto.py) and the demo both come through here. An upload goes through the kernel's photo
check (plugin_sdk.normalise_photo: decoded, upright, metadata such as the GPS position stripped) and is kept twice
as WebP: 1600 px wide for the page and 480 px for phones. Every change is audited; one that touches a published
photo rebuilds the public pages. `request`: the web request, or the demo's stand-in for one, which the file store
(plugin_sdk.data_dir) reads the data folder from.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping

from plugin_sdk import (FileStoreError, log_change, normalise_photo, public_changed, store_file, stored_file,
                        write_transaction)

from plugins.potensi.indikator import TEMA
from plugins.potensi.layanan import IsianError
from plugins.potensi.tables import FotoPotensi

__all__ = ["FOLDER", "LEBAR", "KECIL", "nama_kecil", "unggah_foto", "atur_terbit_foto", "hapus_foto"]

FOLDER = "potensi"
LEBAR, KECIL = 1600, 480
JUDUL_MAKS, KETERANGAN_MAKS = 120, 300


def nama_kecil(berkas: str) -> str:
    """The phone-sized copy of a stored photo ("ab12.webp" -> "ab12-480.webp")."""
    return berkas.removesuffix(".webp") + f"-{KECIL}.webp"


def _periksa(isian: Mapping[str, str], isi: bytes | None) -> dict[str, str]:
    galat = {}
    if not isian.get("judul"):
        galat["judul"] = "Judul foto wajib diisi, misalnya Ladang gambir di Koto Tinggi."
    elif len(isian["judul"]) > JUDUL_MAKS:
        galat["judul"] = f"Judul paling panjang {JUDUL_MAKS} huruf."
    if len(isian.get("keterangan", "")) > KETERANGAN_MAKS:
        galat["keterangan"] = f"Keterangan paling panjang {KETERANGAN_MAKS} huruf."
    if isian.get("tema") and isian["tema"] not in TEMA:
        galat["tema"] = "Pilih tema dari daftar."
    if not isi:
        galat["berkas"] = "Pilih foto (JPEG atau PNG) yang akan diunggah."
    return galat


async def unggah_foto(request, isian: Mapping[str, str], isi: bytes | None, *, terbit: bool = False) -> int:
    """Keep a photo with its `judul`, `keterangan` and `tema` (a TEMA key or ""), published at once when `terbit`.
    IsianError (per field: judul, keterangan, tema, berkas) when something is wrong or the bytes are no photo;
    nothing is kept then. Returns the photo's id."""
    isian = {f: " ".join(str(isian.get(f) or "").split()) for f in ("judul", "keterangan", "tema")}
    galat = _periksa(isian, isi)
    if not galat:
        try:
            (besar, kecil), _, _ = await asyncio.to_thread(normalise_photo, isi, (LEBAR, KECIL))
        except FileStoreError as exc:
            galat["berkas"] = str(exc)
    if galat:
        raise IsianError(galat)
    berkas = f"{secrets.token_hex(16)}.webp"
    # the files first, then the row: a failed write leaves only unreferenced files, never a row without pixels
    store_file(request, FOLDER, nama_kecil(berkas), kecil)
    store_file(request, FOLDER, berkas, besar)
    async with write_transaction():
        [row] = await FotoPotensi.insert(FotoPotensi(
            judul=isian["judul"], keterangan=isian["keterangan"], tema=isian["tema"], berkas=berkas,
            terbit=terbit)).returning(FotoPotensi.id).run()
        await log_change(request, "tambah", "potensi.foto", row["id"],
                         {"judul": isian["judul"], "tema": isian["tema"], "terbit": terbit})
        if terbit:
            await public_changed()
    return row["id"]


async def atur_terbit_foto(request, foto_id: int, terbit: bool) -> bool | None:
    """Publish (`terbit` True) or withdraw a photo: the state wanted, so a second click changes nothing. Returns
    whether it changed; None when there is no such photo."""
    async with write_transaction():
        row = await FotoPotensi.select(FotoPotensi.terbit).where(FotoPotensi.id == foto_id).first().run()
        if row is None:
            return None
        if row["terbit"] == terbit:
            return False
        await FotoPotensi.update({FotoPotensi.terbit: terbit}).where(FotoPotensi.id == foto_id).run()
        await log_change(request, "ubah", "potensi.foto", foto_id, {"terbit": [row["terbit"], terbit]})
        await public_changed()
    return True


async def hapus_foto(request, foto_id: int) -> dict | None:
    """Delete a photo's row, then its two files. Returns the deleted row; None when there is no such photo."""
    async with write_transaction():
        row = await FotoPotensi.select().where(FotoPotensi.id == foto_id).first().run()
        if row is None:
            return None
        await FotoPotensi.delete().where(FotoPotensi.id == foto_id).run()
        await log_change(request, "hapus", "potensi.foto", foto_id, {"judul": row["judul"], "berkas": row["berkas"]})
        if row["terbit"]:
            await public_changed()
    for nama in (row["berkas"], nama_kecil(row["berkas"])):  # after the commit: a rollback keeps its pixels
        path = stored_file(request, FOLDER, nama)
        if path is not None:
            path.unlink(missing_ok=True)
    return row
