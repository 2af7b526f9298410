"""Sending: the outbox's unacknowledged frames go to the hub in sequence order, again and again until the hub
acknowledges them; a failure waits longer each time (30 s, 1 min, 2 min ... at most 1 hour).

The hub answers 200 ``{"diakui": n}`` (everything up to n is applied), 409 ``{"harap": m}`` (a gap: send from m)
or 403 (this node is unknown, not yet confirmed or revoked). Sending a frame twice is harmless: the hub skips
sequence numbers it has applied.

That skipping is also the one way a node could lose data silently: restored from a backup older than the hub's last
acknowledgement, it numbers new batches the hub already applied (from the lost history). So before batches that
never left this node go, after a start or when its record of acknowledgements went backwards, the node asks where
the hub stands (an upload without frames); a hub ahead of every number this node has sent stops the sending, with
the reason on the page, until the kabupaten enrols the nagari again (docs/sync-protocol.md)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import httpx

from plugin_sdk import CORE_VERSION, last_backup_time, role, write_transaction

from plugins.sinkron.node.identitas import folder_data
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.status import DICABUT_BAKU
from plugins.sinkron.node.tables import (AKTIF, DICABUT, DIAKUI, GAGAL, HTTP, MENUNGGU, TERKIRIM, TERTUNDA,
                                         KotakKeluar, SinkronHub)

BATAS_KIRIM = 1024 * 1024  # bytes of frames per request: a slow link finishes one request before it drops
WAKTU_TUNGGU = 10.0  # seconds for the whole request
JEDA_AWAL, JEDA_MAKS = timedelta(seconds=30), timedelta(hours=1)
PUTARAN = 20  # requests per run at most (1 MB each; a 409 costs one)
#: Tests put an ``httpx.MockTransport`` here to stand in for the hub.
TRANSPORT: httpx.AsyncBaseTransport | None = None
#: Per enrolment (code, hub, enrolled at): the acknowledgement this process last knew the hub's position at. Missing
#: (a start: a restore always comes with one) or above the stored one (the database went back): ask the hub first.
_POSISI_DIKETAHUI: dict[tuple, int] = {}


@dataclass
class Hasil:
    berhasil: bool
    pesan: str
    diakui: int = 0  # frames newly acknowledged in this run


def jeda(percobaan: int) -> timedelta:
    """How long to wait after the `percobaan`-th failure in a row (1, 2, ...): doubling, capped at one hour."""
    return min(JEDA_AWAL * 2 ** max(percobaan - 1, 0), JEDA_MAKS)


def galat_hub(respons: httpx.Response) -> str:
    try:
        isi = respons.json()
    except ValueError:
        isi = {}
    galat = isi.get("galat") if isinstance(isi, dict) else None
    return str(galat)[:400] if galat else f"hub menjawab kode {respons.status_code}"


async def belum_diakui() -> list[dict]:
    return await KotakKeluar.select().where(KotakKeluar.status != DIAKUI).order_by(KotakKeluar.seq).run()


async def detak(sumber, tertunda: int, cadangan: datetime | None = None) -> dict:
    """The heartbeat the hub shows the kabupaten: version, last backup, free disk, how much waits to be sent."""
    try:
        bebas = shutil.disk_usage(folder_data(sumber)).free
    except OSError:
        bebas = None
    return {"versi": CORE_VERSION, "cadangan_terakhir": cadangan.isoformat() if cadangan else None,
            "disk_bebas": bebas, "tertunda": tertunda, "waktu": datetime.now(timezone.utc).isoformat()}


async def jatuh_tempo(sekarang: datetime) -> bool:
    """Whether a send is due: something waits, and the oldest waiting frame's back-off has passed."""
    pertama = await KotakKeluar.select(KotakKeluar.berikutnya).where(KotakKeluar.status != DIAKUI).order_by(
        KotakKeluar.seq).first().run()
    return pertama is not None and (pertama["berikutnya"] is None or pertama["berikutnya"] <= sekarang)


async def _diakui(hub: dict, n: int, sekarang: datetime) -> int:
    dulu = await KotakKeluar.count().where((KotakKeluar.status != DIAKUI) & (KotakKeluar.seq <= n)).run()
    await KotakKeluar.update({KotakKeluar.status: DIAKUI, KotakKeluar.diakui_pada: sekarang, KotakKeluar.galat: ""}
                             ).where((KotakKeluar.status != DIAKUI) & (KotakKeluar.seq <= n)).run()
    await KotakKeluar.update({KotakKeluar.lewat: HTTP}).where((KotakKeluar.seq <= n) & (KotakKeluar.lewat == "")).run()
    await SinkronHub.update({SinkronHub.status: AKTIF, SinkronHub.terakhir_diakui: sekarang, SinkronHub.galat: "",
                             SinkronHub.seq_diakui: max(n, hub["seq_diakui"])}).where(SinkronHub.id == hub["id"]).run()
    return dulu


async def _gagal(seqs: list[int], pesan: str, sekarang: datetime, status: str) -> None:
    """Every frame of the failed request waits longer; the oldest one's count sets the next attempt."""
    for row in await KotakKeluar.select(KotakKeluar.id, KotakKeluar.percobaan).where(KotakKeluar.seq.is_in(seqs)).run():
        percobaan = row["percobaan"] + 1
        await KotakKeluar.update({KotakKeluar.percobaan: percobaan, KotakKeluar.galat: pesan[:500],
                                  KotakKeluar.status: status, KotakKeluar.berikutnya: sekarang + jeda(percobaan)}
                                 ).where(KotakKeluar.id == row["id"]).run()


def _paket(antre: list[dict]) -> list[dict]:
    """The first frames in order up to about 1 MB (always at least one)."""
    terpilih, ukuran = [], 0
    for row in antre:
        if terpilih and ukuran + row["ukuran"] > BATAS_KIRIM:
            break
        terpilih.append(row)
        ukuran += row["ukuran"]
    return terpilih


async def _unggah(klien: httpx.AsyncClient, hub: dict, antre: list[dict], denyut: dict) -> httpx.Response:
    bingkai = [json.loads(r["bingkai"]) for r in antre]
    return await klien.post(f"{hub['url'].rstrip('/')}/api/sinkron/kirim",
                            json={"node": hub["kode_wilayah"], "detak": denyut, "bingkai": bingkai})


def _kunci_posisi(hub: dict) -> tuple:
    return hub["kode_wilayah"], hub["url"], str(hub["didaftarkan"])


async def sudah_keluar() -> int:
    """The highest sequence number that may have left this node (sent, or carried on a file), 0 for none. Not a
    failed question to the hub (it marks the frames waiting, not sent); a frame sent before `lewat` was recorded
    ahead of the upload counts when it is "terkirim"."""
    k = KotakKeluar
    row = await k.select(k.seq).where((k.lewat != "") | (k.status == TERKIRIM)).order_by(
        k.seq, ascending=False).first().run()
    return row["seq"] if row else 0


async def _tandai_keluar(seqs: list[int]) -> None:
    """Recorded before the upload (committed: a crash after it cannot make a sent batch look never sent)."""
    async with write_transaction():
        await KotakKeluar.update({KotakKeluar.lewat: HTTP}).where(
            KotakKeluar.seq.is_in(seqs) & (KotakKeluar.lewat == "")).run()
        await KotakKeluar.update({KotakKeluar.status: TERKIRIM}).where(
            KotakKeluar.seq.is_in(seqs) & (KotakKeluar.status != DIAKUI)).run()


async def _kirim_satu(klien, hub: dict, antre: list[dict], denyut: dict, seqs: list[int]) -> httpx.Response | Hasil:
    """One upload (`antre` empty: only asking where the hub stands); a network fault is recorded on `seqs`."""
    try:
        return await _unggah(klien, hub, antre, denyut)
    except httpx.TimeoutException:  # frames may have arrived: "terkirim", and the next answer will tell
        pesan, status = "Hub tidak menjawab dalam 10 detik; dicoba lagi nanti.", TERKIRIM if antre else TERTUNDA
    except httpx.HTTPError as e:
        pesan, status = f"Hub tidak dapat dihubungi ({type(e).__name__}); dicoba lagi nanti.", TERTUNDA
    async with write_transaction():
        await _gagal(seqs, pesan, datetime.now(timezone.utc), status)
    return Hasil(False, pesan)


async def _periksa_posisi(klien, hub: dict, kirim_ini: list[dict], denyut: dict) -> Hasil | None:
    """Before batches that never left this node go: ask where the hub stands, unless this process already knows.
    A Hasil to stop with, or None to send."""
    keluar = await sudah_keluar()
    diketahui = _POSISI_DIKETAHUI.get(_kunci_posisi(hub))
    if all(r["seq"] <= keluar for r in kirim_ini) or (diketahui is not None and diketahui <= hub["seq_diakui"]):
        return None
    seqs = [r["seq"] for r in kirim_ini]
    respons = await _kirim_satu(klien, hub, [], denyut, seqs)
    if isinstance(respons, Hasil):
        return respons
    isi = _isi(respons)
    sekarang = datetime.now(timezone.utc)
    async with write_transaction():
        if respons.status_code != 200 or not isinstance(isi.get("diakui"), int):
            hasil = await _jawaban(hub, respons, seqs, sekarang)
            return hasil if isinstance(hasil, Hasil) else None
        if isi["diakui"] > keluar:
            return await _hub_di_depan(hub, isi["diakui"], keluar, seqs, sekarang)
    _POSISI_DIKETAHUI[_kunci_posisi(hub)] = hub["seq_diakui"]
    return None


async def kirim(sumber, *, paksa: bool = False, cadangan: datetime | None = None) -> Hasil:
    """Send what waits, if due (`paksa`: now, whatever the back-off says). Never raises for the hub's or the
    network's faults: they are kept on the outbox rows and shown on the page. `cadangan`: the last backup's time
    for the heartbeat (read from the kernel when not given)."""
    hub = await SinkronHub.select().first().run()
    if hub is None:
        return Hasil(False, "Nagari belum terdaftar di hub kabupaten.")
    if hub["status"] == DICABUT:
        return Hasil(False, f"Pengiriman ke hub berhenti. {hub['galat'] or DICABUT_BAKU}")
    sekarang = datetime.now(timezone.utc)
    if not paksa and not await jatuh_tempo(sekarang):
        return Hasil(True, "Tidak ada yang perlu dikirim sekarang.")
    if cadangan is None:
        cadangan = await last_backup_time()
    total = 0
    async with httpx.AsyncClient(transport=TRANSPORT, timeout=WAKTU_TUNGGU) as klien:
        for putaran in range(PUTARAN):
            antre = await belum_diakui()
            if not antre:
                return Hasil(True, f"{total} batch diakui hub; tidak ada lagi yang tertunda.", total)
            kirim_ini = _paket(antre)
            seqs = [r["seq"] for r in kirim_ini]
            denyut = await detak(sumber, len(antre), cadangan)
            berhenti = await _periksa_posisi(klien, hub, kirim_ini, denyut) if putaran == 0 else None
            if berhenti is not None:
                return Hasil(berhenti.berhasil, berhenti.pesan, total)
            await _tandai_keluar(seqs)
            respons = await _kirim_satu(klien, hub, kirim_ini, denyut, seqs)
            if isinstance(respons, Hasil):
                return Hasil(False, respons.pesan, total)
            async with write_transaction():  # the answer is recorded whole or not at all
                hasil = await _jawaban(hub, respons, seqs, datetime.now(timezone.utc))
            if isinstance(hasil, Hasil):
                return Hasil(hasil.berhasil, hasil.pesan, total)
            total += hasil
            hub = await SinkronHub.select().first().run()
            _POSISI_DIKETAHUI[_kunci_posisi(hub)] = hub["seq_diakui"]
    return Hasil(True, f"{total} batch diakui hub; sisanya dikirim pada putaran berikutnya.", total)


def _isi(respons: httpx.Response) -> dict:
    try:
        isi = respons.json()
    except ValueError:
        isi = {}
    return isi if isinstance(isi, dict) else {}


async def _jawaban(hub: dict, respons: httpx.Response, seqs: list[int], sekarang: datetime) -> int | Hasil:
    """Apply the hub's answer: the number of frames newly acknowledged to go on, or a Hasil to stop with."""
    isi = _isi(respons)
    kode = respons.status_code
    if kode in (200, 409):
        terakhir = (await KotakKeluar.select(KotakKeluar.seq).order_by(KotakKeluar.seq, ascending=False).first().run()
                    or {"seq": 0})["seq"]
        harap = isi.get("harap")
        di_hub = isi.get("diakui") if kode == 200 else harap - 1 if isinstance(harap, int) else None
        if isinstance(di_hub, int) and di_hub > terakhir:
            return await _hub_di_depan(hub, di_hub, terakhir, seqs, sekarang)
    if kode == 200 and isinstance(isi.get("diakui"), int):
        n = isi["diakui"]
        akui = await _diakui(hub, n, sekarang)
        if n < max(seqs):  # not what the protocol answers; wait rather than send the same frames in a loop
            pesan = f"Hub hanya mengakui sampai batch {n}; sisanya dicoba lagi nanti."
            await _gagal([s for s in seqs if s > n], pesan, sekarang, TERTUNDA)
            return Hasil(False, pesan)
        return akui
    if kode == 409 and isinstance(isi.get("harap"), int):
        harap = isi["harap"]
        akui = await _diakui(hub, harap - 1, sekarang) if harap > 1 else 0
        # the hub may have lost acknowledged batches too (restored from a backup): they go again
        await KotakKeluar.update({KotakKeluar.status: TERTUNDA, KotakKeluar.berikutnya: None,
                                  KotakKeluar.diakui_pada: None}).where(KotakKeluar.seq >= harap).run()
        return akui
    sebagian = isi.get("diakui") if kode in (400, 403) else None
    if isinstance(sebagian, int) and sebagian > 0:  # a refused batch: those before it were applied
        await _diakui(hub, sebagian, sekarang)
        seqs = [s for s in seqs if s > sebagian]
    if kode == 403:
        pesan = f"Hub menolak: {galat_hub(respons)}"
        masih_menunggu = isi.get("status_node") == MENUNGGU or (hub["status"] == MENUNGGU and "status_node" not in isi)
        await SinkronHub.update({SinkronHub.status: MENUNGGU if masih_menunggu else DICABUT,
                                 SinkronHub.galat: pesan[:500]}).where(SinkronHub.id == hub["id"]).run()
        await _gagal(seqs, pesan, sekarang, GAGAL)
        return Hasil(False, pesan)
    if 400 <= kode < 500:  # the hub refuses a batch as it is: shown as failed, tried again after the wait
        pesan = f"Hub menolak batch: {galat_hub(respons)}"
        await _gagal(seqs, pesan, sekarang, GAGAL)
        return Hasil(False, pesan)
    pesan = f"Hub gagal menerima: {galat_hub(respons)}; dicoba lagi nanti."
    await _gagal(seqs, pesan, sekarang, TERTUNDA)
    return Hasil(False, pesan)


async def _hub_di_depan(hub: dict, di_hub: int, terakhir: int, seqs: list[int], sekarang: datetime) -> Hasil:
    """The hub applied more batches than this node ever made or sent: this database was restored from a backup older
    than the last acknowledgement. New batches would reuse numbers the hub skips as applied, so sending stops here,
    loudly, until the kabupaten enrols the nagari again (a new sequence: node/daftar.py, hub/daftar.py)."""
    pesan = (f"Hub sudah menerima batch sampai nomor {di_hub}, padahal batch nagari ini baru sampai nomor {terakhir} "
             "(dipulihkan dari cadangan lama?). Pengiriman dihentikan agar tidak ada data yang terlewat: minta "
             "Diskominfo kabupaten mencabut dan mengirim kode undangan baru, lalu daftar ulang di halaman ini.")
    await SinkronHub.update({SinkronHub.status: DICABUT, SinkronHub.galat: pesan[:500]}).where(
        SinkronHub.id == hub["id"]).run()
    await _gagal(seqs, pesan, sekarang, GAGAL)
    return Hasil(False, pesan)


async def _tugas_kemas(ctx) -> None:
    if role() == "nagari" and await _terdaftar():
        while await kemas(ctx) is not None:  # a backlog (first enrolment) packs in 50-change batches
            pass


async def _tugas_kirim(ctx) -> None:
    if role() == "nagari" and await _terdaftar() and await jatuh_tempo(datetime.now(timezone.utc)):
        await _tugas_kemas(ctx)
        await kirim(ctx)


async def _terdaftar() -> bool:
    return await SinkronHub.exists().where(SinkronHub.status != DICABUT).run()


def jadwal() -> list:
    from plugin_sdk.jobs import Jadwal

    return [Jadwal("sinkron.kemas", _tugas_kemas, setiap=timedelta(minutes=5), judul="Mengemas data untuk hub"),
            Jadwal("sinkron.kirim", _tugas_kirim, setiap=timedelta(minutes=1), judul="Mengirim data ke hub")]
