"""`balai preset`: build a whole nagari from a preset's data files, list presets, export this nagari's setup."""

from __future__ import annotations

import time
from pathlib import Path

import click

from core.cli.common import fail, run


@click.group(name="preset", help="Preset: bangun nagari utuh dari berkas data (pelatihan, replikasi).")
def group() -> None:
    pass


@group.command(name="list", help="Daftar preset yang terpasang.")
def daftar() -> None:
    from core.preset.berkas import PresetError, baca
    from core.preset.cari import cari, terdaftar

    found = terdaftar()
    if not found:
        click.echo("Belum ada preset terpasang.")
    for nama in sorted(found):
        try:
            preset = baca(cari(nama))
        except PresetError as exc:
            click.echo(f"{nama:24} RUSAK: {exc}")
            continue
        click.echo(f"{nama:24} {preset.judul or '-'} (versi {preset.versi or '-'}; {preset.jumlah} penduduk, "
                   f"{preset.peserta} peserta, {len(preset.plugins)} plugin)")


@group.command(name="apply", help="Terapkan preset NAMA (nama terpasang atau folder). Hanya untuk instalasi baru "
                                  "yang kosong atau instalasi latihan; menerapkan ulang mengosongkan ruang latihan "
                                  "lalu membangunnya kembali.")
@click.argument("nama")
@click.option("--penduduk", type=click.IntRange(0, 2_000_000), default=None, help="Jumlah penduduk sintetis")
@click.option("--benih", type=int, default=None, help="Benih acak (benih yang sama, nagari yang sama)")
@click.option("--nagari-baru", is_flag=True, help="Untuk kantor nagari sungguhan: konfigurasi saja (tanpa penduduk "
                                                   "sintetis dan peserta), tidak ditandai latihan, satu akun admin "
                                                   "dengan kata sandi acak yang wajib diganti")
@click.option("--ya", is_flag=True, help="Kosongkan ruang latihan tanpa bertanya lagi")
def apply(nama: str, penduduk: int | None, benih: int | None, nagari_baru: bool, ya: bool) -> None:
    from core.preset.berkas import PresetError, baca
    from core.preset.cari import cari
    from core.preset.mesin import terapkan

    try:
        preset = baca(cari(nama))
    except PresetError as exc:
        fail(str(exc))
    if penduduk is not None:
        preset.jumlah = penduduk
    if benih is not None:
        preset.benih = benih

    def setuju(tanda: dict) -> bool:
        click.echo(f"Instalasi ini ruang latihan dari preset {tanda.get('nama') or '?'} (diterapkan "
                   f"{tanda.get('tanggal') or 'pada tanggal yang tidak tercatat'}). Semua datanya akan DIHAPUS.")
        if ya:
            return True
        if not click.get_text_stream("stdin").isatty():
            fail("Tambahkan --ya untuk mengosongkan ruang latihan ini. Tidak ada yang diubah.")
        return click.confirm("Kosongkan dan bangun ulang?", default=False)

    async def go(balai):
        return await terapkan(balai, preset, catat=lambda teks: click.echo(f"  {teks}"), nagari_baru=nagari_baru,
                              setuju=setuju)

    began = time.perf_counter()
    try:
        hasil = run(go)
    except PresetError as exc:
        fail(str(exc))
    for line in hasil.catatan:
        click.echo(f"  {line}")
    for section in hasil.dilewati:
        click.echo(f"  bagian {section} dilewati (pluginnya tidak diaktifkan preset ini)")
    click.echo(f"Preset {preset.nama} diterapkan dalam {time.perf_counter() - began:.1f} detik: {hasil.penduduk} "
               f"penduduk, {len(hasil.pengguna)} akun.")
    if nagari_baru:
        click.echo(f"Instalasi ini TIDAK ditandai latihan. Masuk dengan pengguna 'admin' dan kata sandi "
                   f"'{hasil.sandi_admin}' (hanya ditampilkan sekali; wajib diganti saat pertama masuk). Isi profil, "
                   "kode wilayah dan perangkat nagari ini sendiri.")
        return
    click.echo("Instalasi ini ditandai sebagai instalasi latihan: preset berikutnya boleh mengosongkannya.")
    if preset.peserta:
        click.echo(f"Peserta: {preset.nama_peserta[0]} sampai {preset.nama_peserta[-1]}, kata sandi "
                   f"'{preset.sandi}'.")


@group.command(name="export", help="Tulis konfigurasi nagari ini sebagai preset NAMA di folder baru (tanpa data "
                                   "penduduk, kunci, rahasia atau kata sandi).")
@click.argument("nama")
@click.option("--ke", "ke", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder tujuan (baru atau kosong)")
def export(nama: str, ke: Path) -> None:
    from core.preset.berkas import PresetError
    from core.preset.ekspor import ekspor

    async def go(balai):
        return await ekspor(balai, nama, ke)

    try:
        files = run(go)
    except PresetError as exc:
        fail(str(exc))
    click.echo(f"Preset {nama} ditulis ke {ke} ({len(files)} berkas): {', '.join(files)}.")
    click.echo(f"Di kantor nagari lain (instalasi baru): balai preset apply {ke} --nagari-baru")
    click.echo(f"Untuk ruang latihan: balai preset apply {ke}")
