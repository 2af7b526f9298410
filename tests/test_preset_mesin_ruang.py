"""Which installation a preset may replace: a migrated database where the office already entered something (with
or without an account) is refused, a training room is emptied only after a confirmation and only while still
marked, `--nagari-baru` builds a real nagari that no preset may empty afterwards, and options the preset cannot
take are refused before anything changes.
"""

from __future__ import annotations

import pytest

from core.preset.berkas import PresetError
from plugin_sdk.testing import run_sync
from tests.test_preset_mesin import balai_entry_points, buat_preset, kosong, potret  # noqa: F401 (fixtures)


def terapkan(balai, folder, **opsi):
    from core.preset import berkas, mesin

    return run_sync(mesin.terapkan(balai, berkas.baca(folder), **opsi))


def _jorong() -> list[str]:
    from core.penduduk.tables import Wilayah

    return [r["nama"] for r in run_sync(Wilayah.select(Wilayah.nama).run())]


def test_a_migrated_database_with_a_jorong_and_no_account_is_refused(kosong, tmp_path):
    from core.penduduk.tables import Wilayah
    from core.preset import ruang

    async def kantor():
        await kosong.migrate()
        await Wilayah.insert(Wilayah(nama="Koto Tuo", tingkat=1)).run()

    run_sync(kantor())
    with pytest.raises(PresetError, match=r"sudah berisi data \(balai_wilayah\).*Tidak ada yang diubah"):
        terapkan(kosong, buat_preset(tmp_path / "preset"))
    assert _jorong() == ["Koto Tuo"] and not run_sync(ruang.instalasi_latihan())


def test_every_built_in_plugin_migrated_is_still_new(kosong):
    """KATALOG names every table the migrations fill: a new seeding migration fails here, not in an office."""
    from core.preset import ruang

    async def semua():
        await kosong.migrate()
        for record in kosong.host.loaded():
            await kosong.enable(record.name)
        return await ruang.isi_kantor(kosong)

    assert run_sync(semua()) == []


def test_a_failing_read_is_no_empty_installation(kosong, tmp_path, monkeypatch):
    from core.preset import ruang

    run_sync(kosong.migrate())

    async def rusak(*args, **kwargs):
        raise RuntimeError("disk error")

    monkeypatch.setattr(ruang, "get_value", rusak)
    with pytest.raises(PresetError, match="Basis data tidak bisa dibaca.*disk error.*Tidak ada yang diubah"):
        terapkan(kosong, buat_preset(tmp_path / "preset", penduduk__jumlah=0))
    assert _jorong() == []


def test_emptying_reads_the_mark_again_inside_its_transaction(kosong, tmp_path):
    from core.plugin_host.settings import set_values
    from core.preset import ruang

    terapkan(kosong, buat_preset(tmp_path / "preset", penduduk__jumlah=0))
    run_sync(set_values({ruang.KUNCI_LATIHAN: False}))  # made a real nagari meanwhile
    with pytest.raises(PresetError, match="tidak \\(lagi\\) ditandai.*Tidak ada yang diubah"):
        run_sync(ruang.kosongkan(kosong))
    assert _jorong() == ["Koto", "Padang", "001", "001", "002", "002"]


def test_re_applying_shows_the_mark_and_a_refusal_keeps_the_room(kosong, tmp_path):
    folder = buat_preset(tmp_path / "preset", penduduk__jumlah=0)
    terapkan(kosong, folder)
    before = potret()
    seen = []
    with pytest.raises(PresetError, match="Dibatalkan.*Tidak ada yang diubah"):
        terapkan(kosong, folder, setuju=lambda tanda: seen.append(tanda) and False)
    assert seen[0]["nama"] == "ruang-uji" and seen[0]["tanggal"].endswith("UTC")
    assert potret() == before
    terapkan(kosong, folder, setuju=lambda tanda: True)
    assert potret()["pengguna"] == before["pengguna"]


def test_nagari_baru_builds_the_configuration_only_and_no_preset_empties_it(kosong, tmp_path):
    from core.identity.passwords import verify_password
    from core.preset import ruang
    from core.tables import Pengguna

    folder = buat_preset(tmp_path / "preset")
    hasil = terapkan(kosong, folder, nagari_baru=True)
    nagari = potret()
    assert hasil.penduduk == 0 and nagari["penduduk"] == [] and nagari["bagian"]["judul"]
    akun = run_sync(Pengguna.select(Pengguna.username, Pengguna.password_hash, Pengguna.wajib_ganti_sandi).run())
    assert [(a["username"], a["wajib_ganti_sandi"]) for a in akun] == [("admin", True)]
    assert len(hasil.sandi_admin) >= 12 and verify_password(akun[0]["password_hash"], hasil.sandi_admin)
    assert not run_sync(ruang.instalasi_latihan())
    with pytest.raises(PresetError, match="bukan instalasi latihan"):
        terapkan(kosong, folder, setuju=lambda tanda: True)
    assert potret() == nagari


def test_too_few_residents_for_the_preset_is_refused_before_anything(kosong, tmp_path):
    from core.preset import berkas, mesin, ruang

    preset = berkas.baca(buat_preset(tmp_path / "preset", penduduk__minimum=10))
    preset.jumlah = 0  # `--penduduk 0`
    with pytest.raises(PresetError, match="butuh sedikitnya 10 penduduk.*Tidak ada yang diubah"):
        run_sync(mesin.terapkan(kosong, preset))
    with pytest.raises(PresetError, match="--nagari-baru hanya untuk preset konfigurasi"):
        run_sync(mesin.terapkan(kosong, berkas.baca(preset.folder), nagari_baru=True))
    assert run_sync(ruang.tabel_ada()) == set()  # not even migrated


def test_a_kernel_section_failing_says_the_room_is_incomplete(kosong, tmp_path, monkeypatch):
    from core.preset import inti

    async def rusak(*args, **kwargs):
        raise RuntimeError("sambungan putus")

    monkeypatch.setattr(inti, "terapkan_wilayah", rusak)
    with pytest.raises(PresetError, match="'inti.*gagal: RuntimeError: sambungan putus.*BELUM LENGKAP dan jangan "
                                          "dipakai.*balai preset apply .* --ya"):
        terapkan(kosong, buat_preset(tmp_path / "preset"))


def test_a_section_failing_without_residents_points_at_the_option(kosong, tmp_path):
    folder = buat_preset(tmp_path / "preset", penduduk__jumlah=0)
    (folder / "uji_preset" / "catatan.toml").write_text('[[catatan]]\njudul = ""\n')
    with pytest.raises(PresetError, match="butuh penduduk: terapkan dengan --penduduk lebih dari 0.*BELUM LENGKAP"):
        terapkan(kosong, folder)


def test_postgres_reset_leaves_another_application_s_table_alone(kosong, tmp_path):
    from core.preset import ruang
    from core.tables import Pengaturan

    if kosong.settings.database_url.startswith("sqlite"):
        pytest.skip("a SQLite file holds only Balai's database")
    folder = buat_preset(tmp_path / "preset", penduduk__jumlah=0)
    terapkan(kosong, folder)
    run_sync(Pengaturan.raw("CREATE TABLE spatial_ref_sys (srid integer PRIMARY KEY)").run())
    with pytest.raises(PresetError, match="bukan milik Balai \\(spatial_ref_sys\\).*Tidak ada yang diubah"):
        terapkan(kosong, folder, setuju=lambda tanda: True)
    assert "spatial_ref_sys" in run_sync(ruang.tabel_ada()) and _jorong()


def test_the_command_asks_before_emptying_a_room_and_yes_answers(tmp_path):
    from tests.live import balai_cli

    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "preset.toml").write_text('[preset]\nnama = "mini"\n\n[latihan]\npeserta = 1\nsandi = "latihan-mini-1"\n')
    (folder / "wilayah.csv").write_text("jorong,rw,rt\nKoto,,\n")
    data = tmp_path / "data"
    balai_cli(data, "preset", "apply", str(folder))
    again = balai_cli(data, "preset", "apply", str(folder), check=False)  # not a terminal: no one to ask
    assert again.returncode != 0 and "Tambahkan --ya" in again.stderr and "Tidak ada yang diubah" in again.stderr
    assert "ruang latihan dari preset mini (diterapkan 20" in again.stdout
    done = balai_cli(data, "preset", "apply", str(folder), "--ya")
    assert "Preset mini diterapkan" in done.stdout and "ditandai sebagai instalasi latihan" in done.stdout
