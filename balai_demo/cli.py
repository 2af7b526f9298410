"""`balai demo`: the demo nagari that trainers and new users start from.

Registered through the `balai.cli` entry-point group, so the `balai` command imports this package only when
`balai demo` runs; the kernel never imports it.
"""

from __future__ import annotations

from pathlib import Path

import click

from core.cli.common import fail, run
from core.preset.permintaan import PermintaanPreset
from core.preset.toml import baca_toml
from core.tables import Pengguna

DEMO_USER = "admin"
DEMO_PASSWORD = "demo-balai"  # the demo preset's `latihan.sandi`
DEMO_PIN = "258036"  # the demo resident's self-service PIN, already changed from the counter's
PRESET = Path(__file__).resolve().parent / "preset"  # the built-in preset `demo`: what `balai demo` applies
_profil = baca_toml(PRESET / "profil.toml", "balai_demo/preset/profil.toml", wajib=True)
DEMO_PROFILE = {k: v for k, v in _profil["profil"].items() if k != "logo"}
DEMO_OFFICIALS = tuple(_profil["perangkat"])
_DemoRequest = PermintaanPreset  # the name demo code and tests use


def demo_logo() -> bytes:
    """The demo nagari's plain emblem (a green shield with a gold roof line: no real coat of arms), the preset's."""
    return (PRESET / "logo.png").read_bytes()


async def build_demo(balai, reset: bool, seed: int, penduduk: int = 5000, data_terbuka: bool = True,
                     tanpa: tuple[str, ...] = ()) -> bool:
    """Apply the built-in preset `demo`, without the plugins in `tanpa`; with `reset`, over a demo already there (a
    training installation). Returns True when it was (re)built, False when the installation already has users and
    `reset` was not asked."""
    from core.preset import berkas, mesin

    if not reset:
        await balai.migrate()
        if await Pengguna.exists().run():
            return False
    preset = berkas.baca(PRESET)
    preset.jumlah, preset.benih = penduduk, seed
    if unknown := sorted(set(tanpa) - set(preset.plugins)):
        raise berkas.PresetError(f"Plugin {', '.join(unknown)} tidak ada di preset demo.")
    preset.plugins = [p for p in preset.plugins if p not in tanpa]
    for name in tanpa:
        preset.pengaturan.pop(name, None)
    lewati = set() if data_terbuka else {"satu_data"}
    if not penduduk:  # `--penduduk 0` (a room to import into): no resident to give a self-service account
        lewati.add("akun_warga")
        preset.minimum = 0  # the only section needing residents is left out
    await mesin.terapkan(balai, preset, lewati=frozenset(lewati), setuju=lambda tanda: True)  # --reset said so
    return True


# The plugins' demo content used to be made here; it is now each plugin's section of the preset
# (balai_demo/preset/<plugin>/). These four stay for tests/satu_data_helpers.py, which builds a nagari with them.


async def _demo_budget(balai) -> None:
    """Last year's and this year's APB Desa with realisation, when the budget plugin is there."""
    if "keuangan" not in await balai.enabled_names():
        return
    from types import SimpleNamespace

    from plugins.keuangan.contoh import buat_demo

    await buat_demo(SimpleNamespace(state=SimpleNamespace(balai=balai)))


async def _demo_potensi(balai) -> None:
    """Last year's profile of the nagari with about ten indicators published, when `potensi` is there; nothing for
    this year, which a trainer fills by copying last year's."""
    if "potensi" not in await balai.enabled_names():
        return
    from balai_demo.potensi_aset import buat_potensi

    await buat_potensi(_DemoRequest(balai))


async def _demo_aset(balai) -> None:
    """The nagari's inventory (land, vehicles, buildings, a well, a road, books, a building in progress) with a
    change of condition and a sale, when `aset` is there; linked to the APB Desa when `keuangan` is too."""
    enabled = await balai.enabled_names()
    if "aset" not in enabled:
        return
    from balai_demo.potensi_aset import buat_aset

    await buat_aset(_DemoRequest(balai), keuangan="keuangan" in enabled)


async def _demo_bantuan(balai) -> None:
    """Social assistance (DTSEN data, BLT Dana Desa with an approved and a prepared stage, PKH, seed aid for
    farmer groups) and the operator and Wali Nagari accounts that prepare and approve, when `bantuan` is there."""
    if "bantuan" not in await balai.enabled_names():
        return
    from balai_demo.bantuan import buat_bantuan

    await buat_bantuan(lambda: _DemoRequest(balai), DEMO_PASSWORD)


async def demo_resident_nik() -> str | None:
    from plugins.akun_warga.tables import AkunWarga

    row = await AkunWarga.select(AkunWarga.penduduk.nik.as_alias("nik")).where(
        AkunWarga.pin_dari == "demo").first().run()
    return row["nik"] if row else None


@click.command(help="Buat nagari demo lalu jalankan server.")
@click.option("--no-serve", is_flag=True, help="Hanya buat data demo, jangan jalankan server")
@click.option("--reset", is_flag=True, help="Hapus semua data lalu bangun ulang demo")
@click.option("--seed", type=int, default=1, show_default=True, help="Benih acak untuk data demo")
@click.option("--penduduk", type=click.IntRange(0, 2_000_000), default=5000, show_default=True,
              help="Jumlah penduduk sintetis")
@click.option("--tanpa-surat", is_flag=True,
              help="Jangan buat surat dan permohonan contoh (untuk uji yang menghitung surat dari nol)")
@click.option("--tanpa-data-terbuka", is_flag=True,
              help="Jangan terbitkan dataset data terbuka (untuk latihan menerbitkan dari nol)")
@click.option("--tanpa", "tanpa", multiple=True, metavar="PLUGIN",
              help="Jangan aktifkan plugin ini beserta data contohnya (boleh diulang), mis. --tanpa keuangan")
@click.pass_context
def demo(ctx: click.Context, no_serve: bool, reset: bool, seed: int, penduduk: int, tanpa_surat: bool,
         tanpa_data_terbuka: bool, tanpa: tuple[str, ...] = ()) -> None:
    async def go(balai):
        built = await build_demo(balai, reset, seed, penduduk, data_terbuka=not tanpa_data_terbuka, tanpa=tanpa)
        return balai.settings, built, await demo_resident_nik()

    from core.preset.berkas import PresetError

    try:
        settings, built, nik = run(go)
    except PresetError as exc:
        fail(str(exc))
    if built and nik and not tanpa_surat:
        from balai_demo.surat import make_letters_and_requests

        make_letters_and_requests(DEMO_USER, DEMO_PASSWORD, nik, DEMO_PIN)
    click.echo("Nagari demo " + ("dibuat." if built else "sudah ada (pakai --reset untuk membangun ulang)."))
    click.echo(f"Masuk di {settings.public_url}/masuk dengan pengguna '{DEMO_USER}' dan kata sandi '{DEMO_PASSWORD}'.")
    if nik:
        click.echo(f"Layanan mandiri warga: {settings.public_url}/warga/masuk dengan NIK {nik} dan PIN {DEMO_PIN}.")
    if not no_serve:
        from core.cli.main import serve

        ctx.invoke(serve)
