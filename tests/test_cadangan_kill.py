"""A restore killed with SIGKILL in the middle leaves the target empty and the backup intact; the next try works."""


import pytest

from plugin_sdk.testing import ENGINES
from tests.cadangan_helpers import cli, env_for, fresh_database, read_tables, sha256
from tests.live import BALAI, sigkill_when, uncommitted_writes

RESIDENTS = 12000


@pytest.fixture(scope="module")
def big_backup(tmp_path_factory):
    source = tmp_path_factory.mktemp("kantor-lama")
    url = f"sqlite:///{source / 'balai.sqlite'}"
    built = cli(source, url, "demo", "--no-serve", "--penduduk", str(RESIDENTS))
    assert built.returncode == 0, built.stderr
    backup = tmp_path_factory.mktemp("usb") / "besar.balai"
    assert cli(source, url, "backup", str(backup)).returncode == 0
    return backup, len(read_tables(url)["balai_penduduk"])


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_during_restore_leaves_the_target_empty(big_backup, engine, tmp_path):
    big_backup, residents = big_backup
    before = sha256(big_backup)
    with fresh_database(engine, tmp_path) as url:
        sigkill_when([BALAI, "restore", str(big_backup)], env_for(tmp_path, url), lambda: uncommitted_writes(url, 1_500_000),
                     "the restore's loading")
        assert read_tables(url) == {}
        assert not (tmp_path / "berkas").exists()
        assert sha256(big_backup) == before

        again = cli(tmp_path, url, "restore", str(big_backup))
        assert again.returncode == 0, again.stderr
        assert len(read_tables(url)["balai_penduduk"]) == residents
