"""The office's page `/admin/satu-data`: which datasets are published and when (monthly after the month closes, or
only when the office says so), what each has published so far and how its last release went, and "Terbitkan
sekarang" (for every chosen dataset, or one), which runs as a background job with a progress page.

The choices are saved all at once or not at all (pilihan.atur). Publishing needs the whole nagari's figures, so
a user limited to one jorong sees why not, and no button."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from plugin_sdk import current_user, flash, page, requires
from plugin_sdk.jobs import start

from plugins.satu_data import pilihan, registri, tugas
from plugins.satu_data.dataset import FREKUENSI, GRUP, Dataset
from plugins.satu_data.halaman.tampil import rilis
from plugins.satu_data.plugin import KELOLA
from plugins.satu_data.tables import BULANAN, CatatanTerbit, TerbitanDataset
from plugins.satu_data.terbit import alasan_tidak_boleh

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
BASE = "/admin/satu-data"
TERBIT, JADWAL = "terbit:", "jadwal:"


async def _rilis() -> dict[str, list[dict]]:
    """Every dataset's releases (periods, versions, provisional mark), without their rows."""
    rows = await TerbitanDataset.select(TerbitanDataset.dataset, TerbitanDataset.periode, TerbitanDataset.versi,
                                        TerbitanDataset.sementara).order_by(TerbitanDataset.periode).run()
    per: dict[str, list[dict]] = {}
    for r in rows:
        per.setdefault(r["dataset"], []).append(r)
    return {nama: rilis([r["periode"] for r in rs], {r["periode"]: r["versi"] for r in rs}, rs[-1]["sementara"])
            for nama, rs in per.items()}


def _isian_tersimpan(datasets: list[Dataset], tersimpan: dict[str, dict]) -> dict[str, str]:
    isian = {}
    for ds in datasets:
        row = tersimpan.get(ds.nama)
        if row is not None and row["terbit"]:
            isian[TERBIT + ds.nama] = "1"
        isian[JADWAL + ds.nama] = row["jadwal"] if row is not None else BULANAN
    return isian


async def _halaman(request: Request, isian: dict[str, str] | None = None, galat: dict[str, str] | None = None,
                   status_code: int = 200) -> Template:
    """The page: the choices as stored, or as posted when a refused form comes back with `galat`."""
    datasets = await registri.semua(request)
    tersimpan = await pilihan.semua()
    terbitan = await _rilis()
    catatan = {r["dataset"]: r for r in await CatatanTerbit.select().run()}
    kelompok = []
    for kode, nama in GRUP.items():
        anggota = [{"ds": ds, "frekuensi": FREKUENSI.get(ds.frekuensi, ds.frekuensi),
                    "dipilih": bool(tersimpan.get(ds.nama, {}).get("terbit")),
                    "rilis": terbitan.get(ds.nama, []), "catatan": catatan.get(ds.nama)}
                   for ds in datasets if ds.grup == kode]
        if anggota:
            kelompok.append({"kode": kode, "nama": nama, "dataset": anggota})
    dipilih = sum(1 for ds in datasets if tersimpan.get(ds.nama, {}).get("terbit"))
    return await page(request, "satu_data/admin/pilihan.html", {
        "kelompok": kelompok, "jumlah": len(datasets), "dipilih": dipilih, "jadwal": pilihan.JADWAL,
        "isian": isian if isian is not None else _isian_tersimpan(datasets, tersimpan), "galat": galat or {},
        "alasan": alasan_tidak_boleh(), "TERBIT": TERBIT, "JADWAL": JADWAL}, status_code)


@get(BASE, opt=requires(KELOLA), include_in_schema=False)
async def halaman(request: Request) -> Template:
    return await _halaman(request)


def _baca(data: dict[str, str]) -> dict[str, tuple[bool, str]]:
    """The posted choices: every dataset the form listed (its schedule select is always sent), published when
    its box is ticked."""
    return {k[len(JADWAL):]: (data.get(TERBIT + k[len(JADWAL):]) == "1", (v or "").strip())
            for k, v in data.items() if k.startswith(JADWAL)}


@post(BASE, opt=requires(KELOLA), include_in_schema=False)
async def simpan(request: Request, data: Form) -> Template | Redirect:
    dikenal = {ds.nama for ds in await registri.semua(request)}
    pilih = _baca(data)
    user = await current_user(request)
    try:
        berubah = await pilihan.atur(pilih, dikenal=dikenal, oleh=user["username"])
    except pilihan.PilihanError as exc:
        galat = {JADWAL + n: "Pilih bulanan atau manual." for n, (_, j) in pilih.items()
                 if n in dikenal and j not in pilihan.JADWAL}
        return await _halaman(request, dict(data), {"umum": str(exc), **galat}, 400)
    if not berubah:
        flash(request, "Tidak ada pilihan yang berubah.", "info")
        return Redirect(BASE)
    dipilih = {n for n, row in (await pilihan.semua()).items() if row["terbit"] and n in dikenal}
    belum = {n for n, (t, _) in pilih.items() if t} - set(await _rilis())
    pesan = f"Pilihan tersimpan: {len(dipilih)} dataset diterbitkan."
    if belum:
        pesan += (f" {len(belum)} di antaranya belum pernah diterbitkan dan baru tampil di katalog setelah Anda "
                  "menekan \u201cTerbitkan sekarang\u201d.")
    flash(request, pesan)
    return Redirect(BASE)


@post(f"{BASE}/terbit", opt=requires(KELOLA), include_in_schema=False)
async def terbit_sekarang(request: Request, data: Form) -> Redirect:
    """Start publishing now: one dataset (`nama`) or every chosen one. Checked before the job is queued, so a
    refused request starts nothing."""
    if alasan := alasan_tidak_boleh():
        flash(request, alasan, "galat")
        return Redirect(BASE)
    datasets = {ds.nama: ds for ds in await registri.semua(request)}
    dipilih = {n for n, row in (await pilihan.semua()).items() if row["terbit"] and n in datasets}
    nama = (data.get("nama") or "").strip()
    if nama:
        if nama not in datasets:
            flash(request, f"Dataset tidak dikenal: {nama[:100]}.", "galat")
            return Redirect(BASE)
        if nama not in dipilih:
            flash(request, f"{datasets[nama].judul} belum dipilih untuk diterbitkan: centang lalu simpan pilihan "
                           "dulu.", "galat")
            return Redirect(BASE)
        judul, params = f"Menerbitkan {datasets[nama].judul}", {"nama": [nama]}
    elif not dipilih:
        flash(request, "Belum ada dataset yang dipilih untuk diterbitkan: centang dataset lalu simpan pilihan dulu.",
              "galat")
        return Redirect(BASE)
    else:
        judul, params = f"Menerbitkan {len(dipilih)} dataset data terbuka", {}
    return Redirect(await start(request, tugas.JOB, judul, params, permission=KELOLA))


ROUTES = [halaman, simpan, terbit_sekarang]
