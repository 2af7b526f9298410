"""`balai backup` and `balai restore`: one file that holds the whole nagari, on either database engine."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from core.cadangan import sandi
from core.cadangan.errors import CadanganError
from core.cli.common import fail, run

PASSPHRASE_ENV = "BALAI_SANDI_CADANGAN"  # for scripts; typed at the prompt otherwise


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _passphrase(confirm: bool) -> str:
    if value := os.environ.get(PASSPHRASE_ENV):
        return value
    return click.prompt("Sandi cadangan", hide_input=True, confirmation_prompt="Ulangi sandi" if confirm else False)


async def _print_progress(done: int, total: int, message: str) -> None:
    if total:
        click.echo(f"\r  {min(100, round(100 * done / total)):3d}%  {message[:50]:<50}", nl=False, err=True)


@click.command(name="backup", help="Buat cadangan lengkap (basis data, dokumen, kunci) ke satu berkas; "
                                   "aplikasi boleh tetap berjalan.")
@click.argument("berkas", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encrypt", "--sandi", "encrypt", is_flag=True,
              help=f"Sandikan dengan sandi (ditanyakan, atau dari {PASSPHRASE_ENV}); kunci tanda tangan ikut.")
def backup(berkas: Path | None, encrypt: bool) -> None:
    from core.cadangan.buat import make_backup
    from core.cadangan.jadwal import file_name, folder
    from core.profil.waktu import zone

    master = None
    if encrypt:
        passphrase = _passphrase(confirm=True)
        try:
            sandi.check_passphrase(passphrase)
        except sandi.SandiError as exc:
            fail(str(exc))
        master = sandi.MasterKey.from_passphrase(passphrase)

    async def go(balai):
        nonlocal master
        try:
            if master is None and (master := sandi.office_key(balai.settings.data_dir)) is not None:
                click.echo("Disandikan dengan sandi cadangan kantor (diatur di halaman Cadangan).")
            profile = await balai.load_profile()
            base = folder(balai.settings.data_dir)
            target = berkas or base / file_name(profile, datetime.now(zone(profile)[1]), base)
            info = await make_backup(balai, target, master, _print_progress, "cli")
        except CadanganError as exc:
            fail(f"{exc}\nCadangan tidak dibuat.")
        except OSError as exc:
            fail(f"Berkas cadangan tidak bisa ditulis: {exc.strerror or exc} ({exc.filename or berkas}).")
        click.echo("", err=True)
        return info, target

    info, target = run(go)
    click.echo(f"Cadangan tersimpan: {Path(target).resolve()} ({_size(info['ukuran'])}, {info['baris']} baris, "
               f"{info['berkas_data']} berkas) selesai dalam {info['detik']:.1f} detik.")
    if not info["disandikan"]:
        click.echo("Catatan: cadangan tidak bersandi, jadi kunci tanda tangan surat dan kunci rahasia tidak ikut "
                   "(hanya kunci publik). Pakai --encrypt agar cadangan lengkap dan aman dibawa keluar kantor.")


@click.command(name="restore", help="Pulihkan cadangan ke instalasi baru yang kosong (SQLite atau PostgreSQL).")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--periksa", "check_only", is_flag=True,
              help="Hanya periksa berkasnya (sandi, checksum, plugin, versi) tanpa memulihkan; boleh di instalasi "
                   "yang sedang dipakai.")
def restore(berkas: Path, check_only: bool = False) -> None:
    from core.cadangan.pulih import inspect
    from core.cadangan.pulih import restore as do_restore

    passphrase = None
    if berkas.is_file() and sandi.is_encrypted(berkas):
        passphrase = _passphrase(confirm=False)

    async def go(balai):
        click.echo("Memeriksa cadangan (checksum, versi, plugin) ...")
        try:
            if check_only:
                return await inspect(balai, berkas, passphrase)
            return await do_restore(balai, berkas, passphrase, _print_progress)
        except CadanganError as exc:
            fail(f"{exc}\nTidak ada yang diubah.")
        except OSError as exc:
            fail(f"Berkas tidak bisa dibaca atau ditulis: {exc.strerror or exc} ({exc.filename or berkas}).\n"
                 "Tidak ada yang diubah.")

    summary = run(go)
    click.echo("", err=True)
    nagari = summary["nagari"].get("nama") or "nagari"
    if check_only:
        click.echo(f"Cadangan {nagari} tanggal {summary['dibuat'][:16].replace('T', ' ')} UTC utuh: {summary['baris']} "
                   f"baris, {summary['berkas_data']} berkas, Balai {summary['balai_cadangan']}, "
                   f"{'bersandi, dengan kunci tanda tangan' if summary['kunci_rahasia'] else 'tanpa kunci tanda tangan'}."
                   " Dapat dipulihkan di instalasi ini. Tidak ada yang diubah.")
        click.echo(f"Plugin aktif di cadangan: {', '.join(summary['plugin_aktif']) or '-'}.")
        return
    click.echo(f"Cadangan {nagari} tanggal {summary['dibuat'][:16].replace('T', ' ')} UTC "
               f"({summary['dari_mesin']}) dipulihkan ke {summary['ke_mesin']}: {summary['baris']} baris, "
               f"{summary['berkas_data']} berkas, selesai dalam {summary['detik']:.1f} detik.")
    if not summary["kunci_rahasia"]:
        click.echo("Cadangan ini tidak bersandi: kunci tanda tangan lama tidak ikut. Surat lama tetap bisa diperiksa "
                   "dengan kunci publiknya; surat baru ditandatangani dengan kunci baru.")


@click.command(name="jadwal-cadangan", help="Lihat atau ubah jadwal cadangan harian (juga di halaman Cadangan).")
@click.option("--aktif/--mati", default=None, help="Nyalakan atau matikan cadangan harian")
@click.option("--jam", default=None, help="Jam cadangan, JJ:MM waktu nagari")
@click.option("--simpan", type=int, default=None, help="Jumlah cadangan harian yang disimpan")
@click.option("--batas-hari", type=int, default=None, help="Peringatan di dasbor bila cadangan lebih tua dari ini")
def schedule_command(aktif: bool | None, jam: str | None, simpan: int | None, batas_hari: int | None) -> None:
    from core.cadangan.jadwal import parse_schedule, save_schedule, schedule

    async def go(balai):
        current = await schedule()
        if any(v is not None for v in (aktif, jam, simpan, batas_hari)):
            form = {"aktif": "1" if (current.aktif if aktif is None else aktif) else "",
                    "jam": jam or current.jam, "simpan": str(simpan if simpan is not None else current.simpan),
                    "batas_hari": str(batas_hari if batas_hari is not None else current.batas_hari)}
            try:
                current = parse_schedule(form)
            except ValueError as exc:
                fail(f"{exc} Jadwal tidak diubah.")
            await save_schedule(current)
        return current

    jadwal = run(go)
    state = f"setiap hari pukul {jadwal.jam}" if jadwal.aktif else "mati"
    click.echo(f"Cadangan harian: {state}; simpan {jadwal.simpan} cadangan; peringatan setelah {jadwal.batas_hari} "
               "hari tanpa cadangan.")
