"""Two-factor login with TOTP (any authenticator app) and one-time recovery codes."""

from __future__ import annotations

import json
import secrets

import pyotp
import segno

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.identity.passwords import hash_password, verify_password
from core.tables import Pengguna

RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """An inline SVG QR code (no external service sees the secret)."""
    return segno.make(uri, error="m").svg_inline(scale=4)


def code_ok(secret: str, code: str) -> bool:
    code = "".join(ch for ch in code if ch.isdigit())
    return bool(secret) and len(code) == 6 and pyotp.TOTP(secret).verify(code, valid_window=1)


def _recovery_codes() -> list[str]:
    return [f"{secrets.randbelow(10**5):05d}-{secrets.randbelow(10**5):05d}" for _ in range(RECOVERY_CODES)]


async def enable(user: dict, secret: str, code: str, connection=None) -> list[str]:
    """Turn on 2FA after the user proved the app works; return recovery codes to show once."""
    if not code_ok(secret, code):
        raise ValueError("Kode tidak cocok. Periksa jam ponsel lalu masukkan kode yang sedang tampil.")
    codes = _recovery_codes()
    async with write_transaction():
        await Pengguna.update({Pengguna.totp_rahasia: secret, Pengguna.totp_aktif: True,
                               Pengguna.kode_pemulihan: json.dumps([hash_password(c) for c in codes])}).where(
            Pengguna.id == user["id"]).run()
        await log_change(connection, "2fa_aktif", "pengguna", user["id"], user=user)
    return codes


async def disable(user: dict, connection=None) -> None:
    async with write_transaction():
        await Pengguna.update({Pengguna.totp_rahasia: "", Pengguna.totp_aktif: False,
                               Pengguna.kode_pemulihan: "[]"}).where(Pengguna.id == user["id"]).run()
        await log_change(connection, "2fa_nonaktif", "pengguna", user["id"], user=user)


async def check_second_factor(user_id: int, code: str) -> str | None:
    """'totp' or 'pemulihan' when the code is right (a recovery code is used up), else None."""
    row = await Pengguna.select(Pengguna.totp_rahasia, Pengguna.kode_pemulihan).where(
        Pengguna.id == user_id).first().run()
    if row is None:
        return None
    if code_ok(row["totp_rahasia"], code):
        return "totp"
    code = code.strip()
    if len(code) != 11:
        return None
    async with write_transaction():
        hashes = json.loads((await Pengguna.select(Pengguna.kode_pemulihan).where(
            Pengguna.id == user_id).first().run())["kode_pemulihan"])
        for index, hashed in enumerate(hashes):
            if verify_password(hashed, code):
                del hashes[index]
                await Pengguna.update({Pengguna.kode_pemulihan: json.dumps(hashes)}).where(
                    Pengguna.id == user_id).run()
                return "pemulihan"
    return None


async def recovery_codes_left(user_id: int) -> int:
    row = await Pengguna.select(Pengguna.kode_pemulihan).where(Pengguna.id == user_id).first().run()
    return len(json.loads(row["kode_pemulihan"])) if row else 0
