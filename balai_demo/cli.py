"""`balai demo`: the demo nagari that trainers and new users start from.

Registered through the `balai.cli` entry-point group, so the `balai` command imports this package only when
`balai demo` runs; the kernel never imports it.
"""

from __future__ import annotations

import click

from balai_demo.penduduk import build as build_population
from core.cli.common import run
from core.db.binding import load_app
from core.db.migrations import migrate_backwards, order_apps
from core.identity.users import create_user
from core.tables import Pengguna, Perangkat

DEMO_USER = "admin"
DEMO_PASSWORD = "demo-balai"
DEMO_PIN = "258036"  # the demo resident's self-service PIN, already changed from the counter's
DEMO_PROFILE = {
    "nama": "Taram",  # Nagari Taram, Kecamatan Harau, as in the reference list
    "kode": "1307052001",
    "kecamatan": "Harau",
    "kabupaten": "Lima Puluh Kota",
    "provinsi": "Sumatera Barat",
    "sebutan_desa": "Nagari",
    "sebutan_dusun": "Jorong",
    "sebutan_kepala": "Wali Nagari",
    # The office address line of the letterhead (synthetic: the demo's street, postcode and contacts are made up).
    "alamat": "Jalan Raya Taram No. 1, Kecamatan Harau",
    "kode_pos": "26271",
    "telepon": "(0752) 700123",
    "email": "kantor@taram.contoh.id",
}


def demo_logo() -> bytes:
    """A plain emblem for the demo nagari (a green shield with a gold roof line), drawn here: no real coat of arms."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.polygon([(30, 20), (210, 20), (210, 130), (120, 225), (30, 130)], fill=(22, 101, 52), outline=(0, 0, 0))
    draw.polygon([(55, 120), (120, 55), (185, 120)], fill=(234, 179, 8))  # a gonjong-like roof
    draw.rectangle([(80, 120), (160, 170)], fill=(234, 179, 8))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


DEMO_OFFICIALS = (
    {"nama": "Datuak Rajo Mangkuto", "jabatan": "Wali Nagari", "nomor_staf": "WN-01", "boleh_tanda_tangan": True,
     "cara_tanda_tangan": "kepala", "urutan": 1},
    {"nama": "Yusrizal", "jabatan": "Sekretaris Nagari", "nip": "198203142009011003", "boleh_tanda_tangan": True,
     "cara_tanda_tangan": "an", "urutan": 2},
    {"nama": "Rahmi Yanti", "jabatan": "Kasi Pelayanan", "nomor_staf": "PN-07", "urutan": 3},
)


async def build_demo(balai, reset: bool, seed: int, penduduk: int = 5000, data_terbuka: bool = True) -> bool:
    """Create the demo nagari; with `reset`, drop everything first. Returns True when it was (re)built."""
    if reset:
        for app in reversed(order_apps([load_app(path) for path in balai.all_app_paths()])):
            await migrate_backwards(app)
        balai.enabled.version = -1
    await balai.migrate()
    if await Pengguna.exists().run():
        return False
    await create_user(DEMO_USER, "Administrator Demo", DEMO_PASSWORD, "administrator")
    await balai.load_profile()
    from core.files import save_image

    await balai.save_profile({**DEMO_PROFILE, "logo": save_image(balai.settings.data_dir, "logo", demo_logo())})
    for row in DEMO_OFFICIALS:
        await Perangkat.insert(Perangkat(**row)).run()
    if penduduk > 0:
        await build_population(penduduk, seed)
        await _demo_resident()
    await _demo_website(balai)
    await _demo_budget(balai)
    await _demo_informasi(balai)
    await _demo_potensi(balai)
    await _demo_aset(balai)
    await _demo_bantuan(balai)
    if data_terbuka:
        # here, in the same process and loop: the demo letters are made afterwards over HTTP in another loop, whose
        # SQLite connection a second loop in this process would find still locked
        await _demo_satu_data(balai)
    return True


async def _demo_website(balai) -> None:
    """News, announcements, agenda, pages and a menu on the public website, when the portal is there."""
    if "portal" not in await balai.enabled_names():
        return
    from types import SimpleNamespace

    from plugins.portal.publik.contoh import make_demo_content

    await make_demo_content(SimpleNamespace(state=SimpleNamespace(balai=balai)))


async def _demo_budget(balai) -> None:
    """Last year's and this year's APB Desa with realisation, when the budget plugin is there."""
    if "keuangan" not in await balai.enabled_names():
        return
    from types import SimpleNamespace

    from plugins.keuangan.contoh import buat_demo

    await buat_demo(SimpleNamespace(state=SimpleNamespace(balai=balai)))


class _DemoRequest:
    """What the file store (``request.app.state.balai``), the audit log (``state``, ``client``) and a plugin's
    events (``emit``, as a CLI command's context) read of a request, for demo code that writes through the office's
    own functions: logged as done by no user."""

    def __init__(self, balai):
        from types import SimpleNamespace

        self._balai = balai
        self.app = SimpleNamespace(state=SimpleNamespace(balai=balai))
        self.state: dict = {"user": None}  # known: nobody is logged in (no session to look up)
        self.client = None

    async def emit(self, event: str, **kwargs):
        from core.plugin_host.events import emit_outside_request

        return await emit_outside_request(self._balai, event, **kwargs)


async def _demo_informasi(balai) -> None:
    """Regulations, public-information documents and requests, and the letter registers, when the Sekretariat
    plugin is there. Each part's sample is its own module; one not written yet is left out."""
    if "informasi_publik" not in await balai.enabled_names():
        return
    import importlib
    import inspect

    for part in ("contoh_hukum", "contoh_ppid", "contoh_agenda"):
        try:
            module = importlib.import_module(f"plugins.informasi_publik.{part}")
        except ModuleNotFoundError as e:
            if e.name != f"plugins.informasi_publik.{part}":
                raise
            continue
        if not hasattr(module, "buat_demo"):
            continue
        # one that stores files takes the app (as keuangan's does) or a stand-in request, by its parameter's name
        wanted = list(inspect.signature(module.buat_demo).parameters)
        given = _DemoRequest(balai) if wanted[:1] == ["request"] else _DemoRequest(balai).app
        await (module.buat_demo(given) if wanted else module.buat_demo())


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


async def _demo_satu_data(balai) -> None:
    """Every dataset published monthly, with last month's release and this month's provisional one, so a trainer
    or a portal engineer sees the open-data catalogue at once, when `satu_data` is there."""
    if "satu_data" not in await balai.enabled_names():
        return
    from balai_demo.satu_data import terbitkan_semua

    await terbitkan_semua(_DemoRequest(balai))


async def _demo_resident() -> None:
    """One resident with a self-service account, so a trainer can show the residents' side at once."""
    from core.identity.passwords import hash_password
    from core.penduduk.tables import Penduduk
    from plugins.akun_warga.tables import AkunWarga

    first = await Penduduk.select(Penduduk.id).where(Penduduk.status_dasar == 1).order_by(Penduduk.id).first().run()
    if first:
        await AkunWarga.insert(AkunWarga(penduduk=first["id"], pin_hash=hash_password(DEMO_PIN), wajib_ganti_pin=False,
                                         pin_dari="demo")).run()


async def demo_resident_nik() -> str | None:
    from plugins.akun_warga.tables import AkunWarga

    row = await AkunWarga.select(AkunWarga.penduduk.nik.as_alias("nik")).where(AkunWarga.pin_dari == "demo").first().run()
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
@click.pass_context
def demo(ctx: click.Context, no_serve: bool, reset: bool, seed: int, penduduk: int, tanpa_surat: bool,
         tanpa_data_terbuka: bool) -> None:
    async def go(balai):
        built = await build_demo(balai, reset, seed, penduduk, data_terbuka=not tanpa_data_terbuka)
        return balai.settings, built, await demo_resident_nik()

    settings, built, nik = run(go)
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
