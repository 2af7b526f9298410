"""Every write of the letter registers: an incoming letter (agenda number, disposition, scan), a manual outgoing
letter, a dispatch record. Each function is one user action: it checks everything first, then writes in one
write transaction with its audit entry, so bad input changes nothing. Problems are raised as `AgendaError` with a
message per form field.

Agenda numbers come from a counter row per year advanced by ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``
(ENGINEERING-NOTES 4, as surat's penomoran.py): two clerks registering at once never get the same number, and a
registration that fails rolls its increment back with it.
"""

from __future__ import annotations

import asyncio
import unicodedata
from datetime import date

from plugin_sdk import FileStoreError, current_user, log_change, save_pdf, stored_pdf, write_transaction
from plugin_sdk import warga

from plugins.informasi_publik.tabel_agenda import Ekspedisi, SuratKeluar, SuratMasuk, UrutanAgenda

FOLDER = "agenda"  # scans in the kernel's file store; served only behind LIHAT
TAHUN_MIN = 1945
ADVANCE = ("INSERT INTO informasi_publik_agenda_urutan (tahun, terakhir) VALUES ({}, 1) ON CONFLICT (tahun) "
           "DO UPDATE SET terakhir = informasi_publik_agenda_urutan.terakhir + 1 RETURNING terakhir")
CARA = ("Diantar langsung", "Pos", "Kurir", "Surel", "Lainnya")


class AgendaError(ValueError):
    """Nothing was saved; `galat` maps a form field (or "umum") to a message in Bahasa Indonesia."""

    def __init__(self, galat: dict[str, str] | str):
        self.galat = {"umum": galat} if isinstance(galat, str) else dict(galat)
        super().__init__("; ".join(self.galat.values()))


def bersih(nilai, batas: int = 2000) -> str:
    """A one-line field as typed: control characters out (PostgreSQL refuses NUL), spaces tidied."""
    teks = "".join(ch for ch in str(nilai or "") if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join(teks.split())[:batas]


def _teks(data: dict, kunci: str, label: str, panjang: int, galat: dict, *, wajib: bool = False) -> str:
    nilai = bersih(data.get(kunci))
    if wajib and not nilai:
        galat[kunci] = f"{label} wajib diisi."
    elif len(nilai) > panjang:
        galat[kunci] = f"{label} terlalu panjang: paling banyak {panjang} huruf."
    return nilai


def _tanggal(data: dict, kunci: str, label: str, galat: dict, hari_ini: date, *, wajib: bool = True) -> date | None:
    teks = bersih(data.get(kunci), 20)
    if not teks:
        if wajib:
            galat[kunci] = f"{label} wajib diisi."
        return None
    try:
        nilai = date.fromisoformat(teks)
    except ValueError:
        galat[kunci] = f"{label} tidak dikenal: pilih tanggal dari kalender (tahun-bulan-hari)."
        return None
    if nilai.year < TAHUN_MIN:
        galat[kunci] = f"{label} terlalu lama: paling awal tahun {TAHUN_MIN}."
    elif nilai > hari_ini:
        galat[kunci] = f"{label} tidak boleh setelah hari ini."
    return nilai


def mirip(kolom, teks: str):
    """`kolom` holds `teks`, whatever its case: ILIKE on PostgreSQL; SQLite's LIKE already ignores ASCII case
    (and Piccolo warns on each ILIKE it rewrites there)."""
    from piccolo.engine import engine_finder

    pola = f"%{teks}%"
    return kolom.ilike(pola) if engine_finder().engine_type == "postgres" else kolom.like(pola)


async def _pengguna(request) -> str:
    user = await current_user(request) if request is not None else None
    return (user or {}).get("username", "") or "sistem"


# --- scans ----------------------------------------------------------------------------------------------------

def _simpan_pindaian(request, isi: bytes) -> str:
    """A PDF through the checked PDF store (not locked, readable, 10 MB), a photo through the upload store."""
    if isi.lstrip()[:5] == b"%PDF-":
        return save_pdf(request, FOLDER, isi)
    if isi[:3] == b"\xff\xd8\xff" or isi[:8] == b"\x89PNG\r\n\x1a\n":
        return warga.save_upload(request, FOLDER, isi)
    raise FileStoreError("Pindaian harus PDF, JPEG atau PNG.")


def path_pindaian(request, nama: str):
    """Where a scan is kept, or None. Serve it only behind LIHAT: a letter may name residents."""
    if not nama:
        return None
    return stored_pdf(request, FOLDER, nama) if nama.endswith(".pdf") else warga.upload_path(request, FOLDER, nama)


def _buang(request, nama: str) -> None:
    path = path_pindaian(request, nama)
    if path is not None:
        path.unlink(missing_ok=True)


# --- incoming letters -----------------------------------------------------------------------------------------

async def _disposisi(data: dict, galat: dict, hari_ini: date, terima: date | None) -> dict:
    from plugin_sdk.dokumen import officials

    kepada_teks = bersih(data.get("disposisi_kepada"), 12)
    instruksi = _teks(data, "disposisi_isi", "Isi disposisi", 500, galat)
    tanggal = _tanggal(data, "disposisi_tanggal", "Tanggal disposisi", galat, hari_ini, wajib=False)
    if not kepada_teks:
        if instruksi or tanggal:
            galat["disposisi_kepada"] = "Pilih pejabat yang menerima disposisi."
        return {"disposisi_kepada": None, "disposisi_nama": "", "disposisi_isi": "", "disposisi_tanggal": None}
    pejabat = {str(p["id"]): p for p in await officials()}
    if kepada_teks not in pejabat:
        galat["disposisi_kepada"] = "Pejabat ini tidak dikenal; pilih dari daftar."
        return {}
    p = pejabat[kepada_teks]
    tanggal = tanggal or (hari_ini if "disposisi_tanggal" not in galat else None)
    if tanggal and terima and tanggal < terima and "disposisi_tanggal" not in galat:
        galat["disposisi_tanggal"] = "Tanggal disposisi tidak boleh sebelum tanggal surat diterima."
    return {"disposisi_kepada": p["id"], "disposisi_nama": f"{p['nama']} ({p['jabatan']})" if p.get("jabatan")
            else p["nama"], "disposisi_isi": instruksi, "disposisi_tanggal": tanggal}


async def periksa_masuk(data: dict, hari_ini: date) -> tuple[dict, dict]:
    """The incoming letter's values from a form, and a message per wrong field. Nothing is stored."""
    galat: dict[str, str] = {}
    terima = _tanggal(data, "tanggal_terima", "Tanggal diterima", galat, hari_ini)
    surat = _tanggal(data, "tanggal_surat", "Tanggal surat", galat, hari_ini)
    if terima and surat and surat > terima and not {"tanggal_terima", "tanggal_surat"} & galat.keys():
        galat["tanggal_surat"] = "Tanggal surat tidak boleh setelah tanggal diterima."
    nilai = {"tanggal_terima": terima, "tanggal_surat": surat,
             "nomor_surat": _teks(data, "nomor_surat", "Nomor surat", 100, galat, wajib=True),
             "pengirim": _teks(data, "pengirim", "Pengirim", 200, galat, wajib=True),
             "isi": _teks(data, "isi", "Isi singkat", 500, galat, wajib=True),
             "keterangan": _teks(data, "keterangan", "Keterangan", 300, galat)}
    nilai.update(await _disposisi(data, galat, hari_ini, terima))
    return nilai, galat


async def catat_masuk(request, data: dict, pindaian: bytes = b"", *, hari_ini: date,
                      masuk_id: int | None = None) -> dict:
    """Register an incoming letter (a new agenda number in the year it was received) or correct one; a scan, when
    given, is kept (a corrected letter's old scan is replaced). Returns the row's id, tahun and nomor_agenda."""
    nilai, galat = await periksa_masuk(data, hari_ini)
    lama = None
    if masuk_id is not None:
        lama = await SuratMasuk.select().where(SuratMasuk.id == masuk_id).first().run()
        if lama is None:
            raise AgendaError("Surat masuk tidak ditemukan.")
        if nilai.get("tanggal_terima") and nilai["tanggal_terima"].year != lama["tahun"]:
            galat["tanggal_terima"] = (f"Nomor agenda {lama['nomor_agenda']}/{lama['tahun']} sudah diberikan: tanggal "
                                       f"diterima harus tetap dalam tahun {lama['tahun']}.")
    if galat:
        raise AgendaError(galat)
    berkas = ""
    if pindaian:
        try:
            berkas = await asyncio.to_thread(_simpan_pindaian, request, pindaian)
        except FileStoreError as e:
            raise AgendaError({"pindaian": str(e)}) from None
    oleh = await _pengguna(request)
    try:
        async with write_transaction():
            if lama is None:
                tahun = nilai["tanggal_terima"].year
                nomor = int((await UrutanAgenda.raw(ADVANCE, tahun).run())[0]["terakhir"])
                baris = await SuratMasuk.insert(SuratMasuk(tahun=tahun, nomor_agenda=nomor, berkas=berkas,
                                                           dicatat_oleh=oleh, **nilai)).returning(SuratMasuk.id).run()
                masuk_id = baris[0]["id"]
                aksi = "catat"
            else:
                tahun, nomor = lama["tahun"], lama["nomor_agenda"]
                ubah = {getattr(SuratMasuk, k): v for k, v in nilai.items()}
                if berkas:
                    ubah[SuratMasuk.berkas] = berkas
                await SuratMasuk.update(ubah).where(SuratMasuk.id == masuk_id).run()
                aksi = "ubah"
            await log_change(request, aksi, "informasi_publik.surat_masuk", masuk_id,
                             {"nomor_agenda": f"{nomor}/{tahun}", "nomor_surat": nilai["nomor_surat"],
                              "pengirim": nilai["pengirim"], "disposisi": nilai["disposisi_nama"],
                              "pindaian": bool(berkas)})
    except BaseException:
        if berkas:
            _buang(request, berkas)
        raise
    if lama is not None and berkas and lama["berkas"]:
        _buang(request, lama["berkas"])  # replaced: the new scan is in place
    return {"id": masuk_id, "tahun": tahun, "nomor_agenda": nomor}


async def daftar_masuk(*, dari: date | None = None, sampai: date | None = None, cari: str = "",
                       mulai: int = 0, batas: int | None = None) -> tuple[list[dict], int]:
    """Incoming letters received in the period (newest first) whose number, sender or subject holds `cari`."""
    syarat = _syarat_masuk(dari, sampai, cari)
    jumlah = await SuratMasuk.count().where(*syarat).run()
    query = SuratMasuk.select().where(*syarat).order_by(SuratMasuk.tanggal_terima, ascending=False).order_by(
        SuratMasuk.nomor_agenda, ascending=False)
    if batas is not None:
        query = query.limit(batas).offset(mulai)
    return await query.run(), jumlah


def _syarat_masuk(dari, sampai, cari) -> list:
    syarat = []
    if dari is not None:
        syarat.append(SuratMasuk.tanggal_terima >= dari)
    if sampai is not None:
        syarat.append(SuratMasuk.tanggal_terima <= sampai)
    if cari := bersih(cari, 100).replace("%", "").replace("_", ""):
        syarat.append(mirip(SuratMasuk.nomor_surat, cari) | mirip(SuratMasuk.pengirim, cari)
                      | mirip(SuratMasuk.isi, cari))
    return syarat or [SuratMasuk.id > 0]


# --- outgoing letters -----------------------------------------------------------------------------------------

def periksa_keluar(data: dict, hari_ini: date) -> tuple[dict, dict]:
    galat: dict[str, str] = {}
    nilai = {"nomor": _teks(data, "nomor", "Nomor surat", 100, galat, wajib=True),
             "tanggal": _tanggal(data, "tanggal", "Tanggal surat", galat, hari_ini),
             "kepada": _teks(data, "kepada", "Ditujukan kepada", 200, galat, wajib=True),
             "isi": _teks(data, "isi", "Isi singkat", 500, galat, wajib=True),
             "keterangan": _teks(data, "keterangan", "Keterangan", 300, galat)}
    return nilai, galat


async def simpan_keluar(request, data: dict, *, hari_ini: date, keluar_id: int | None = None) -> int:
    """Record a letter sent that the letters service did not issue, or correct one."""
    nilai, galat = periksa_keluar(data, hari_ini)
    if galat:
        raise AgendaError(galat)
    oleh = await _pengguna(request)
    async with write_transaction():
        sama = await SuratKeluar.select(SuratKeluar.id).where(SuratKeluar.nomor == nilai["nomor"]).first().run()
        if sama and sama["id"] != keluar_id:
            raise AgendaError({"nomor": f"Nomor surat {nilai['nomor']} sudah tercatat di surat keluar."})
        if keluar_id is None:
            baris = await SuratKeluar.insert(SuratKeluar(dicatat_oleh=oleh, **nilai)).returning(SuratKeluar.id).run()
            keluar_id, aksi = baris[0]["id"], "catat"
        else:
            if not await SuratKeluar.exists().where(SuratKeluar.id == keluar_id).run():
                raise AgendaError("Surat keluar tidak ditemukan.")
            await SuratKeluar.update({getattr(SuratKeluar, k): v for k, v in nilai.items()}).where(
                SuratKeluar.id == keluar_id).run()
            # the dispatch record keeps the letter's own fields in step with it
            await Ekspedisi.update({Ekspedisi.nomor_surat: nilai["nomor"], Ekspedisi.tanggal_surat: nilai["tanggal"],
                                    Ekspedisi.isi: nilai["isi"]}).where(Ekspedisi.surat_keluar == keluar_id).run()
            aksi = "ubah"
        await log_change(request, aksi, "informasi_publik.surat_keluar", keluar_id,
                         {k: str(v) for k, v in nilai.items()})
    return keluar_id


async def surat_layanan(request, *, dari=None, sampai=None, cari: str = "") -> list[dict]:
    """The letters the letters service issued in the period, when `surat` is enabled ([] otherwise)."""
    from plugin_sdk import enabled_plugins

    if request is None or "surat" not in await enabled_plugins(request):
        return []
    from plugins.surat import api as surat  # an optional partner: imported only when it is there

    return await surat.issued_letters(dari=dari, sampai=sampai, cari=cari)


async def daftar_keluar(request, *, dari: date | None = None, sampai: date | None = None,
                        cari: str = "") -> list[dict]:
    """One list of every outgoing letter of the period, newest first: the letters service's and the manual ones,
    each with `asal` ("layanan" or "manual") and its dispatch record's id (`ekspedisi_id`) when it was sent."""
    syarat = []
    if dari is not None:
        syarat.append(SuratKeluar.tanggal >= dari)
    if sampai is not None:
        syarat.append(SuratKeluar.tanggal <= sampai)
    if teks := bersih(cari, 100).replace("%", "").replace("_", ""):
        syarat.append(mirip(SuratKeluar.nomor, teks) | mirip(SuratKeluar.kepada, teks)
                      | mirip(SuratKeluar.isi, teks))
    manual = await SuratKeluar.select().where(*(syarat or [SuratKeluar.id > 0])).run()
    layanan = await surat_layanan(request, dari=dari, sampai=sampai, cari=cari)
    kirim = await Ekspedisi.select(Ekspedisi.id, Ekspedisi.surat_keluar, Ekspedisi.surat_id).run()
    per_manual = {e["surat_keluar"]: e["id"] for e in kirim if e["surat_keluar"]}
    per_surat = {e["surat_id"]: e["id"] for e in kirim if e["surat_id"]}
    rows = [{"asal": "manual", "id": m["id"], "nomor": m["nomor"], "tanggal": m["tanggal"], "kepada": m["kepada"],
             "isi": m["isi"], "keterangan": m["keterangan"], "ekspedisi_id": per_manual.get(m["id"])} for m in manual]
    rows += [{"asal": "layanan", "id": s["id"], "nomor": s["nomor"], "tanggal": s["tanggal"], "kepada": s["nama"],
              "isi": s["judul"], "keterangan": "Dibatalkan" if s["status"] == "batal" else "Layanan surat",
              "ekspedisi_id": per_surat.get(s["id"])} for s in layanan]
    return sorted(rows, key=lambda r: (r["tanggal"], r["asal"], r["id"]), reverse=True)


async def surat_keluar_untuk(request, *, keluar_id: int | None = None, surat_id: int | None = None) -> dict | None:
    """One outgoing letter (manual or the service's) as `daftar_keluar` lists it, or None."""
    if keluar_id is not None:
        m = await SuratKeluar.select().where(SuratKeluar.id == keluar_id).first().run()
        return m and {"asal": "manual", "id": m["id"], "nomor": m["nomor"], "tanggal": m["tanggal"],
                      "kepada": m["kepada"], "isi": m["isi"]}
    from plugin_sdk import enabled_plugins

    if surat_id is None or "surat" not in await enabled_plugins(request):
        return None
    from plugins.surat import api as surat

    s = await surat.letter(surat_id)
    if s is None or not s.get("nomor") or s["status"] not in ("terbit", "batal"):
        return None
    return {"asal": "layanan", "id": s["id"], "nomor": s["nomor"], "tanggal": s["tanggal"], "kepada": s["nama"],
            "isi": s["judul"]}


# --- dispatch (ekspedisi) ---------------------------------------------------------------------------------------

async def simpan_ekspedisi(request, data: dict, *, hari_ini: date, surat: dict | None = None,
                           ekspedisi_id: int | None = None) -> int:
    """Record how an outgoing letter (`surat`, from `surat_keluar_untuk`) left the office, or correct the record."""
    galat: dict[str, str] = {}
    nilai = {"tanggal_kirim": _tanggal(data, "tanggal_kirim", "Tanggal dikirim", galat, hari_ini),
             "kepada": _teks(data, "kepada", "Dikirim kepada", 200, galat, wajib=True),
             "cara": _teks(data, "cara", "Cara pengiriman", 60, galat, wajib=True),
             "penerima": _teks(data, "penerima", "Diterima oleh", 200, galat),
             "keterangan": _teks(data, "keterangan", "Keterangan", 300, galat)}
    lama = None
    if ekspedisi_id is not None:
        lama = await Ekspedisi.select().where(Ekspedisi.id == ekspedisi_id).first().run()
        if lama is None:
            raise AgendaError("Catatan ekspedisi tidak ditemukan.")
    elif surat is None:
        raise AgendaError("Surat keluar tidak ditemukan.")
    tanggal_surat = lama["tanggal_surat"] if lama else surat["tanggal"]
    if nilai["tanggal_kirim"] and tanggal_surat and nilai["tanggal_kirim"] < tanggal_surat and not galat.get(
            "tanggal_kirim"):
        galat["tanggal_kirim"] = "Tanggal dikirim tidak boleh sebelum tanggal surat."
    if galat:
        raise AgendaError(galat)
    oleh = await _pengguna(request)
    async with write_transaction():
        if lama is None:
            kunci = (Ekspedisi.surat_keluar == surat["id"]) if surat["asal"] == "manual" else (
                Ekspedisi.surat_id == surat["id"])
            if await Ekspedisi.exists().where(kunci).run():
                raise AgendaError(f"Pengiriman surat {surat['nomor']} sudah tercatat; ubah catatan yang ada.")
            baris = await Ekspedisi.insert(Ekspedisi(
                surat_keluar=surat["id"] if surat["asal"] == "manual" else None,
                surat_id=surat["id"] if surat["asal"] == "layanan" else None, nomor_surat=surat["nomor"],
                tanggal_surat=surat["tanggal"], isi=surat["isi"], dicatat_oleh=oleh, **nilai)).returning(
                Ekspedisi.id).run()
            ekspedisi_id, aksi, nomor = baris[0]["id"], "catat", surat["nomor"]
        else:
            await Ekspedisi.update({getattr(Ekspedisi, k): v for k, v in nilai.items()}).where(
                Ekspedisi.id == ekspedisi_id).run()
            aksi, nomor = "ubah", lama["nomor_surat"]
        await log_change(request, aksi, "informasi_publik.ekspedisi", ekspedisi_id,
                         {"nomor_surat": nomor, **{k: str(v) for k, v in nilai.items()}})
    return ekspedisi_id
