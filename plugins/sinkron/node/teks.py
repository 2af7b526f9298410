"""What `balai sync status` prints and what `balai sync ekspor` writes: the node's state in plain Indonesian."""

from __future__ import annotations

from plugins.sinkron.node.identitas import folder_data, kode_wilayah
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.status import DICABUT_BAKU, LABEL, kotak, ringkasan
from plugins.sinkron.node.tables import DICABUT, GAGAL, SinkronHub
from plugins.sinkron.node.usb import isi_berkas


def _waktu(t) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC") if t else "belum pernah"


async def teks_status() -> str:
    r = await ringkasan()
    hub = r["hub"]
    if hub is None:
        baris = ["Hub: belum terdaftar (daftarkan di /admin/sinkron dengan kode undangan dari kabupaten)."]
    else:
        baris = [f"Hub: {hub['url']} ({hub['status']})", f"Kode wilayah: {hub['kode_wilayah']}",
                 f"Sidik jari: {hub['sidik_jari']}",
                 f"Terakhir diakui: {_waktu(hub['terakhir_diakui'])} (batch {hub['seq_diakui']})"]
    baris += [f"{LABEL[s].capitalize()}: {n}" for s, n in r["jumlah"].items()]
    if r["galat"]:
        baris.append(f"Galat terakhir: {r['galat']}")
    if r["berikutnya"]:
        baris.append(f"Percobaan berikutnya: {_waktu(r['berikutnya'])}")
    gagal = [k for k in await kotak(20) if k["status"] == GAGAL]
    baris += [f"  batch {k['seq']}: gagal {k['percobaan']} kali: {k['galat']}" for k in gagal]
    return "\n".join(baris)


async def alasan_tanpa_ekspor() -> str:
    """Why no USB file should be written now ("" when it may): not enrolled, no region code, or sending stopped
    (revoked, or restored from an old backup: the hub would skip its batch numbers as already applied)."""
    hub = await SinkronHub.select().first().run()
    if hub is None:
        return "Nagari belum terdaftar di hub kabupaten; daftarkan dulu di /admin/sinkron."
    if not await kode_wilayah():
        return "Isi dulu kode wilayah Kemendagri di profil nagari (10 angka)."
    if hub["status"] == DICABUT:
        return f"Pengiriman ke hub berhenti. {hub['galat'] or DICABUT_BAKU}"
    return ""


async def siapkan_berkas(sumber=None, tulis=None) -> tuple[str, int]:
    """Pack what is new (when enrolled), then the USB file's text and its frame count (`tulis`: see isi_berkas)."""
    if await SinkronHub.exists().where(SinkronHub.status != DICABUT).run():
        while await kemas(folder_data(sumber)) is not None:
            pass
    return await isi_berkas(tulis)
