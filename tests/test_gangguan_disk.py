"""A full disk (ENOSPC injected where the file store and the backup writer write, see gangguan_helpers.disk_full)
while a letter is issued, a resident uploads, a backup is written: a clear message, nothing half-written kept."""

from __future__ import annotations

import pytest

from core.cadangan import sandi
from core.cadangan.buat import make_backup
from core.cadangan.errors import CadanganError
from core.cadangan.jadwal import backup_now, folder, listing
from core.cadangan.pulih import inspect
from core.tugas.antrean import JobFailed
from plugin_sdk.testing import login, post_form, run_sync
from plugins.layanan_mandiri.tables import Lampiran, Permohonan
from tests.gangguan_helpers import disk_full, files_under
from tests.mandiri_helpers import submit
from tests.surat_helpers import demo_nagari, issue, letters, living_resident
from tests.test_layanan_mandiri import USAHA, as_resident, documents

FULL = "Ruang penyimpanan penuh"
KERAMAIAN = {"isian_nama_acara": "Baralek", "isian_tanggal_acara": "2026-12-20", "isian_waktu": "09.00-17.00",
             "isian_tempat_acara": "Rumah gadang"}


def test_full_disk_while_issuing_a_letter(admin_client, balai, tmp_path, monkeypatch):
    demo_nagari(balai)
    person = living_resident()
    with disk_full(monkeypatch, tmp_path / "berkas") as opened:
        refused = issue(admin_client, "domisili", person["id"], isian_sejak="tahun 2015")
    assert opened, "the letter's PDF was never written: the fault was not injected"
    assert refused.status_code == 507
    assert FULL in refused.text and "nomornya tidak terpakai" in refused.text
    assert "tahun 2015" in refused.text  # the operator's entries are still in the form
    assert letters() == []
    assert files_under(tmp_path / "berkas") == {}, "a partial PDF was left behind"

    issued = issue(admin_client, "domisili", person["id"], isian_sejak="tahun 2015")
    assert issued.status_code in (302, 303), issued.text[:500]
    [letter] = letters()
    assert letter["status"] == "terbit" and "/001/" in letter["nomor"]  # the refused attempt took no number


def test_full_disk_while_approving_keeps_the_letter_waiting(admin_client, balai, tmp_path, monkeypatch):
    demo_nagari(balai)
    issue(admin_client, "izin_keramaian", living_resident()["id"], **KERAMAIAN)
    [waiting] = letters()
    assert waiting["status"] == "menunggu"
    with disk_full(monkeypatch, tmp_path / "berkas"):
        page = post_form(admin_client, f"/admin/surat/{waiting['id']}/setujui").text  # back on the letter's page
    assert FULL in page and "Surat belum diterbitkan" in page
    [letter] = letters()
    assert letter["status"] == "menunggu" and letter["nomor"] is None and letter["berkas"] == ""
    assert files_under(tmp_path / "berkas") == {}
    post_form(admin_client, f"/admin/surat/{waiting['id']}/setujui")
    [letter] = letters()
    assert letter["status"] == "terbit" and "/001/" in letter["nomor"]


def test_full_disk_during_a_self_service_upload(admin_client, balai, tmp_path, monkeypatch):
    as_resident(admin_client, balai)
    with disk_full(monkeypatch, tmp_path / "berkas" / "mandiri") as opened:
        sent = submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    assert opened
    assert sent.status_code == 400 and "Ruang penyimpanan kantor penuh" in sent.text
    assert run_sync(Permohonan.select().run()) == [] and run_sync(Lampiran.select().run()) == []
    sent = submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    assert sent.status_code in (302, 303) and len(run_sync(Lampiran.select().run())) == 3


def test_full_disk_during_an_upload_leaves_no_partial_file(admin_client, balai, tmp_path, monkeypatch):
    as_resident(admin_client, balai)
    with disk_full(monkeypatch, tmp_path / "berkas" / "mandiri"):
        submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    assert files_under(tmp_path / "berkas" / "mandiri") == {}, "a partial upload was left behind"


def test_full_disk_while_writing_a_backup(balai, tmp_path, monkeypatch):
    demo_nagari(balai)
    usb = tmp_path / "usb"
    usb.mkdir()
    with disk_full(monkeypatch, usb, room=4096) as opened, pytest.raises(CadanganError) as refused:
        run_sync(make_backup(balai, usb / "kantor.balai"))
    assert opened
    assert FULL in str(refused.value) and "tidak ada cadangan setengah jadi" in str(refused.value)
    assert files_under(usb) == {}, "a partial backup was left behind"

    # The page's job (the worker), sealed with the office key: the operator reads the message on the job page.
    sandi.save_office_key(balai.settings.data_dir, "kerbau-di-sawah-taram")
    with disk_full(monkeypatch, balai.settings.data_dir, room=4096), pytest.raises(JobFailed) as failed:
        run_sync(backup_now(balai))
    assert FULL in str(failed.value)
    assert listing(balai.settings.data_dir) == [] and files_under(folder(balai.settings.data_dir)) == {}
    assert files_under(balai.settings.data_dir / ".cadangan-sementara") == {}

    info = run_sync(make_backup(balai, usb / "kantor.balai"))
    assert run_sync(inspect(balai, usb / info["berkas"]))["baris"] > 0
