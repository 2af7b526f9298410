"""`balai rilis buat` (release manager, on a connected machine) and `balai perbarui FILE` (at the nagari, offline)."""

from __future__ import annotations

from pathlib import Path

import click

from core.cli.common import fail, run


@click.group(name="rilis", help="(Tim rilis) Buat paket rilis Balai bertanda tangan untuk dibawa dengan USB.")
def group() -> None:
    pass


@group.command(name="buat",
               help="Tandatangani folder wheel (Balai + semua dependensi dari lock) jadi satu paket rilis.")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--lock", "lock", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=Path("requirements.lock"), show_default=True, help="Lock berhash yang dipakai mengumpulkan wheel")
@click.option("--kunci", "kunci", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Kunci privat Ed25519 (PEM) penanda tangan rilis")
@click.option("--penerbit", required=True, help="Nama penerbit, mis. 'Tim Balai Kabupaten Lima Puluh Kota'")
@click.option("-o", "--keluaran", "tujuan", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas paket (bawaan: balai-VERSI-rilis.zip)")
@click.option("--izinkan-wheel-buatan", "built", is_flag=True,
              help="Terima wheel yang dibangun sendiri dari sdist (versinya di lock, hash-nya tidak)")
def buat(folder: Path, lock: Path, kunci: Path, penerbit: str, tujuan: Path | None, built: bool) -> None:
    from core.paket.kunci import KunciError
    from core.paket.rilis import RilisError
    from core.paket.rilis import buat as build

    own = sorted(folder.glob("balai-*.whl"))
    version = own[0].name.split("-")[1] if own else "baru"
    tujuan = tujuan or Path(f"balai-{version}-rilis.zip")
    try:
        isi = build(folder, lock, kunci, tujuan, penerbit, izinkan_dibangun=built)
    except (RilisError, KunciError) as exc:
        fail(str(exc))
    click.echo(f"Paket rilis Balai {isi.versi} dibuat: {isi.path.resolve()} ({isi.wheel} wheel).")
    if isi.dibangun:
        click.echo(f"Wheel buatan sendiri (tanpa hash di lock): {', '.join(isi.dibangun)}.")
    if isi.tanpa_wheel:
        click.echo(f"Tercantum di lock tetapi tanpa wheel ({len(isi.tanpa_wheel)}): {', '.join(isi.tanpa_wheel)}. "
                   "Tidak apa bila memang hanya untuk pengembang; bila dibutuhkan Balai, pemasangan akan menolaknya.")


@click.command(name="perbarui", help="Perbarui Balai dari paket rilis bertanda tangan (mis. dari USB), tanpa internet: "
                                     "cadangan otomatis, migrasi, dan kembali otomatis bila gagal.")
@click.argument("berkas", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--periksa", "check_only", is_flag=True,
              help="Hanya periksa tanda tangan dan hash; tidak mengubah apa pun")
@click.option("--paksa", is_flag=True,
              help="Pasang ulang juga bila versinya sama dengan yang terpasang (versi yang lebih lama selalu ditolak)")
@click.option("--pulihkan", "resume", is_flag=True,
              help="Selesaikan pengembalian pembaruan yang terhenti di tengah migrasi (listrik padam)")
@click.option("--folder-program", "root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder versi-versi Balai (bawaan: BALAI_FOLDER_PROGRAM, atau program/ di folder data)")
def perbarui(berkas: Path | None, check_only: bool, paksa: bool, resume: bool, root: Path | None) -> None:
    from core import __version__
    from core.paket import rilis_pasang
    from core.paket.rilis import RilisError

    if berkas is None and not resume:
        fail("Sebutkan berkas paket rilis, mis. `balai perbarui /media/usb/balai-0.2.0-rilis.zip`.")

    async def go(balai):
        folder = root or rilis_pasang.folder_program(balai.settings.data_dir)
        try:
            if resume:
                return await rilis_pasang.pulihkan_terhenti(balai, folder)
            if check_only:
                return await rilis_pasang.periksa(balai, berkas)
            return await rilis_pasang.perbarui(balai, berkas, folder, paksa=paksa, lapor=click.echo)
        except RilisError as exc:
            fail(str(exc))
        except rilis_pasang.PembaruanGagal as exc:
            fail(str(exc))

    result = run(go)
    if resume:
        click.echo(result)
    elif check_only:
        signer = result.indeks.penandatangan
        click.echo(f"Paket rilis Balai {result.versi} sah: ditandatangani {signer.nama} ({signer.id}), "
                   f"{len(result.entri)} wheel cocok dengan hash-nya. Terpasang sekarang: {__version__}. "
                   "Tidak ada yang diubah.")
    else:
        click.echo(f"Balai diperbarui dari {result['dari']} ke {result['ke']}; migrasi selesai.\n"
                   f"Versi aktif: {result['aktif']} -> {result['folder']}\n"
                   f"Jalankan ulang layanan agar versi baru dipakai (mis. `sudo systemctl restart balai`); layanan "
                   f"harus menjalankan {result['aktif']}/bin/balai serve.")
