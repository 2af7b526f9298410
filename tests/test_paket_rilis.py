"""Release bundles refused before anything changes: a tampered wheel, a signature that no longer matches, a key the
nagari does not trust, a downgrade or the same version, a swapped lock, a stranger file; and what `balai rilis buat`
refuses to sign. Nothing here gets installed, so Balai's own wheel is a small stand-in (the real one is built in
test_paket_rilis_pasang.py); all wheels are built once for the file."""

import json
import zipfile

import pytest

from core.paket import kunci, rilis
from core.paket.rilis import RilisError
from core.paket.rilis_pasang import perbarui
from plugin_sdk.testing import ENGINES, run_sync
from tests.cadangan_helpers import cli
from tests.paket_rilis_bantu import folder_of, lock_for, migrations_ran, signing_key, tiny_wheel

SQLITE_ONLY = pytest.mark.parametrize("balai_database_url", ENGINES[:1], indirect=True)  # nothing reaches the database


@pytest.fixture(scope="module")
def bahan(tmp_path_factory):
    """Wheels named Balai 0.2.0, 0.1.0 and 0.0.9, a dependency pinned in a lock, a trusted and a stranger's key."""
    work = tmp_path_factory.mktemp("rilis")
    dep = tiny_wheel(work)
    lock = lock_for([dep], work / "requirements.lock")
    keys = {name: signing_key(work / "kunci", name) for name in ("tim-rilis", "orang-lain")}
    bundles = {}
    for version in ("0.2.0", "0.1.0", "0.0.9"):
        wheels = folder_of(work / f"wheels-{version}", tiny_wheel(work, "balai", version), dep)
        for signer in ("tim-rilis", "orang-lain") if version == "0.2.0" else ("tim-rilis",):
            target = work / f"balai-{version}-{signer}.zip"
            rilis.buat(wheels, lock, keys[signer][0], target, "Tim Balai")
            bundles[(version, signer)] = target
    return {"work": work, "bundles": bundles, "keys": keys, "lock": lock, "dep": dep}


@pytest.fixture
def trusted(balai, bahan):
    kunci.percayai(balai.settings.data_dir, bahan["keys"]["tim-rilis"][1], "tim-rilis", keperluan="rilis")
    # a module author the nagari trusts, for modules only: that key must not be able to sign a new Balai
    kunci.percayai(balai.settings.data_dir, bahan["keys"]["orang-lain"][1], "penulis-modul", keperluan="modul")
    return balai


def rewrite(source, target, replace=None, add=None):
    """A copy of the bundle zip with some entries' bytes replaced and others added."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, replace[name](data) if name in replace else data)
        for name, data in add.items():
            new.writestr(name, data)
    return target


def resign_content(data: bytes) -> bytes:
    """The index with its content changed after signing (a newer version claimed), the old signature kept."""
    signed = json.loads(data)
    signed["isi"]["versi"] = "9.9.9"
    return json.dumps(signed).encode()


def tampered(bahan, tmp_path, case: str):
    good = bahan["bundles"][("0.2.0", "tim-rilis")]
    dep = "wheels/" + bahan["dep"].name
    if case == "wheel diubah":
        return rewrite(good, tmp_path / "a.zip", {dep: lambda b: b[:-30] + b"\0" * 30})
    if case == "tanda tangan":
        return rewrite(good, tmp_path / "b.zip", {"indeks.json": resign_content})
    if case == "lock ditukar":
        return rewrite(good, tmp_path / "c.zip", {"requirements.lock": lambda b: b + b"pip==26.0\n"})
    if case == "berkas asing":
        return rewrite(good, tmp_path / "d.zip", add={"wheels/../../jahat.py": b"print('x')"})
    if case == "wheel tambahan":
        return rewrite(good, tmp_path / "e.zip", add={"wheels/jahat-1.0-py3-none-any.whl": b"PK"})
    if case == "kunci penulis modul":
        return bahan["bundles"][("0.2.0", "orang-lain")]
    if case == "versi lebih lama":
        return bahan["bundles"][("0.0.9", "tim-rilis")]
    if case == "versi sama":
        return bahan["bundles"][("0.1.0", "tim-rilis")]
    raise AssertionError(case)


REFUSED = {
    "wheel diubah": "sha256 berbeda",
    "tanda tangan": "tidak cocok dengan isinya",
    "lock ditukar": "requirements.lock di dalam paket tidak sama",
    "berkas asing": "berkas yang tidak dikenal",
    "wheel tambahan": "Isi paket tidak sama dengan indeksnya",
    "kunci penulis modul": "belum dipercaya nagari ini",
    "versi lebih lama": "lebih lama dari versi yang terpasang (0.1.0)",
    "versi sama": "sama dengan versi yang terpasang (0.1.0)",
}


@SQLITE_ONLY
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_doubtful_bundle_is_refused_and_nothing_changes(trusted, balai_database_url, bahan, tmp_path, case):
    bundle = tampered(bahan, tmp_path, case)
    root = tmp_path / "program"
    before = migrations_ran(balai_database_url)
    with pytest.raises(RilisError) as refused:
        run_sync(perbarui(trusted, bundle, root, lapor=lambda _: None))
    assert REFUSED[case] in str(refused.value)
    if case == "versi lebih lama":  # the older code would run its `migrate` on a newer database: never, even forced
        with pytest.raises(RilisError) as refused:
            run_sync(perbarui(trusted, bundle, root, paksa=True, lapor=lambda _: None))
        assert "juga dengan --paksa" in str(refused.value)
    assert not (root / "aktif").exists() and not (root / "versi").exists()
    assert not (trusted.settings.data_dir / "pembaruan").exists()  # refused before the backup, too
    assert not list(trusted.settings.data_dir.glob(".paket-rilis-*"))  # unpacked wheels cleaned up
    assert migrations_ran(balai_database_url) == before


@SQLITE_ONLY
def test_the_cli_says_why_in_indonesian_and_checks_without_changing(trusted, balai_database_url, bahan, tmp_path):
    data_dir = trusted.settings.data_dir
    good = bahan["bundles"][("0.2.0", "tim-rilis")]
    checked = cli(data_dir, balai_database_url, "perbarui", "--periksa", str(good))
    assert checked.returncode == 0, checked.stderr
    assert "Balai 0.2.0 sah: ditandatangani tim-rilis" in checked.stdout and "Tidak ada yang diubah" in checked.stdout
    refused = cli(data_dir, balai_database_url, "perbarui", "--folder-program", str(tmp_path / "program"),
                  str(tampered(bahan, tmp_path, "kunci penulis modul")))
    assert refused.returncode == 1
    assert "Galat:" in refused.stderr and "belum dipercaya nagari ini" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "program" / "versi").exists()


def test_release_manager_cannot_sign_wheels_the_lock_does_not_vouch_for(bahan, tmp_path):
    other = tiny_wheel(tmp_path, "lain_uji", "2.0")
    own = next(bahan["work"].glob("wheels-0.2.0/balai-*.whl"))
    folder = folder_of(tmp_path / "wheels", own, bahan["dep"], other)
    key = bahan["keys"]["tim-rilis"][0]
    with pytest.raises(RilisError, match="lain-uji==2.0 tidak tercantum di requirements.lock"):
        rilis.buat(folder, bahan["lock"], key, tmp_path / "x.zip", "Tim Balai")
    assert not (tmp_path / "x.zip").exists()
    rebuilt = tiny_wheel(tmp_path / "lagi", "bantu_uji", "1.0", "# dibangun lagi dari sdist\n")  # other bytes
    (folder / other.name).unlink()
    (folder / bahan["dep"].name).unlink()
    folder_of(folder, rebuilt)
    with pytest.raises(RilisError, match="hash-nya tidak ada di requirements.lock"):
        rilis.buat(folder, bahan["lock"], key, tmp_path / "x.zip", "Tim Balai")
    assert not (tmp_path / "x.zip").exists()
    made = rilis.buat(folder, bahan["lock"], key, tmp_path / "x.zip", "Tim Balai", izinkan_dibangun=True)
    assert made.dibangun == (rebuilt.name,) and made.versi == "0.2.0"
    (folder / own.name).unlink()
    with pytest.raises(RilisError, match="tepat satu wheel Balai"):
        rilis.buat(folder, bahan["lock"], key, tmp_path / "y.zip", "Tim Balai")


@SQLITE_ONLY
def test_an_enabled_module_that_cannot_come_along_stops_the_upgrade(trusted, balai_database_url, bahan, tmp_path):
    """The new version gets a venv of its own: a module installed by hand, or whose kept wheel is gone, or that does
    not support the new core, would be left behind. Refused before the backup, naming the module and what to do."""
    from core.paket.catatan import KEY
    from core.plugin_host.settings import set_values
    from core.tables import PluginState

    # adat is installed here (editable, as a developer would) and known but off: switched on without its tables
    run_sync(PluginState.update({PluginState.aktif: True}).where(PluginState.nama == "adat").run())
    good = bahan["bundles"][("0.2.0", "tim-rilis")]
    root = tmp_path / "program"

    def refused() -> str:
        with pytest.raises(RilisError) as caught:
            run_sync(perbarui(trusted, good, root, lapor=lambda _: None))
        assert not (trusted.settings.data_dir / "pembaruan").exists() and not (root / "versi").exists()
        return str(caught.value)

    assert "plugin adat (balai-adat) tidak dipasang dengan `balai plugins install`" in refused()
    kept = trusted.settings.data_dir / "paket" / "roda"
    kept.mkdir(parents=True)
    wheel = tiny_wheel(tmp_path, "balai_adat", "0.1.0")
    (kept / wheel.name).write_bytes(wheel.read_bytes() + b"\0")
    record = {"berkas": wheel.name, "sha256": rilis.sha256_berkas(wheel), "versi": "0.1.0", "core": ">=0.1,<0.2"}
    run_sync(set_values({KEY: {"balai-adat": record}}))
    assert f"wheel {wheel.name} milik plugin adat tidak ada atau berubah" in refused()
    (kept / wheel.name).write_bytes(wheel.read_bytes())
    assert "plugin adat 0.1.0 hanya mendukung Balai >=0.1,<0.2" in refused()


@SQLITE_ONLY
def test_a_disabled_module_comes_along_or_is_named_as_left_behind(trusted, bahan, tmp_path):
    """Disabled is not uninstalled: its kept wheels go to the new venv too; one that cannot is named, not dropped
    silently."""
    from core.paket.catatan import KEY
    from core.paket.rilis_modul import modul_dibawa
    from core.paket.rilis_pasang import periksa
    from core.plugin_host.host import PluginRecord
    from core.plugin_host.settings import set_values

    kept = trusted.settings.data_dir / "paket" / "roda"
    kept.mkdir(parents=True)
    wheel = tiny_wheel(tmp_path, "modul_mati", "1.0")
    (kept / wheel.name).write_bytes(wheel.read_bytes())
    digest = rilis.sha256_berkas(wheel)
    trusted.host.records["mati"] = PluginRecord(name="mati", distribution="modul_mati", builtin=False)
    run_sync(set_values({KEY: {"modul-mati": {"versi": "1.0", "roda": {wheel.name: digest}, "core": ">=0.1"}}}))
    bundel = run_sync(periksa(trusted, bahan["bundles"][("0.2.0", "tim-rilis")]))
    said = []

    carried = run_sync(modul_dibawa(trusted, bundel, said.append))

    assert carried == {kept / wheel.name: digest}
    assert len(said) == 1 and "TIDAK ikut ke versi baru" in said[0]
    assert "plugin adat (balai-adat) tidak dipasang dengan `balai plugins install`" in said[0]
