"""A resident's choice of channel and address: checked by the channel, stored all or nothing, logged."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from plugin_sdk import log_change, write_transaction

from plugins.pemberitahuan import antar, saluran
from plugins.pemberitahuan.tables import Kiriman, Pilihan

log = logging.getLogger("balai.pemberitahuan")
NOT_OFFERED = "Cara pemberitahuan itu tidak tersedia. Pilih salah satu yang ada di daftar."


async def of(penduduk_id: int) -> dict:
    """``{"saluran", "alamat"}``; both "" when the resident never chose (or chose not to be told)."""
    row = await Pilihan.select(Pilihan.saluran, Pilihan.alamat).where(Pilihan.penduduk == penduduk_id).first().run()
    return row or {"saluran": "", "alamat": ""}


async def checked(request, kode: str, alamat: str) -> tuple[str, str]:
    """(channel code, normalised address) of a form; ValueError with the message for the resident."""
    kode = (kode or "").strip()
    if not kode:
        return "", ""  # no channel, no address kept
    channel = {c.code: c for c in await saluran.available(request)}.get(kode)
    if channel is None:
        raise ValueError(NOT_OFFERED)
    try:
        address = channel.check((alamat or "").strip())
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    except Exception:
        log.exception("saluran %s gagal memeriksa alamat", kode)
        raise ValueError("Alamat belum dapat diperiksa. Coba lagi nanti.") from None
    if not isinstance(address, str) or not address.strip() or len(address) > 200:
        raise ValueError(f"{channel.address_label} tidak valid.")
    return kode, address


async def save(request, resident: dict, kode: str, alamat: str) -> None:
    """Store the choice (ValueError and nothing stored when the address is wrong). The audit entry names the
    channel, not the address: the log is kept for good, the address only while the resident wants it (choosing
    no channel also blanks it in the notices already sent)."""
    from plugins.akun_warga import api as warga  # only residents save a choice: the realm is there

    kode, address = await checked(request, kode, alamat)
    penduduk_id = resident["penduduk_id"]
    values = {Pilihan.saluran: kode, Pilihan.alamat: address, Pilihan.diubah: datetime.now(timezone.utc)}
    async with write_transaction():
        done = await Pilihan.update(values).where(Pilihan.penduduk == penduduk_id).returning(Pilihan.id).run()
        if not done:
            await Pilihan.insert(Pilihan(penduduk=penduduk_id, **{c._meta.name: v for c, v in values.items()})).run()
        if not kode:
            await Kiriman.update({Kiriman.alamat: ""}).where(
                (Kiriman.penduduk == penduduk_id) & Kiriman.status.is_in(sorted(antar.DONE))).run()
        await log_change(request, "ubah_pemberitahuan", "penduduk", penduduk_id, {"saluran": kode or "tidak ada"},
                         user=warga.actor(resident))
