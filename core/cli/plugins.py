"""`balai plugins ...`: list, enable, disable and purge plugins."""

from __future__ import annotations

import click

from core.cli.common import fail, run
from core.plugin_host import state
from core.plugin_host.state import PluginStateError

RESTART = "Paket plugin baru perlu Balai dimulai ulang agar dimuat."


@click.group(name="plugins", help="Kelola plugin yang terpasang.")
def group() -> None:
    pass


@group.command(name="list", help="Daftar plugin terpasang dan statusnya.")
def list_plugins() -> None:
    async def go(balai):
        await balai.migrate()
        stored = await state.stored_enabled()
        enabled = state.effective(balai.host, stored)
        in_server = await balai.server_failures()
        for record in sorted(balai.host.records.values(), key=lambda r: r.name):
            if record.loaded and record.name in in_server:
                record.error = f"di server: {in_server[record.name]}"
            if not record.loaded or record.error:
                status = "GAGAL"
            elif record.name in enabled:
                status = "aktif"
            elif record.name in stored:
                status = "tertahan"
            else:
                status = "nonaktif"
            version = record.meta.version if record.meta else "?"
            kind = "bawaan" if record.builtin else (record.distribution or "")
            click.echo(f"{record.name:<20} {status:<9} {version:<10} {kind}")
            if record.error:
                click.echo(f"    galat: {record.error}")
        if not balai.host.records:
            click.echo("Tidak ada plugin terpasang.")
        await _restart_note(balai)

    run(go)


def _change(action: str, name: str) -> None:
    async def go(balai):
        await balai.migrate()
        try:
            changed = await getattr(balai, action)(name)
        except PluginStateError as exc:
            fail(str(exc))
        verb = "diaktifkan" if action == "enable" else "dinonaktifkan"
        click.echo(f"Plugin {name} {verb}." if changed else f"Plugin {name} sudah {verb}.")
        await _restart_note(balai, name)

    run(go)


async def _restart_note(balai, name: str | None = None) -> None:
    pending = await balai.plugins_needing_restart()
    if name is not None and name not in pending:
        click.echo("Server yang sedang berjalan mengikuti perubahan ini pada permintaan berikutnya.")
    elif pending:
        click.echo(f"Terpasang setelah server dimulai: {', '.join(pending)}. {RESTART}")


@group.command(help="Aktifkan plugin (migrasinya dijalankan).")
@click.argument("name")
def enable(name: str) -> None:
    _change("enable", name)


@group.command(help="Nonaktifkan plugin; datanya tetap disimpan.")
@click.argument("name")
def disable(name: str) -> None:
    _change("disable", name)


@group.command(help="Hapus tabel dan data plugin yang sudah dinonaktifkan.")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Jangan minta konfirmasi")
def purge(name: str, yes: bool) -> None:
    if not yes:
        click.confirm(f"Semua data plugin {name} akan dihapus permanen. Lanjutkan?", abort=True)

    async def go(balai):
        try:
            await balai.purge(name)
        except PluginStateError as exc:
            fail(str(exc))
        click.echo(f"Data plugin {name} dihapus.")

    run(go)


group.epilog = RESTART
