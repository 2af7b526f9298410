"""An encrypted backup's header cannot make scrypt run with huge parameters (memory and CPU) before it is checked."""

import io
import json
import time

import pytest

from core.cadangan import sandi

PASSPHRASE = "kuda lari di padang rumput"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    """An encrypted backup as Balai writes it: (magic, header, body)."""
    folder = tmp_path_factory.mktemp("sandi")
    plain = folder / "isi.zip"
    plain.write_bytes(b"isi cadangan " * 100)
    out = io.BytesIO()
    sandi.encrypt_file(plain, out, sandi.MasterKey.from_passphrase(PASSPHRASE))
    data = out.getvalue()[len(sandi.MAGIC):]
    line, body = data.split(b"\n", 1)
    return json.loads(line), body


def write(path, header: dict, body: bytes):
    path.write_bytes(sandi.MAGIC + json.dumps(header).encode() + b"\n" + body)
    return path


@pytest.mark.parametrize("change", [{"n": 2 ** 30}, {"r": 2 ** 20}, {"p": 2 ** 16}, {"n": 2 ** 30, "r": 64},
                                    {"n": 2 ** 14}], ids=["n", "r", "p", "n-r", "lebih-kecil"])
def test_scrypt_parameters_other_than_balais_are_refused_before_scrypt_runs(sealed, tmp_path, monkeypatch, change):
    header, body = sealed
    path = write(tmp_path / "cadangan.balai", {**header, **change}, body)

    def no_scrypt(*args, **kwargs):
        raise AssertionError("scrypt ran with the parameters of an unchecked header")

    monkeypatch.setattr(sandi, "Scrypt", no_scrypt)
    started = time.monotonic()
    with pytest.raises(sandi.SandiError, match="Kepala berkas cadangan rusak: berkas tidak bisa dibuka."):
        sandi.decrypt_file(path, io.BytesIO(), PASSPHRASE)
    assert time.monotonic() - started < 1


def test_the_header_balai_writes_still_opens(sealed, tmp_path, monkeypatch):
    header, body = sealed
    assert {k: header[k] for k in ("n", "r", "p")} == sandi.SCRYPT
    calls = []
    real = sandi.Scrypt

    def counted(**kwargs):
        calls.append({k: kwargs[k] for k in ("n", "r", "p")})
        return real(**kwargs)

    monkeypatch.setattr(sandi, "Scrypt", counted)
    out = io.BytesIO()
    sandi.decrypt_file(write(tmp_path / "cadangan.balai", header, body), out, PASSPHRASE)
    assert out.getvalue() == b"isi cadangan " * 100 and calls == [sandi.SCRYPT]
