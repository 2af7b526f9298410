"""Enrolment with the kabupaten hub (issue 27): a mistyped or refused enrolment saves nothing; the office enrols on
/admin/sinkron and reads out the fingerprint; the node's requests against the hub's own routes; a new key signs
only once the hub accepted it; a node restored from an old backup stops, is enrolled again and the hub converges
on what the node publishes, every batch applied once."""

import dataclasses
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
from tests.sinkron_node_bantu import (HUB, angka_awal, balai_entry_points, balai_plugins, hub, nagari,  # noqa: F401
                                      pak, terbit, terdaftar)


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
