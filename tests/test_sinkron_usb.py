"""The sync without a network and from the command line (issue 27): the USB file holds only what the hub has not
acknowledged and the next online answer confirms it arrived; `balai sync status`; `balai sync ekspor` and
`balai sync impor` exit 1 with the reason on stderr when a file cannot be written, is refused or applies only in
part, 0 when everything was written or applied."""

import json

from click.testing import CliRunner

from plugin_sdk.testing import run_sync
from plugins.sinkron import cli
from plugins.sinkron.node.kirim import kirim
from tests.fixtures.plugins import data_uji_terbit
from tests.sinkron_node_bantu import (HUB, angka_awal, balai_entry_points, balai_plugins, hub, kotak,  # noqa: F401
                                      pak, terbit, terdaftar)


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
