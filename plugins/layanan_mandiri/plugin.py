"""The `layanan_mandiri` plugin: residents request letters themselves; the office works one queue."""

from __future__ import annotations

from litestar import Request

from plugin_sdk import MenuItem, Panel, Permission, PluginMeta, Widget, hookimpl

from plugins.layanan_mandiri import status as st
from plugins.layanan_mandiri.halaman import kantor, warga
from plugins.layanan_mandiri.permohonan import follow_letter, letter_of, sync_with_letters, with_types
from plugins.layanan_mandiri.tables import Permohonan

PLUGIN = PluginMeta(
    name="layanan_mandiri",
    title="Layanan mandiri",
    version="0.1.0",
    description="Warga mengajukan surat sendiri dari ponsel dengan NIK dan PIN, mengunggah persyaratan, memantau "
                "status dan mengunduh surat yang terbit; kantor memeriksa semua permohonan dalam satu antrean.",
    core_requires=">=0.1,<1.0",
    depends=("surat", "akun_warga"),
    permissions=(
        Permission("layanan_mandiri.periksa", "Memeriksa, menolak dan menyetujui permohonan surat dari warga",
                   roles=("operator",)),
        Permission("layanan_mandiri.atur", "Mengatur jenis surat yang boleh diajukan warga sendiri"),
    ),
)


@hookimpl
def balai_route_handlers():
    return [*warga.ROUTES, *kantor.ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Permohonan warga", "/admin/mandiri", permission="layanan_mandiri.periksa", order=35, group="layanan"),
            MenuItem("Jenis surat mandiri", "/admin/mandiri/jenis", permission="layanan_mandiri.atur", order=825, group="pengaturan")]


@hookimpl
def warga_menu(request):
    return [MenuItem("Surat", "/warga/surat", order=10)]


@hookimpl
def warga_beranda(request, resident):
    """The resident's home: their latest requests, with the letter to download once it is ready."""

    async def latest(request: Request) -> dict:
        await sync_with_letters(request)
        rows = await with_types(await Permohonan.select(
            Permohonan.id, Permohonan.status, Permohonan.diubah, Permohonan.jenis, Permohonan.surat).where(
            Permohonan.penduduk == resident["penduduk_id"]).order_by(Permohonan.id, ascending=False).limit(3).run())
        for row in rows:
            letter = await letter_of(row) if row["status"] in st.WITH_LETTER else None
            row["nomor"] = letter["nomor"] if letter and letter.get("ada_pdf") else ""
        return {"rows": rows, "label": st.LABEL}

    return [Panel("Permohonan dan surat saya", "layanan_mandiri/beranda.html", context=latest, order=10)]


async def _open_requests() -> list[dict]:
    # Written out: the dashboard asks on every view, and Piccolo's builder costs more than the query.
    return await Permohonan.raw("SELECT status, surat, COUNT(*) AS n FROM mandiri_permohonan"
                                " WHERE status IN ({}, {}, {}) GROUP BY status, surat",
                                st.DIPERIKSA, st.MENUNGGU_TTD, st.SIAP).run()


async def _waiting(request: Request) -> dict:
    # One query serves both the catch-up with the letters and the counts (the dashboard asks on every view).
    rows = await _open_requests()
    if await sync_with_letters(request, rows):  # letters the head signed since: count them as ready
        rows = await _open_requests()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
    return {"diperiksa": counts.get(st.DIPERIKSA, 0), "siap": counts.get(st.SIAP, 0)}


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Permohonan warga", "layanan_mandiri/widget.html", context=_waiting,
                   permission="layanan_mandiri.periksa", order=25)]


@hookimpl
def balai_resident_panels(request, penduduk_id):
    async def requests(request: Request) -> dict:
        rows = await with_types(await Permohonan.select(
            Permohonan.id, Permohonan.status, Permohonan.diubah, Permohonan.jenis).where(
            (Permohonan.penduduk == penduduk_id) & (Permohonan.status != st.BELUM_LENGKAP)).order_by(
            Permohonan.id, ascending=False).limit(10).run())
        return {"rows": rows, "label": st.LABEL}

    return [Panel("Permohonan mandiri", "layanan_mandiri/panel.html", context=requests,
                  permission="layanan_mandiri.periksa", order=15)]


# `surat`'s domain events: a request follows its letter as soon as the letter changes.
@hookimpl
async def surat_terbit(request, surat):
    await follow_letter(request, surat)


@hookimpl
async def surat_ditolak(request, surat, alasan):
    await follow_letter(request, surat)


@hookimpl
async def surat_dibatalkan(request, surat, alasan):
    await follow_letter(request, surat)
