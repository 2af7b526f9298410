"""The `informasi_publik` section of a preset (issue 29): the demo's regulations (one revoking another), public
information and requests, and letter registers reach the public pages and the office's; the pilot's two years of
regulations too; an emptied room gets the holiday calendar back; a broken file is refused naming its file and entry
with nothing written; the export holds the office's own holidays and no regulation, request or requester, and
applied to an emptied installation gives the same calendar (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from core.preset.mesin import bagian_plugin
from core.tables import Perangkat
from core.web import cache_publik
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import preset_konteks, run_sync, terapkan_bagian
from plugins.informasi_publik import hari_kerja
from plugins.informasi_publik.tabel_agenda import Ekspedisi, SuratKeluar, SuratMasuk
from plugins.informasi_publik.tabel_hukum import ProdukHukum
from plugins.informasi_publik.tabel_ppid import DokumenInformasi, HariLibur, PermohonanInformasi
from plugins.portal.publik import cache

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "balai_demo" / "preset" / "informasi_publik"
PILOT = ROOT / "examples" / "nagari-percontohan" / "informasi_publik"
TABLES = (ProdukHukum, DokumenInformasi, PermohonanInformasi, SuratMasuk, SuratKeluar, Ekspedisi)
JABATAN = ("Wali Nagari", "Sekretaris Nagari", "Kasi Pelayanan", "Kaur Keuangan")


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    yield
    cache.CACHE.clear()


@pytest.fixture
def perangkat(balai):
    """The officials the files' dispositions name (a preset's profil.toml makes them before the sections)."""
    run_sync(lambda: Perangkat.insert(*[Perangkat(nama=f"Pejabat {i}", jabatan=j, urutan=i)
                                        for i, j in enumerate(JABATAN, start=1)]).run())


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO.parent)


def terapkan(balai, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    return terapkan_bagian(balai, "informasi_publik", folder, konteks(balai))


def counts() -> list[int]:
    return [run_sync(t.count().run()) for t in TABLES]


def test_the_demo_section_reaches_the_public_and_office_pages(balai, client, admin_client, perangkat):
    k = terapkan(balai, DEMO)
    tahun = k.hari_ini.year
    assert counts() == [4, 8, 2, 5, 2, 1]
    hukum = client.get("/produk-hukum")
    assert hukum.status_code == 200 and "Pungutan Pasar Nagari dan Retribusi Parkir" in hukum.text
    revoked = run_sync(ProdukHukum.select(ProdukHukum.status).where(ProdukHukum.judul == "Pungutan Pasar Nagari")
                       .first().run())
    assert revoked["status"] == "dicabut"  # revoked by the second, as the file says
    one = client.get(f"/produk-hukum/perdes-{tahun}-1")
    assert one.status_code == 200 and "dicabut" in one.text.lower()
    ppid = client.get("/informasi-publik/berkala")
    assert "Ringkasan APB Nagari" in ppid.text
    assert "Data Pribadi Penerima Bantuan Sosial" not in client.get("/informasi-publik/dikecualikan").text
    requests = run_sync(PermohonanInformasi.select(PermohonanInformasi.status, PermohonanInformasi.diterima)
                        .order_by(PermohonanInformasi.id).run())
    assert [r["status"] for r in requests] == ["diproses", "ditolak"]
    assert all((k.hari_ini - r["diterima"]).days == 8 for r in requests)
    masuk = admin_client.get("/admin/agenda/masuk")
    assert masuk.status_code == 200 and "Undangan rapat koordinasi penyaluran BLT Dana Desa" in masuk.text
    assert f"005/112/KEC-HR/{(k.hari_ini - timedelta(days=40)).year}" in masuk.text  # {tahun}: the letter's year
    disposed = run_sync(SuratMasuk.select(SuratMasuk.disposisi_nama).where(SuratMasuk.pengirim == "Puskesmas Taram")
                        .first().run())
    assert disposed["disposisi_nama"] == "Pejabat 3 (Kasi Pelayanan)"
    assert run_sync(HariLibur.count().run()) == len(hari_kerja.libur_bawaan())  # the national calendar is there


def test_an_emptied_room_gets_the_holiday_calendar_back(balai, perangkat):
    run_sync(lambda: HariLibur.delete(force=True).run())  # what the engine's reset leaves
    terapkan(balai, DEMO)
    assert run_sync(HariLibur.count().run()) == len(hari_kerja.libur_bawaan())


def test_the_pilot_section_keeps_two_years_of_regulations_and_a_ppid_desk_to_train_on(balai, client, perangkat):
    k = terapkan(balai, PILOT)
    data = tomllib.loads((PILOT / "hukum.toml").read_text())
    assert run_sync(ProdukHukum.count().run()) == len(data["produk"])
    last_year = client.get(f"/produk-hukum?tahun={k.hari_ini.year - 1}")
    assert "Pengelolaan Tanah Ulayat Nagari" in last_year.text
    rows = run_sync(ProdukHukum.select(ProdukHukum.judul, ProdukHukum.status).run())
    status = {r["judul"]: r["status"] for r in rows}
    assert status["Pungutan Nagari atas Pasar dan Objek Wisata"] == "diubah"
    assert status["Standar Operasional Prosedur Pelayanan Administrasi Nagari"] == "dicabut"
    waiting = run_sync(PermohonanInformasi.count().where(PermohonanInformasi.status == "diproses").run())
    assert waiting == 2  # requests for the trainee PPID to answer
    local = run_sync(HariLibur.select().where(HariLibur.nama == "Hari jadi Kabupaten Lima Puluh Kota").run())
    assert len(local) == 1 and local[0]["tanggal"].year == k.hari_ini.year
    assert run_sync(Ekspedisi.count().run()) == 3 and run_sync(SuratMasuk.count().run()) == 10


@pytest.mark.parametrize(("berkas", "ubah", "pesan"), [
    ("hukum.toml", ('ditetapkan = "03-02"', 'ditetapkan = "02-30"'),
     "informasi_publik/hukum.toml [[produk]] ke-2: ditetapkan"),
    ("hukum.toml", ("mencabut = { jenis = \"perdes\", nomor = 1 }", "mencabut = { jenis = \"perdes\", nomor = 9 }"),
     "informasi_publik/hukum.toml [[produk]] ke-2: mencabut perdes nomor 9"),
    ("hukum.toml", ('nomor = 1\ntahun = 0\nditetapkan = "02-05"', 'nomor = 0\ntahun = 0\nditetapkan = "02-05"'),
     "informasi_publik/hukum.toml [[produk]] ke-3: Nomor harus angka"),
    ("ppid.toml", ('kategori = "serta_merta"', 'kategori = "rahasia"'),
     "informasi_publik/ppid.toml [[dokumen]] ke-4: Pilih kategori informasi."),
    ("ppid.toml", ('kontak = "aisyah@contoh.id"', 'kontak = "aisyah"'),
     "informasi_publik/ppid.toml [[permohonan]] ke-2"),
    ("agenda.toml", ('jabatan = "Kasi Pelayanan"', 'jabatan = "Kasi Kesejahteraan"'),
     "informasi_publik/agenda.toml [[masuk]] ke-3: disposisi kepada 'Kasi Kesejahteraan'"),
    ("agenda.toml", ("hari = -15", "hari = 15"), "informasi_publik/agenda.toml [[keluar]] ke-2: hari"),
])
def test_a_broken_file_is_refused_naming_it_and_nothing_is_written(balai, tmp_path, perangkat, berkas, ubah, pesan):
    folder = shutil.copytree(DEMO, tmp_path / "informasi_publik")
    path = folder / berkas
    assert ubah[0] in path.read_text()
    path.write_text(path.read_text().replace(ubah[0], ubah[1], 1))
    libur = run_sync(HariLibur.count().run())
    with pytest.raises(ValueError) as refused:
        terapkan(balai, folder)
    assert pesan in str(refused.value)
    assert counts() == [0] * len(TABLES)  # the entries above the broken one are gone with the transaction
    assert run_sync(HariLibur.count().run()) == libur


def test_the_export_holds_local_holidays_only_and_gives_the_same_calendar_again(balai, perangkat, tmp_path):
    terapkan(balai, PILOT)
    before = run_sync(HariLibur.select(HariLibur.tanggal, HariLibur.nama, HariLibur.cuti_bersama).order_by(
        HariLibur.tanggal).run())
    out = tmp_path / "ekspor"
    out.mkdir()
    run_sync(bagian_plugin(balai.host)["informasi_publik"][1].ekspor(konteks(balai), out))
    assert sorted(p.name for p in out.iterdir()) == ["ppid.toml"]
    data = tomllib.loads((out / "ppid.toml").read_text())
    assert data == {"libur": [{"tanggal": "04-13", "tahun": 0, "nama": "Hari jadi Kabupaten Lima Puluh Kota",
                               "cuti_bersama": False}]}
    text = (out / "ppid.toml").read_text()
    assert "Yusrizal" not in text and "Tanah Ulayat" not in text
    run_sync(lambda: HariLibur.delete(force=True).run())
    terapkan(balai, out)
    assert run_sync(HariLibur.select(HariLibur.tanggal, HariLibur.nama, HariLibur.cuti_bersama).order_by(
        HariLibur.tanggal).run()) == before
