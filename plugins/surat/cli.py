"""`balai surat ...`: check a letter's PDF offline, rotate the signing key."""

from __future__ import annotations

import asyncio
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
    """(valid, explanation) for a letter sealed the old way (before PAdES), checked against {key id: public key
    hex}; no database needed."""
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


def verify_signed(content: bytes, ca: list[bytes]) -> tuple[bool, str]:
    """(valid, explanation) for a letter with a PAdES signature, checked against the trusted CA certificates
    (PEM or DER). ValueError when `ca` is not a certificate."""
    from plugin_sdk.dokumen import verify_pdf

    if not ca:
        return False, ("Folder data ini belum memiliki sertifikat CA nagari. Unduh sertifikat CA dari situs nagari "
                       "(halaman Kunci publik) dan berikan dengan --ca.")
    result = asyncio.run(verify_pdf(content, ca))
    if result.sah:
        when = result.waktu.strftime("%d-%m-%Y %H.%M UTC") if result.waktu else "?"
        return True, (f"{result.alasan} Ditandatangani oleh {result.penanda_tangan} pada {when}; "
                      f"CA {result.sidik_ca}.")
    return False, result.alasan


@click.group(name="surat", help="Surat: periksa keaslian PDF, ganti kunci tanda tangan.")
def group() -> None:
    pass


@group.command(name="verify", help="Periksa keaslian berkas PDF surat tanpa jaringan: tanda tangan PAdES (atau "
                                    "segel surat lama), seluruh berkas, dan sertifikat dari CA nagari.")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ca", "ca_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sertifikat CA nagari (PEM atau DER) yang diunduh dari situs nagari (/surat/ca-nagari.pem); "
                   "tanpa ini dipakai sertifikat di folder data.")
@click.option("--kunci-publik", "kunci_publik", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Untuk surat lama bersegel: berkas JSON kunci publik yang diterbitkan nagari "
                   "(/surat/kunci-publik.json); tanpa ini dipakai kunci di folder data.")
def verify(berkas: Path, ca_file: Path | None, kunci_publik: Path | None) -> None:
    content = berkas.read_bytes()
    if segel.is_sealed(content):
        if kunci_publik:
            keys = {k["id"]: k["ed25519"] for k in json.loads(kunci_publik.read_text())["kunci"]}
        else:
            keys = {k["id"]: k["publik"] for k in _ring().public_keys()}
        valid, why = verify_file(content, keys)
    else:
        from plugin_sdk import data_dir
        from plugin_sdk.dokumen import ca_certificates

        ca = [ca_file.read_bytes()] if ca_file else [c["der"] for c in ca_certificates(data_dir())]
        try:
            valid, why = verify_signed(content, ca)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--ca") from None
    click.echo(("SAH  " if valid else "TIDAK SAH  ") + why)
    raise SystemExit(0 if valid else 1)


@group.command(name="kunci-baru", help="Buat kunci tanda tangan baru; surat lama tetap dapat diperiksa.")
def rotate() -> None:
    kid = _ring().rotate()
    click.echo(f"Kunci baru {kid} aktif. Kunci lama tetap diterbitkan di /surat/kunci-publik.")
    from plugin_sdk import data_dir, register
    from plugin_sdk.dokumen import renew_signing_certificate

    made = renew_signing_certificate(data_dir(), asyncio.run(register.stored_profile()))
    click.echo(f"Sertifikat tanda tangan PDF baru aktif (sidik {made['sidik']}); surat lama tetap sah.")


from plugins.surat.opensid.cli import impor_opensid  # noqa: E402  (its own module; registered on this group)

group.add_command(impor_opensid)
