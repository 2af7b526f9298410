"""Packing: what changed since the last batch becomes one signed frame in the outbox, with the next sequence number.

Read, sign and write happen in one write transaction: the cursor moves with the batch it produced, so a crash
packs the same changes again rather than losing or doubling them, and two packers (the worker and "Sinkron
sekarang") queue on the write lock instead of taking the same number."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timezone

from plugin_sdk import register, today, write_transaction

from plugins.sinkron.node.identitas import kode_wilayah, kunci_aktif
from plugins.sinkron.node.tables import KotakKeluar, KursorSinkron
from plugins.sinkron.protokol import bungkus, ke_kolom

BATAS_RILIS = 50  # changes per batch: a month of every dataset fits in a few batches of well under 1 MB
BULAN_RINGKASAN = 3  # the event summaries of this month and the two before are re-read (late entries land there)


def bulan_terakhir(hari: date, jumlah: int = BULAN_RINGKASAN) -> list[str]:
    tahun, bulan, hasil = hari.year, hari.month, []
    for _ in range(jumlah):
        hasil.append(f"{tahun:04d}-{bulan:02d}")
        tahun, bulan = (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)
    return sorted(hasil)


def _rilis(perubahan: dict) -> dict:
    """A change as the wire carries it: its rows in column form (protokol.ke_kolom; docs/sync-protocol.md)."""
    return {"posisi": perubahan["posisi"], "dataset": perubahan["dataset"], "periode": perubahan["periode"],
            "versi": perubahan["versi"], "sementara": perubahan["sementara"], **ke_kolom(perubahan["baris"])}


async def ringkasan_peristiwa(bulan: str, nama_jorong: dict[int, str]) -> list[dict]:
    """The month's population events rolled up to jorong names: counts only, the same whenever it is read again."""
    jumlah: dict[tuple, int] = defaultdict(int)
    for row in (await register.monthly_movements(bulan, level=1, only_month=True))["bulan"]:
        jorong = nama_jorong.get(row["wilayah"], "") if row["wilayah"] is not None else ""
        jumlah[(row["jenis"], row["arah"], jorong, row["jenis_kelamin"])] += row["jumlah"]
    return [{"jenis": j, "arah": a, "jorong": w, "jenis_kelamin": k, "jumlah": n}
            for (j, a, w, k), n in sorted(jumlah.items(), key=lambda i: tuple(str(v) for v in i[0])) if n]


def _sidik(baris: list[dict]) -> str:
    return hashlib.sha256(json.dumps(baris, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


async def _peristiwa(terkirim: dict[str, str]) -> tuple[list[dict], dict[str, str]]:
    """The summaries of the recent months that differ from what was last packed, and the new hashes to keep."""
    if register.current_scope() is not None:
        return [], terkirim  # a scoped user sees part of the nagari: the worker packs the whole summary later
    hari = today(await register.stored_profile())
    nama = {w["id"]: w["nama"] for w in await register.wilayah_rows() if w["tingkat"] == 1}
    hasil, sidik = [], {}
    for bulan in bulan_terakhir(hari):
        baris = await ringkasan_peristiwa(bulan, nama)
        baru = _sidik(baris)
        sidik[bulan] = baru
        if baru != terkirim.get(bulan) and (baris or bulan in terkirim):
            hasil.append({"bulan": bulan, "baris": baris})
    return hasil, sidik


async def kursor() -> dict:
    row = await KursorSinkron.select().first().run()
    if row is None:
        await KursorSinkron.insert(KursorSinkron(posisi_satu_data=0, ringkasan="{}")).run()
        row = await KursorSinkron.select().first().run()
    return row


async def kemas(sumber) -> int | None:
    """Pack what is new into the next batch; its sequence number, or None when nothing is new (no empty batch).
    `sumber`: a scheduled task's context, a request, or a data folder (where the signing key lives)."""
    from plugins.satu_data.api import perubahan

    kode = await kode_wilayah()
    if not kode:
        return None
    async with write_transaction():
        posisi = await kursor()
        rilis = [_rilis(p) for p in await perubahan(setelah=posisi["posisi_satu_data"], batas=BATAS_RILIS)]
        peristiwa, sidik = await _peristiwa(json.loads(posisi["ringkasan"] or "{}"))
        if not rilis and not peristiwa:
            return None
        sekarang = datetime.now(timezone.utc)
        isi = {"dibuat": sekarang.isoformat(timespec="seconds"), "rilis": rilis, "peristiwa": peristiwa}
        terakhir = await KotakKeluar.select(KotakKeluar.seq).order_by(KotakKeluar.seq, ascending=False).first().run()
        seq = (terakhir["seq"] if terakhir else 0) + 1
        kid, kunci = kunci_aktif(sumber)
        teks = json.dumps(bungkus(kode, seq, isi, kunci, kid), separators=(",", ":"))
        await KotakKeluar.insert(KotakKeluar(seq=seq, dibuat=sekarang, bingkai=teks, ukuran=len(teks.encode()),
                                             jumlah_rilis=len(rilis))).run()
        baru = {KursorSinkron.ringkasan: json.dumps(sidik, sort_keys=True)}
        if rilis:
            baru[KursorSinkron.posisi_satu_data] = rilis[-1]["posisi"]
        await KursorSinkron.update(baru).where(KursorSinkron.id == posisi["id"]).run()
    return seq
