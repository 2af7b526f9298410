"""The node side of the kabupaten sync (issue 27): batches numbered without gaps and never rewritten, nothing new
makes no batch, a revision travels with its newer rows; sending retries with a growing wait, a gap reported by
the hub resends from where it asks, a refusal stops, a node behind the hub (restored from an old backup) stops
before the hub could skip a batch; the worker's heartbeat; the dashboard warning. Enrolment and keys:
test_sinkron_daftar.py; the USB file and the command line: test_sinkron_usb.py."""

import asyncio
import json
from datetime import datetime, timedelta, timezone

from plugin_sdk.testing import post_form, run_sync
from plugins.sinkron.node import kemas as kemas_modul
from plugins.sinkron.node import kirim as kirim_modul
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.kirim import jeda, kirim
from plugins.sinkron.node.status import peringatan
from plugins.sinkron.node.tables import KotakKeluar, SinkronHub
from plugins.sinkron.node.teks import teks_status
from tests.fixtures.plugins import data_uji_terbit
from tests.sinkron_node_bantu import isi_bingkai, kotak, mulai_ulang, nagari, pak, terbit, terdaftar
from tests.sinkron_node_bantu import angka_awal, balai_entry_points, balai_plugins, hub  # noqa: F401


def test_batches_are_numbered_without_gaps_never_rewritten_and_nothing_new_makes_none(balai):
    nagari(balai)
    from plugins.sinkron.protokol import ke_baris  # the wire's column form back to rows

    def baris(rilis: dict) -> list[list]:
        return [list(b.values()) for b in ke_baris(rilis["kolom"], rilis)]

    assert pak(balai) is None  # nothing published yet: no empty batch
    terbit(balai)
    assert pak(balai) == 1
    assert pak(balai) is None
    pertama = kotak()[1]
    [rilis] = isi_bingkai(balai, pertama)["rilis"]
    assert (rilis["dataset"], rilis["periode"], rilis["versi"]) == ("uji-lahan", "2025", 1)
    assert rilis["kolom"][:2] == ["periode", "kode_wilayah"]
    assert ["2025", "13.07.05.2001", "sawah", 120.5] in baris(rilis)

    data_uji_terbit.ANGKA["sawah"] = 125  # a revision packs the newer rows as the next batch
    terbit(balai)
    assert pak(balai) == 2
    [revisi] = isi_bingkai(balai, kotak()[2])["rilis"]
    assert revisi["versi"] == 2 and ["2025", "13.07.05.2001", "sawah", 125] in baris(revisi)
    assert kotak()[1]["bingkai"] == pertama["bingkai"]  # the first frame is exactly as it was signed


def test_packers_running_at_once_take_consecutive_numbers(balai, monkeypatch):
    nagari(balai)
    terbit(balai, "uji-lahan", "uji-bulanan", "uji-orang")
    monkeypatch.setattr(kemas_modul, "BATAS_RILIS", 1)

    async def bersamaan():
        return await asyncio.gather(*(kemas(balai.settings.data_dir) for _ in range(4)))

    hasil = run_sync(bersamaan)
    assert sorted(s for s in hasil if s is not None) == [1, 2, 3] and hasil.count(None) == 1
    datasets = [isi_bingkai(balai, row)["rilis"][0]["dataset"] for row in kotak().values()]
    assert sorted(datasets) == ["uji-bulanan", "uji-lahan", "uji-orang"]  # each change in exactly one batch


def test_the_wait_after_a_failure_doubles_and_stops_at_an_hour(balai, hub):
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    hub.mode = "putus"
    for percobaan, detik in ((1, 30), (2, 60), (3, 120)):
        sebelum = datetime.now(timezone.utc)
        hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
        assert not hasil.berhasil and "tidak dapat dihubungi" in hasil.pesan
        row = kotak()[1]
        assert row["percobaan"] == percobaan and row["status"] == "tertunda"
        assert timedelta(seconds=detik) <= row["berikutnya"] - sebelum < timedelta(seconds=detik + 5)
    assert [jeda(n).total_seconds() for n in (4, 7, 8, 30)] == [240, 1920, 3600, 3600]

    hub.mode = "ok"  # not due yet: the scheduled send waits, "Sinkron sekarang" does not
    assert run_sync(kirim(balai.settings.data_dir)).pesan == "Tidak ada yang perlu dikirim sekarang."
    assert hub.permintaan == []
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert hasil.berhasil and hasil.diakui == 1
    row, hub_row = kotak()[1], run_sync(SinkronHub.select().first().run())
    assert row["status"] == "diakui" and row["lewat"] == "http" and row["galat"] == ""
    assert (hub_row["status"], hub_row["seq_diakui"]) == ("aktif", 1) and hub_row["terakhir_diakui"] is not None
    detak = hub.permintaan[0]["detak"]
    assert detak["tertunda"] == 1 and detak["disk_bebas"] > 0 and detak["versi"]


def test_a_gap_at_the_hub_resends_from_the_batch_it_expects(balai, hub, monkeypatch):
    terdaftar(balai, hub)
    monkeypatch.setattr(kemas_modul, "BATAS_RILIS", 1)
    terbit(balai, "uji-lahan", "uji-bulanan", "uji-orang")
    while pak(balai) is not None:
        pass
    assert run_sync(kirim(balai.settings.data_dir, paksa=True)).diakui == 3
    hub.seq = 1  # the hub was restored from a backup older than batches 2 and 3
    data_uji_terbit.ANGKA["sawah"] = 130
    terbit(balai)
    assert pak(balai) == 4
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert hasil.berhasil
    # the first run asked where the hub stands (no frames); then 4 alone, refused; then 2, 3, 4 again
    assert [len(p["bingkai"]) for p in hub.permintaan] == [0, 3, 1, 3]
    assert [seq for seq, _ in hub.diterapkan] == [1, 2, 3, 2, 3, 4]
    assert {r["status"] for r in kotak().values()} == {"diakui"}


def test_a_node_behind_the_hub_stops_rather_than_lose_batches(balai, hub):
    """Restored from a backup older than the hub's last acknowledgement: its next numbers were applied already."""
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    hub.seq = 5
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "sampai nomor 5, padahal batch nagari ini baru sampai nomor 0" in hasil.pesan
    assert hub.permintaan[-1]["bingkai"] == [] and hub.diterapkan == []  # asked first: batch 1 was never skipped
    assert kotak()[1]["status"] == "gagal"
    assert run_sync(SinkronHub.select().first().run())["status"] == "dicabut"
    assert run_sync(kemas_modul.kursor())["posisi_satu_data"] > 0
    dikirim = len(hub.permintaan)
    run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert len(hub.permintaan) == dikirim


def test_a_refusal_stops_sending_and_says_why(balai, hub):
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    hub.mode = "menunggu"  # not yet confirmed: the node keeps waiting for the kabupaten
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "Menunggu konfirmasi sidik jari" in hasil.pesan
    assert run_sync(SinkronHub.select().first().run())["status"] == "menunggu"
    assert kotak()[1]["status"] == "gagal"

    hub.mode = "ok"
    assert run_sync(kirim(balai.settings.data_dir, paksa=True)).berhasil
    data_uji_terbit.ANGKA["sawah"] = 1
    terbit(balai)
    pak(balai)
    hub.mode = "tolak"  # confirmed once, refused now: revoked, and nothing more is sent
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert "dicabut oleh Diskominfo" in hasil.pesan
    assert run_sync(SinkronHub.select().first().run())["status"] == "dicabut"
    dikirim = len(hub.permintaan)
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and len(hub.permintaan) == dikirim
    assert hasil.pesan == "Pengiriman ke hub berhenti. Hub menolak: Nagari ini dicabut oleh Diskominfo."
    assert run_sync(peringatan()) == ("Data nagari tidak lagi dikirim ke hub kabupaten. Hub menolak: Nagari ini "
                                      "dicabut oleh Diskominfo.")


def test_a_batch_the_hub_refuses_fails_alone_and_those_before_it_count(balai, hub, monkeypatch):
    terdaftar(balai, hub)
    monkeypatch.setattr(kemas_modul, "BATAS_RILIS", 1)
    terbit(balai, "uji-lahan", "uji-bulanan")
    while pak(balai) is not None:
        pass
    hub.mode = "rusak"
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "Batch 2 ditolak" in hasil.pesan
    assert kotak()[1]["status"] == "diakui"
    assert (kotak()[2]["status"], kotak()[2]["percobaan"]) == ("gagal", 1) and "Batch 2 ditolak" in kotak()[2]["galat"]
    assert run_sync(SinkronHub.select().first().run())["status"] == "aktif"


def test_the_dashboard_warns_when_nothing_was_acknowledged_for_days(balai, hub):
    assert run_sync(peringatan()) == ""  # not enrolled: nothing to warn about
    terdaftar(balai, hub)
    sekarang = datetime.now(timezone.utc)
    assert run_sync(peringatan(sekarang + timedelta(days=6))) == ""
    assert "belum pernah mengakui" in run_sync(peringatan(sekarang + timedelta(days=8)))
    terbit(balai)
    pak(balai)
    run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert run_sync(peringatan(sekarang + timedelta(days=6))) == ""
    assert "8 hari hub kabupaten tidak mengakui" in run_sync(peringatan(sekarang + timedelta(days=8, hours=1)))


def test_the_months_event_summary_travels_by_jorong_without_anyone_named(balai):
    from core.penduduk.formulir import clean_resident
    from core.penduduk.pendaftaran import register
    from core.penduduk.tables import Wilayah
    from core.profil.waktu import today as nagari_today

    nagari(balai)
    hari = nagari_today()
    bulan = f"{hari:%Y-%m}"
    koto, baruah = (run_sync(Wilayah.insert(Wilayah(nama=n, tingkat=1)).returning(Wilayah.id).run())[0]["id"]
                    for n in ("Koto Tuo", "Baruah"))
    rw = run_sync(Wilayah.insert(Wilayah(nama="RW 01", tingkat=2, induk=baruah)).returning(Wilayah.id).run())[0]["id"]
    dasar = {"tempat_lahir": "Taram", "tanggal_lahir": "1980-02-03", "agama": "1", "hubungan": "1",
             "status_kawin": "2", "pendidikan_kk": "5", "pekerjaan": "9", "kewarganegaraan": "1", "jenis_kelamin": "1"}

    def orang(nik, nama, jenis, wilayah, kk, **lain):
        data, _ = clean_resident({**dasar, "nik": nik, "nama": nama, **lain})
        keluarga = {"no_kk": kk, "wilayah_id": wilayah, "alamat": "Jl. Nagari"}
        return run_sync(register(data, jenis, hari, keluarga, actor={"id": 1, "username": "admin"}))

    orang("1307050302800001", "Rustam Effendi", "pendataan_awal", koto, "1307050101200001")
    assert pak(balai) == 1
    [ringkas] = isi_bingkai(balai, kotak()[1])["peristiwa"]
    assert ringkas == {"bulan": bulan, "baris": [
        {"jenis": "pendataan_awal", "arah": 1, "jorong": "Koto Tuo", "jenis_kelamin": 1, "jumlah": 1}]}
    assert pak(balai) is None  # the same summary is not sent again

    orang("1307054510000005", "Siti Aminah", "lahir", rw, "1307050101200002", jenis_kelamin="2", status_kawin="1")
    assert pak(balai) == 2
    [ringkas] = isi_bingkai(balai, kotak()[2])["peristiwa"]
    assert ringkas["bulan"] == bulan and {"jenis": "lahir", "arah": 1, "jorong": "Baruah", "jenis_kelamin": 2,
                                          "jumlah": 1} in ringkas["baris"] and len(ringkas["baris"]) == 2
    teks = json.dumps([isi_bingkai(balai, r) for r in kotak().values()])
    assert not any(s in teks for s in ("Rustam", "Siti", "1307050302800001", "1980-02-03", "1307050101200001"))


def test_the_worker_packs_and_sends_only_when_enrolled_and_due(balai, hub, monkeypatch):
    from types import SimpleNamespace

    tugas = {j.kode: j.fungsi for j in kirim_modul.jadwal()}
    ctx = SimpleNamespace(data_dir=balai.settings.data_dir)
    nagari(balai)
    terbit(balai)
    run_sync(tugas["sinkron.kemas"](ctx))
    assert kotak() == {}  # not enrolled: nothing is packed for nobody
    terdaftar(balai, hub)
    run_sync(tugas["sinkron.kemas"](ctx))
    assert list(kotak()) == [1]
    run_sync(tugas["sinkron.kirim"](ctx))
    assert kotak()[1]["status"] == "diakui" and len(hub.permintaan) == 2  # where the hub stands, then batch 1
    assert hub.permintaan[1]["detak"]["cadangan_terakhir"] is None  # no backup made yet
    run_sync(tugas["sinkron.kirim"](ctx))
    assert len(hub.permintaan) == 2  # nothing waits: no request

    data_uji_terbit.ANGKA["sawah"] = 7
    terbit(balai)
    run_sync(tugas["sinkron.kemas"](ctx))
    monkeypatch.setattr(kirim_modul, "role", lambda *_: "hub")  # the same tasks do nothing at the hub
    run_sync(tugas["sinkron.kirim"](ctx))
    assert kotak()[2]["status"] == "tertunda" and len(hub.permintaan) == 2


def test_the_workers_heartbeat_carries_the_last_backup_time(balai, hub):
    """The worker has no request to ask the backup page with: the kernel's record, through the SDK."""
    from types import SimpleNamespace

    from core.cadangan.buat import LAST_KEY
    from core.plugin_host.settings import set_values

    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    run_sync(set_values({LAST_KEY: {"waktu": "2026-03-04T03:00:00+00:00", "berkas": "cadangan.balai"}}))
    run_sync(kirim_modul._tugas_kirim(SimpleNamespace(data_dir=balai.settings.data_dir)))
    assert kotak()[1]["status"] == "diakui"
    assert hub.permintaan[-1]["detak"]["cadangan_terakhir"] == "2026-03-04T03:00:00+00:00"


def test_a_node_restored_from_an_old_backup_asks_the_hub_before_sending_numbers_it_never_sent(balai, hub,
                                                                                              admin_client,
                                                                                              monkeypatch):
    """Restored to the day after batch 1 while the hub applied 1-3: its new batches 2-4 would reach a hub that
    skips 2 and 3 as applied and takes 4, losing two batches without a word. It asks first, and stops."""
    from plugins.sinkron.node.tables import KursorSinkron

    terdaftar(balai, hub)
    monkeypatch.setattr(kemas_modul, "BATAS_RILIS", 1)
    terbit(balai, "uji-lahan", "uji-bulanan", "uji-orang")
    while pak(balai) is not None:
        pass
    assert run_sync(kirim(balai.settings.data_dir, paksa=True)).diakui == 3
    posisi = isi_bingkai(balai, kotak()[1])["rilis"][0]["posisi"]
    run_sync(KotakKeluar.delete().where(KotakKeluar.seq > 1).run())  # the backup's state: only batch 1 acknowledged
    run_sync(KursorSinkron.update({KursorSinkron.posisi_satu_data: posisi, KursorSinkron.ringkasan: "{}"},
                                  force=True).run())
    run_sync(SinkronHub.update({SinkronHub.seq_diakui: 1}, force=True).run())
    mulai_ulang()
    data_uji_terbit.ANGKA["sawah"] = 150
    terbit(balai)
    while pak(balai) is not None:
        pass
    assert list(kotak()) == [1, 2, 3, 4]
    hub.mode = "putus"  # the question itself fails: the batches still count as never sent, and it is asked again
    assert not run_sync(kirim(balai.settings.data_dir, paksa=True)).berhasil
    hub.mode = "ok"

    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "dipulihkan dari cadangan lama" in hasil.pesan
    assert "sampai nomor 3, padahal batch nagari ini baru sampai nomor 1" in hasil.pesan
    assert hub.permintaan[-1]["bingkai"] == [] and [s for s, _ in hub.diterapkan] == [1, 2, 3]
    assert [r["status"] for r in kotak().values()] == ["diakui", "gagal", "gagal", "gagal"]
    assert run_sync(SinkronHub.select().first().run())["status"] == "dicabut"
    assert "dipulihkan dari cadangan lama" in run_sync(teks_status())  # `balai sync status`
    assert "dipulihkan dari cadangan lama" in run_sync(peringatan())  # the dashboard
    halaman = admin_client.get("/admin/sinkron")
    assert "dipulihkan dari cadangan lama" in halaman.text and 'name="kode_undangan"' in halaman.text
    dikirim = len(hub.permintaan)
    assert not run_sync(kirim(balai.settings.data_dir, paksa=True)).berhasil
    assert "Daftarkan nagari ke hub kabupaten dulu" in post_form(admin_client, "/admin/sinkron/kirim").text
    assert len(hub.permintaan) == dikirim  # stopped: nothing more goes until it is enrolled again
