"""`balai pengguna ...`: recovery at the console when no administrator can log in."""

from __future__ import annotations

import click

from core.cli.common import fail, run
from core.identity.users import UserError, reset_password
from core.tables import Pengguna


@click.group(name="pengguna", help="Pemulihan akun dari konsol server.")
def group() -> None:
    pass


@group.command(name="reset-sandi", help="Buat kata sandi sementara (dan matikan login dua langkah) untuk satu akun.")
@click.argument("username")
def reset_command(username: str) -> None:
    async def go(balai):
        row = await Pengguna.select(Pengguna.id).where(Pengguna.username == username.strip().lower()).first().run()
        if row is None:
            fail(f"Pengguna {username!r} tidak ada.")
        try:
            password = await reset_password(row["id"], actor={"id": None, "username": "konsol"})
        except UserError as exc:
            fail(str(exc))
        click.echo(f"Kata sandi sementara untuk {username}: {password}")
        click.echo("Pengguna wajib menggantinya setelah masuk. Login dua langkahnya dimatikan.")

    run(go)
