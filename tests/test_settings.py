"""Deployment settings come from the environment or a TOML file; mistakes are explained."""

import pytest

from core.settings import SettingsError, load_settings


def test_defaults_put_sqlite_and_a_persistent_secret_in_the_data_folder(tmp_path):
    settings = load_settings({"BALAI_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'balai.sqlite'}"
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert load_settings({"BALAI_DATA_DIR": str(tmp_path)}).secret_key == settings.secret_key


def test_environment_wins_over_the_toml_file(tmp_path):
    config = tmp_path / "balai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nworkers = 3\npublic_url = "https://nagari.example/"\n')
    settings = load_settings({"BALAI_CONFIG": str(config), "BALAI_WORKERS": "2"})
    assert settings.workers == 2 and settings.public_url == "https://nagari.example"


@pytest.mark.parametrize("env, message", [
    ({"BALAI_DATABASE_URL": "mysql://x"}, "BALAI_DATABASE_URL"),
    ({"BALAI_WORKERS": "banyak"}, "angka"),
    ({"BALAI_CONFIG": "/tidak/ada.toml"}, "tidak ditemukan"),
])
def test_bad_settings_are_refused_in_indonesian(tmp_path, env, message):
    with pytest.raises(SettingsError, match=message):
        load_settings({"BALAI_DATA_DIR": str(tmp_path), **env})


def test_the_role_is_nagari_unless_a_hub_on_postgresql_is_asked_for(tmp_path):
    from core.settings import SettingsError, load_settings

    base = {"BALAI_DATA_DIR": str(tmp_path)}
    assert load_settings(base).role == "nagari"
    pg = {**base, "BALAI_DATABASE_URL": "postgresql://localhost/balai"}
    assert load_settings({**pg, "BALAI_ROLE": "hub"}).role == "hub"
    with pytest.raises(SettingsError, match="butuh PostgreSQL"):
        load_settings({**base, "BALAI_ROLE": "hub"})
    with pytest.raises(SettingsError, match="nagari atau hub"):
        load_settings({**pg, "BALAI_ROLE": "kabupaten"})


def test_the_job_queue_is_the_data_folder_unless_a_redis_address_is_given(tmp_path):
    from core.settings import SettingsError, load_settings

    base = {"BALAI_DATA_DIR": str(tmp_path)}
    assert load_settings(base).antrean_url == ""
    assert load_settings({**base, "BALAI_ANTREAN_URL": "redis://127.0.0.1:6379/0"}).antrean_url.startswith("redis")
    with pytest.raises(SettingsError, match="redis://host"):
        load_settings({**base, "BALAI_ANTREAN_URL": "amqp://localhost"})
