"""The `surat` plugin: letters (surat keterangan) issued as signed PDFs, with their archive and public check."""

from __future__ import annotations

from litestar import Request

from plugin_sdk import MenuItem, Panel, Permission, PluginMeta, SettingField, Widget, data_dir, hookimpl, today

from plugins.surat import penomoran
from plugins.surat.halaman import arsip, atur, buat, publik
from plugins.surat.cari import balai_search  # noqa: F401  (a hook implementation, found on this module)
from plugins.surat.tables import Surat

PLUGIN = PluginMeta(
    name="surat",
    title="Surat keterangan",
    version="0.1.0",
    description="Surat keterangan dan pengantar sebagai PDF bertanda tangan elektronik, dengan nomor, arsip dan "
                "pemeriksaan keaslian lewat kode QR.",
    core_requires=">=0.1,<1.0",
    permissions=(
        Permission("surat.lihat", "Melihat arsip surat", roles=("operator", "wali_nagari")),
        Permission("surat.buat", "Membuat dan menerbitkan surat", roles=("operator",)),
        Permission("surat.setujui", "Menyetujui atau menolak surat yang menunggu", roles=("wali_nagari",)),
        Permission("surat.batal", "Membatalkan surat yang sudah terbit", roles=("wali_nagari",)),
        Permission("surat.atur", "Mengatur jenis surat, templat dan penomoran"),
    ),
    # its issued letters go into A.7 Buku Agenda when the books are installed; its counts per type into the open
    # data, suppressed by statistik's contract
    enhances=("buku_administrasi", "satu_data", "statistik"),
)


@hookimpl
async def balai_startup(app):
    """PDFs left by a server killed between storing a letter and committing it are removed (terbit.sweep_orphans)."""
    import logging

    from plugins.surat.terbit import sweep_orphans

    try:
        await sweep_orphans(data_dir(app))
    except Exception:  # housekeeping: letters keep working without it
        logging.getLogger("balai.surat").exception("PDF surat sisa tidak bisa dibersihkan")


@hookimpl
def balai_route_handlers():
    from plugins.surat.halaman import impor  # importing OpenSID letter templates (plugins/surat/opensid)

    return [*buat.ROUTES, *arsip.ROUTES, *atur.ROUTES, *publik.ROUTES, *impor.ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Surat", "/admin/surat", permission="surat.lihat", order=30, group="layanan"),
            MenuItem("Jenis surat", "/admin/surat/jenis", permission="surat.atur", order=820, group="pengaturan")]


@hookimpl
def balai_settings():
    return [
        SettingField("format_nomor", "Format nomor surat", default=penomoran.DEFAULT_FORMAT,
                     help="Bagian: {kode} klasifikasi, {nomor} urut, {kode_desa}, {bulan} romawi, {tahun}.",
                     check=penomoran.check_format),
        SettingField("lebar_nomor", "Jumlah digit nomor urut", kind="int", default=3,
                     check=lambda v: None if 1 <= v <= 6 else "antara 1 dan 6"),
        SettingField("urutan", "Urutan nomor", kind="choice", default="jenis",
                     choices=(("jenis", "Satu urutan per jenis surat"), ("bersama", "Satu urutan untuk semua surat"))),
        SettingField("kode_desa", "Kode nagari pada nomor", default="",
                     help="Mis. NGR-TRM. Kosong: kode wilayah Kemendagri dari profil."),
    ]


async def _counts(request: Request) -> dict:
    day = today(request)
    # One query, written out: the dashboard asks on every view, and Piccolo's builder costs more than the query.
    rows = await Surat.raw("SELECT status, COUNT(*) AS n FROM surat_arsip WHERE (tanggal = {} AND status = 'terbit')"
                           " OR status = 'menunggu' GROUP BY status", day).run()
    counts = {row["status"]: row["n"] for row in rows}
    return {"hari_ini": counts.get("terbit", 0), "menunggu": counts.get("menunggu", 0)}


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Surat", "surat/widget.html", context=_counts, permission="surat.lihat", order=20)]


@hookimpl
def balai_resident_panels(request, penduduk_id):
    async def letters(request: Request) -> dict:
        rows = await Surat.select(Surat.id, Surat.judul, Surat.nomor, Surat.status, Surat.tanggal).where(
            Surat.penduduk == penduduk_id).order_by(Surat.id, ascending=False).limit(20).run()
        return {"rows": rows, "penduduk_id": penduduk_id, "status": arsip.STATUS}

    return [Panel("Surat", "surat/panel.html", context=letters, permission="surat.lihat", order=10)]


@hookimpl
def balai_peristiwa(request, peristiwa):
    if peristiwa["jenis"] == "lahir" and peristiwa.get("penduduk"):
        return [MenuItem("Buat Surat Keterangan Kelahiran untuk bayi ini",
                         f"/admin/surat/buat/kelahiran?penduduk={peristiwa['penduduk']}", permission="surat.buat")]
    if peristiwa["jenis"] == "mati" and peristiwa.get("penduduk"):
        return [MenuItem("Buat Surat Keterangan Kematian",
                         f"/admin/surat/buat/kematian?penduduk={peristiwa['penduduk']}", permission="surat.buat")]
    return None


@hookimpl(optionalhook=True)  # an event of `buku_administrasi`, which a nagari may not install
def buku_administrasi_buku():
    from plugins.surat.buku import books

    return books()


@hookimpl
def balai_cli_commands():
    from plugins.surat.cli import group

    return [group]


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.surat.data_terbuka import datasets

    return datasets()


@hookimpl
def balai_preset_bagian():
    from plugins.surat.preset import bagian

    return bagian()
