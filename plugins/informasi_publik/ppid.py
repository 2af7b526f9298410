"""The PPID's work: documents of the list of public information, residents' requests with their deadline, the
office's answer, the one extension and the objection, and the holiday calendar. Every write is one transaction,
audited; a document's change tells the public pages (`public_changed`). Requests are never on a public page but
their status page, which shows number, date, status and deadline only.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, datetime, timedelta, timezone

from litestar import Request

from plugin_sdk import log_change, public_changed, today, write_transaction

from plugins.informasi_publik import hari_kerja
from plugins.informasi_publik.tabel_ppid import (DIBERIKAN, DIPROSES, DITOLAK, KATEGORI, SEBAGIAN, STATUS,
                                                 DokumenInformasi, HariLibur, PermohonanInformasi)

CARA = {"melihat": "Melihat/membaca di kantor", "softcopy": "Salinan softcopy (berkas elektronik)",
        "hardcopy": "Salinan hardcopy (cetak)"}
KIRIM = {"langsung": "Diambil langsung", "email": "Dikirim lewat e-mail", "pos": "Dikirim lewat pos"}
# UU 14/2008 art. 17: what may be withheld; and a request for what the office does not hold (art. 22 (7) c).
PASAL = {"17a": "Pasal 17 huruf a: menghambat proses penegakan hukum",
         "17b": "Pasal 17 huruf b: mengganggu perlindungan hak atas kekayaan intelektual dan persaingan usaha",
         "17c": "Pasal 17 huruf c: membahayakan pertahanan dan keamanan negara",
         "17d": "Pasal 17 huruf d: mengungkapkan kekayaan alam Indonesia",
         "17e": "Pasal 17 huruf e: merugikan ketahanan ekonomi nasional",
         "17f": "Pasal 17 huruf f: merugikan kepentingan hubungan luar negeri",
         "17g": "Pasal 17 huruf g: mengungkapkan isi akta otentik yang bersifat pribadi atau wasiat",
         "17h": "Pasal 17 huruf h: mengungkap rahasia pribadi",
         "17i": "Pasal 17 huruf i: memorandum atau surat antar/intra badan publik yang dirahasiakan",
         "17j": "Pasal 17 huruf j: informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
         "22": "Pasal 22 ayat (7) huruf a: informasi tidak dikuasai atau belum didokumentasikan"}
# UU 14/2008 art. 35 (1): the grounds of an objection.
ALASAN_KEBERATAN = {"a": "Permohonan ditolak dengan alasan pengecualian (Pasal 17)",
                    "b": "Informasi berkala tidak disediakan",
                    "c": "Permohonan tidak ditanggapi",
                    "d": "Permohonan ditanggapi tidak sebagaimana yang diminta",
                    "e": "Permohonan tidak dipenuhi",
                    "f": "Biaya yang dikenakan tidak wajar",
                    "g": "Informasi disampaikan melebihi jangka waktu"}
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
HURUF_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or copied by hand
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
MAKS = {"nama": 120, "alamat": 250, "kontak": 120, "informasi": 2000, "tujuan": 1000}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PpidError(Exception):
    def __init__(self, galat: dict[str, str]):
        super().__init__("; ".join(galat.values()))
        self.galat = galat


async def libur() -> set[date]:
    return {r["tanggal"] for r in await HariLibur.select(HariLibur.tanggal).run()}


def sidik_kode(kode: str) -> str:
    return hashlib.sha256("".join(kode.upper().split()).replace("-", "").encode()).hexdigest()


def kode_baru() -> str:
    return "".join(secrets.choice(HURUF_KODE) for _ in range(8))


# --- documents ----------------------------------------------------------------------------------------------------

def cek_dokumen(isian: dict, ada_berkas: bool) -> dict[str, str]:
    galat = {}
    if not isian.get("judul"):
        galat["judul"] = "Judul wajib diisi."
    elif len(isian["judul"]) > 200:
        galat["judul"] = "Judul paling panjang 200 huruf."
    if isian.get("kategori") not in KATEGORI:
        galat["kategori"] = "Pilih kategori informasi."
    tahun = str(isian.get("tahun") or "")
    if not (tahun.isdigit() and TAHUN_MIN <= int(tahun) <= TAHUN_MAKS):
        galat["tahun"] = "Tahun harus empat angka, misalnya 2026."
    tautan = isian.get("tautan") or ""
    if tautan and not re.match(r"^https?://\S+$", tautan):
        galat["tautan"] = "Tautan harus alamat web lengkap, diawali http:// atau https://."
    elif len(tautan) > 500:
        galat["tautan"] = "Tautan paling panjang 500 huruf."
    if not tautan and not ada_berkas:
        galat["berkas"] = "Unggah berkas PDF atau isi tautannya."
    return galat


async def simpan_dokumen(request: Request, isian: dict, berkas: str = "", dokumen_id: int | None = None) -> int:
    """Add or change a document; `berkas` is the stored name of a newly uploaded PDF ("" keeps the old one)."""
    lama = None
    if dokumen_id is not None:
        lama = await DokumenInformasi.select().where(DokumenInformasi.id == dokumen_id).first().run()
        if lama is None:
            raise PpidError({"umum": "Dokumen tidak ditemukan."})
    if galat := cek_dokumen(isian, bool(berkas or (lama and lama["berkas"]))):
        raise PpidError(galat)
    nilai = {"judul": isian["judul"], "uraian": isian.get("uraian") or "", "kategori": isian["kategori"],
             "tahun": int(isian["tahun"]), "pejabat": isian.get("pejabat"),
             "penanggung_jawab": isian.get("penanggung_jawab") or "", "tautan": isian.get("tautan") or ""}
    if berkas:
        nilai["berkas"] = berkas
    async with write_transaction():
        if lama is None:
            [row] = await DokumenInformasi.insert(DokumenInformasi(**nilai)).returning(DokumenInformasi.id).run()
            dokumen_id = row["id"]
            await log_change(request, "tambah", "informasi_publik.dokumen", dokumen_id, nilai)
        else:
            await DokumenInformasi.update({**{getattr(DokumenInformasi, k): v for k, v in nilai.items()},
                                           DokumenInformasi.diubah: datetime.now(timezone.utc)}).where(
                DokumenInformasi.id == dokumen_id).run()
            await log_change(request, "ubah", "informasi_publik.dokumen", dokumen_id,
                             {k: [lama[k], v] for k, v in nilai.items() if lama[k] != v})
        await public_changed()
    return dokumen_id


async def hapus_dokumen(request: Request, dokumen_id: int) -> None:
    async with write_transaction():
        lama = await DokumenInformasi.select().where(DokumenInformasi.id == dokumen_id).first().run()
        if lama is None:
            raise PpidError({"umum": "Dokumen tidak ditemukan."})
        await DokumenInformasi.delete().where(DokumenInformasi.id == dokumen_id).run()
        await log_change(request, "hapus", "informasi_publik.dokumen", dokumen_id,
                         {"judul": lama["judul"], "kategori": lama["kategori"]})
        await public_changed()


# --- requests -----------------------------------------------------------------------------------------------------

def baca_isian(data) -> dict:
    """A request's fields as typed in the public form or the office's walk-in form: one-line fields with their
    spaces folded, the two texts with their line breaks kept."""
    def satu(nama: str) -> str:
        return " ".join(str(data.get(nama) or "").split())

    def banyak(nama: str) -> str:
        return str(data.get(nama) or "").replace("\r\n", "\n").replace("\x00", "").strip()

    return {"nama": satu("nama"), "alamat": satu("alamat"), "kontak": satu("kontak"),
            "informasi": banyak("informasi"), "tujuan": banyak("tujuan"), "cara": satu("cara"),
            "kirim": satu("kirim")}


def cek_permohonan(isian: dict) -> dict[str, str]:
    galat = {}
    label = {"nama": "Nama", "alamat": "Alamat", "kontak": "Nomor telepon atau e-mail",
             "informasi": "Informasi yang diminta", "tujuan": "Tujuan penggunaan informasi"}
    for nama, teks in label.items():
        nilai = isian.get(nama) or ""
        if not nilai:
            galat[nama] = f"{teks} wajib diisi."
        elif len(nilai) > MAKS[nama]:
            galat[nama] = f"{teks} paling panjang {MAKS[nama]:,} huruf.".replace(",", ".")
    kontak = isian.get("kontak") or ""
    if kontak and "kontak" not in galat:
        angka = re.sub(r"[\s\-+()]", "", kontak)
        if "@" in kontak:
            if not EMAIL.match(kontak):
                galat["kontak"] = "Alamat e-mail tidak lengkap, contoh: nama@contoh.id."
        elif not (angka.isdigit() and 9 <= len(angka) <= 15):
            galat["kontak"] = "Tulis nomor telepon (9 sampai 15 angka) atau alamat e-mail."
    if isian.get("cara") not in CARA:
        galat["cara"] = "Pilih cara memperoleh informasi."
    if isian.get("kirim") not in KIRIM:
        galat["kirim"] = "Pilih cara mendapatkan salinan."
    elif isian["kirim"] == "email" and "@" not in kontak and "kontak" not in galat:
        galat["kontak"] = "Untuk dikirim lewat e-mail, tulis alamat e-mail Anda."
    return galat


async def ajukan(request: Request, isian: dict, sidik: str, diterima: date | None = None) -> tuple[str, str]:
    """Register a request received today (or on `diterima`, one handed in on paper); returns (nomor, kode): the
    code is shown once and kept only hashed."""
    if galat := cek_permohonan(isian):
        raise PpidError(galat)
    hari_ini = diterima or today(request)
    kode = kode_baru()
    async with write_transaction():
        if PermohonanInformasi._meta.db.engine_type == "postgres":
            # Two requests at once must not both read the same last number (SQLite's write transaction is already
            # exclusive); the lock ends with the transaction.
            await PermohonanInformasi.raw("SELECT pg_advisory_xact_lock(hashtext('informasi_publik.permohonan'))").run()
        tenggat = hari_kerja.tambah(hari_ini, hari_kerja.JAWAB, await libur())
        terakhir = await PermohonanInformasi.select(PermohonanInformasi.urut).where(
            PermohonanInformasi.tahun == hari_ini.year).order_by(
            PermohonanInformasi.urut, ascending=False).first().run()
        urut = (terakhir["urut"] if terakhir else 0) + 1
        nomor = f"{urut:03d}/PPID/{ROMAWI[hari_ini.month - 1]}/{hari_ini.year}"
        [row] = await PermohonanInformasi.insert(PermohonanInformasi(
            nomor=nomor, tahun=hari_ini.year, urut=urut, kode_sidik=sidik_kode(kode), sidik=sidik,
            diterima=hari_ini, tenggat=tenggat, **{k: isian[k] for k in (*MAKS, "cara", "kirim")})).returning(
            PermohonanInformasi.id).run()
        await log_change(request, "tambah", "informasi_publik.permohonan", row["id"],
                         {"nomor": nomor, "diterima": hari_ini.isoformat(), "tenggat": tenggat.isoformat()})
    return nomor, kode


async def mengirim_sejak(sidik: str, lama: timedelta) -> bool:
    """Whether the sender (salted address hash) sent a request within `lama`."""
    since = datetime.now(timezone.utc) - lama
    return await PermohonanInformasi.exists().where(PermohonanInformasi.sidik == sidik,
                                                    PermohonanInformasi.dibuat >= since).run()


async def cari_dengan_kode(nomor: str, kode: str) -> dict | None:
    row = await PermohonanInformasi.select().where(PermohonanInformasi.nomor == nomor).first().run()
    if row is None or not secrets.compare_digest(row["kode_sidik"], sidik_kode(kode)):
        return None
    return row


async def _permohonan(permohonan_id: int) -> dict:
    row = await PermohonanInformasi.select().where(PermohonanInformasi.id == permohonan_id).first().run()
    if row is None:
        raise PpidError({"umum": "Permohonan tidak ditemukan."})
    return row


async def perpanjang(request: Request, permohonan_id: int, alasan: str) -> date:
    """Extend the deadline once by 7 working days (art. 22 (8)), with the written reason."""
    async with write_transaction():
        row = await _permohonan(permohonan_id)
        if row["diperpanjang"]:
            raise PpidError({"umum": "Jangka waktu permohonan ini sudah pernah diperpanjang; hanya boleh sekali."})
        if row["status"] != DIPROSES:
            raise PpidError({"umum": "Permohonan ini sudah dijawab."})
        if not alasan:
            raise PpidError({"alasan": "Tuliskan alasan perpanjangan; pemohon diberi tahu secara tertulis."})
        tenggat = hari_kerja.tambah(row["tenggat"], hari_kerja.PERPANJANG, await libur())
        await PermohonanInformasi.update({PermohonanInformasi.tenggat: tenggat, PermohonanInformasi.diperpanjang: True,
                                          PermohonanInformasi.alasan_perpanjangan: alasan}).where(
            PermohonanInformasi.id == permohonan_id).run()
        await log_change(request, "perpanjang", "informasi_publik.permohonan", permohonan_id,
                         {"tenggat": [row["tenggat"].isoformat(), tenggat.isoformat()], "alasan": alasan})
    return tenggat


async def jawab(request: Request, permohonan_id: int, status: str, tanggal: date | None, pasal: str,
                catatan: str) -> None:
    galat = {}
    if status not in (DIBERIKAN, SEBAGIAN, DITOLAK):
        galat["status"] = "Pilih jawaban: diberikan, diberikan sebagian, atau ditolak."
    if tanggal is None:
        galat["tanggal"] = "Tanggal jawaban wajib diisi."
    if status in (SEBAGIAN, DITOLAK) and pasal not in PASAL:
        galat["pasal"] = "Pilih alasan pengecualian menurut UU 14/2008."
    async with write_transaction():
        row = await _permohonan(permohonan_id)
        if tanggal is not None and tanggal < row["diterima"]:
            galat["tanggal"] = "Tanggal jawaban tidak boleh sebelum permohonan diterima."
        elif tanggal is not None and tanggal > today(request):
            galat["tanggal"] = "Tanggal jawaban tidak boleh di masa depan."
        if row["status"] != DIPROSES:
            galat["umum"] = "Permohonan ini sudah dijawab."
        if galat:
            raise PpidError(galat)
        pasal = pasal if status != DIBERIKAN else ""
        await PermohonanInformasi.update({
            PermohonanInformasi.status: status, PermohonanInformasi.dijawab: tanggal,
            PermohonanInformasi.pasal: pasal, PermohonanInformasi.catatan: catatan}).where(
            PermohonanInformasi.id == permohonan_id).run()
        await log_change(request, "jawab", "informasi_publik.permohonan", permohonan_id,
                         {"status": status, "tanggal": tanggal.isoformat(), "pasal": pasal, "catatan": catatan})


def boleh_keberatan(row: dict, hari_ini: date) -> bool:
    """An objection may be recorded when the request was refused (wholly or partly), answered late, or is past its
    deadline unanswered (art. 35 (1))."""
    if row["keberatan"] is not None:
        return False
    if row["status"] in (DITOLAK, SEBAGIAN):
        return True
    if row["status"] == DIPROSES:
        return hari_ini > row["tenggat"]
    return row["dijawab"] is not None and row["dijawab"] > row["tenggat"]


async def catat_keberatan(request: Request, permohonan_id: int, tanggal: date | None, alasan: str,
                          uraian: str) -> date:
    """Record an objection to the atasan PPID; its answer is due within 30 working days (art. 36 (2))."""
    galat = {}
    if alasan not in ALASAN_KEBERATAN:
        galat["alasan"] = "Pilih alasan keberatan (UU 14/2008 Pasal 35 ayat 1)."
    if tanggal is None:
        galat["tanggal"] = "Tanggal keberatan diterima wajib diisi."
    async with write_transaction():
        row = await _permohonan(permohonan_id)
        hari_ini = today(request)
        if not boleh_keberatan(row, hari_ini):
            galat["umum"] = ("Keberatan dapat dicatat bila permohonan ditolak, dijawab sebagian, terlambat, atau "
                             "belum dijawab setelah batas waktunya; satu keberatan per permohonan.")
        elif tanggal is not None and not row["diterima"] <= tanggal <= hari_ini:
            galat["tanggal"] = "Tanggal keberatan antara tanggal permohonan diterima dan hari ini."
        if galat:
            raise PpidError(galat)
        tenggat = hari_kerja.tambah(tanggal, hari_kerja.KEBERATAN, await libur())
        await PermohonanInformasi.update({
            PermohonanInformasi.keberatan: tanggal, PermohonanInformasi.keberatan_alasan: alasan,
            PermohonanInformasi.keberatan_uraian: uraian, PermohonanInformasi.keberatan_tenggat: tenggat}).where(
            PermohonanInformasi.id == permohonan_id).run()
        await log_change(request, "keberatan", "informasi_publik.permohonan", permohonan_id,
                         {"tanggal": tanggal.isoformat(), "alasan": alasan, "tenggat": tenggat.isoformat()})
    return tenggat


async def jawab_keberatan(request: Request, permohonan_id: int, tanggal: date | None, tanggapan: str) -> None:
    async with write_transaction():
        row = await _permohonan(permohonan_id)
        if row["keberatan"] is None or row["keberatan_dijawab"] is not None:
            raise PpidError({"umum": "Tidak ada keberatan yang menunggu tanggapan."})
        if tanggal is None or not row["keberatan"] <= tanggal <= today(request):
            raise PpidError({"tanggal": "Tanggal tanggapan antara tanggal keberatan dan hari ini."})
        if not tanggapan:
            raise PpidError({"tanggapan": "Tuliskan tanggapan atasan PPID."})
        await PermohonanInformasi.update({PermohonanInformasi.keberatan_dijawab: tanggal,
                                          PermohonanInformasi.keberatan_tanggapan: tanggapan}).where(
            PermohonanInformasi.id == permohonan_id).run()
        await log_change(request, "jawab_keberatan", "informasi_publik.permohonan", permohonan_id,
                         {"tanggal": tanggal.isoformat(), "tanggapan": tanggapan})


# --- holidays -----------------------------------------------------------------------------------------------------

async def tambah_libur(request: Request, tanggal: date | None, nama: str, cuti_bersama: bool = False) -> None:
    galat = {}
    if tanggal is None:
        galat["tanggal"] = "Tanggal wajib diisi."
    if not nama:
        galat["nama"] = "Nama hari libur wajib diisi."
    elif len(nama) > 120:
        galat["nama"] = "Nama paling panjang 120 huruf."
    async with write_transaction():
        if tanggal is not None and await HariLibur.exists().where(HariLibur.tanggal == tanggal).run():
            galat["tanggal"] = "Tanggal ini sudah ada di kalender libur."
        if galat:
            raise PpidError(galat)
        [row] = await HariLibur.insert(HariLibur(tanggal=tanggal, nama=nama, cuti_bersama=cuti_bersama)).returning(
            HariLibur.id).run()
        await log_change(request, "tambah", "informasi_publik.libur", row["id"],
                         {"tanggal": tanggal.isoformat(), "nama": nama, "cuti_bersama": cuti_bersama})


async def hapus_libur(request: Request, libur_id: int) -> None:
    async with write_transaction():
        row = await HariLibur.select().where(HariLibur.id == libur_id).first().run()
        if row is None:
            raise PpidError({"umum": "Hari libur tidak ditemukan."})
        await HariLibur.delete().where(HariLibur.id == libur_id).run()
        await log_change(request, "hapus", "informasi_publik.libur", libur_id,
                         {"tanggal": row["tanggal"].isoformat(), "nama": row["nama"]})


__all__ = ["ALASAN_KEBERATAN", "CARA", "KIRIM", "PASAL", "STATUS", "PpidError", "ajukan", "boleh_keberatan",
           "cari_dengan_kode", "cek_dokumen", "cek_permohonan", "hapus_dokumen", "hapus_libur", "jawab",
           "jawab_keberatan", "libur", "perpanjang", "simpan_dokumen", "tambah_libur"]
