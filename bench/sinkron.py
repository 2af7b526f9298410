"""The kabupaten sync (issue 27, plugin `sinkron`): a hub (`balai serve --role hub`, a throw-away PostgreSQL
database) and a demo nagari (SQLite) enrolled with it the way an office does it (one-time code, fingerprint).
Figures:

- applying batches at the hub: 79 nagari x 12 monthly batches (each the month's monthly datasets as the demo
  nagari publishes them, rewritten to that nagari's code and month, plus an event summary), signed by each
  nagari's own key, applied by `terima` in month order: batches per second, target >= 200/s;
- the kabupaten dashboard (every dataset summed over the 79 nagari for one month) computed from nothing, target
  <= 500 ms (when the hub's dashboard module is in);
- a nagari's sync after 100 population events (50 deaths, 50 moving out, today): the new batch's size, target
  <= 20 KiB, and packing + sending it to the hub on loopback, target <= 1 s;
- the property test of tests/test_sinkron_sifat.py with many more examples than CI runs (no target: it passes or
  the figure is an error).

    python -m bench --sinkron            # about 9 minutes (--quick: fewer residents and examples, about 6)
    python -m bench.sinkron CMD ...      # (internal) one step in the installation of BALAI_DATA_DIR; prints JSON
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import ServerStartError, balai_executable, free_port

ROOT = Path(__file__).resolve().parent.parent
NODES, MONTHS, EVENTS = 79, 12, 100


def titik_masuk(folder: Path) -> dict[str, str]:
    """Environment that makes a subprocess load `sinkron` while pyproject.toml does not register it yet: a
    distribution's metadata on PYTHONPATH naming the plugin's entry point (nothing when it is registered)."""
    if any(e.name == "sinkron" for e in entry_points(group="balai.plugins")):
        return {}
    dist = folder / "balai_sinkron_sementara-0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: balai-sinkron-sementara\nVersion: 0\n")
    (dist / "entry_points.txt").write_text("[balai.plugins]\nsinkron = plugins.sinkron.plugin\n")
    return {"PYTHONPATH": os.pathsep.join(p for p in (str(folder), str(ROOT), os.environ.get("PYTHONPATH")) if p)}


class Instalasi:
    """One installation (data folder, database, role) driven from outside: CLI commands, internal steps, server."""

    def __init__(self, data_dir: Path, extra: dict[str, str]):
        self.data_dir = data_dir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
        self.env.update(BALAI_DATA_DIR=str(data_dir), **extra)
        self.server: subprocess.Popen | None = None
        self.port = 0

    def cli(self, *args: str, timeout: int = 600) -> str:
        done = subprocess.run([balai_executable(), *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise ServerStartError(f"`balai {' '.join(args)}` failed:\n{(done.stderr or done.stdout)[-2000:]}")
        return done.stdout

    def langkah(self, *args: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "bench.sinkron", *args], env=self.env, capture_output=True,
                              text=True, timeout=900, cwd=ROOT)
        if done.returncode != 0:
            raise ServerStartError(f"bench.sinkron {args[0]} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve(self, *args: str, port: int = 0) -> None:
        """Start `balai serve` (on `port`, e.g. the same one again after a kill, or a free one)."""
        import httpx

        self.port = port or free_port()
        env = {**self.env, "BALAI_PORT": str(self.port), "BALAI_PUBLIC_URL": self.url}
        log = (self.data_dir / "server.log").open("ab")
        self.server = subprocess.Popen([balai_executable(), "serve", "--workers", "1", *args], env=env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise ServerStartError((self.data_dir / "server.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise ServerStartError("the hub did not answer within 60 s")

    def stop(self, signal_number: int = 15) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal_number)
            self.server.wait(timeout=30)
        self.server = None


def hub_baru(folder: Path, database_url: str, extra: dict[str, str]) -> Instalasi:
    hub = Instalasi(folder, {**extra, "BALAI_DATABASE_URL": database_url, "BALAI_ROLE": "hub"})
    hub.cli("migrate")
    hub.cli("plugins", "enable", "sinkron")
    return hub


def daftarkan(node: Instalasi, hub: Instalasi, kode: str) -> None:
    """The office's enrolment: the kabupaten makes a one-time code, the nagari enrols with it, the kabupaten
    confirms the fingerprint the nagari reads out."""
    undangan = hub.langkah("undangan", kode)["kode"]
    sidik = node.langkah("daftar", hub.url, undangan)["sidik"]
    hub.langkah("konfirmasi", kode, sidik)


def measure(quick: bool, progress) -> list[Figure]:
    laju = Figure("sinkron_hub_batch_per_s", f"hub: {NODES} nagari x {MONTHS} monthly batches applied", "batch/s",
                  True, target=200)
    dasbor = Figure("sinkron_dasbor_ms", f"hub: kabupaten dashboard, every dataset over {NODES} nagari", "ms",
                    False, target=500)
    ukuran = Figure("sinkron_batch_kib", f"nagari: batch after {EVENTS} population events", "KiB", False, target=20)
    kirim = Figure("sinkron_kirim_s", f"nagari: pack and send after {EVENTS} events (loopback)", "s", False,
                   target=1)
    sifat = Figure("sinkron_sifat_s", "property test (lossy transport, hub dying mid-apply)", "s", False, None)
    figures = [laju, dasbor, ukuran, kirim, sifat]
    with tempfile.TemporaryDirectory(prefix="balai-bench-sinkron-") as tmp, PostgresDatabase() as database:
        try:
            _ukur(Path(tmp), database.url, quick, progress, laju, dasbor, ukuran, kirim)
        except (ServerStartError, OSError, subprocess.SubprocessError, ValueError) as exc:
            for fig in (laju, dasbor, ukuran, kirim):
                if not fig.samples:
                    fig.error = f"{type(exc).__name__}: {exc}"[:800]
    _sifat(sifat, 50 if quick else 300, progress)
    return figures


def _ukur(tmp: Path, database_url: str, quick: bool, progress, laju, dasbor, ukuran, kirim) -> None:
    extra = titik_masuk(tmp / "titik-masuk")
    progress("hub: migrating a PostgreSQL hub")
    hub = hub_baru(tmp / "hub", database_url, extra)
    node = Instalasi(tmp / "nagari", extra)
    penduduk = 500 if quick else 2000
    progress(f"nagari: building the demo with {penduduk} residents and its open data")
    node.cli("demo", "--no-serve", "--penduduk", str(penduduk), "--tanpa-surat")
    node.cli("plugins", "enable", "sinkron")
    node.langkah("contoh", str(tmp / "contoh.json"))
    try:
        hub.serve()
        progress("nagari: enrolling with the hub and sending its backlog")
        daftarkan(node, hub, node.langkah("kode")["kode"])
        awal = node.langkah("sinkron")
        if not awal["bersih"]:
            raise ServerStartError(f"the first sync did not finish: {awal}")
        progress(f"nagari: {EVENTS} population events, then one sync")
        for _ in range(3 if quick else 5):
            node.langkah("peristiwa", str(EVENTS // 5 if _ else EVENTS))
            hasil = node.langkah("sinkron")
            if not hasil["bersih"]:
                raise ServerStartError(f"a sync did not finish: {hasil}")
            if not _:
                ukuran.samples.append(hasil["byte"] / 1024)
                ukuran.details.update(frames=hasil["frames"], after=f"{EVENTS} events; later runs: {EVENTS // 5}")
            kirim.samples.append(hasil["detik"])
        kirim.details.update(backlog={"seconds": awal["detik"], "bytes": awal["byte"], "frames": awal["frames"]})
    finally:
        hub.stop()
    progress(f"hub: applying {NODES} x {MONTHS} batches")
    hasil = hub.langkah("terapkan", str(tmp / "contoh.json"), str(NODES), str(MONTHS))
    laju.samples.append(hasil["batch"] / hasil["detik"])
    laju.details.update({k: v for k, v in hasil.items() if k != "dasbor_ms"})
    if hasil.get("dasbor_ms"):
        dasbor.samples.extend(hasil["dasbor_ms"])
        dasbor.details.update(datasets=hasil["dataset"], periode=hasil["periode"], how="cache cleared each run")
    else:
        dasbor.error = "the hub's dashboard (plugins/sinkron/hub/dasbor.py) is not there"


def _sifat(fig: Figure, contoh: int, progress) -> None:
    progress(f"property test with {contoh} examples")
    env = {**os.environ, "SINKRON_CONTOH": str(contoh)}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
                           "tests/test_sinkron_sifat.py"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=3600)
    fig.details.update(examples=contoh, outcome=done.stdout.strip().splitlines()[-1:] or [""])
    if done.returncode != 0:
        fig.error = done.stdout[-1500:]
        return
    fig.samples.append(time.perf_counter() - began)


# --- the internal steps, each in the installation of BALAI_DATA_DIR ------------------------------------------

async def _langkah(args: list[str]) -> dict:
    from balai_demo.cli import _DemoRequest
    from plugin_sdk.cli import booted_balai

    balai = booted_balai()
    if balai.engine.engine_type == "postgres":  # as the server does: a query outside a transaction reuses a connection
        await balai.engine.start_connection_pool(min_size=1, max_size=4)
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
    """Each monthly dataset's newest month in the demo's change log, as the wire carries it (columns once)."""
    terbaru: dict[str, dict] = {}
    for r in contoh:
        if len(r["periode"]) == 7 and r["periode"] >= terbaru.get(r["dataset"], {}).get("periode", ""):
            terbaru[r["dataset"]] = r
    hasil = []
    for r in terbaru.values():
        kolom = list(dict.fromkeys(k for row in r["baris"] for k in row))
        hasil.append({"dataset": r["dataset"], "kolom": kolom, "baris": r["baris"]})
    return hasil


def _batch(kode: str, periode: str, bulanan: list[dict]) -> dict:
    def sel(row: dict, k: str):
        return periode if k == "periode" else kode if k == "kode_wilayah" else row.get(k)

    rilis = [{"posisi": 0, "dataset": r["dataset"], "periode": periode, "versi": 1, "sementara": False,
              "kolom": r["kolom"], "baris": [[sel(row, k) for k in r["kolom"]] for row in r["baris"]]}
             for r in bulanan]
    peristiwa = [{"bulan": periode, "baris": [
        {"jenis": j, "arah": a, "jorong": f"Jorong {w}", "jenis_kelamin": k, "jumlah": 1 + (w + k) % 3}
        for j, a in (("lahir", 1), ("mati", -1), ("pindah_masuk", 1), ("pindah_keluar", -1))
        for w in range(5) for k in (1, 2)]}]
    return {"dibuat": f"{periode}-28T10:00:00+00:00", "rilis": rilis, "peristiwa": peristiwa}


async def _terapkan(ctx, balai, berkas: str, jumlah_node: str, jumlah_bulan: str) -> dict:
    """Enrol `jumlah_node` nagari with keys of their own, sign `jumlah_bulan` monthly batches each from the demo's
    releases, apply them month by month as they would arrive; then time the kabupaten dashboard."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from plugins.sinkron.hub.daftar import nagari
    from plugins.sinkron.hub.tables import AKTIF, BatchHub, KunciNode, NodeHub, PeristiwaHub, RilisHub
    from plugins.sinkron.hub.terima import terima
    from plugins.sinkron.protokol import bungkus, teks_kunci

    for tabel in (NodeHub, KunciNode, BatchHub, RilisHub, PeristiwaHub):  # the demo nagari's own sync: set aside
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
    mulai = time.perf_counter()
    for s in range(len(bulan)):
        for kode, daftar_frame in frames.items():
            jawab = await terima([daftar_frame[s]], kode, "http")
            if jawab["status"] != 200 or jawab["diakui"] != s + 1:
                raise RuntimeError(f"{kode} batch {s + 1}: {jawab}")
    detik = time.perf_counter() - mulai
    ukuran = [len(json.dumps(f)) for f in frames[daftar[0]["kode"]]]
    hasil = {"batch": len(frames) * len(bulan), "detik": detik, "nagari": len(frames), "bulan": len(bulan),
             "dataset_per_batch": len(bulanan), "batch_byte_median": sorted(ukuran)[len(ukuran) // 2],
             "bungkus_detik": siap}
    try:
        from plugins.sinkron.hub import dasbor
    except ImportError:
        return hasil
    waktu, jumlah = [], 0
    for _ in range(5):
        dasbor._simpanan.clear()  # from nothing each time (the page keeps the sums while no release changes)
        mulai = time.perf_counter()
        jumlah = len(await dasbor.semua(ctx, bulan[len(bulan) // 2]))
        waktu.append((time.perf_counter() - mulai) * 1000)
    return {**hasil, "dasbor_ms": waktu, "dataset": jumlah, "periode": bulan[len(bulan) // 2]}


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
    from plugins.sinkron.hub.tables import BatchHub, NodeHub, RilisHub

    rilis = []
    for r in await RilisHub.select().where(RilisHub.kode_wilayah == kode).run():
        kolom = json.loads(r["kolom"])
        rilis.append({**r, "baris": [dict(zip(kolom, b)) for b in json.loads(r["baris"])]})
    node = await NodeHub.select(NodeHub.seq_terakhir).where(NodeHub.kode_wilayah == kode).first().run()
    batch = await BatchHub.select(BatchHub.seq).where(BatchHub.kode_wilayah == kode).order_by(BatchHub.seq).run()
    return {"rilis": _per_periode(rilis), "seq": node["seq_terakhir"] if node else None,
            "batch": [b["seq"] for b in batch]}


LANGKAH = {"undangan": _undangan, "konfirmasi": _konfirmasi, "kode": _kode, "daftar": _daftar, "sinkron": _sinkron,
           "peristiwa": _peristiwa, "contoh": _contoh, "terapkan": _terapkan, "terbit": _terbit, "ringkas": _ringkas,
           "isi": _isi}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_langkah(sys.argv[1:])), default=str))
