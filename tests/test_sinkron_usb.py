"""The sync without a network and from the command line (issue 27): the USB file holds only what the hub has not
acknowledged and the next online answer confirms it arrived; `balai sync status`; `balai sync ekspor` and
`balai sync impor` exit 1 with the reason on stderr when a file cannot be written, is refused or applies only in
part, 0 when everything was written or applied."""

import json

from click.testing import CliRunner

from plugin_sdk.testing import post_form, run_sync
from plugins.sinkron import cli
from plugins.sinkron.node.kirim import kirim
from tests.fixtures.plugins import data_uji_terbit
from tests.sinkron_node_bantu import HUB, KODE, daftar_dan_konfirmasi, kotak, pak, terbit, terdaftar
from tests.sinkron_node_bantu import angka_awal, balai_entry_points, balai_plugins, hub, hub_nyata  # noqa: F401


def test_the_usb_file_holds_only_what_the_hub_has_not_acknowledged(balai, hub, tmp_path, monkeypatch):
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    run_sync(kirim(balai.settings.data_dir, paksa=True))  # batch 1 reached the hub online
    data_uji_terbit.ANGKA["sawah"] = 140
    terbit(balai, "uji-lahan", "uji-bulanan")  # batch 2 is packed by the export itself
    monkeypatch.setenv("BALAI_DATA_DIR", str(balai.settings.data_dir))
    monkeypatch.setattr(cli, "_jalankan", lambda fn: run_sync(fn))
    gagal = CliRunner().invoke(cli.sync, ["ekspor", str(tmp_path / "tidak-ada" / "flashdisk.jsonl")])
    assert gagal.exit_code == 1 and "Galat: Tidak dapat menulis" in gagal.output
    assert kotak()[2]["lewat"] == ""  # a file that was never written carries nothing
    berkas = tmp_path / "flashdisk.jsonl"
    keluar = CliRunner().invoke(cli.sync, ["ekspor", str(berkas)])
    assert keluar.exit_code == 0, keluar.output
    assert "1 batch ditulis" in keluar.output
    kepala, *frames = [json.loads(b) for b in berkas.read_text().splitlines()]
    assert kepala["balai_sinkron"] == 1 and kepala["node"] == "13.07.05.2001"
    assert [f["seq"] for f in frames] == [2]
    assert (kotak()[2]["status"], kotak()[2]["lewat"]) == ("terkirim", "berkas")

    hub.terima_berkas(berkas.read_text())  # the kabupaten imports the file
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))  # the next online answer confirms it arrived
    assert hasil.berhasil and {r["status"] for r in kotak().values()} == {"diakui"}
    assert [seq for seq, _ in hub.diterapkan] == [1, 2]


def test_sync_status_on_the_command_line(balai, hub, monkeypatch):
    monkeypatch.setattr(cli, "_jalankan", lambda fn: run_sync(fn))
    assert "belum terdaftar" in CliRunner().invoke(cli.sync, ["status"]).output
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    hub.mode = "putus"
    run_sync(kirim(balai.settings.data_dir, paksa=True))
    keluar = CliRunner().invoke(cli.sync, ["status"])
    assert keluar.exit_code == 0, keluar.output
    teks = keluar.output
    assert f"Hub: {HUB} (menunggu)" in teks and "Kode wilayah: 13.07.05.2001" in teks
    assert "Tertunda: 1" in teks and "Diakui hub: 0" in teks
    assert "Galat terakhir: Hub tidak dapat dihubungi" in teks and "Percobaan berikutnya:" in teks


def _cli(monkeypatch, peran: str = "nagari", balai=None) -> CliRunner:
    """`balai sync` as typed on this installation (its data folder: the signing key), in the role given."""
    import plugin_sdk

    if balai is not None:
        monkeypatch.setenv("BALAI_DATA_DIR", str(balai.settings.data_dir))
    monkeypatch.setattr(cli, "_jalankan", lambda fn: run_sync(fn))
    monkeypatch.setattr(plugin_sdk, "role", lambda *_: peran)
    return CliRunner()


def test_an_export_that_the_hub_could_not_use_is_not_written_and_exits_1(balai, hub, tmp_path, monkeypatch):
    from plugins.sinkron.node.tables import SinkronHub

    runner, berkas = _cli(monkeypatch), tmp_path / "flashdisk.jsonl"
    keluar = runner.invoke(cli.sync, ["ekspor", str(berkas)])
    assert keluar.exit_code == 1 and "belum terdaftar" in keluar.stderr and not berkas.exists()
    terdaftar(balai, hub)
    pesan = "Hub sudah menerima batch sampai nomor 5, padahal batch nagari ini baru sampai nomor 0 (dipulihkan ...)"
    run_sync(SinkronHub.update({SinkronHub.status: "dicabut", SinkronHub.galat: pesan}, force=True).run())
    keluar = runner.invoke(cli.sync, ["ekspor", str(berkas)])
    assert keluar.exit_code == 1 and "Galat: Pengiriman ke hub berhenti. Hub sudah menerima" in keluar.stderr
    assert not berkas.exists()


def test_the_office_page_writes_no_usb_file_once_sending_stopped(balai, hub, admin_client):
    from plugins.sinkron.node.tables import SinkronHub

    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    pesan = "Hub sudah menerima batch sampai nomor 5, padahal batch nagari ini baru sampai nomor 0 (dipulihkan ...)"
    run_sync(SinkronHub.update({SinkronHub.status: "dicabut", SinkronHub.galat: pesan}, force=True).run())
    respons = post_form(admin_client, "/admin/sinkron/berkas", follow_redirects=True)
    assert "attachment" not in respons.headers.get("content-disposition", "")
    assert "Pengiriman ke hub berhenti. Hub sudah menerima batch sampai nomor 5" in respons.text
    assert kotak()[1]["lewat"] == ""  # nothing marked as carried on a file


def test_an_import_refused_or_applied_in_part_exits_1_with_the_reason(balai, tmp_path, monkeypatch):
    from plugins.sinkron.hub.tables import NodeHub

    rusak, kosong = tmp_path / "rusak.jsonl", tmp_path / "kosong.jsonl"
    rusak.write_text("bukan berkas\n")
    kosong.write_text(json.dumps({"balai_sinkron": 1, "node": "13.07.05.2001", "dibuat": "2026-01-01"}) + "\n")
    keluar = _cli(monkeypatch).invoke(cli.sync, ["impor", str(kosong)])
    assert keluar.exit_code == 1 and "hanya dilakukan di hub kabupaten" in keluar.stderr
    runner = _cli(monkeypatch, "hub")
    keluar = runner.invoke(cli.sync, ["impor", str(rusak)])
    assert keluar.exit_code == 1 and "bukan berkas sinkron Balai" in keluar.stderr
    keluar = runner.invoke(cli.sync, ["impor", str(kosong)])  # a nagari the hub does not know
    assert keluar.exit_code == 1 and "tidak terdaftar di hub kabupaten" in keluar.stderr
    run_sync(NodeHub.insert(NodeHub(kode_wilayah="13.07.05.2001", status="aktif")).run())
    keluar = runner.invoke(cli.sync, ["impor", str(kosong)])
    assert keluar.exit_code == 0 and "0 batch dalam berkas" in keluar.stdout and keluar.stderr == ""


def test_an_import_at_the_hub_exits_0_only_when_every_batch_applied(hub_nyata, tmp_path, monkeypatch):
    from plugins.sinkron.node import kemas as kemas_modul

    daftar_dan_konfirmasi(hub_nyata)
    monkeypatch.setattr(kemas_modul, "BATAS_RILIS", 1)
    terbit(hub_nyata, "uji-lahan", "uji-bulanan")
    runner, berkas = _cli(monkeypatch, balai=hub_nyata), tmp_path / "flashdisk.jsonl"
    assert runner.invoke(cli.sync, ["ekspor", str(berkas)]).exit_code == 0
    kepala, satu, dua = berkas.read_text().splitlines()
    tanpa_satu = tmp_path / "tanpa-satu.jsonl"
    tanpa_satu.write_text(f"{kepala}\n{dua}\n")  # batch 1 left behind on the nagari's computer
    runner = _cli(monkeypatch, "hub")
    keluar = runner.invoke(cli.sync, ["impor", str(tanpa_satu)])
    assert keluar.exit_code == 1 and f"Nagari {KODE}: 1 batch dalam berkas, 0 baru diterapkan" in keluar.stderr
    assert "Berhenti: Batch 1 belum diterima" in keluar.stderr
    keluar = runner.invoke(cli.sync, ["impor", str(berkas)])
    assert keluar.exit_code == 0 and "2 batch dalam berkas, 2 baru diterapkan" in keluar.stdout


def test_a_file_from_a_nagari_restored_from_an_old_backup_is_refused_whole(hub_nyata, tmp_path, monkeypatch):
    """The restored node never went online, so it could not learn where the hub stands: its new batches reuse the
    numbers the hub applied. The hub compares each with what it applied under that number and refuses the file."""
    from plugins.sinkron.hub.tables import NodeHub, RilisHub
    from plugins.sinkron.node.identitas import kunci_aktif
    from plugins.sinkron.protokol import bungkus

    daftar_dan_konfirmasi(hub_nyata)
    terbit(hub_nyata, "uji-lahan", "uji-bulanan")
    runner, berkas = _cli(monkeypatch, balai=hub_nyata), tmp_path / "flashdisk.jsonl"
    assert runner.invoke(cli.sync, ["ekspor", str(berkas)]).exit_code == 0
    kepala, satu = berkas.read_text().splitlines()
    hub_runner = _cli(monkeypatch, "hub")
    assert hub_runner.invoke(cli.sync, ["impor", str(berkas)]).exit_code == 0  # batch 1 applied
    dataset = {r["dataset"] for r in run_sync(RilisHub.select(RilisHub.dataset).run())}

    # the restored node packs other data again as batches 1 and 2 (signed with its key: a genuine frame)
    kid, kunci = kunci_aktif(hub_nyata.settings.data_dir)
    isi = {"dibuat": "2026-12-07T05:00:00+00:00", "peristiwa": [],
           "rilis": [{"dataset": "dari-cadangan", "periode": "2026-11", "versi": 1, "kolom": [], "baris": []}]}
    baru = [json.dumps(bungkus(KODE, seq, isi, kunci, kid)) for seq in (1, 2)]
    lama = tmp_path / "dari-cadangan.jsonl"
    lama.write_text("\n".join([kepala, *baru]) + "\n")
    keluar = hub_runner.invoke(cli.sync, ["impor", str(lama)])
    assert keluar.exit_code == 1, keluar.output
    assert "Batch 1 dalam kiriman ini berbeda dengan batch 1 yang sudah diterima hub" in keluar.stderr
    assert "dipulihkan dari cadangan lama" in keluar.stderr and "daftar ulang" in keluar.stderr
    # nothing of the file applied: batch 2 (new to the hub) neither
    assert run_sync(NodeHub.select(NodeHub.seq_terakhir).first().run())["seq_terakhir"] == 1
    assert {r["dataset"] for r in run_sync(RilisHub.select(RilisHub.dataset).run())} == dataset

    # a copy of the batch the hub has is still a harmless skip, in the same file as a new one too
    dua = json.dumps(bungkus(KODE, 2, isi, kunci, kid))
    salinan = tmp_path / "salinan.jsonl"
    salinan.write_text(f"{kepala}\n{satu}\n{satu}\n{dua}\n")
    keluar = hub_runner.invoke(cli.sync, ["impor", str(salinan)])
    assert keluar.exit_code == 0 and "3 batch dalam berkas, 1 baru diterapkan" in keluar.stdout, keluar.output
