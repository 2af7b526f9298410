"""`balai plugins ...`: list, enable, disable and purge plugins; install signed modules offline, keys, indexes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from core.cli.common import booted, fail, run
from core.paket import catatan, kunci
from core.paket.buat import DEFAULT_NAME, buat_indeks
from core.paket.indeks import IndeksError, baca_indeks, jenis_indeks
from core.paket.pasang import PasangError, pasang_roda, siapkan
from core.paket.roda import RodaError
from core.plugin_host import state
from core.plugin_host.state import PluginStateError

RESTART = "Paket plugin baru perlu Balai dimulai ulang agar dimuat."


@click.group(name="plugins", help="Kelola plugin yang terpasang.", invoke_without_command=True)
@click.pass_context
def group(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_plugins)


@group.command(name="list", help="Daftar plugin terpasang: status, versi, penulis dan tanda tangan.")
def list_plugins() -> None:
    async def go(balai):
        await balai.migrate()
        records = await catatan.semua()
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
            click.echo(f"{record.name:<20} {status:<9} {version:<10} {kind:<22} {catatan.penulis(record, records):<20} "
                       f"{catatan.status(record, records)}")
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


HINTS = {
    "kunci_asing": "Bila Anda yakin asal modul ini, percayai kunci publik penerbitnya: balai plugins trust BERKAS.pub",
    "tidak_bertanda": "Minta penerbit menandatangani indeksnya: balai plugins index buat FOLDER --kunci KUNCI.pem",
}


def _refuse(exc: Exception) -> None:
    hint = HINTS.get(getattr(exc, "kode", ""), "")
    fail(f"{exc} Tidak ada yang diubah." + (f"\n{hint}" if hint else ""))


@group.command(help="Pasang modul dari berkas wheel (.whl) tanpa internet, setelah memeriksa indeks bertanda "
                    f"tangan di sampingnya ({DEFAULT_NAME}).")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--indeks", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Indeks bertanda tangan (bawaan: {DEFAULT_NAME} di folder yang sama)")
@click.option("--aktifkan", is_flag=True, help="Aktifkan modul setelah dipasang")
def install(berkas: Path, indeks: Path | None, aktifkan: bool) -> None:
    from core.paket.modul import selesaikan

    balai = booted()
    try:
        plan = siapkan(berkas, indeks, kunci.tepercaya(balai.settings.data_dir), balai.host)
    except (IndeksError, PasangError) as exc:
        _refuse(exc)
    run(lambda b: _ready(b, plan.entri.bergantung if aktifkan else ()))
    signer = plan.indeks.penandatangan
    click.echo(f"Indeks sah, ditandatangani {signer.nama} ({signer.id}); isi {plan.roda.name} cocok. "
               "Memasang tanpa internet...")
    try:
        installed = pasang_roda(plan)
    except (ValueError, OSError) as exc:  # IndeksError, PasangError, a copy that failed
        _refuse(exc)

    async def finish():
        after = await selesaikan(balai.settings, plan, installed, aktifkan)
        try:
            return plan.plugin in await after.plugins_needing_restart()
        finally:
            await after.close()

    try:
        restart = asyncio.run(finish())
    except PasangError as exc:
        fail(str(exc))
    click.echo(f"Modul {plan.plugin} {plan.info.versi} ({plan.info.nama}) dipasang, ditandatangani {signer.nama}.")
    click.echo(f"Modul {plan.plugin} diaktifkan." if aktifkan else
               f"Aktifkan dengan: balai plugins enable {plan.plugin}")
    if restart:
        click.echo(f"Server yang sedang berjalan belum memuatnya. {RESTART}")


async def _ready(balai, needed: tuple[str, ...]) -> None:
    """The database up to date; with --aktifkan, the plugins it needs already enabled (else it could not be)."""
    await balai.migrate()
    enabled = state.effective(balai.host, await state.stored_enabled())
    if off := [name for name in needed if name not in enabled]:
        fail(f"Modul butuh plugin {', '.join(off)}, yang belum aktif. Aktifkan dulu, atau pasang tanpa --aktifkan. "
             "Tidak ada yang diubah.")


PURPOSES = {"modul": "memasang modul", "rilis": "memperbarui Balai (paket rilis)"}
RELEASE = click.option("--rilis", "release", is_flag=True,
                       help="Kunci penerbit paket rilis Balai (kumpulan tersendiri), bukan penerbit modul")


@group.command(help="Percayai kunci publik (.pub) penerbit modul, disimpan di folder data.")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--nama", default=None, help="Nama kunci di nagari ini (bawaan: nama berkasnya)")
@RELEASE
def trust(berkas: Path, nama: str | None, release: bool) -> None:
    purpose = "rilis" if release else "modul"
    try:
        found = kunci.percayai(booted().settings.data_dir, berkas, nama, keperluan=purpose)
    except kunci.KunciError as exc:
        fail(str(exc))
    click.echo(f"Kunci {found.nama} ({found.id}) kini dipercaya untuk {PURPOSES[purpose]}.")


@group.command(help="Daftar kunci publik penerbit yang dipercaya (modul dan paket rilis).")
def trusted() -> None:
    for purpose, label in PURPOSES.items():
        keys = kunci.tepercaya(booted().settings.data_dir, purpose)
        click.echo(f"Untuk {label}:")
        for found in keys:
            click.echo(f"  {found.nama:<24} {found.id}")
        if not keys:
            flag = " --rilis" if purpose == "rilis" else ""
            click.echo(f"  (belum ada; tambahkan dengan: balai plugins trust BERKAS.pub{flag})")


@group.command(help="Berhenti mempercayai kunci penerbit (yang sudah terpasang tetap terpasang).")
@click.argument("nama")
@RELEASE
def untrust(nama: str, release: bool) -> None:
    try:
        kunci.lupakan(booted().settings.data_dir, nama, keperluan="rilis" if release else "modul")
    except kunci.KunciError as exc:
        fail(str(exc))
    click.echo(f"Kunci {nama} tidak lagi dipercaya.")


@group.group(name="kunci", help="(Penulis modul) Pasangan kunci Ed25519 untuk menandatangani indeks.")
def key_group() -> None:
    pass


@key_group.command(name="buat", help="Buat pasangan kunci NAMA.pem (rahasia) dan NAMA.pub (dibagikan).")
@click.argument("nama")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True)
def key_new(nama: str, folder: Path) -> None:
    try:
        private, public = kunci.buat_pasangan(folder, nama)
    except kunci.KunciError as exc:
        fail(str(exc))
    click.echo(f"Kunci rahasia: {private} (simpan baik-baik, jangan dibagikan)\nKunci publik: {public} "
               f"(berikan ke nagari; id {kunci.key_id(kunci.muat_publik(public))})")


@group.group(name="index", help="(Penerbit modul) Indeks modul bertanda tangan.")
def index_group() -> None:
    pass


@index_group.command(name="buat", help=f"Tandatangani indeks semua wheel di FOLDER (ditulis sebagai {DEFAULT_NAME}).")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--kunci", "key_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Kunci rahasia penerbit (.pem)")
@click.option("--penerbit", default=None, help="Nama penerbit (bawaan: nama berkas kunci)")
@click.option("--penulis", default="", help="Penulis modul (bawaan: dari metadata wheel)")
@click.option("--keluaran", type=click.Path(dir_okay=False, path_type=Path), default=None)
def index_new(folder: Path, key_path: Path, penerbit: str | None, penulis: str, keluaran: Path | None) -> None:
    try:
        private = kunci.muat_privat(key_path)
        path, entries = buat_indeks(folder, private, penerbit or key_path.stem, keluaran, penulis)
    except (kunci.KunciError, RodaError, ValueError) as exc:
        fail(str(exc))
    for entry in entries:
        kind = f"plugin {entry.plugin}, core {entry.core or 'bebas'}" if entry.plugin else "pustaka"
        click.echo(f"  {entry.berkas}  ({kind})")
    click.echo(f"Indeks {path} ditandatangani kunci {kunci.key_id(kunci.public_hex_of(private))}.")


@index_group.command(name="periksa", help="Periksa indeks dan wheel di sampingnya terhadap kunci tepercaya.")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
def index_check(berkas: Path) -> None:
    try:
        purpose = "rilis" if jenis_indeks(berkas) == "rilis" else "modul"  # each kind has its own trusted keys
        ix = baca_indeks(berkas, kunci.tepercaya(booted().settings.data_dir, purpose), jenis=None)
    except IndeksError as exc:
        _refuse(exc)
    click.echo(f"Indeks sah: ditandatangani {ix.penandatangan.nama} ({ix.penandatangan.id}), {ix.dibuat}.")
    for entry in ix.entri:
        try:
            if Path(entry.berkas).name != entry.berkas:  # `../..` would read a file outside the folder
                raise IndeksError(f"{entry.berkas} bukan nama berkas", "nama")
            ix.periksa_berkas(berkas.parent / entry.berkas)
            verdict = "cocok"
        except (IndeksError, OSError) as exc:
            verdict = ("tidak ada" if isinstance(exc, OSError) else
                       "NAMA BERKAS TIDAK SAH (bukan nama berkas saja)" if exc.kode == "nama" else "TIDAK COCOK")
        click.echo(f"  {entry.berkas:<50} {verdict}")


group.epilog = RESTART
