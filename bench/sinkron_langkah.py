"""The internal steps of `python -m bench --sinkron` (bench/sinkron.py), each run in the installation of
BALAI_DATA_DIR as a separate process and printing its result as JSON:

    python -m bench.sinkron_langkah CMD ARGS...

The hub's figures come from `terapkan`: 79 nagari with keys of their own, a year of monthly batches each (the demo
nagari's monthly datasets rewritten to that nagari's code and month, packed as a node packs them), applied by
`terima` with one task per nagari (as a hub's server applies the uploads of nagari sending at once), then the
kabupaten dashboard from nothing.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

async def _langkah(args: list[str]) -> dict:
    from balai_demo.cli import _DemoRequest
    from plugin_sdk.cli import booted_balai

    balai = booted_balai()
    if balai.engine.engine_type == "postgres":  # as the server does: a query outside a transaction reuses a connection
        await balai.engine.start_connection_pool(min_size=1, max_size=10)  # as `balai serve` does
    try:
        await balai.load_profile()
        return await LANGKAH[args[0]](_DemoRequest(balai), balai, *args[1:])
    finally:
        await balai.close()


async def _undangan(ctx, balai, kode: str) -> dict:
    from plugins.sinkron.hub.daftar import buat_undangan

    return {"kode": await buat_undangan(kode, oleh="bench")}


async def _konfirmasi(ctx, balai, kode: str, sidik: str) -> dict:
    from plugins.sinkron.hub.daftar import konfirmasi

    await konfirmasi(kode, sidik)
    return {}


async def _kode(ctx, balai) -> dict:
    from plugins.sinkron.node.identitas import kode_wilayah

    return {"kode": await kode_wilayah()}


async def _daftar(ctx, balai, url: str, undangan: str) -> dict:
    from plugins.sinkron.node.daftar import daftar

    return {"sidik": await daftar(Path(balai.settings.data_dir), url, undangan, "bench")}


async def _sinkron(ctx, balai) -> dict:
    """Pack everything new and send it, as "Sinkron sekarang" does; the seconds, bytes and frames it took."""
    from plugins.sinkron.node import kirim
    from plugins.sinkron.node.kemas import kemas
    from plugins.sinkron.node.tables import KotakKeluar

    folder = Path(balai.settings.data_dir)
    began = time.perf_counter()
    seqs = []
    while (seq := await kemas(folder)) is not None:
        seqs.append(seq)
    hasil = await kirim.kirim(folder, paksa=True)
    detik = time.perf_counter() - began
    rows = await KotakKeluar.select(KotakKeluar.ukuran).where(KotakKeluar.seq.is_in(seqs or [0])).run()
    return {"detik": detik, "byte": sum(r["ukuran"] for r in rows), "frames": len(seqs),
            "bersih": hasil.berhasil and not await kirim.belum_diakui(), "pesan": hasil.pesan}


async def _peristiwa(ctx, balai, jumlah: str) -> dict:
    """`jumlah` residents leave today: half die, half move out (what a busy month's journal holds)."""
    from core.penduduk.jurnal import record_leaving
    from core.penduduk.tables import Penduduk
    from core.profil.waktu import today

    hari = today(await balai.load_profile() or None)
    rows = await Penduduk.select(Penduduk.id).where(Penduduk.status_dasar == 1).order_by(Penduduk.id,
                                                                                          ascending=False).limit(
        int(jumlah)).run()
    for i, row in enumerate(rows):
        jenis, rincian = ("mati", {"sebab": "sakit"}) if i % 2 else ("pindah_keluar", {"tujuan": "Padang"})
        await record_leaving(row["id"], jenis, hari, rincian, actor={"id": None, "username": "bench"})
    return {"jumlah": len(rows)}


async def _contoh(ctx, balai, berkas: str) -> dict:
    """The demo nagari's change log (every release as the hub receives it), for the hub's batches."""
    from plugins.satu_data.api import perubahan

    rilis = await perubahan(setelah=0, batas=100_000)
    Path(berkas).write_text(json.dumps(rilis, ensure_ascii=False, default=str))
    return {"rilis": len(rilis)}


def _bulanan(contoh: list[dict]) -> list[dict]:
    """Each monthly dataset's newest month in the demo's change log (its rows before suppression)."""
    terbaru: dict[str, dict] = {}
    for r in contoh:
        if len(r["periode"]) == 7 and r["periode"] >= terbaru.get(r["dataset"], {}).get("periode", ""):
            terbaru[r["dataset"]] = r
    return [{"dataset": r["dataset"], "baris": r["baris"]} for r in terbaru.values()]


def _batch(kode: str, periode: str, bulanan: list[dict]) -> dict:
    """A nagari's month as its node packs it (protokol.ke_kolom): the demo's rows with its code and month."""
    from plugins.sinkron.protokol import ke_kolom

    ganti = {"periode": periode, "kode_wilayah": kode}
    rilis = [{"posisi": 0, "dataset": r["dataset"], "periode": periode, "versi": 1, "sementara": False,
              **ke_kolom([{k: ganti.get(k, v) for k, v in row.items()} for row in r["baris"]])} for r in bulanan]
    peristiwa = [{"bulan": periode, "baris": [
        {"jenis": j, "arah": a, "jorong": f"Jorong {w}", "jenis_kelamin": k, "jumlah": 1 + (w + k) % 3}
        for j, a in (("lahir", 1), ("mati", -1), ("pindah_masuk", 1), ("pindah_keluar", -1))
        for w in range(5) for k in (1, 2)]}]
    return {"dibuat": f"{periode}-28T10:00:00+00:00", "rilis": rilis, "peristiwa": peristiwa}


async def _kosongkan() -> None:
    """The hub as before the first batch: nothing applied, every nagari's last seq 0 (enrolment and keys stay)."""
    from plugins.sinkron.hub.tables import BatchHub, NodeHub, PeristiwaHub, RilisHub

    for tabel in (BatchHub, RilisHub, PeristiwaHub):
        await tabel.delete(force=True).run()
    await NodeHub.update({NodeHub.seq_terakhir: 0}, force=True).run()


async def _kirim(kode: str, frames: list[dict]) -> None:
    """One upload of a nagari's `frames` (in order), which the hub must acknowledge whole."""
    from plugins.sinkron.hub.terima import terima

    jawab = await terima(frames, kode, "http")
    if jawab["status"] != 200 or jawab["diakui"] != frames[-1]["seq"]:
        raise RuntimeError(f"{kode} batch {frames[-1]['seq']}: {jawab}")


async def _unggah(kode: str, frames: list[dict], per_unggahan: bool) -> None:
    """A nagari's batches in order: one upload each (`per_unggahan`), or as its node sends a backlog (kirim.py:
    the frames in order up to about 1 MB per request), the next after the hub acknowledged the one before."""
    from plugins.sinkron.node.kirim import BATAS_KIRIM

    kiriman: list[list[dict]] = []
    for frame in frames:
        if per_unggahan or not kiriman or sum(len(f["data"]) for f in kiriman[-1]) + len(frame["data"]) > BATAS_KIRIM:
            kiriman.append([])
        kiriman[-1].append(frame)
    for frames_ini in kiriman:
        await _kirim(kode, frames_ini)


async def _terapkan(ctx, balai, berkas: str, jumlah_node: str, jumlah_bulan: str) -> dict:
    """Enrol `jumlah_node` nagari with keys of their own, sign `jumlah_bulan` monthly batches each from the demo's
    releases and apply them with one task per nagari (as a hub's server takes uploads arriving together): each
    batch its own upload (every month as it comes), then, on an emptied hub, as nodes send a backlog (the
    figure: up to ~1 MB of frames per request, one transaction for them); then time the dashboard."""
    import msgspec
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from plugins.sinkron.hub.daftar import nagari
    from plugins.sinkron.hub.tables import AKTIF, KunciNode, NodeHub
    from plugins.sinkron.protokol import bungkus, teks_kunci

    await _kosongkan()  # the demo nagari's own sync: set aside
    for tabel in (NodeHub, KunciNode):
        await tabel.delete(force=True).run()
    bulanan = _bulanan(json.loads(Path(berkas).read_text()))
    daftar = nagari()[:int(jumlah_node)]
    bulan = [f"2025-{m:02d}" for m in range(1, int(jumlah_bulan) + 1)]
    mulai = time.perf_counter()
    frames: dict[str, list[dict]] = {}
    for i, n in enumerate(daftar):
        kunci, kid = Ed25519PrivateKey.generate(), f"bench{i}"
        await NodeHub.insert(NodeHub(kode_wilayah=n["kode"], nama=n["nama"], kecamatan=n["kecamatan"],
                                     status=AKTIF)).run()
        await KunciNode.insert(KunciNode(node=n["kode"], kid=kid, kunci=teks_kunci(kunci.public_key()),
                                         status=AKTIF)).run()
        frames[n["kode"]] = [bungkus(n["kode"], s, _batch(n["kode"], p, bulanan), kunci, kid)
                             for s, p in enumerate(bulan, start=1)]
    siap = time.perf_counter() - mulai
    mulai, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(_unggah(kode, daftar_frame, True) for kode, daftar_frame in frames.items()))
    satu_satu, cpu_satu = time.perf_counter() - mulai, time.process_time() - cpu
    await _kosongkan()
    mulai, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(_unggah(kode, daftar_frame, False) for kode, daftar_frame in frames.items()))
    detik, cpu = time.perf_counter() - mulai, time.process_time() - cpu
    contoh = daftar[0]["kode"]
    ukuran = sorted(len(json.dumps(f)) for f in frames[contoh])
    isi = len(msgspec.json.encode(_batch(contoh, bulan[0], bulanan)))
    jumlah_batch = len(frames) * len(bulan)
    hasil = {"batch": jumlah_batch, "detik": detik, "nagari": len(frames), "bulan": len(bulan),
             "how": "one task per nagari, its backlog in uploads of up to ~1 MB of frames (as kirim.py sends it)",
             "one_batch_per_upload_batch_per_s": jumlah_batch / satu_satu, "dataset_per_batch": len(bulanan),
             # the hub process's own CPU (PostgreSQL's not included): what the wall time is when a core is free
             "hub_cpu_ms_per_batch": cpu * 1000 / jumlah_batch, "hub_cpu_ms_per_batch_one_per_upload":
                 cpu_satu * 1000 / jumlah_batch,
             "batch_byte_median": ukuran[len(ukuran) // 2], "payload_byte": isi, "bungkus_detik": siap}
    from plugins.sinkron.hub import dasbor

    waktu, cpu_ms, jumlah = [], [], 0
    for _ in range(5):
        dasbor._simpanan.clear()  # from nothing each time (the page keeps the sums while no release changes)
        mulai, cpu = time.perf_counter(), time.process_time()
        jumlah = len(await dasbor.semua(ctx, bulan[len(bulan) // 2]))
        waktu.append((time.perf_counter() - mulai) * 1000)
        cpu_ms.append((time.process_time() - cpu) * 1000)
    return {**hasil, "dasbor_ms": waktu, "dasbor_cpu_ms": cpu_ms, "dataset": jumlah, "periode": bulan[len(bulan) // 2]}


async def _terbit(ctx, balai, kode: str = "") -> dict:
    """Publish every dataset the demo chose, after giving the nagari the Kemendagri code `kode` (10 digits)."""
    from balai_demo.satu_data import terbitkan_semua

    if kode:
        await balai.save_profile({"kode": kode})
    return {"hasil": len(await terbitkan_semua(ctx))}


def _per_periode(rows) -> dict[str, list]:
    return {f"{r['dataset']}|{r['periode']}": [r["versi"], r["sementara"], r["baris"]] for r in rows}


async def _ringkas(ctx, balai) -> dict:
    """The node as the tests compare it with the hub: its newest releases, its last seq, frames not acknowledged,
    changes not packed yet (the nagari's server publishes on its own schedule too)."""
    from plugins.satu_data.api import perubahan, posisi_terakhir
    from plugins.sinkron.node.tables import DIAKUI, KotakKeluar, KursorSinkron

    seq = await KotakKeluar.select(KotakKeluar.seq).order_by(KotakKeluar.seq, ascending=False).first().run()
    kursor = await KursorSinkron.select(KursorSinkron.posisi_satu_data).first().run()
    return {"rilis": _per_periode(await perubahan(setelah=0, batas=100_000)), "seq": seq["seq"] if seq else 0,
            "belum": await KotakKeluar.count().where(KotakKeluar.status != DIAKUI).run(),
            "baru": await posisi_terakhir() - (kursor["posisi_satu_data"] if kursor else 0)}


async def _isi(ctx, balai, kode: str) -> dict:
    """What the hub holds of nagari `kode`: its releases (rows as dicts), applied batches and last seq."""
    from plugins.sinkron.hub.baca_rilis import sebagai_dict
    from plugins.sinkron.hub.tables import BatchHub, NodeHub, RilisHub

    rilis = [{**r, "baris": sebagai_dict(r["kolom"], r["baris"])}
             for r in await RilisHub.select().where(RilisHub.kode_wilayah == kode).run()]
    node = await NodeHub.select(NodeHub.seq_terakhir).where(NodeHub.kode_wilayah == kode).first().run()
    batch = await BatchHub.select(BatchHub.seq).where(BatchHub.kode_wilayah == kode).order_by(BatchHub.seq).run()
    return {"rilis": _per_periode(rilis), "seq": node["seq_terakhir"] if node else None,
            "batch": [b["seq"] for b in batch]}


LANGKAH = {"undangan": _undangan, "konfirmasi": _konfirmasi, "kode": _kode, "daftar": _daftar, "sinkron": _sinkron,
           "peristiwa": _peristiwa, "contoh": _contoh, "terapkan": _terapkan, "terbit": _terbit, "ringkas": _ringkas,
           "isi": _isi}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_langkah(sys.argv[1:])), default=str))
