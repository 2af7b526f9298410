"""Sample regulations for `balai demo` and the tests: four of this year, the second revoking the first, each with a
one-page PDF drawn with ReportLab. Saved through `hukum.simpan`, the path the office's form takes.
"""

from __future__ import annotations

import io
from datetime import date

from plugins.informasi_publik import hukum

TAHUN = date.today().year


def pdf_contoh(judul: str, baris: tuple[str, ...] = ()) -> bytes:
    """A small one-page PDF with a heading and a few lines (the naskah of a sample regulation)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    kanvas = canvas.Canvas(out, pagesize=A4)
    kanvas.setTitle(judul)
    kanvas.setFont("Helvetica-Bold", 13)
    kanvas.drawCentredString(A4[0] / 2, A4[1] - 90, judul)
    kanvas.setFont("Helvetica", 11)
    for i, teks in enumerate(baris):
        kanvas.drawString(72, A4[1] - 130 - 16 * i, teks)
    kanvas.save()
    return out.getvalue()


CONTOH = (  # (jenis, nomor, judul, pokok, ditetapkan (month, day), diundangkan?, tindakan on the first)
    ("perdes", 1, "Pungutan Pasar Nagari",
     "Besaran dan tata cara pungutan pasar nagari bagi pedagang tetap dan pedagang kaki lima.", (1, 15), True, ""),
    ("perdes", 2, "Pungutan Pasar Nagari dan Retribusi Parkir",
     "Menggantikan aturan pungutan pasar: tarif baru, retribusi parkir kendaraan di pasar nagari.", (3, 2), True,
     "mencabut"),
    ("perkades", 1, "Tata Tertib Kantor Wali Nagari",
     "Jam pelayanan kantor, pakaian dinas perangkat nagari, dan piket hari Sabtu.", (2, 5), True, ""),
    ("kepkades", 1, "Pembentukan Tim Pelaksana Kegiatan",
     "Susunan Tim Pelaksana Kegiatan pembangunan jalan usaha tani tahun berjalan.", (1, 20), False, ""),
)


async def buat_demo(request=None) -> list[int]:
    """Record the sample regulations (their PDFs in the data folder); return their ids in order."""
    ids: list[int] = []
    for jenis, nomor, judul, pokok, (bulan, hari), diundangkan, tindakan in CONTOH:
        ditetapkan = date(TAHUN, bulan, hari)
        data = {"jenis": jenis, "nomor": str(nomor), "tahun": str(TAHUN), "judul": judul, "pokok": pokok,
                "ditetapkan": ditetapkan.isoformat(),
                "disepakati": ditetapkan.isoformat() if jenis == "perdes" else "",
                "diundangkan": ditetapkan.isoformat() if diundangkan else "",
                "nomor_lembaran": str(nomor) if diundangkan else "",
                "tindakan": tindakan, "mengubah_id": str(ids[0]) if tindakan else ""}
        pdf = pdf_contoh(f"{judul.upper()}", (f"Nomor {nomor} Tahun {TAHUN}", pokok[:90]))
        ids.append(await hukum.simpan(request, data, pdf))
    return ids
