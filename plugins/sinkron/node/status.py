"""The sync's state as the office sees it (admin page, `balai sync status`, dashboard warning): the hub, how many
batches wait, are sent, acknowledged or failed, and why the last attempt failed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from plugin_sdk import get_setting

from plugins.sinkron.node.tables import DIAKUI, GAGAL, TERKIRIM, TERTUNDA, KotakKeluar, SinkronHub

HARI_PERINGATAN = 7  # the default of the setting "hari_peringatan" (node/pengaturan.py)
DICABUT_BAKU = "Pendaftaran dicabut kabupaten; minta kode undangan baru ke Diskominfo, lalu daftar ulang."
LABEL = {TERTUNDA: "tertunda", TERKIRIM: "terkirim, menunggu pengakuan", DIAKUI: "diakui hub", GAGAL: "gagal"}


async def hari_peringatan() -> int:
    nilai = await get_setting("sinkron", "hari_peringatan")
    return nilai if isinstance(nilai, int) and nilai > 0 else HARI_PERINGATAN


async def ringkasan() -> dict:
    """{"hub": row or None, "jumlah": {status: n}, "galat": the newest error of a waiting frame or "",
    "berikutnya": next attempt or None}."""
    hub = await SinkronHub.select().first().run()
    rows = await KotakKeluar.raw("SELECT status, COUNT(*) AS n FROM sinkron_keluar GROUP BY status").run()
    jumlah = {s: 0 for s in LABEL} | {r["status"]: r["n"] for r in rows}
    pertama = await KotakKeluar.select(KotakKeluar.galat, KotakKeluar.berikutnya, KotakKeluar.seq).where(
        KotakKeluar.status != DIAKUI).order_by(KotakKeluar.seq).first().run()
    return {"hub": hub, "jumlah": jumlah, "galat": (pertama or {}).get("galat", "") or (hub or {}).get("galat", ""),
            "berikutnya": (pertama or {}).get("berikutnya")}


async def peringatan(sekarang: datetime | None = None) -> str:
    """The dashboard's warning ("" when all is well): enrolled, and nothing acknowledged for N days."""
    hub = await SinkronHub.select().first().run()
    if hub is None:
        return ""
    sekarang = sekarang or datetime.now(timezone.utc)
    hari = await hari_peringatan()
    if hub["status"] == "dicabut":  # revoked by the kabupaten, or stopped here (restored from an old backup)
        return f"Data nagari tidak lagi dikirim ke hub kabupaten. {hub['galat'] or DICABUT_BAKU}"
    sejak = hub["terakhir_diakui"] or hub["didaftarkan"]
    if sekarang - sejak < timedelta(days=hari):
        return ""
    if hub["terakhir_diakui"] is None:
        return (f"Sudah {(sekarang - sejak).days} hari sejak pendaftaran, hub kabupaten belum pernah mengakui "
                "data nagari ini. Pastikan Diskominfo sudah mengonfirmasi sidik jari.")
    return (f"Sudah {(sekarang - sejak).days} hari hub kabupaten tidak mengakui data nagari ini. Periksa "
            "internet, atau kirim lewat flashdisk.")


async def kotak(batas: int = 50) -> list[dict]:
    """The newest outbox rows, without the frames themselves."""
    k = KotakKeluar
    return await k.select(k.seq, k.dibuat, k.ukuran, k.jumlah_rilis, k.status, k.percobaan, k.galat, k.berikutnya,
                          k.diakui_pada, k.lewat).order_by(k.seq, ascending=False).limit(batas).run()
