"""The PPID's register of requests for information: every request with its deadline and the working days left
(overdue flagged), and on a request's page the office's actions: extend once, answer, record an objection and its
answer. Documents and the holiday calendar are in ppid_dokumen.py. A requester's name and contact are shown only
here, to staff, and each view of them is logged.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, MenuItem, current_user, flash, has_permission, log_view, page, requires, today

from plugins.informasi_publik import hari_kerja, ppid
from plugins.informasi_publik.halaman import ppid_dokumen, ppid_langsung
from plugins.informasi_publik.plugin import LIHAT, PPID
from plugins.informasi_publik.tabel_ppid import DIPROSES, STATUS, PermohonanInformasi

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
BASE = "/admin/ppid"
MENU = [MenuItem("Informasi publik (PPID)", BASE, permission=LIHAT, order=20, group="sekretariat")]


def teks(data: dict, nama: str, batas: int = 2000) -> str:
    nilai = str(data.get(nama) or "").replace("\r\n", "\n").replace("\x00", "").strip()
    return nilai[:batas]


def tanggal(data: dict, nama: str) -> date | None:
    try:
        return date.fromisoformat(str(data.get(nama) or "").strip())
    except ValueError:
        return None


def baris(row: dict, hari_ini: date, libur: set[date]) -> dict:
    """A request as the register shows it: status label, days left while unanswered, overdue flag."""
    terbuka = row["status"] == DIPROSES
    sisa = hari_kerja.sisa(hari_ini, row["tenggat"], libur) if terbuka else None
    keberatan_sisa = None
    if row["keberatan"] is not None and row["keberatan_dijawab"] is None:
        keberatan_sisa = hari_kerja.sisa(hari_ini, row["keberatan_tenggat"], libur)
    return {**row, "status_label": STATUS.get(row["status"], row["status"]), "sisa": sisa,
            "lewat": terbuka and hari_kerja.terlambat(hari_ini, row["tenggat"]),
            "telat_jawab": row["dijawab"] is not None and row["dijawab"] > row["tenggat"],
            "keberatan_sisa": keberatan_sisa,
            "keberatan_lewat": keberatan_sisa is not None and keberatan_sisa < 0}


async def boleh_kelola(request: Request) -> bool:
    return has_permission(await current_user(request), PPID)


@get(BASE, opt=requires(LIHAT), include_in_schema=False)
async def register(request: Request, status: FromQuery[str] = "") -> Template:
    syarat = [PermohonanInformasi.status == status] if status in STATUS else []
    rows = await PermohonanInformasi.select(
        *[getattr(PermohonanInformasi, c) for c in ("id", "nomor", "diterima", "tenggat", "diperpanjang", "status",
                                                     "dijawab", "keberatan", "keberatan_tenggat",
                                                     "keberatan_dijawab", "nama")]).where(*syarat).order_by(
        PermohonanInformasi.diterima, ascending=False).order_by(PermohonanInformasi.id, ascending=False).run()
    hari_ini, libur = today(request), await ppid.libur()
    daftar = [baris(r, hari_ini, libur) for r in rows]
    return await page(request, "informasi_publik/admin/ppid_register.html", {
        "rows": daftar, "status": STATUS, "saring": status if status in STATUS else "",
        "lewat": sum(1 for r in daftar if r["lewat"]), "hari_ini": hari_ini, "kelola": await boleh_kelola(request)})


async def _satu(permohonan_id: int) -> dict:
    row = await PermohonanInformasi.select().where(PermohonanInformasi.id == permohonan_id).first().run()
    if row is None:
        raise NotFoundException("Permohonan tidak ditemukan.")
    return row


async def _detail(request: Request, permohonan_id: int, galat: dict | None = None, bagian: str = "",
                  isian: dict | None = None, status_code: int = 200) -> Template:
    row = await _satu(permohonan_id)
    hari_ini = today(request)
    log_view(request, "informasi_publik.permohonan", permohonan_id)
    return await page(request, "informasi_publik/admin/ppid_permohonan.html", {
        "p": baris(row, hari_ini, await ppid.libur()), "kelola": await boleh_kelola(request),
        "cara": ppid.CARA, "kirim": ppid.KIRIM, "pasal": ppid.PASAL, "alasan_keberatan": ppid.ALASAN_KEBERATAN,
        "boleh_keberatan": ppid.boleh_keberatan(row, hari_ini), "hari_ini": hari_ini.isoformat(),
        "galat": galat or {}, "bagian": bagian, "isian": isian or {}}, status_code)


@get(f"{BASE}/permohonan/{{permohonan_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/permohonan/1"),
     include_in_schema=False)
async def detail(request: Request, permohonan_id: Id) -> Template:
    return await _detail(request, permohonan_id)


async def _aksi(request: Request, permohonan_id: int, bagian: str, data: dict, kerja, pesan: str):
    await _satu(permohonan_id)
    try:
        hasil = await kerja()
    except ppid.PpidError as e:
        return await _detail(request, permohonan_id, e.galat, bagian, data, 400)
    flash(request, pesan.format(hasil=hasil.strftime("%d-%m-%Y") if isinstance(hasil, date) else ""))
    return Redirect(f"{BASE}/permohonan/{permohonan_id}")


@post(f"{BASE}/permohonan/{{permohonan_id:int}}/perpanjang", opt=requires(PPID), include_in_schema=False)
async def perpanjang(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    return await _aksi(request, permohonan_id, "perpanjang", data,
                       lambda: ppid.perpanjang(request, permohonan_id, teks(data, "alasan")),
                       "Jangka waktu diperpanjang 7 hari kerja, sampai {hasil}. Beri tahu pemohon secara tertulis.")


@post(f"{BASE}/permohonan/{{permohonan_id:int}}/jawab", opt=requires(PPID), include_in_schema=False)
async def jawab(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    return await _aksi(request, permohonan_id, "jawab", data,
                       lambda: ppid.jawab(request, permohonan_id, teks(data, "status", 12), tanggal(data, "tanggal"),
                                          teks(data, "pasal", 16), teks(data, "catatan")),
                       "Jawaban permohonan dicatat.")


@post(f"{BASE}/permohonan/{{permohonan_id:int}}/keberatan", opt=requires(PPID), include_in_schema=False)
async def keberatan(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    return await _aksi(request, permohonan_id, "keberatan", data,
                       lambda: ppid.catat_keberatan(request, permohonan_id, tanggal(data, "tanggal"),
                                                    teks(data, "alasan", 16), teks(data, "uraian")),
                       "Keberatan dicatat; atasan PPID menanggapi paling lambat {hasil}.")


@post(f"{BASE}/permohonan/{{permohonan_id:int}}/keberatan/jawab", opt=requires(PPID), include_in_schema=False)
async def keberatan_jawab(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    return await _aksi(request, permohonan_id, "keberatan_jawab", data,
                       lambda: ppid.jawab_keberatan(request, permohonan_id, tanggal(data, "tanggal"),
                                                    teks(data, "tanggapan")),
                       "Tanggapan atas keberatan dicatat.")


ROUTES: list = [register, detail, perpanjang, jawab, keberatan, keberatan_jawab, *ppid_dokumen.ROUTES,
                *ppid_langsung.ROUTES]
