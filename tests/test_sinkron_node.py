"""The node side of the kabupaten sync (issue 27): batches numbered without gaps and never rewritten, nothing new
makes no batch, a revision travels with its newer rows; sending retries with a growing wait, a gap reported by
the hub resends from where it asks, a refusal stops; the USB file holds what the hub has not acknowledged; the
office sees it all on /admin/sinkron, in `balai sync status` and on the dashboard."""

import asyncio
import base64
import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import EntryPoint, entry_points

import httpx
import pytest
from click.testing import CliRunner

from plugin_sdk.testing import post_form, run_sync
from plugins.satu_data import katalog
from plugins.satu_data.terbit import terbitkan
from plugins.sinkron import cli
from plugins.sinkron.node import kemas as kemas_modul
from plugins.sinkron.node import kirim as kirim_modul
from plugins.sinkron.node.daftar import DaftarError, daftar
from plugins.sinkron.node.ganti_kunci import ganti_kunci
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.kirim import jeda, kirim
from plugins.sinkron.node.status import peringatan
from plugins.sinkron.node.tables import KotakKeluar, SinkronHub
from plugins.sinkron.protokol import buka, kunci_dari_teks
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_helpers import konteks

HUB = "https://hub.example"
PER = date(2025, 12, 31)


@pytest.fixture
def balai_entry_points(fixture_plugins):
    dipasang = [e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik", "satu_data")]
    return [*dipasang, fixture_plugins("data_uji_terbit"), EntryPoint("sinkron", "plugins.sinkron.plugin",
                                                                      "balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["satu_data", "data_uji_terbit", "sinkron"]


class HubPalsu:
    """Answers like the kabupaten hub: enrols a key, applies frames in order once each, or fails as told
    (`mode`: "ok", "putus" = no connection, "menunggu" = 403 not yet confirmed, "tolak" = 403 revoked, "rusak" =
    400 for every batch after the first)."""

    def __init__(self):
        self.seq, self.mode, self.kunci = 0, "ok", {}
        self.diterapkan: list[tuple[int, dict]] = []
        self.permintaan: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.mode == "putus":
            raise httpx.ConnectError("tidak ada jaringan", request=request)
        isi = json.loads(request.content)
        if request.url.path == "/api/sinkron/kunci":
            return httpx.Response(404, json={"galat": "Alamat ini tidak dikenal."})
        if request.url.path == "/api/sinkron/daftar":
            if isi["kode_undangan"] != "RAHASIA-1":
                return httpx.Response(403, json={"galat": "Kode undangan tidak sah atau sudah dipakai."})
            raw = base64.b64decode(isi["kunci_publik"])
            self.kunci[hashlib.sha256(raw).hexdigest()[:16]] = kunci_dari_teks(isi["kunci_publik"])
            return httpx.Response(201, json={"status": "menunggu"})
        self.permintaan.append(isi)
        if self.mode == "menunggu":
            return httpx.Response(403, json={"galat": "Menunggu konfirmasi sidik jari.", "status_node": "menunggu"})
        if self.mode == "tolak":
            return httpx.Response(403, json={"galat": "Nagari ini dicabut oleh Diskominfo.", "status_node": "dicabut"})
        for frame in isi["bingkai"]:
            node, seq, muatan = buka(frame, self.kunci)
            assert node == isi["node"] == "13.07.05.2001"
            if seq <= self.seq:
                continue
            if self.mode == "rusak" and seq > 1:
                return httpx.Response(400, json={"galat": f"Batch {seq} ditolak: isi tidak sah.", "diakui": self.seq})
            if seq > self.seq + 1:
                return httpx.Response(409, json={"harap": self.seq + 1, "galat": "Ada batch yang terlewat."})
            self.seq = seq
            self.diterapkan.append((seq, muatan))
        return httpx.Response(200, json={"diakui": self.seq})

    def terima_berkas(self, teks: str) -> None:
        """What the hub's `balai sync impor` does with a USB file: apply its frames in order."""
        _, *frames = [json.loads(baris) for baris in teks.splitlines()]
        for frame in frames:
            _, seq, muatan = buka(frame, self.kunci)
            if seq == self.seq + 1:
                self.seq = seq
                self.diterapkan.append((seq, muatan))


@pytest.fixture
def hub(monkeypatch):
    palsu = HubPalsu()
    monkeypatch.setattr(kirim_modul, "TRANSPORT", httpx.MockTransport(palsu))
    return palsu


@pytest.fixture(autouse=True)
def angka_awal(monkeypatch):
    monkeypatch.setattr(data_uji_terbit, "ANGKA", {"sawah": 120.5, "ladang": 80})
    katalog.lupakan()
    yield
    katalog.lupakan()


def nagari(balai) -> None:
    run_sync(balai.save_profile({"kode": "1307052001"}))


def terbit(balai, *nama: str) -> None:
    run_sync(terbitkan(konteks(balai), nama=list(nama) or ["uji-lahan"], per=PER))


def pak(balai) -> int | None:
    return run_sync(kemas(balai.settings.data_dir))


def kotak() -> dict[int, dict]:
    return {r["seq"]: r for r in run_sync(KotakKeluar.select().order_by(KotakKeluar.seq).run())}


def terdaftar(balai, hub) -> None:
    nagari(balai)
    run_sync(daftar(balai.settings.data_dir, HUB, "RAHASIA-1", "Wali nagari 0812"))


def isi_bingkai(balai, row: dict) -> dict:
    from plugin_sdk.dokumen import KeyRing

    kunci = {k["id"]: kunci_dari_teks(base64.b64encode(bytes.fromhex(k["publik"])).decode())
             for k in KeyRing(balai.settings.data_dir, "sinkron").public_keys()}
    return buka(json.loads(row["bingkai"]), kunci)[2]


def test_batches_are_numbered_without_gaps_never_rewritten_and_nothing_new_makes_none(balai):
    nagari(balai)
    assert pak(balai) is None  # nothing published yet: no empty batch
    terbit(balai)
    assert pak(balai) == 1
    assert pak(balai) is None
    pertama = kotak()[1]
    [rilis] = isi_bingkai(balai, pertama)["rilis"]
    assert (rilis["dataset"], rilis["periode"], rilis["versi"]) == ("uji-lahan", "2025", 1)
    assert rilis["kolom"][:2] == ["periode", "kode_wilayah"]
    assert ["2025", "13.07.05.2001", "sawah", 120.5] in rilis["baris"]

    data_uji_terbit.ANGKA["sawah"] = 125  # a revision packs the newer rows as the next batch
    terbit(balai)
    assert pak(balai) == 2
    [revisi] = isi_bingkai(balai, kotak()[2])["rilis"]
    assert revisi["versi"] == 2 and ["2025", "13.07.05.2001", "sawah", 125] in revisi["baris"]
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
    assert [len(p["bingkai"]) for p in hub.permintaan] == [3, 1, 3]  # 4 alone, refused; then 2, 3, 4 again
    assert [seq for seq, _ in hub.diterapkan] == [1, 2, 3, 2, 3, 4]
    assert {r["status"] for r in kotak().values()} == {"diakui"}


def test_a_node_behind_the_hub_stops_rather_than_lose_batches(balai, hub):
    """Restored from a backup older than the hub's last acknowledgement: its next numbers were applied already."""
    terdaftar(balai, hub)
    terbit(balai)
    pak(balai)
    hub.seq = 5
    hasil = run_sync(kirim(balai.settings.data_dir, paksa=True))
    assert not hasil.berhasil and "sampai nomor 5, padahal nagari ini baru sampai 1" in hasil.pesan
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
    assert not hasil.berhasil and "mencabut" in hasil.pesan and len(hub.permintaan) == dikirim
    assert "mencabut" in run_sync(peringatan())


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
    assert kotak()[1]["status"] == "diakui" and len(hub.permintaan) == 1
    run_sync(tugas["sinkron.kirim"](ctx))
    assert len(hub.permintaan) == 1  # nothing waits: no request

    data_uji_terbit.ANGKA["sawah"] = 7
    terbit(balai)
    run_sync(tugas["sinkron.kemas"](ctx))
    monkeypatch.setattr(kirim_modul, "role", lambda *_: "hub")  # the same tasks do nothing at the hub
    run_sync(tugas["sinkron.kirim"](ctx))
    assert kotak()[2]["status"] == "tertunda" and len(hub.permintaan) == 1


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
