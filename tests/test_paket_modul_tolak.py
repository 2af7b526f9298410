"""`balai plugins install` refuses what it cannot trust or run, with a clear message, and changes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from importlib import metadata

import pytest

from core.paket import kunci
from tests.paket_modul_bantu import Venv, buat_pustaka, buat_roda, tandatangani


@pytest.fixture(scope="module")
def nagari(tmp_path_factory):
    """A throw-away venv whose nagari trusts the kabupaten's key; what `balai plugins` and pip list say before."""
    root = tmp_path_factory.mktemp("tolak")
    venv = Venv(root)
    venv.kabupaten = kunci.buat_pasangan(root / "kunci", "kabupaten")
    venv.asing = kunci.buat_pasangan(root / "kunci", "asing")
    kunci.percayai(venv.data, venv.kabupaten[1])
    listed = venv.balai("plugins")
    assert listed.returncode == 0, listed.stderr
    venv.before = (listed.stdout, venv.pip_list())
    return venv


def refused(nagari, wheel, *args, expect: str) -> str:
    done = nagari.balai("plugins", "install", str(wheel), "--aktifkan", *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert expect in done.stderr and "Galat:" in done.stderr
    assert (nagari.balai("plugins").stdout, nagari.pip_list()) == nagari.before
    assert not list(nagari.site.glob("balai_*"))
    return done.stderr


def test_tampered_wheel(nagari, tmp_path):
    wheel = buat_roda(tmp_path)
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    buat_roda(tmp_path, penulis="Orang Lain")  # same name, other bytes: changed after signing
    refused(nagari, wheel, expect="sha256 berbeda")


def test_unsigned_index(nagari, tmp_path):
    wheel = buat_roda(tmp_path)
    path = tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    data = json.loads(path.read_text())
    del data["tanda_tangan"]
    path.write_text(json.dumps(data))
    message = refused(nagari, wheel, expect="tidak ditandatangani")
    assert "balai plugins index buat" in message


def test_untrusted_key(nagari, tmp_path):
    wheel = buat_roda(tmp_path)
    tandatangani(tmp_path, nagari.asing[0], wheel, penerbit="Kabupaten Agam")  # claims a name, proves nothing
    message = refused(nagari, wheel, expect="belum dipercaya nagari ini")
    assert "balai plugins trust" in message


def test_signature_of_another_content(nagari, tmp_path):
    wheel = buat_roda(tmp_path / "a")
    signed = json.loads(tandatangani(tmp_path / "a", nagari.kabupaten[0], wheel).read_text())
    other = buat_roda(tmp_path / "b", penulis="Orang Lain")
    forged = json.loads(tandatangani(tmp_path / "b", nagari.asing[0], other).read_text())
    forged["tanda_tangan"] = signed["tanda_tangan"]  # a real kabupaten signature, made for the other wheel
    (tmp_path / "b" / "indeks-modul.json").write_text(json.dumps(forged))
    refused(nagari, other, expect="tidak cocok dengan isinya")


def test_no_index_beside_the_wheel(nagari, tmp_path):
    refused(nagari, buat_roda(tmp_path), expect="Tidak ada indeks bertanda tangan")


def test_wheel_not_in_the_index(nagari, tmp_path):
    listed = buat_roda(tmp_path / "a")
    tandatangani(tmp_path / "a", nagari.kabupaten[0], listed)
    shutil.copy(buat_roda(tmp_path / "b", plugin="lain"), tmp_path / "a")
    refused(nagari, tmp_path / "a" / "balai_lain-0.1.0-py3-none-any.whl", expect="tidak tercantum di indeks")


def test_incompatible_core_range(nagari, tmp_path):
    wheel = buat_roda(tmp_path, core=">=99")
    tandatangani(tmp_path, nagari.kabupaten[0], wheel, core=">=99")
    refused(nagari, wheel, expect="butuh Balai core >=99, padahal yang terpasang 0.1.0")


def test_missing_plugin_dependency(nagari, tmp_path):
    wheel = buat_roda(tmp_path, depends=("tidak_ada",))
    tandatangani(tmp_path, nagari.kabupaten[0], wheel, bergantung=("tidak_ada",))
    refused(nagari, wheel, expect="butuh plugin 'tidak_ada', yang belum terpasang")


@pytest.mark.skipif(not any(d.metadata["Name"] == "balai-adat" for d in metadata.distributions()),
                    reason="the example module balai-adat is not installed in .venv")
def test_enabling_needs_the_plugins_it_depends_on_enabled(nagari, tmp_path):
    wheel = buat_roda(tmp_path, depends=("adat",))  # installed with .venv, disabled until enabled
    tandatangani(tmp_path, nagari.kabupaten[0], wheel, bergantung=("adat",))
    refused(nagari, wheel, expect="butuh plugin adat, yang belum aktif")


def test_missing_python_requirement(nagari, tmp_path):
    wheel = buat_roda(tmp_path, requires=("pustaka-tak-ada>=1",))
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    refused(nagari, wheel, expect="butuh pustaka Python pustaka-tak-ada>=1, yang tidak terpasang")


def test_requirement_that_would_replace_a_library_balai_uses(nagari, tmp_path):
    wheel = buat_roda(tmp_path, requires=("packaging<1",))
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    refused(nagari, wheel, expect="pustaka yang dipakai Balai tidak diganti")


def test_failing_migration_uninstalls_again(nagari, tmp_path):
    wheel = buat_roda(tmp_path, migrasi_gagal=True)
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    message = refused(nagari, wheel, expect="Migrasi modul kecil gagal")
    assert "migrasi sengaja gagal" in message and "dicopot lagi" in message
    with sqlite3.connect(nagari.data / "balai.sqlite") as db:  # the first migration's table dropped again
        assert db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'kecil%'").fetchall() == []


def test_migration_id_already_used_by_another_app(nagari, tmp_path):
    # Running it backwards one day (a purge) would delete the core's record of its own first migration.
    wheel = buat_roda(tmp_path, migrasi_id="2026-11-27T01:55:56:502109")
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    refused(nagari, wheel, expect="sudah dipakai aplikasi lain: 2026-11-27T01:55:56:502109 (milik core)")


@pytest.mark.parametrize("extra", [
    {"core/__init__.py": ""},  # would replace the kernel
    {"plugin_sdk/__init__.py": ""},
    {"korban/__init__.py": ""},  # a second top-level package: not the plugin's own
    {"balai_kecil-0.1.0.data/scripts/python": "#!/bin/sh\n"},  # over the venv's own python
    {"balai_kecil-0.1.0.data/purelib/core/__init__.py": ""},
], ids=["core", "plugin_sdk", "other_package", "script", "data_purelib"])
def test_module_wheel_writing_outside_its_own_package(nagari, tmp_path, extra):
    wheel = buat_roda(tmp_path, tambahan=extra)
    tandatangani(tmp_path, nagari.kabupaten[0], wheel)
    refused(nagari, wheel, expect="akan menimpa atau membayangi berkas yang bukan miliknya")


@pytest.mark.parametrize("extra", [
    {"click/__init__.py": ""},  # a library Balai uses: installed over (or in front of) it
    {"pustaka_jahat.pth": "import os\n"},  # code run at every start of Python
], ids=["installed_library", "pth"])
def test_companion_wheel_writing_over_another_package(nagari, tmp_path, extra):
    wheel = buat_roda(tmp_path, requires=("pustaka-jahat>=1",))
    library = buat_pustaka(tmp_path, "pustaka-jahat", "1.0", tambahan=extra)
    tandatangani(tmp_path, nagari.kabupaten[0], wheel, library)
    refused(nagari, wheel, expect="pustaka_jahat-1.0-py3-none-any.whl akan menimpa atau membayangi")


def test_failed_reinstall_over_old_data_keeps_that_data(nagari, tmp_path):
    """Uninstalled by hand, its table and rows stay; installing a newer version whose own migration fails must
    undo only what it ran, never drop the table it found."""
    data = tmp_path / "data"
    kunci.percayai(data, nagari.kabupaten[1])
    first = buat_roda(tmp_path / "v1", plugin="lama")
    tandatangani(tmp_path / "v1", nagari.kabupaten[0], first)
    done = nagari.balai("plugins", "install", str(first), data=data)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(data / "balai.sqlite") as db:
        db.execute("INSERT INTO lama_catatan (isi) VALUES ('catatan lama')")
    nagari.run("-m", "pip", "uninstall", "--yes", "--quiet", "balai-lama")
    second = buat_roda(tmp_path / "v2", plugin="lama", versi="0.2.0", migrasi_gagal=True)
    tandatangani(tmp_path / "v2", nagari.kabupaten[0], second)

    done = nagari.balai("plugins", "install", str(second), data=data)

    assert done.returncode == 1 and "Migrasi modul lama gagal" in done.stderr
    with sqlite3.connect(data / "balai.sqlite") as db:
        assert db.execute("SELECT isi FROM lama_catatan").fetchall() == [("catatan lama",)]
    assert "balai-lama" not in nagari.pip_list()
