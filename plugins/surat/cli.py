"""`balai surat ...`: check a letter's PDF offline, rotate the signing key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import click

from plugins.surat import segel


def _ring():
    from plugin_sdk import data_dir
    from plugin_sdk.dokumen import KeyRing

    return KeyRing(data_dir(), "surat")


def verify_file(content: bytes, public_keys: dict[str, str]) -> tuple[bool, str]:
    """(valid, explanation) for a PDF, checked against {key id: public key hex}; no database needed."""
    from plugin_sdk.dokumen import verify_signature

    try:
        sealed = segel.unseal(content)
    except segel.SealError as exc:
        return False, str(exc)
    public = public_keys.get(sealed["kunci"])
    if public is None:
        return False, f"Kunci penanda tangan {sealed['kunci']} tidak dikenal di sini."
    message = segel.file_message(sealed["token"], hashlib.sha256(sealed["asli"]).hexdigest())
    if not verify_signature(public, sealed["tanda"], message):
        return False, "Tanda tangan tidak cocok: isi berkas telah diubah."
    return True, f"Sah: berkas tidak berubah sejak ditandatangani (kunci {sealed['kunci']}, token {sealed['token']})."


@click.group(name="surat", help="Surat: periksa keaslian PDF, ganti kunci tanda tangan.")
def group() -> None:
    pass


@group.command(name="verify", help="Periksa keaslian berkas PDF surat tanpa jaringan.")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kunci-publik", "kunci_publik", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Berkas JSON kunci publik yang diterbitkan nagari (/surat/kunci-publik.json); "
                   "tanpa ini dipakai kunci di folder data.")
def verify(berkas: Path, kunci_publik: Path | None) -> None:
    if kunci_publik:
        keys = {k["id"]: k["ed25519"] for k in json.loads(kunci_publik.read_text())["kunci"]}
    else:
        keys = {k["id"]: k["publik"] for k in _ring().public_keys()}
    valid, why = verify_file(berkas.read_bytes(), keys)
    click.echo(("SAH  " if valid else "TIDAK SAH  ") + why)
    raise SystemExit(0 if valid else 1)


@group.command(name="kunci-baru", help="Buat kunci tanda tangan baru; surat lama tetap dapat diperiksa.")
def rotate() -> None:
    kid = _ring().rotate()
    click.echo(f"Kunci baru {kid} aktif. Kunci lama tetap diterbitkan di /surat/kunci-publik.")
