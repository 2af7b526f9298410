"""API tokens: credentials for machine clients (another office's system, a kabupaten dashboard, a script).

A token acts with the permissions of its role (Peran) and, like a staff account, may be limited to one jorong,
RW or RT. It carries an expiry date (at most two years ahead) and can be revoked, which takes effect on the
next request. The secret is shown once, when the token is made; only its SHA-256 digest is stored.

Format: ``balai_<kode>_<rahasia>``: the prefix makes a leaked token recognisable (secret scanners, logs), the
12-hex-digit ``kode`` names the row without revealing anything, and ``rahasia`` is 32 random bytes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import date, datetime, timedelta, timezone

from piccolo.columns import Date, ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk.tables import Wilayah
from core.tables import Peran
from core.profil.waktu import today as nagari_today

PREFIX = "balai_"
MAX_DAYS = 730  # two years: a forgotten integration stops by itself
TOUCH_EVERY = timedelta(minutes=1)  # "last used" is kept to the minute, not written on every request
_FORMAT = re.compile(r"^balai_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


class TokenApi(Table, tablename="balai_token_api"):
    """One API token. Never deleted: a revoked token stays listed, so the audit log's entries keep their name."""

    kode = Varchar(length=16, unique=True, index=True)  # the public part of the token, shown in lists and logs
    hash_rahasia = Varchar(length=64, secret=True)  # SHA-256 (hex) of the whole token
    nama = Varchar(length=120)
    peran = ForeignKey(references=Peran, on_delete=OnDelete.restrict, null=False)
    wilayah_lingkup = ForeignKey(references=Wilayah, on_delete=OnDelete.restrict, null=True, default=None)
    berlaku_sampai = Date()  # the last day it works
    dibuat = Timestamptz(default=TimestamptzNow())
    dibuat_oleh = Varchar(length=64, default="")
    dicabut = Timestamptz(null=True, default=None)
    dicabut_oleh = Varchar(length=64, default="")
    terakhir_dipakai = Timestamptz(null=True, default=None)
    terakhir_ip = Varchar(length=64, default="")


class TokenError(ValueError):
    """Bad input for making or revoking a token; `field` names the form field."""

    def __init__(self, message: str, field: str = "umum"):
        super().__init__(message)
        self.field = field


class TokenRefused(Exception):
    """The token presented does not authenticate; the message is for the client (Bahasa Indonesia)."""

    def __init__(self, message: str, reason: str, kode: str = ""):
        super().__init__(message)
        self.reason = reason  # tidak_dikenal | dicabut | kedaluwarsa, for the audit log
        self.kode = kode


def digest(token: str) -> str:
    # SHA-256, not argon2: the secret is 256 random bits, so no amount of hashing speed makes guessing it
    # feasible, while a deliberately slow hash would cost every API request tens of milliseconds of CPU.
    return hashlib.sha256(token.encode()).hexdigest()


def parse(token: str) -> str | None:
    """The `kode` of a well-formed token, or None."""
    match = _FORMAT.match(token or "")
    return match.group(1) if match else None


def latest_expiry(today: date | None = None) -> date:
    return (today or nagari_today()) + timedelta(days=MAX_DAYS)


def username(kode: str) -> str:
    """How the audit log and the journal name a token: exact and lower case, so the audit page's filter finds it
    (no staff username has a colon, so none can pose as a token)."""
    return f"token:{kode}"


async def create_token(nama: str, peran_id: int, wilayah_lingkup: int | None, berlaku_sampai: date | None, *,
                       actor: dict, connection=None) -> tuple[int, str]:
    """Make a token; returns (id, the whole token). The token is not stored and cannot be shown again."""
    nama = " ".join((nama or "").split())
    today = nagari_today()
    if not nama:
        raise TokenError("Nama token wajib diisi (mis. nama aplikasi yang memakainya).", "nama")
    if len(nama) > 120:
        raise TokenError("Nama token paling panjang 120 huruf.", "nama")
    if berlaku_sampai is None:
        raise TokenError("Tanggal berlaku sampai wajib diisi (TTTT-BB-HH).", "berlaku_sampai")
    if berlaku_sampai < today:
        raise TokenError("Tanggal berlaku sampai sudah lewat.", "berlaku_sampai")
    if berlaku_sampai > latest_expiry(today):
        raise TokenError(f"Token berlaku paling lama 2 tahun (sampai {latest_expiry(today).isoformat()}).",
                         "berlaku_sampai")
    kode = secrets.token_hex(6)
    token = f"{PREFIX}{kode}_{secrets.token_urlsafe(32)}"
    async with write_transaction():
        if not await Peran.exists().where(Peran.id == peran_id).run():
            raise TokenError("Peran tidak dikenal.", "peran")
        if wilayah_lingkup is not None and not await Wilayah.exists().where(Wilayah.id == wilayah_lingkup).run():
            raise TokenError("Wilayah tidak dikenal.", "wilayah_lingkup")
        rows = await TokenApi.insert(TokenApi(
            kode=kode, hash_rahasia=digest(token), nama=nama, peran=peran_id, wilayah_lingkup=wilayah_lingkup,
            berlaku_sampai=berlaku_sampai, dibuat_oleh=actor["username"])).returning(TokenApi.id).run()
        token_id = rows[0]["id"]
        await log_change(connection, "buat", "token_api", token_id, {
            "kode": kode, "nama": nama, "peran": peran_id, "wilayah_lingkup": wilayah_lingkup,
            "berlaku_sampai": berlaku_sampai.isoformat()}, user=actor)
    return token_id, token


async def revoke_token(token_id: int, *, actor: dict, connection=None) -> dict:
    """Revoke a token: refused from its next request on. Returns the token's row."""
    async with write_transaction():
        row = await TokenApi.select(TokenApi.id, TokenApi.kode, TokenApi.nama, TokenApi.dicabut).where(
            TokenApi.id == token_id).first().run()
        if row is None:
            raise TokenError("Token tidak ditemukan.")
        if row["dicabut"] is not None:
            raise TokenError("Token ini sudah dicabut.")
        await TokenApi.update({TokenApi.dicabut: datetime.now(timezone.utc),
                               TokenApi.dicabut_oleh: actor["username"]}).where(TokenApi.id == token_id).run()
        await log_change(connection, "cabut", "token_api", token_id, {"kode": row["kode"], "nama": row["nama"]},
                         user=actor)
    return row


def status(row: dict, today: date | None = None) -> str:
    if row["dicabut"] is not None:
        return "dicabut"
    return "kedaluwarsa" if row["berlaku_sampai"] < (today or nagari_today()) else "aktif"


async def list_tokens() -> list[dict]:
    """Every token, newest first, with its role's and place's names and its status (never the digest)."""
    rows = await TokenApi.select(
        TokenApi.id, TokenApi.kode, TokenApi.nama, TokenApi.berlaku_sampai, TokenApi.dibuat, TokenApi.dibuat_oleh,
        TokenApi.dicabut, TokenApi.dicabut_oleh, TokenApi.terakhir_dipakai, TokenApi.terakhir_ip,
        TokenApi.peran.nama.as_alias("peran_nama"), TokenApi.wilayah_lingkup.nama.as_alias("wilayah_nama"),
    ).order_by(TokenApi.id, ascending=False).run()
    for row in rows:
        row["status"] = status(row)
    return rows


async def authenticate(token: str) -> dict:
    """The token's principal, shaped like a loaded staff user (core.web.auth.load_user), or TokenRefused."""
    kode = parse(token)
    row = None
    if kode is not None:
        row = await TokenApi.select(
            TokenApi.id, TokenApi.kode, TokenApi.nama, TokenApi.hash_rahasia, TokenApi.berlaku_sampai,
            TokenApi.dicabut, TokenApi.terakhir_dipakai, TokenApi.wilayah_lingkup,
            TokenApi.peran.kode.as_alias("peran_kode"), TokenApi.peran.nama.as_alias("peran_nama"),
            TokenApi.peran.izin.as_alias("izin"), TokenApi.peran.semua_izin.as_alias("semua_izin"),
        ).where(TokenApi.kode == kode).first().run()
    # Compare digests in constant time, and say no more than "unknown" until the secret has proved right.
    if row is None or not hmac.compare_digest(row["hash_rahasia"], digest(token)):
        raise TokenRefused("Token API tidak dikenal. Periksa header Authorization: Bearer <token>.", "tidak_dikenal",
                           kode or "")
    if row["dicabut"] is not None:
        raise TokenRefused("Token API ini sudah dicabut. Minta token baru kepada administrator.", "dicabut", kode)
    if status(row) == "kedaluwarsa":
        raise TokenRefused(f"Token API ini sudah kedaluwarsa (berlaku sampai {row['berlaku_sampai'].isoformat()}). "
                           "Minta token baru kepada administrator.", "kedaluwarsa", kode)
    return {
        "id": None,  # no staff account: audit entries name the token through `username`
        "token_id": row["id"], "token_kode": kode, "username": username(kode), "nama": row["nama"],
        "peran_kode": row["peran_kode"], "peran_nama": row["peran_nama"], "semua_izin": bool(row["semua_izin"]),
        "izin": frozenset(json.loads(row["izin"] or "[]")), "wilayah_lingkup": row["wilayah_lingkup"],
        # A token has no password to change and no second factor to enrol: its random secret is the credential.
        "wajib_ganti_sandi": False, "totp_aktif": True, "sesi_versi": 0,
        "terakhir_dipakai": row["terakhir_dipakai"],
    }


async def touch(principal: dict, ip: str) -> None:
    """Record the token's last use, at most once a minute (not a serialised write on every request)."""
    now = datetime.now(timezone.utc)
    last = principal.get("terakhir_dipakai")
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    if last is not None and now - last < TOUCH_EVERY:
        return
    async with write_transaction():
        await TokenApi.update({TokenApi.terakhir_dipakai: now, TokenApi.terakhir_ip: ip[:64]}).where(
            TokenApi.id == principal["token_id"]).run()
