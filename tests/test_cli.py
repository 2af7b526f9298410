"""The `balai` command line, run as an operator would run it."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BALAI = str(Path(sys.executable).with_name("balai"))


def balai(data_dir, *args, input=None, extra_env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update({"BALAI_DATA_DIR": str(data_dir), **(extra_env or {})})
    return subprocess.run([BALAI, *args], capture_output=True, text=True, env=env, input=input, timeout=120)


def tables(data_dir):
    with sqlite3.connect(data_dir / "balai.sqlite") as db:
        return {r[0] for r in db.execute("select name from sqlite_master where type='table'")}


def test_demo_then_plugin_lifecycle_from_the_command_line(tmp_path):
    demo = balai(tmp_path, "demo", "--no-serve")
    assert demo.returncode == 0 and "admin" in demo.stdout and "demo-balai" in demo.stdout
    assert re.search(r"/warga/masuk dengan NIK \d{16} dan PIN \d{6}", demo.stdout)  # a resident to show self-service
    listing = balai(tmp_path, "plugins", "list").stdout
    assert "sistem" in listing and "aktif" in listing
    assert "adat" in listing and "nonaktif" in listing

    assert balai(tmp_path, "plugins", "enable", "adat").returncode == 0
    assert "adat_suku" in tables(tmp_path)

    refused = balai(tmp_path, "plugins", "purge", "adat", "--yes")
    assert refused.returncode == 1 and "masih aktif" in refused.stderr

    assert balai(tmp_path, "plugins", "disable", "adat").returncode == 0
    assert "adat_suku" in tables(tmp_path), "disabling keeps the data"

    aborted = balai(tmp_path, "plugins", "purge", "adat", input="n\n")
    assert aborted.returncode != 0 and "adat_suku" in tables(tmp_path)
    assert balai(tmp_path, "plugins", "purge", "adat", input="y\n").returncode == 0
    assert "adat_suku" not in tables(tmp_path)


def test_unknown_plugin_gets_a_clear_message(tmp_path):
    result = balai(tmp_path, "plugins", "enable", "tidak_ada")
    assert result.returncode == 1 and "Plugin 'tidak_ada' tidak terpasang." in result.stderr


def test_demo_reset_rebuilds_from_scratch(tmp_path):
    balai(tmp_path, "demo", "--no-serve")
    again = balai(tmp_path, "demo", "--no-serve")
    assert "sudah ada" in again.stdout
    reset = balai(tmp_path, "demo", "--no-serve", "--reset", "--seed", "7")
    assert reset.returncode == 0 and "dibuat" in reset.stdout


def test_setup_creates_the_first_administrator_once(tmp_path):
    args = ["setup", "--username", "wali", "--nama", "Wali Nagari", "--kode", "13.07.01.2001",
            "--password", "kata-sandi-kuat"]
    first = balai(tmp_path, *args)
    assert first.returncode == 0 and "Administrator wali dibuat" in first.stdout
    with sqlite3.connect(tmp_path / "balai.sqlite") as db:
        profile = db.execute("select nilai from balai_pengaturan where kunci = 'nagari.profil'").fetchone()[0]
    assert '"nama": "Kurai"' in profile and '"kecamatan": "Suliki"' in profile
    second = balai(tmp_path, *args)
    assert second.returncode == 1 and "Sudah ada pengguna" in second.stderr


def test_setup_with_a_bad_region_code_creates_nothing(tmp_path):
    result = balai(tmp_path, "setup", "--username", "wali", "--nama", "Wali", "--kode", "1307",
                   "--password", "kata-sandi-kuat")
    assert result.returncode == 1 and "10 angka" in result.stderr
    with sqlite3.connect(tmp_path / "balai.sqlite") as db:
        assert db.execute("select count(*) from balai_pengguna").fetchone()[0] == 0


def test_bad_database_url_is_explained(tmp_path):
    result = balai(tmp_path, "migrate", extra_env={"BALAI_DATABASE_URL": "mysql://x"})
    assert result.returncode == 2 and "BALAI_DATABASE_URL" in result.stderr


def test_plugin_adds_its_own_command(tmp_path):
    balai(tmp_path, "demo", "--no-serve")
    balai(tmp_path, "plugins", "enable", "adat")
    result = balai(tmp_path, "adat-suku")
    assert result.returncode == 0 and "0 suku tercatat." in result.stdout


def test_audit_verify_passes_then_detects_tampering(tmp_path):
    balai(tmp_path, "demo", "--no-serve")
    ok = balai(tmp_path, "audit", "verify")
    assert ok.returncode == 0 and "Log audit utuh" in ok.stdout
    with sqlite3.connect(tmp_path / "balai.sqlite") as db:
        db.execute("drop trigger balai_audit_tanpa_ubah")  # as someone with the database file would
        db.execute("update balai_audit set pengguna = 'orang_lain' where nomor = 1")
    broken = balai(tmp_path, "audit", "verify")
    assert broken.returncode == 1 and "isi entri diubah" in broken.stdout and "RUSAK" in broken.stderr


def test_console_recovery_for_a_locked_out_administrator(tmp_path):
    balai(tmp_path, "demo", "--no-serve")
    result = balai(tmp_path, "pengguna", "reset-sandi", "admin")
    assert result.returncode == 0 and "Kata sandi sementara untuk admin" in result.stdout
    missing = balai(tmp_path, "pengguna", "reset-sandi", "tidak_ada")
    assert missing.returncode == 1 and "tidak ada" in missing.stderr
    assert balai(tmp_path, "audit", "verify").returncode == 0
