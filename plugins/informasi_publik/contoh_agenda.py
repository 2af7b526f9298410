"""Sample letter registers for the demo nagari: letters received this year with their dispositions, outgoing
letters typed outside Balai, and the dispatch of two of them. Deterministic; dates count back from today so
they always fall in the past. Written through agenda.py, as the office's forms write them."""

from __future__ import annotations

from datetime import date, timedelta

# (days ago received, sender, number, subject, disposition: (jabatan, instruction) or None)
MASUK = [
    (40, "Camat Harau", "005/112/KEC-HR/2026", "Undangan rapat koordinasi penyaluran BLT Dana Desa",
     ("Wali Nagari", "Hadiri, bawa data penerima")),
    (33, "Dinas Kesehatan Kabupaten Lima Puluh Kota", "440/875/DINKES/2026",
     "Pemberitahuan bulan imunisasi anak sekolah", ("Sekretaris Nagari", "Teruskan ke kader posyandu")),
    (21, "Puskesmas Taram", "441/59/PKM-TRM/2026", "Permohonan data balita untuk pemantauan stunting",
     ("Kasi Pelayanan", "Siapkan data per jorong")),
    (12, "Kerapatan Adat Nagari Taram", "02/KAN-TRM/2026", "Undangan musyawarah adat pasca panen", None),
    (4, "Badan Permusyawaratan Nagari", "09/BAMUS/2026", "Penyampaian jadwal sidang Rancangan Peraturan Nagari",
     ("Wali Nagari", "Agendakan")),
]
# (days ago, number, addressee, subject)
KELUAR = [
    (30, "005/41/TRM/2026", "Camat Harau", "Laporan penyaluran BLT Dana Desa tahap I"),
    (15, "140/44/TRM/2026", "Para Wali Jorong se-Nagari Taram", "Undangan musyawarah nagari"),
]


async def buat_demo() -> bool:
    """The demo's letter registers; False, changing nothing, when the office already keeps any."""
    from plugin_sdk.dokumen import officials

    from plugins.informasi_publik import agenda
    from plugins.informasi_publik.tabel_agenda import SuratKeluar, SuratMasuk

    if await SuratMasuk.exists().run() or await SuratKeluar.exists().run():
        return False
    hari_ini = date.today()
    per_jabatan = {p["jabatan"]: p["id"] for p in await officials() if p.get("aktif")}
    for lalu, pengirim, nomor, isi, disposisi in MASUK:
        diterima = hari_ini - timedelta(days=lalu)
        data = {"tanggal_terima": diterima.isoformat(), "tanggal_surat": (diterima - timedelta(days=2)).isoformat(),
                "nomor_surat": nomor, "pengirim": pengirim, "isi": isi}
        if disposisi and disposisi[0] in per_jabatan:
            data.update(disposisi_kepada=str(per_jabatan[disposisi[0]]), disposisi_isi=disposisi[1],
                        disposisi_tanggal=min(diterima + timedelta(days=1), hari_ini).isoformat())
        await agenda.catat_masuk(None, data, hari_ini=hari_ini)
    for i, (lalu, nomor, kepada, isi) in enumerate(KELUAR):
        tanggal = hari_ini - timedelta(days=lalu)
        keluar_id = await agenda.simpan_keluar(None, {"nomor": nomor, "tanggal": tanggal.isoformat(),
                                                      "kepada": kepada, "isi": isi}, hari_ini=hari_ini)
        if i == 0:  # the second waits for its dispatch (the page sample /admin/agenda/ekspedisi/baru?keluar=2)
            surat = await agenda.surat_keluar_untuk(None, keluar_id=keluar_id)
            await agenda.simpan_ekspedisi(None, {"tanggal_kirim": tanggal.isoformat(), "kepada": kepada,
                                                 "cara": "Diantar langsung", "penerima": "Staf Kantor Camat"},
                                          hari_ini=hari_ini, surat=surat)
    return True
