"""Enrolment with the kabupaten hub (issue 27): a mistyped or refused enrolment saves nothing; the office enrols on
/admin/sinkron and reads out the fingerprint; the node's requests against the hub's own routes; a new key signs
only once the hub accepted it; a node restored from an old backup stops, is enrolled again and the hub converges
on what the node publishes, every batch applied once."""

import json

import httpx
import pytest

from plugin_sdk.testing import post_form, run_sync
from plugins.sinkron.node import kirim as kirim_modul
from plugins.sinkron.node.daftar import DaftarError, daftar
from plugins.sinkron.node.ganti_kunci import ganti_kunci
from plugins.sinkron.node.kirim import kirim
from plugins.sinkron.node.tables import SinkronHub
from tests.fixtures.plugins import data_uji_terbit
from tests.sinkron_node_bantu import HUB, KODE, daftar_dan_konfirmasi, nagari, pak, terbit, terdaftar
from tests.sinkron_node_bantu import angka_awal, balai_entry_points, balai_plugins, hub, hub_nyata  # noqa: F401


def test_enrolment_refused_by_the_hub_or_mistyped_saves_nothing(balai, hub):
    nagari(balai)
    with pytest.raises(DaftarError, match="https://"):
        run_sync(daftar(balai.settings.data_dir, "hub.example", "RAHASIA-1"))
    with pytest.raises(DaftarError, match="Kode undangan tidak sah"):
        run_sync(daftar(balai.settings.data_dir, HUB, "TEBAKAN"))
    hub.mode = "putus"
    with pytest.raises(DaftarError, match="tidak dapat dihubungi"):
        run_sync(daftar(balai.settings.data_dir, HUB, "RAHASIA-1"))
    assert run_sync(SinkronHub.count().run()) == 0


def test_the_office_enrols_syncs_and_downloads_the_usb_file_on_the_admin_page(balai, hub, admin_client):
    nagari(balai)
    halaman = admin_client.get("/admin/sinkron")
    assert halaman.status_code == 200 and "Nagari belum terdaftar" in halaman.text
    salah = post_form(admin_client, "/admin/sinkron/daftar", {"url": "bukan alamat", "kode_undangan": ""})
    assert salah.status_code == 400
    assert "Alamat hub harus berbentuk" in salah.text and "Isi kode undangan" in salah.text
    assert run_sync(SinkronHub.count().run()) == 0

    jawab = post_form(admin_client, "/admin/sinkron/daftar", {"url": HUB, "kode_undangan": "RAHASIA-1",
                                                              "kontak": "Sekretaris 0812"})
    assert jawab.status_code == 200 and "Bacakan sidik jari" in jawab.text
    sidik = run_sync(SinkronHub.select().first().run())["sidik_jari"]
    assert sidik in jawab.text and "menunggu konfirmasi" in jawab.text

    terbit(balai)
    jawab = post_form(admin_client, "/admin/sinkron/kirim")
    assert "1 batch diakui hub" in jawab.text and 'id="batch-1"' in jawab.text
    assert hub.permintaan[0]["detak"]["tertunda"] == 1

    data_uji_terbit.ANGKA["sawah"] = 99
    terbit(balai)
    unduh = post_form(admin_client, "/admin/sinkron/berkas")
    assert unduh.status_code == 200 and "attachment" in unduh.headers["content-disposition"]
    assert "sinkron-1307052001-" in unduh.headers["content-disposition"]
    assert [json.loads(b).get("seq") for b in unduh.text.splitlines()] == [None, 2]
    assert "(flashdisk)" in admin_client.get("/admin/sinkron").text
    assert "Lihat kotak keluar" in admin_client.get("/admin").text  # the dashboard card: nothing to warn about


def test_the_node_page_does_not_exist_at_the_hub(balai, admin_client):
    import dataclasses

    assert admin_client.get("/admin/sinkron").status_code == 200
    balai.settings = dataclasses.replace(balai.settings, role="hub")
    assert admin_client.get("/admin/sinkron").status_code == 404
    assert post_form(admin_client, "/admin/sinkron/kirim").status_code == 404


def test_a_node_and_the_real_hub_api_agree_on_the_wire(balai, balai_app, client, monkeypatch):
    """The node's requests against the hub's own routes (one database plays both; role hub for the routes)."""
    import dataclasses

    from plugins.sinkron.hub.daftar import buat_undangan, konfirmasi

    if balai.engine.engine_type == "sqlite":
        pytest.skip("the hub runs on PostgreSQL only")
    balai.settings = dataclasses.replace(balai.settings, role="hub")
    monkeypatch.setattr(kirim_modul, "TRANSPORT", httpx.ASGITransport(app=balai_app))
    nagari(balai)
    kode = run_sync(buat_undangan("13.07.05.2001"))
    sidik = run_sync(daftar(balai.settings.data_dir, "http://hub.local", kode, "Sekretaris 0812"))
    terbit(balai)
    pak(balai)
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and run_sync(SinkronHub.select().first().run())["status"] == "menunggu"
    run_sync(konfirmasi("13.07.05.2001", sidik))  # the kabupaten compares the fingerprint read out by phone
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert hasil.berhasil and hasil.diakui == 1, hasil.pesan
    assert run_sync(SinkronHub.select().first().run())["status"] == "aktif"

    data_uji_terbit.ANGKA["sawah"] = 3
    terbit(balai)
    pak(balai)  # batch 2, signed with the first key, still waits when the key is replaced
    baru = run_sync(ganti_kunci(balai.settings.data_dir))
    assert baru != sidik and run_sync(SinkronHub.select().first().run())["sidik_jari"] == baru
    data_uji_terbit.ANGKA["sawah"] = 4
    terbit(balai)
    pak(balai)  # batch 3, signed with the new key
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert hasil.berhasil and hasil.diakui == 2, hasil.pesan


def test_a_new_key_signs_only_once_the_hub_accepted_it(balai, hub, admin_client):
    from plugin_sdk.dokumen import KeyRing

    terdaftar(balai, hub)
    ring = KeyRing(balai.settings.data_dir, "sinkron")
    lama = ring.active()[0]
    jawab = post_form(admin_client, "/admin/sinkron/kunci")  # not yet confirmed: nothing to replace
    assert "setelah kabupaten mengonfirmasi" in jawab.text
    terbit(balai)
    pak(balai)
    run_sync(kirim(balai.settings.data_dir, paksa=True))
    jawab = post_form(admin_client, "/admin/sinkron/kunci")  # the stand-in hub knows no such request: 404
    assert "kunci tidak diganti" in jawab.text
    assert KeyRing(balai.settings.data_dir, "sinkron").active()[0] == lama
    assert len(KeyRing(balai.settings.data_dir, "sinkron").public_keys()) == 1


def _simpan(tabel: list[str]) -> None:
    """The office's backup of these tables (a copy beside each)."""
    for t in tabel:
        run_sync(SinkronHub.raw(f"DROP TABLE IF EXISTS cadangan_{t}").run())
        run_sync(SinkronHub.raw(f"CREATE TABLE cadangan_{t} AS SELECT * FROM {t}").run())


def _pulihkan(tabel: list[str]) -> None:
    for t in tabel:
        run_sync(SinkronHub.raw(f"DELETE FROM {t}").run())
        run_sync(SinkronHub.raw(f"INSERT INTO {t} SELECT * FROM cadangan_{t}").run())


def _semua_terkirim(balai) -> None:
    while pak(balai) is not None:
        pass
    for _ in range(5):
        hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
        assert hasil.berhasil, hasil.pesan
        if "tidak ada lagi" in hasil.pesan:
            return
    raise AssertionError("the backlog did not reach the hub in five runs")


def test_a_node_restored_from_an_old_backup_is_enrolled_again_and_the_hub_converges(hub_nyata):
    from plugins.satu_data.api import perubahan
    from plugins.satu_data.tables import TABLES as SATU_DATA
    from plugins.sinkron.hub.dasbor import sebagai_dict
    from plugins.sinkron.hub.daftar import buat_undangan, cabut_node, konfirmasi
    from plugins.sinkron.hub.tables import BatchHub, NodeHub, RilisHub
    from plugins.sinkron.node.tables import TABLES as NODE, KotakKeluar
    from tests.sinkron_node_bantu import mulai_ulang

    balai = hub_nyata
    sidik = daftar_dan_konfirmasi(balai)
    terbit(balai, "uji-lahan")
    _semua_terkirim(balai)
    tabel = [t._meta.tablename for t in (*SATU_DATA, *NODE)]
    _simpan(tabel)  # the backup, after batch 1
    data_uji_terbit.ANGKA["sawah"] = 200
    terbit(balai, "uji-lahan", "uji-bulanan")
    _semua_terkirim(balai)
    applied_before = run_sync(NodeHub.select(NodeHub.seq_terakhir).first().run())["seq_terakhir"]
    assert applied_before >= 2

    _pulihkan(tabel)  # the computer died; the office restores last month's backup
    mulai_ulang()
    data_uji_terbit.ANGKA["sawah"] = 300  # its own second version of uji-lahan, not the one the hub has
    terbit(balai, "uji-lahan")
    pak(balai)
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "dipulihkan dari cadangan lama" in hasil.pesan
    assert run_sync(NodeHub.select(NodeHub.seq_terakhir).first().run())["seq_terakhir"] == applied_before

    run_sync(cabut_node(KODE))  # the kabupaten revokes, issues a new code; the office enrols again
    baru = run_sync(daftar(balai.settings.data_dir, "http://hub.local", run_sync(buat_undangan(KODE))))
    assert baru != sidik  # a new key for the new sequence, read out and confirmed as the first time
    assert run_sync(KotakKeluar.count().run()) == 0
    assert run_sync(NodeHub.select(NodeHub.seq_terakhir).first().run())["seq_terakhir"] == 0
    assert run_sync(BatchHub.count().where(BatchHub.kode_wilayah == KODE).run()) == 0
    run_sync(konfirmasi(KODE, baru))
    _semua_terkirim(balai)

    di_node = {(r["dataset"], r["periode"]): (r["versi"], r["baris"]) for r in run_sync(perubahan(0, 100_000))}
    di_hub = {(r["dataset"], r["periode"]): (r["versi"], sebagai_dict(r["kolom"], r["baris"]))
              for r in run_sync(RilisHub.select().where(RilisHub.kode_wilayah == KODE).run())}
    assert di_node and {k: di_hub.get(k) for k in di_node} == di_node  # every release as the node has it
    versi, lahan = di_hub[("uji-lahan", "2025")]
    assert versi == 2 and {"jenis": "sawah", "luas": 300}.items() <= lahan[0].items()  # the node's own version 2
    assert di_hub[("uji-bulanan", "2025-12")][0] == 0  # lost at the node: kept at the hub, below any new version
    terakhir = run_sync(KotakKeluar.select(KotakKeluar.seq).order_by(KotakKeluar.seq, ascending=False).first().run())
    batch = [r["seq"] for r in run_sync(BatchHub.select(BatchHub.seq).where(BatchHub.kode_wilayah == KODE).order_by(
        BatchHub.seq).run())]
    assert batch == list(range(1, terakhir["seq"] + 1))  # every batch of the new sequence applied once


def test_the_hub_shows_the_last_backup_time_a_worker_sent(hub_nyata, admin_client):
    from types import SimpleNamespace

    from core.cadangan.buat import LAST_KEY
    from core.plugin_host.settings import set_values

    daftar_dan_konfirmasi(hub_nyata)
    terbit(hub_nyata)
    pak(hub_nyata)
    run_sync(set_values({LAST_KEY: {"waktu": "2026-03-04T03:00:00+00:00", "berkas": "cadangan.balai"}}))
    run_sync(kirim_modul._tugas_kirim(SimpleNamespace(data_dir=hub_nyata.settings.data_dir)))
    halaman = admin_client.get(f"/admin/hub/nagari/{KODE}")
    assert halaman.status_code == 200 and "4 Maret 2026 pukul 10.00" in halaman.text  # 03:00 UTC is 10.00 WIB
