"""The family card as the register holds it, laid out like a KK, to PDF (landscape A4).

It is a print of the register, not a KK: only Dukcapil issues family cards, and the sheet says so.
The layout (tata_letak/kk.html) is Balai's own, not an operator's template: all it gets is plain data.
"""

from __future__ import annotations

from datetime import date

from core.dokumen.pdf import Dokumen, Halaman, Hasil, render
from core.dokumen.teks import tanggal_panjang
from core.penduduk import kode
from core.penduduk.baca import address, chain
from core.penduduk.susunan import members
from core.penduduk.tables import Keluarga
from core.profil.waktu import today as nagari_today

LAYOUT = "kk.html"
NOTE = ("Cetakan ini disalin dari register penduduk {desa} pada {tanggal}; bukan Kartu Keluarga resmi. "
        "Kartu Keluarga hanya diterbitkan oleh Dinas Kependudukan dan Pencatatan Sipil.")
# The KK's member columns, in the card's order: (heading, key in each member's row)
COLUMNS = (("Nama Lengkap", "nama"), ("NIK", "nik"), ("Jenis Kelamin", "jenis_kelamin"),
           ("Tempat Lahir", "tempat_lahir"), ("Tanggal Lahir", "tanggal_lahir"), ("Agama", "agama"),
           ("Pendidikan", "pendidikan"), ("Jenis Pekerjaan", "pekerjaan"), ("Golongan Darah", "golongan_darah"),
           ("Status Perkawinan", "status_kawin"), ("Tanggal Perkawinan", "tanggal_kawin"),
           ("Status Hubungan Dalam Keluarga", "hubungan"), ("Kewarganegaraan", "kewarganegaraan"),
           ("No. Paspor / KITAS", "paspor"), ("Nama Ayah", "nama_ayah"), ("Nama Ibu", "nama_ibu"))


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, date) else ""


def _member(row: dict) -> dict:
    label = kode.label
    return {
        "nama": row["nama"], "nik": row["nik"], "jenis_kelamin": label("jenis_kelamin", row["jenis_kelamin"]),
        "tempat_lahir": row["tempat_lahir"], "tanggal_lahir": _date(row["tanggal_lahir"]),
        "agama": label("agama", row["agama"]), "pendidikan": label("pendidikan_kk", row["pendidikan_kk"]),
        "pekerjaan": label("pekerjaan", row["pekerjaan"]), "golongan_darah": label("golongan_darah",
                                                                                  row["golongan_darah"]),
        "status_kawin": label("status_kawin", row["status_kawin"]),
        "tanggal_kawin": "",  # the register does not keep the marriage date yet
        "hubungan": label("hubungan", row["hubungan"]), "kewarganegaraan": label("kewarganegaraan",
                                                                               row["kewarganegaraan"]),
        "paspor": "", "nama_ayah": row["nama_ayah"], "nama_ibu": row["nama_ibu"],
    }


async def family_sheet(keluarga_id: int, profile: dict, today: date | None = None) -> dict | None:
    """The KK's data as plain values for the layout, or None when there is no such family.

    The caller checks the user's scope first (the access guard does it for the `keluarga_id` route parameter).
    """
    family = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
    if family is None:
        return None
    rows = await members(keluarga_id)
    head = next((r for r in rows if r["hubungan"] == 1), None)
    place = address(family, await chain(family["wilayah"]), profile, region=False)
    desa_word = profile.get("sebutan_desa") or "Desa"
    desa = f"{desa_word} {profile.get('nama', '')}".strip()
    return {
        "no_kk": family["no_kk"], "kepala": head["nama"] if head else "",
        "alamat": family["alamat"] or place["alamat_lengkap"],
        "rt": place["rt"], "rw": place["rw"], "dusun": place["jorong"],
        "sebutan_dusun": profile.get("sebutan_dusun") or "Dusun", "sebutan_desa": desa_word,
        "desa": profile.get("nama", ""), "kecamatan": profile.get("kecamatan", ""),
        "kabupaten": profile.get("kabupaten", ""), "provinsi": profile.get("provinsi", ""),
        "kode_pos": profile.get("kode_pos", ""),
        "kolom": [heading for heading, _ in COLUMNS],
        "anggota": [[m[key] for _, key in COLUMNS] for m in map(_member, rows)],
        "catatan": NOTE.format(desa=desa, tanggal=tanggal_panjang(today or nagari_today())),
    }


async def render_family_card(sheet: dict) -> Hasil:
    """The sheet to PDF in the document kit's worker processes (never on the web worker)."""
    return await render(Dokumen(layout=LAYOUT, body="", bingkai=sheet, halaman=Halaman(kertas="A4",
                                                                                        margin=(10, 10, 10, 10))))
