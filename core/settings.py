"""Deployment settings: environment variables, or a TOML file, with safe defaults.

Only what the person who installs Balai decides lives here (database, data folder,
secret key, public URL, workers). Everything an operator edits lives in the database.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from importlib.util import find_spec
from dataclasses import dataclass
from pathlib import Path

ENV_PREFIX = "BALAI_"
ROLES = ("nagari", "hub")


class SettingsError(ValueError):
    """A deployment setting is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    secret_key: str
    public_url: str
    workers: int = 1
    host: str = "127.0.0.1"
    port: int = 8000
    # Logging views of a person's record is the law's default; only the benchmark turns it off,
    # to measure what it costs.
    audit_views: bool = True
    # "nagari": a village's own installation (the default); "hub": the kabupaten's, which receives every nagari's
    # published data (PostgreSQL only). Plugins read it with plugin_sdk.role().
    role: str = "nagari"
    # The job queue: empty = huey's SQLite file in the data folder (every nagari); redis://host:6379/0 = one queue in
    # Redis that every app server's worker shares (a kabupaten hub behind a proxy). Needs the redis package.
    antrean_url: str = ""


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SettingsError(f"Berkas konfigurasi tidak ditemukan: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Berkas konfigurasi {path} tidak valid: {exc}") from None


def _persistent_secret(data_dir: Path) -> str:
    """A secret key kept in the data folder, so sessions survive a restart."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings: environment variables win over the TOML file (BALAI_CONFIG)."""
    env = dict(os.environ if env is None else env)
    values: dict = {}
    if config_path := env.get(f"{ENV_PREFIX}CONFIG"):
        values.update(_read_toml(Path(config_path)))
    for key in ("data_dir", "database_url", "secret_key", "public_url", "workers", "host", "port", "audit_views",
                "role", "antrean_url"):
        if (value := env.get(ENV_PREFIX + key.upper())) not in (None, ""):
            values[key] = value

    data_dir = Path(values.get("data_dir") or Path.cwd() / "data").expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = values.get("database_url") or f"sqlite:///{data_dir / 'balai.sqlite'}"
    if not database_url.startswith(("sqlite:///", "postgresql://", "postgres://")):
        raise SettingsError(
            "BALAI_DATABASE_URL harus berbentuk sqlite:////path/absolut.sqlite atau postgresql://..."
        )
    try:
        workers, port = int(values.get("workers", 1)), int(values.get("port", 8000))
    except ValueError:
        raise SettingsError("BALAI_WORKERS dan BALAI_PORT harus berupa angka") from None
    host = str(values.get("host", "127.0.0.1"))
    role = str(values.get("role") or "nagari").strip().lower()
    if role not in ROLES:
        raise SettingsError("BALAI_ROLE harus nagari atau hub")
    if role == "hub" and not database_url.startswith(("postgresql://", "postgres://")):
        raise SettingsError("Peran hub kabupaten butuh PostgreSQL: atur BALAI_DATABASE_URL=postgresql://...")
    antrean_url = str(values.get("antrean_url") or "").strip()
    if antrean_url and not antrean_url.startswith(("redis://", "rediss://", "unix://")):
        raise SettingsError("BALAI_ANTREAN_URL harus berbentuk redis://host:6379/0, atau kosong (antrean di "
                            "folder data)")
    if antrean_url and find_spec("redis") is None:
        raise SettingsError("BALAI_ANTREAN_URL butuh pustaka Python redis: pasang Balai dengan pilihan [hub]")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        secret_key=values.get("secret_key") or _persistent_secret(data_dir),
        public_url=str(values.get("public_url") or f"http://{host}:{port}").rstrip("/"),
        workers=workers,
        host=host,
        port=port,
        audit_views=str(values.get("audit_views", "1")).lower() not in ("0", "false", "off", "tidak"),
        role=role,
        antrean_url=antrean_url,
    )
