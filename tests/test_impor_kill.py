"""An import killed with SIGKILL in the middle of applying leaves the register exactly as it was."""

import os
import sqlite3
import subprocess

from plugins.impor.contoh import rows, write_csv
from tests.live import BALAI, sigkill_when, uncommitted_writes

ROWS = 12000


def env_for(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update(BALAI_DATA_DIR=str(tmp_path), BALAI_DATABASE_URL=database_url)
    return env


def counts(database_url, tmp_path) -> tuple:
    sql = ("SELECT (SELECT count(*) FROM balai_penduduk), (SELECT count(*) FROM balai_keluarga), "
           "(SELECT count(*) FROM balai_peristiwa), (SELECT count(*) FROM balai_wilayah)")
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchone()
    out = subprocess.run(["psql", database_url, "-Atc", sql], capture_output=True, text=True, check=True)
    return tuple(int(x) for x in out.stdout.strip().split("|"))


def test_sigkill_during_apply_leaves_the_register_as_it_was(balai_database_url, tmp_path):
    env = env_for(tmp_path, balai_database_url)
    subprocess.run([BALAI, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    before = counts(balai_database_url, tmp_path)
    book = write_csv(tmp_path / "besar.csv", rows(ROWS, seed=5))
    sigkill_when([BALAI, "impor", "penduduk", str(book), "--commit"], env,
                 # the apply's transaction is loading the journal or the residents
                 lambda: uncommitted_writes(balai_database_url, 2_000_000, ("balai_peristiwa", "balai_penduduk")),
                 "the apply")
    assert counts(balai_database_url, tmp_path) == before


def test_the_command_line_checks_applies_and_exports(tmp_path):
    env = env_for(tmp_path, f"sqlite:///{tmp_path / 'balai.sqlite'}")
    subprocess.run([BALAI, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    data = rows(25, seed=8)
    data[3]["nik"] = "99"
    book = write_csv(tmp_path / "p.csv", data)
    checked = subprocess.run([BALAI, "impor", "penduduk", str(book)], env=env, capture_output=True, text=True,
                             timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert "25 baris: 24 baru" in checked.stdout and "baris 5, nik: NIK harus 16 angka." in checked.stdout
    assert "Belum ada yang diubah" in checked.stdout and counts(env["BALAI_DATABASE_URL"], tmp_path)[0] == 0
    applied = subprocess.run([BALAI, "impor", "penduduk", str(book), "--commit"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert "Diterapkan: 24 penduduk baru" in applied.stdout, applied.stdout + applied.stderr
    out = tmp_path / "keluar.xlsx"
    exported = subprocess.run([BALAI, "ekspor", "penduduk", str(out), "--format", "opensid-xlsx"], env=env,
                              capture_output=True, text=True, timeout=120)
    assert "24 penduduk ditulis" in exported.stdout and out.read_bytes()[:2] == b"PK"
