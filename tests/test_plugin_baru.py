"""`balai plugin new`: a generated module installs into a throw-away environment and passes its own tests there, on
SQLite and PostgreSQL; a bad name or a used folder is refused with a message and nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from core import __version__ as CORE_VERSION
from core.cli.plugin_baru import group
from plugin_sdk import SDK_VERSION
from plugin_sdk.testing import ENGINES, _postgres_available

NAMA = "uji_kerangka"


def balai(*args: str):
    return CliRunner().invoke(group, ["new", *args])


@pytest.fixture(scope="module")
def modul(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("modul") / "balai-uji"
    hasil = balai(NAMA, "--folder", str(folder), "--judul", "Kelompok Uji", "--penulis", "Tim TI Nagari Taram")
    assert hasil.exit_code == 0, hasil.output
    assert f"Modul {NAMA} dibuat di {folder}." in hasil.output
    return folder


@pytest.fixture(scope="module")
def lingkungan(modul, tmp_path_factory) -> Path:
    """A throw-away venv that sees Balai's environment (a .pth adding its site-packages, whose own .pth files run
    too: Balai is installed editable), with the generated module installed from a built wheel, not editable, so
    the test also proves its package data (templates, migration) is listed. Balai's .venv is left untouched."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    induk = sysconfig.get_paths()["purelib"]
    Path(site, "balai_induk.pth").write_text(f"import site; site.addsitedir({induk!r})\n")
    pasang = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                             "--no-index", str(modul)], capture_output=True, text=True)
    assert pasang.returncode == 0, pasang.stdout + pasang.stderr
    assert "absent from the `packages`" not in pasang.stderr  # every folder of the package is listed
    return python


def _env() -> dict[str, str]:
    """This run's environment without pytest's own variables (the inner run starts fresh)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}


@pytest.mark.timeout(900)  # about 40 s alone; a busy CI machine may take several times that
def test_the_generated_module_passes_its_own_tests_in_a_fresh_environment(modul, lingkungan):
    # -P: the module is imported as installed, not from the folder the tests run in
    jalan = subprocess.run([str(lingkungan), "-P", "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
                           cwd=modul, capture_output=True, text=True, env=_env(), timeout=850)
    keluaran = jalan.stdout + jalan.stderr
    assert jalan.returncode == 0, keluaran[-4000:]
    jumlah_uji = len(re.findall(r"^def test_", (modul / "tests" / f"test_{NAMA}.py").read_text(), re.M))
    mesin = [e for e in ENGINES if e == "sqlite" or _postgres_available() is None]
    assert f"{jumlah_uji * len(mesin)} passed" in keluaran, keluaran[-2000:]
    assert "skipped" not in keluaran and "warning" not in keluaran.lower(), keluaran[-2000:]
    dipasang = subprocess.run([str(lingkungan), "-P", "-c", f"import balai_{NAMA}; print(balai_{NAMA}.__file__)"],
                              capture_output=True, text=True, check=True).stdout
    assert str(modul) not in dipasang  # the installed copy ran, not the source folder


def test_the_written_migration_is_the_one_piccolo_would_make(modul, lingkungan, tmp_path):
    """`balai makemigrations` finds nothing to add: the hand-written migration matches tables.py exactly, so the
    author's next migration holds only their own change."""
    tanya = f"import balai_{NAMA}.migrations as m; print(m.__path__[0])"
    migrasi = Path(subprocess.run([str(lingkungan), "-P", "-c", tanya], capture_output=True, text=True,
                                  check=True).stdout.strip())
    sebelum = sorted(p.name for p in migrasi.glob("*.py"))
    env = {**_env(), "BALAI_DATA_DIR": str(tmp_path), "BALAI_DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite'}",
           "BALAI_SECRET_KEY": "uji-" + "x" * 40}
    jalan = subprocess.run([str(lingkungan), "-P", "-m", "core.cli.main", "makemigrations", NAMA], env=env,
                           capture_output=True, text=True, timeout=280)
    assert jalan.returncode == 0 and "No changes detected" in jalan.stdout, jalan.stdout + jalan.stderr
    assert sorted(p.name for p in migrasi.glob("*.py")) == sebelum


def test_the_installed_module_names_its_author_for_the_plugin_list(lingkungan):
    kode = f"from importlib.metadata import metadata; print(metadata('balai-{NAMA.replace('_', '-')}')['Author'])"
    penulis = subprocess.run([str(lingkungan), "-c", kode], capture_output=True, text=True, check=True).stdout
    assert penulis.strip() == "Tim TI Nagari Taram"


def test_an_author_name_that_would_break_pyproject_is_refused(tmp_path):
    hasil = balai("tani", "--folder", str(tmp_path / "baru"), "--penulis", 'Tim "TI"')
    assert hasil.exit_code == 1 and "Nama penulis" in hasil.output and not (tmp_path / "baru").exists()


def test_the_module_declares_the_core_and_sdk_it_was_made_for(modul):
    pyproject = (modul / "pyproject.toml").read_text()
    rentang = f">={'.'.join(CORE_VERSION.split('.')[:2])},<"
    assert f'"balai{rentang}' in pyproject and f'{NAMA} = "balai_{NAMA}.plugin"' in pyproject
    plugin = (modul / f"balai_{NAMA}" / "plugin.py").read_text()
    assert f'core_requires="{rentang}' in plugin
    assert f'sdk_requires=">={SDK_VERSION},<{int(SDK_VERSION.split(".")[0]) + 1}"' in plugin
    assert 'enhances=("statistik", "satu_data", "buku_administrasi")' in plugin
    assert os.access(modul / ".ci" / "run", os.X_OK)
    readme = (modul / "README.md").read_text()
    assert "Memasang" in readme and "Menjalankan uji" in readme and "Langkah berikutnya" in readme


@pytest.mark.parametrize("nama, pesan", [
    ("Posyandu", "harus huruf kecil"),
    ("kelompok-tani", "harus huruf kecil"),
    ("1tani", "harus huruf kecil"),
    ("class", "harus huruf kecil"),
    ("surat", "nama plugin bawaan Balai"),
    ("admin", "dipakai oleh kernel"),
    ("kelompok_tani_dan_nelayan", "terlalu panjang"),
])
def test_a_name_that_cannot_be_a_plugin_is_refused_and_nothing_written(tmp_path, nama, pesan):
    tujuan = tmp_path / "baru"
    hasil = balai(nama, "--folder", str(tujuan))
    assert hasil.exit_code == 1 and pesan in hasil.output
    assert not tujuan.exists()


def test_a_title_that_would_break_the_generated_code_is_refused(tmp_path):
    hasil = CliRunner().invoke(group, ["new", "tani", "--folder", str(tmp_path / "baru"), "--judul", 'Tani "Maju"'])
    assert hasil.exit_code == 1 and "Judul" in hasil.output and "tidak dapat dipakai" in hasil.output
    assert not (tmp_path / "baru").exists()


def test_a_folder_with_files_is_refused_and_left_as_it_was(tmp_path):
    (tmp_path / "catatan.txt").write_text("punya orang lain")
    hasil = balai("tani", "--folder", str(tmp_path))
    assert hasil.exit_code == 1 and "sudah ada dan tidak kosong" in hasil.output
    assert [p.name for p in tmp_path.iterdir()] == ["catatan.txt"]
    berkas = tmp_path / "berkas"
    berkas.write_text("")
    hasil = balai("tani", "--folder", str(berkas))
    assert hasil.exit_code == 1 and "bukan folder" in hasil.output


def test_the_default_folder_is_balai_name_and_an_empty_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert balai("kelompok_tani").exit_code == 0
    assert (tmp_path / "balai-kelompok-tani" / "balai_kelompok_tani" / "plugin.py").is_file()
    (tmp_path / "kosong").mkdir()
    assert balai("ronda", "--folder", "kosong").exit_code == 0
    assert (tmp_path / "kosong" / "tests" / "test_ronda.py").is_file()


def test_a_write_that_fails_halfway_leaves_no_half_made_module(tmp_path, monkeypatch):
    from core.kerangka import buat

    asli, tulis = Path.write_text, []

    def disk_penuh(self, *args, **kwargs):
        tulis.append(self)
        if len(tulis) == 3:
            raise OSError(28, "No space left on device")
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", disk_penuh)
    with pytest.raises(OSError):
        buat("tani", tmp_path / "baru")
    assert list(tmp_path.iterdir()) == []  # neither the module's folder nor the hidden one it was written in
