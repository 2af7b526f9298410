"""Upgrading a nagari's Balai from a signed bundle with no network, on SQLite and PostgreSQL: the new version (this
checkout as 0.2.0 with a new core migration) becomes active with its migration run and the data intact; a bundle
whose migration fails leaves the previous version active and the database exactly as the backup holds it."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core.paket import kunci, rilis
from core.paket.rilis_pasang import PembaruanGagal, perbarui
from plugin_sdk.testing import run_sync
from tests.cadangan_helpers import env_for, read_tables
from tests.live import BALAI
from tests.paket_rilis_bantu import (BAD, GOOD, borrowing, build_wheel, dependencies, folder_of, has_table, lock_for,
                                     migrations_ran, signing_key, tiny_wheel)
from tests.surat_helpers import demo_nagari

NEW_MIGRATION = "2099-01-01T00:00:00:000000"


@pytest.fixture(scope="module")
def bahan(tmp_path_factory):
    """Two bundles of Balai 0.2.0 (one with a migration that fails) with a locked dependency, and their key."""
    work = tmp_path_factory.mktemp("rilis-pasang")
    dep = tiny_wheel(work)
    lock = lock_for([dep], work / "requirements.lock")
    private, public = signing_key(work / "kunci", "tim-rilis")
    bundles = {}
    for kind, migrations in (("baik", GOOD), ("gagal", BAD)):
        wheels = folder_of(work / f"wheels-{kind}", build_wheel(work, "0.2.0", migrations), dep)
        bundles[kind] = rilis.buat(wheels, lock, private, work / f"balai-0.2.0-{kind}.zip", "Tim Balai").path
    return {"bundles": bundles, "public": public, "deps": dependencies(work / "dependensi")}


@pytest.fixture
def nagari(balai, bahan):
    """A nagari with residents that trusts the release key."""
    demo_nagari(balai, 20)
    kunci.percayai(balai.settings.data_dir, bahan["public"], "tim-rilis", keperluan="rilis")
    return balai


def module_installed_from_usb(balai, tmp_path) -> str:
    """An enabled module as `balai plugins install` leaves it: its wheel kept in the data folder, its record. The
    plugin is known to this (old) process as any installed plugin is; the new venv has to get it installed again."""
    from core.paket.catatan import KEY
    from core.paket.pasang import KEPT
    from core.plugin_host.host import PluginRecord
    from core.plugin_host.settings import set_values
    from core.tables import PluginState

    wheel = tiny_wheel(tmp_path / "modul", "modul_uji", "1.2")
    kept = balai.settings.data_dir / KEPT
    kept.mkdir(parents=True)
    (kept / wheel.name).write_bytes(wheel.read_bytes())
    balai.host.records["uji_bawa"] = PluginRecord(name="uji_bawa", distribution="modul_uji", builtin=False)
    record = {"plugin": "uji_bawa", "versi": "1.2", "berkas": wheel.name, "sha256": rilis.sha256_berkas(wheel),
              "roda": {wheel.name: rilis.sha256_berkas(wheel)}, "core": ">=0.1"}
    run_sync(set_values({KEY: {"modul-uji": record}}))
    run_sync(PluginState.insert(PluginState(nama="uji_bawa", aktif=True)).run())
    return "modul_uji"


def upgrade(balai, bahan, kind: str, root: Path, said: list):
    return run_sync(perbarui(balai, bahan["bundles"][kind], root, lapor=said.append,
                             siapkan_venv=borrowing(bahan["deps"])))


def test_a_good_bundle_becomes_the_active_version_with_its_migrations_and_the_data_intact(
        nagari, balai_database_url, bahan, tmp_path):
    carried = module_installed_from_usb(nagari, tmp_path)
    before = read_tables(balai_database_url)
    root = tmp_path / "program"
    said = []
    result = upgrade(nagari, bahan, "baik", root, said)
    assert (result["dari"], result["ke"]) == ("0.1.0", "0.2.0")
    active = root / "aktif"
    assert active.is_symlink() and active.resolve() == Path(result["folder"]).resolve()
    shown = subprocess.run([str(active / "bin" / "balai"), "--version"], capture_output=True, text=True)
    assert "0.2.0" in shown.stdout
    used = subprocess.run([str(active / "bin" / "python"), "-c",
                           f"import bantu_uji, core, {carried}; print(core.__file__, {carried}.__file__)"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert used.returncode == 0, used.stderr
    assert used.stdout.count(str(root)) == 2  # the bundle's code, not the checkout's; the module came along
    # the new version's migration ran on this nagari's database
    assert NEW_MIGRATION in migrations_ran(balai_database_url) and has_table(balai_database_url, "rilis_uji")
    after = read_tables(balai_database_url)
    for table in before:
        if table not in ("balai_audit", "balai_pengaturan"):  # the backup itself is logged and remembered
            assert after[table] == before[table], f"{table} berubah karena pembaruan"
    assert len(after["balai_penduduk"]) >= 20
    backup = Path(result["cadangan"])
    assert backup.parent == nagari.settings.data_dir / "pembaruan" and zipfile.is_zipfile(backup)
    assert result["sebelumnya"] == str(Path(sys.prefix).resolve())  # a source install: where a rollback returns
    assert any("ditandatangani tim-rilis" in line for line in said)
    # From now on upgrades start from the active version's own command, which knows it is 0.2.0 ...
    env = env_for(nagari.settings.data_dir, balai_database_url)
    again = subprocess.run([str(active / "bin" / "balai"), "perbarui", "--folder-program", str(root),
                            str(bahan["bundles"]["baik"])], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 1 and "sama dengan versi yang terpasang (0.2.0)" in again.stderr
    # ... and the old source install's command is turned away, pointing at the active one
    old = subprocess.run([BALAI, "perbarui", "--folder-program", str(root), str(bahan["bundles"]["baik"])],
                         env=env, capture_output=True, text=True, cwd=tmp_path)
    assert old.returncode == 1 and f"Jalankan {active}/bin/balai perbarui" in old.stderr
    assert active.resolve() == Path(result["folder"]).resolve()


def test_a_failing_migration_returns_to_the_previous_version_and_the_backup(nagari, balai_database_url, bahan,
                                                                             tmp_path):
    before = read_tables(balai_database_url)
    ran = migrations_ran(balai_database_url)
    root = tmp_path / "program"
    with pytest.raises(PembaruanGagal) as failed:
        upgrade(nagari, bahan, "gagal", root, [])
    message = str(failed.value)
    assert "migrasi uji sengaja gagal" in message
    assert "dikembalikan ke versi 0.1.0" in message and "dipulihkan dari cadangan" in message
    assert not (root / "aktif").exists()  # the first upgrade never switched: the source install stays in use
    assert not any((root / "versi").iterdir())  # the new venv is gone
    assert not (root / "pembaruan-berjalan.json").exists()
    # the new code's first migration had committed its table; the backup put the database back as it was
    assert migrations_ran(balai_database_url) == ran and not has_table(balai_database_url, "rilis_uji")
    after = read_tables(balai_database_url)
    *audit, restored = after.pop("balai_audit")
    assert audit == before.pop("balai_audit") and "pulihkan" in restored and "pembaruan" in restored
    assert after == before


@pytest.mark.parametrize("balai_database_url", ["sqlite"], indirect=True)
def test_an_upgrade_cut_off_during_its_migrations_is_undone_by_pulihkan(nagari, balai_database_url, bahan, tmp_path,
                                                                       monkeypatch):
    """The power goes off while the new version migrates: `aktif` never moved, but the database is half migrated.
    Every later upgrade is refused until `balai perbarui --pulihkan` puts the backup back."""
    import sqlite3

    from core.paket import rilis_pasang
    from core.paket.rilis import RilisError

    before = read_tables(balai_database_url)
    database = balai_database_url.removeprefix("sqlite:///")

    def half_migrated_then_power_cut(target, balai):
        with sqlite3.connect(database) as db:
            db.execute("CREATE TABLE rilis_uji (id INTEGER PRIMARY KEY)")
        raise KeyboardInterrupt  # the process ends here, as with a power cut: nothing after it runs

    monkeypatch.setattr(rilis_pasang, "pasang_venv", lambda target, *args: target.mkdir())
    monkeypatch.setattr(rilis_pasang, "_migrasi", half_migrated_then_power_cut)
    root = tmp_path / "program"
    with pytest.raises(KeyboardInterrupt):
        upgrade(nagari, bahan, "baik", root, [])
    assert (root / "pembaruan-berjalan.json").exists() and has_table(balai_database_url, "rilis_uji")
    with pytest.raises(RilisError, match="balai perbarui --pulihkan"):
        upgrade(nagari, bahan, "baik", root, [])
    said = run_sync(rilis_pasang.pulihkan_terhenti(nagari, root))
    assert "basis data dipulihkan dari cadangan sebelum pembaruan" in said
    assert not has_table(balai_database_url, "rilis_uji") and not (root / "pembaruan-berjalan.json").exists()
    assert not any((root / "versi").iterdir()) and not (root / "aktif").exists()
    after = read_tables(balai_database_url)
    after.pop("balai_audit"), before.pop("balai_audit")
    assert after == before
    with pytest.raises(RilisError, match="Tidak ada pembaruan yang terhenti"):
        run_sync(rilis_pasang.pulihkan_terhenti(nagari, root))
