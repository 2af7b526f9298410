"""Sample public information for `balai demo` and the tests: a few documents per category (one dikecualikan, which
the website never shows), two requests (one waiting, past half its time; one answered), through ppid.py, the path
the office's pages take."""

from __future__ import annotations

import io
from datetime import timedelta
from types import SimpleNamespace

from plugin_sdk import save_pdf, today

from plugins.informasi_publik import ppid
from plugins.informasi_publik.publik.ppid import FOLDER
from plugins.informasi_publik.tabel_ppid import BERKALA, DIKECUALIKAN, SERTA_MERTA, SETIAP_SAAT

DOKUMEN = (  # (kategori, judul, uraian, with a PDF?)
    (BERKALA, "Ringkasan APB Nagari", "Ringkasan pendapatan, belanja dan pembiayaan nagari tahun berjalan.", True),
    (BERKALA, "Laporan Realisasi APB Nagari Semester I", "Realisasi anggaran sampai 30 Juni.", True),
    (BERKALA, "Laporan Penyelenggaraan Pemerintahan Nagari", "Ringkasan LPPD akhir tahun anggaran.", False),
    (SERTA_MERTA, "Peringatan Dini Banjir dan Jalur Evakuasi", "Peta jalur evakuasi dan titik kumpul warga.", True),
    (SERTA_MERTA, "Jadwal Fogging Demam Berdarah", "Jadwal pengasapan per jorong dari puskesmas.", False),
    (SETIAP_SAAT, "Daftar Informasi Publik", "Daftar seluruh informasi publik yang dikuasai pemerintah nagari.", True),
    (SETIAP_SAAT, "Standar Pelayanan Administrasi Kependudukan", "Syarat, waktu dan biaya layanan surat.", False),
    (DIKECUALIKAN, "Data Pribadi Penerima Bantuan Sosial", "Berisi NIK dan kondisi ekonomi warga (Pasal 17 h).",
     True),
)
PEMOHON = (
    {"nama": "Rahmat Hidayat", "alamat": "Jorong Koto Tuo", "kontak": "rahmat@contoh.id",
     "informasi": "Salinan rincian belanja pembangunan jalan usaha tani tahun berjalan.",
     "tujuan": "Bahan musyawarah kelompok tani.", "cara": "softcopy", "kirim": "email"},
    {"nama": "Siti Aisyah", "alamat": "Jorong Padang Laweh", "kontak": "aisyah@contoh.id",
     "informasi": "Daftar penerima bantuan langsung tunai beserta NIK.", "tujuan": "Penelitian skripsi.",
     "cara": "hardcopy", "kirim": "langsung"},
)
LINK = "https://jdih.sumbarprov.go.id"


def pdf_contoh(judul: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    kanvas = canvas.Canvas(out, pagesize=A4)
    kanvas.setTitle(judul)
    kanvas.setFont("Helvetica-Bold", 13)
    kanvas.drawCentredString(A4[0] / 2, A4[1] - 90, judul)
    kanvas.save()
    return out.getvalue()


async def buat_demo(app) -> list[int]:
    """Record the sample documents and requests; return the documents' ids."""
    request = SimpleNamespace(app=app, state={}, client=None)  # an office action with no one logged in
    hari_ini = today(request)
    ids = []
    for kategori, judul, uraian, pdf in DOKUMEN:
        isian = {"judul": judul, "uraian": uraian, "kategori": kategori, "tahun": str(hari_ini.year),
                 "penanggung_jawab": "Sekretaris Nagari", "tautan": "" if pdf else LINK}
        berkas = save_pdf(request, FOLDER, pdf_contoh(judul)) if pdf else ""
        ids.append(await ppid.simpan_dokumen(request, isian, berkas))
    lama = hari_ini - timedelta(days=8)
    await ppid.ajukan(request, PEMOHON[0], "", diterima=lama)
    await ppid.ajukan(request, PEMOHON[1], "", diterima=lama)
    from plugins.informasi_publik.tabel_ppid import PermohonanInformasi

    kedua = await PermohonanInformasi.select(PermohonanInformasi.id).order_by(
        PermohonanInformasi.id, ascending=False).first().run()
    await ppid.jawab(request, kedua["id"], "ditolak", hari_ini - timedelta(days=2), "17h",
                     "NIK penerima adalah data pribadi; daftar nama tanpa NIK dapat diberikan.")
    return ids
