"""Resident accounts: PINs issued at the counter, checked at login, changed by the resident.

A PIN is six digits, hashed with argon2 like staff passwords. The rules refuse the PINs a
stranger would try first (one digit repeated, a run like 123456, the resident's birth date),
since a NIK is printed on many documents and is no secret.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timezone

from plugin_sdk import log_change, register, write_transaction
from plugin_sdk.masuk import hash_secret, verify_secret, verify_secret_off_loop

from plugins.akun_warga.tables import AkunWarga

PIN_LENGTH = 6
HIDUP = 1


def _runs(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    return len(steps) == 1 and steps.pop() in (-1, 0, 1)


def _birth_forms(born: date | None) -> set[str]:
    if born is None:
        return set()
    return {born.strftime("%d%m%y"), born.strftime("%y%m%d"), born.strftime("%d%m") + born.strftime("%Y")[:2],
            born.strftime("%m%d%y")}


def pin_problem(pin: str, born: date | None = None) -> str | None:
    """Why a new PIN is not acceptable (in Indonesian), or None."""
    if len(pin) != PIN_LENGTH or not pin.isdigit():
        return f"PIN harus {PIN_LENGTH} angka."
    if _runs(pin):
        return "PIN terlalu mudah ditebak (angka sama atau berurutan). Pilih angka lain."
    if pin in _birth_forms(born):
        return "PIN tidak boleh tanggal lahir Anda."
    return None


def new_pin(born: date | None = None) -> str:
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))
        if pin_problem(pin, born) is None:
            return pin


async def account_of(penduduk_id: int) -> dict | None:
    return await AkunWarga.select(AkunWarga.id, AkunWarga.aktif, AkunWarga.wajib_ganti_pin, AkunWarga.pin_dari,
                                  AkunWarga.pin_diatur, AkunWarga.dibuat, AkunWarga.terakhir_masuk).where(
        AkunWarga.penduduk == penduduk_id).first().run()


async def issue_pin(connection, penduduk_id: int, staff: dict) -> str:
    """Give a living resident a fresh PIN (new account or reset). Returns it: shown once, never stored plain."""
    resident = await register.resident(penduduk_id)
    if resident is None or resident["kode_status_dasar"] != HIDUP:
        raise ValueError("PIN hanya untuk penduduk yang masih tercatat hidup di nagari.")
    born = resident["tanggal_lahir_iso"]
    pin = new_pin(date.fromisoformat(born) if born else None)
    now = datetime.now(timezone.utc)
    async with write_transaction():
        existing = await AkunWarga.select(AkunWarga.id).where(AkunWarga.penduduk == penduduk_id).first().run()
        values = {AkunWarga.pin_hash: hash_secret(pin), AkunWarga.wajib_ganti_pin: True, AkunWarga.aktif: True,
                  AkunWarga.pin_dari: staff["username"], AkunWarga.pin_diatur: now}
        if existing:
            await AkunWarga.update({**values, AkunWarga.sesi_versi: AkunWarga.sesi_versi + 1}).where(
                AkunWarga.id == existing["id"]).run()
        else:
            await AkunWarga.insert(AkunWarga(penduduk=penduduk_id, **{c._meta.name: v for c, v in values.items()})).run()
        await log_change(connection, "pin_atur_ulang" if existing else "pin_baru", "penduduk", penduduk_id,
                         {"akun_warga": "PIN diberikan di loket"})
    return pin


async def switch_off(connection, penduduk_id: int) -> bool:
    async with write_transaction():
        done = await AkunWarga.update({AkunWarga.aktif: False, AkunWarga.sesi_versi: AkunWarga.sesi_versi + 1}).where(
            (AkunWarga.penduduk == penduduk_id) & (AkunWarga.aktif == True)).returning(AkunWarga.id).run()  # noqa: E712
        if done:
            await log_change(connection, "akun_warga_nonaktif", "penduduk", penduduk_id, {})
    return bool(done)


async def authenticate(nik: str, pin: str) -> dict | None:
    """The active account of a living resident with this NIK and PIN, or None. Same cost either way."""
    row = await AkunWarga.select(AkunWarga.id, AkunWarga.pin_hash, AkunWarga.aktif,
                                 AkunWarga.penduduk.status_dasar.as_alias("status_dasar")).where(
        (AkunWarga.penduduk.nik == nik) & (AkunWarga.penduduk.status_dasar == HIDUP)).first().run()
    if row is None:
        await verify_secret_off_loop(None, pin)
        return None
    if not await verify_secret_off_loop(row["pin_hash"], pin) or not row["aktif"] or row["status_dasar"] != HIDUP:
        return None
    return row


async def load(akun_id: int) -> dict | None:
    """What a resident's page needs about who is logged in; None once the account or the resident is gone."""
    row = await AkunWarga.select(
        AkunWarga.id, AkunWarga.sesi_versi, AkunWarga.wajib_ganti_pin, AkunWarga.penduduk.as_alias("penduduk_id"),
        AkunWarga.penduduk.nama.as_alias("nama"), AkunWarga.penduduk.nik.as_alias("nik"),
        AkunWarga.penduduk.tanggal_lahir.as_alias("tanggal_lahir"),
        AkunWarga.penduduk.status_dasar.as_alias("status_dasar"),
    ).where((AkunWarga.id == akun_id) & (AkunWarga.aktif == True)).first().run()  # noqa: E712
    if row is None or row["status_dasar"] != HIDUP:
        return None
    return row


async def change_pin(connection, resident: dict, current: str, new: str, repeat: str) -> None:
    """The resident's own PIN change; raises ValueError with the reason. Other sessions end."""
    stored = await AkunWarga.select(AkunWarga.pin_hash).where(AkunWarga.id == resident["id"]).first().run()
    if stored is None or not verify_secret(stored["pin_hash"], current):
        raise ValueError("PIN lama salah.")
    if new != repeat:
        raise ValueError("PIN baru dan ulangannya tidak sama.")
    if new == current:
        raise ValueError("PIN baru harus berbeda dari PIN lama.")
    if problem := pin_problem(new, resident["tanggal_lahir"]):
        raise ValueError(problem)
    async with write_transaction():
        await AkunWarga.update({AkunWarga.pin_hash: hash_secret(new), AkunWarga.wajib_ganti_pin: False,
                                AkunWarga.sesi_versi: AkunWarga.sesi_versi + 1,
                                AkunWarga.pin_diatur: datetime.now(timezone.utc)}).where(
            AkunWarga.id == resident["id"]).run()
        await log_change(connection, "pin_ganti", "penduduk", resident["penduduk_id"], {}, user=actor(resident))


def actor(resident: dict) -> dict:
    """How a resident appears in the audit log: never as a staff user id."""
    return {"id": None, "username": f"warga#{resident['penduduk_id']}"}


async def mark_login(connection, resident_id: int, akun_id: int) -> None:
    async with write_transaction():
        await AkunWarga.update({AkunWarga.terakhir_masuk: datetime.now(timezone.utc)}).where(
            AkunWarga.id == akun_id).run()
        await log_change(connection, "masuk_warga", "penduduk", resident_id, {},
                         user={"id": None, "username": f"warga#{resident_id}"})
