"""The resident's access history: who in the office looked at or changed their record, and when, in plain words.

UU 27/2022 gives a person the right to know how their data is processed. The entries come from the kernel's
audit log through ``plugin_sdk.audit_about_resident``, always for the logged-in resident's own id and nobody
else's; what each entry did is said here in everyday Indonesian, without field codes, ids or IP addresses.
"""

from __future__ import annotations

from plugin_sdk import audit_about_resident

PER_PAGE = 20

# Journal kinds whose plain label differs from the code read aloud (pindah_keluar -> "Pindah keluar" reads fine).
EVENTS = {"pindah_masuk": "pindah masuk / datang", "perubahan_kk": "perubahan kartu keluarga",
          "pendataan_awal": "pendataan awal"}
SIMPLE = {
    ("buat", "penduduk"): "Mencatat Anda di register penduduk",
    ("ubah", "penduduk"): "Mengubah data Anda",
    ("buat", "penduduk.tambahan"): "Mengisi data tambahan Anda",
    ("ubah", "penduduk.tambahan"): "Mengubah data tambahan Anda",
    ("pin_baru", "penduduk"): "Memberi PIN layanan mandiri untuk Anda",
    ("pin_atur_ulang", "penduduk"): "Mengatur ulang PIN layanan mandiri Anda",
    ("akun_warga_nonaktif", "penduduk"): "Menonaktifkan akun layanan mandiri Anda",
    ("unggah_foto", "penduduk"): "Menyimpan foto Anda",
    ("ganti_foto", "penduduk"): "Mengganti foto Anda",
    ("hapus_foto", "penduduk"): "Menghapus foto Anda",
    ("lihat", "surat"): "Membuka arsip surat Anda",
}


def _document(rincian: dict) -> str:
    return str(rincian.get("judul") or "dokumen")


def _view(rincian: dict) -> str:
    """A look at the record, said by where it happened."""
    if "dokumen" in rincian:
        verb = "Mengunduh" if rincian.get("cara") == "unduh" else "Melihat"
        return f"{verb} foto Anda" if rincian.get("jenis") == "foto" else f"{verb} dokumen Anda: {_document(rincian)}"
    if rincian.get("untuk") == "surat":
        return "Membuka data Anda untuk membuat surat"
    if "lampiran" in rincian:
        return "Membuka lampiran permohonan surat Anda"
    if "permohonan" in rincian:
        return "Memeriksa permohonan surat yang Anda ajukan"
    if rincian.get("halaman") == "koreksi":
        return "Membuka formulir koreksi data Anda"
    if rincian.get("lewat") == "api":
        return "Membaca data Anda lewat sambungan aplikasi (API)"
    return "Melihat data Anda"


def describe(entry: dict) -> str:
    """One audit entry about the resident as a sentence they understand."""
    aksi, jenis, rincian = entry["aksi"], entry["objek_jenis"], entry["rincian"]
    if aksi == "lihat" and jenis == "penduduk":
        return _view(rincian)
    if (aksi, jenis) in SIMPLE:
        return SIMPLE[(aksi, jenis)]
    if aksi == "unggah_dokumen":
        return f"Menyimpan dokumen Anda: {_document(rincian)}"
    if aksi == "hapus_dokumen":
        return f"Menghapus dokumen Anda: {_document(rincian)}"
    if aksi == "buat" and jenis == "surat":
        return f"Membuat surat untuk Anda ({str(rincian.get('jenis') or '').replace('_', ' ')})".replace(" ()", "")
    if jenis == "penduduk" and "peristiwa" in rincian:  # a journal entry logged under its own kind
        return f"Mencatat peristiwa: {EVENTS.get(aksi, aksi.replace('_', ' '))}"
    return f"{aksi.replace('_', ' ').capitalize()} ({jenis.replace('_', ' ')})"


async def page(penduduk_id: int, hal: int) -> dict:
    """One page of the resident's history (newest first) and whether older or newer pages exist."""
    hal = max(1, hal)
    entries, more = await audit_about_resident(penduduk_id, mulai=(hal - 1) * PER_PAGE, batas=PER_PAGE)
    return {"entri": [{"waktu": e["waktu"], "teks": describe(e), "petugas": e["petugas"], "peran": e["peran"]}
                      for e in entries], "hal": hal, "lebih_lama": more, "lebih_baru": hal > 1}
