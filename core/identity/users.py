"""Staff accounts: create, change, reset, deactivate. Every change is audited in the same transaction."""

from __future__ import annotations

import re

from core.audit.log import changes, log_change
from core.db.transaction import write_transaction
from core.identity.passwords import hash_password, password_problem, temporary_password, verify_password
from core.identity.permissions import role_id
from core.penduduk.tables import Wilayah
from core.tables import Peran, Pengguna

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._]{1,63}$")
PUBLIC_FIELDS = (Pengguna.id, Pengguna.username, Pengguna.nama, Pengguna.aktif, Pengguna.totp_aktif,
                 Pengguna.peran, Pengguna.wilayah_lingkup, Pengguna.terakhir_masuk, Pengguna.dibuat)
KEEP = object()  # update_user: leave the scope as it is


class UserError(ValueError):
    """Bad input for a user operation; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


async def create_user(username: str, nama: str, password: str, peran: str = "operator", *,
                      actor: dict | None = None, connection=None) -> dict:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise UserError("Nama pengguna 2-64 karakter: huruf kecil, angka, titik atau garis bawah.", "username")
    if not nama.strip():
        raise UserError("Nama lengkap wajib diisi.", "nama")
    if problem := password_problem(password, username):
        raise UserError(problem, "password")
    async with write_transaction():
        if await Pengguna.exists().where(Pengguna.username == username).run():
            raise UserError(f"Nama pengguna {username!r} sudah dipakai.", "username")
        try:
            peran_id = await role_id(peran) if isinstance(peran, str) else int(peran)
        except (ValueError, TypeError):
            raise UserError("Peran tidak dikenal.", "peran") from None
        if not await Peran.exists().where(Peran.id == peran_id).run():
            raise UserError("Peran tidak dikenal.", "peran")
        rows = await Pengguna.insert(Pengguna(username=username, nama=nama.strip(), peran=peran_id,
                                              password_hash=hash_password(password))).returning(Pengguna.id).run()
        user_id = rows[0]["id"]
        await log_change(connection, "buat", "pengguna", user_id, {"username": username, "peran": peran_id},
                         user=actor)
    return {"id": user_id, "username": username}


async def get_user(user_id: int) -> dict | None:
    return await Pengguna.select(*PUBLIC_FIELDS, Pengguna.peran.nama.as_alias("peran_nama")).where(
        Pengguna.id == user_id).first().run()


async def update_user(user_id: int, nama: str, peran_id: int, aktif: bool, *, actor: dict, connection=None,
                      wilayah_lingkup=KEEP) -> None:
    """Change a staff account; `wilayah_lingkup` limits it to one jorong/RW/RT and below (None: whole nagari)."""
    if not nama.strip():
        raise UserError("Nama lengkap wajib diisi.", "nama")
    async with write_transaction():
        old = await Pengguna.select(Pengguna.nama, Pengguna.peran, Pengguna.aktif, Pengguna.wilayah_lingkup).where(
            Pengguna.id == user_id).first().run()
        if old is None:
            raise UserError("Pengguna tidak ditemukan.")
        if not await Peran.exists().where(Peran.id == peran_id).run():
            raise UserError("Peran tidak dikenal.", "peran")
        if user_id == actor["id"] and not aktif:
            raise UserError("Anda tidak dapat menonaktifkan akun Anda sendiri.", "aktif")
        if wilayah_lingkup is KEEP:
            wilayah_lingkup = old["wilayah_lingkup"]
        elif wilayah_lingkup is not None and not await Wilayah.exists().where(Wilayah.id == wilayah_lingkup).run():
            raise UserError("Wilayah tidak dikenal.", "wilayah_lingkup")
        new = {"nama": nama.strip(), "peran": peran_id, "aktif": aktif, "wilayah_lingkup": wilayah_lingkup}
        if (diff := changes(old, new)):
            update = {Pengguna.nama: new["nama"], Pengguna.peran: peran_id, Pengguna.aktif: aktif,
                      Pengguna.wilayah_lingkup: wilayah_lingkup}
            if old["aktif"] and not aktif:
                update[Pengguna.sesi_versi] = Pengguna.sesi_versi + 1  # sessions end now, and stay ended
            await Pengguna.update(update).where(Pengguna.id == user_id).run()
            await log_change(connection, "ubah", "pengguna", user_id, diff, user=actor)
        await _keep_an_administrator()


async def _keep_an_administrator() -> None:
    """Refuse (by raising inside the transaction) any change that leaves no active administrator."""
    count = await Pengguna.count().where((Pengguna.aktif == True) & (Pengguna.peran.semua_izin == True)).run()  # noqa: E712
    if count == 0:
        raise UserError("Harus tetap ada setidaknya satu Administrator yang aktif.", "peran")


async def change_password(user: dict, old: str, new: str, new2: str, connection=None) -> int:
    """Change one's own password; every other session of the account ends. Returns the new session version."""
    row = await Pengguna.select(Pengguna.password_hash).where(Pengguna.id == user["id"]).first().run()
    if row is None or not verify_password(row["password_hash"], old):
        raise UserError("Kata sandi lama salah.", "lama")
    if new != new2:
        raise UserError("Kedua kata sandi baru tidak sama.", "baru2")
    if problem := password_problem(new, user["username"]):
        raise UserError(problem, "baru")
    async with write_transaction():
        await Pengguna.update({Pengguna.password_hash: hash_password(new), Pengguna.wajib_ganti_sandi: False,
                               Pengguna.sesi_versi: Pengguna.sesi_versi + 1}).where(Pengguna.id == user["id"]).run()
        await log_change(connection, "ganti_sandi", "pengguna", user["id"], user=user)
        row = await Pengguna.select(Pengguna.sesi_versi).where(Pengguna.id == user["id"]).first().run()
    return row["sesi_versi"]


async def reset_password(user_id: int, *, actor: dict, connection=None) -> str:
    """Set a temporary password (shown once to the administrator) and clear two-factor login."""
    password = temporary_password()
    async with write_transaction():
        updated = await Pengguna.update({Pengguna.password_hash: hash_password(password), Pengguna.totp_aktif: False,
                                         Pengguna.totp_rahasia: "", Pengguna.kode_pemulihan: "[]",
                                         Pengguna.wajib_ganti_sandi: True,
                                         Pengguna.sesi_versi: Pengguna.sesi_versi + 1}).where(
            Pengguna.id == user_id).returning(Pengguna.id).run()
        if not updated:
            raise UserError("Pengguna tidak ditemukan.")
        await log_change(connection, "reset_sandi", "pengguna", user_id, user=actor)
    return password
