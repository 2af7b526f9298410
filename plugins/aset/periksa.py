"""Reading the asset form: every field checked, every problem collected with its field's name, nothing written.

The service (layanan.py) calls `periksa_aset` before it opens a write transaction, so a form with any mistake
changes nothing and the page can show every message beside its field at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from plugin_sdk import current_user

from plugins.aset.kib import ASAL, GOLONGAN, JENIS_TANAH, KONDISI, periksa_kode
from plugins.aset.teks import AngkaError, baca_desimal, baca_rupiah, tanggal_panjang

# The asset form's fields in the form's order; "anggaran" carries the APB Desa link as "2026|02.03.01".
KOLOM_ISIAN = ("golongan", "kode_barang", "nama", "jumlah", "satuan", "jorong", "lokasi", "lintang", "bujur",
               "tahun_perolehan", "tanggal_perolehan", "asal", "nilai", "kondisi", "luas", "keterangan", "tanah_kas",
               "sertifikat", "jenis_tanah", "kelas_tanah", "patok", "papan_nama", "peruntukan", "anggaran")
# The asset columns the form fills (what a correction compares, old against new)
KOLOM = (*KOLOM_ISIAN[:-1], "anggaran_tahun", "anggaran_kegiatan")
TAHUN_MIN = 1900
LINTANG = (-11.5, 6.5)  # Indonesia from Rote to Sabang, with a margin
BUJUR = (94.5, 141.5)
JUMLAH_MAKS = 1_000_000
# the fields of Buku Tanah Kas Desa: they mean something for land only
KOLOM_TANAH = ("tanah_kas", "sertifikat", "jenis_tanah", "kelas_tanah", "patok", "papan_nama", "peruntukan")
PANJANG = {"nama": 200, "satuan": 20, "lokasi": 200, "keterangan": 300, "sertifikat": 80, "kelas_tanah": 20,
           "peruntukan": 120}


class AsetError(Exception):
    """Bad input or a refused action: `.galat` maps a form field to its message ("umum" for the whole form)."""

    def __init__(self, galat: str | Mapping[str, str]):
        self.galat = {"umum": galat} if isinstance(galat, str) else dict(galat)
        self.pesan = (next(iter(self.galat.values())) if len(self.galat) == 1
                      else "Ada isian yang perlu diperbaiki; belum ada yang disimpan.")
        super().__init__(self.pesan)


async def pengguna(request) -> str:
    """The clerk's username for a row's `oleh`: the one way `aset` reads it ("" for the demo or a CLI import, which
    have no request)."""
    user = await current_user(request) if request is not None else None
    return user["username"] if user else ""


def _teks(isian: Mapping[str, Any], kunci: str) -> str:
    nilai = isian.get(kunci)
    return "" if nilai is None else " ".join(str(nilai).split())


def _centang(isian: Mapping[str, Any], kunci: str) -> bool:
    return _teks(isian, kunci) in ("1", "on", "true", "ya")


def baca_tanggal(teks: str) -> date | None:
    """A YYYY-MM-DD date (what an <input type=date> sends); None when it is not one."""
    try:
        return date.fromisoformat(teks) if len(teks) == 10 else None
    except ValueError:
        return None


def _bulat(teks: str, label: str, kunci: str, galat: dict, *, wajib: bool = True) -> int | None:
    if not teks:
        if wajib:
            galat[kunci] = f"{label} wajib diisi."
        return None
    if not teks.isdigit():
        galat[kunci] = f"{label} diisi dengan angka bulat, misalnya 2024." if kunci.startswith("tahun") else \
            f"{label} diisi dengan angka bulat."
        return None
    return int(teks)


def _koordinat(isian, galat: dict) -> tuple[float | None, float | None]:
    hasil = []
    for kunci, (bawah, atas), label in (("lintang", LINTANG, "Lintang"), ("bujur", BUJUR, "Bujur")):
        try:
            nilai = baca_desimal(_teks(isian, kunci).replace("\u00b0", ""), negatif=True)
        except AngkaError:
            galat[kunci] = f"{label} diisi dengan angka derajat desimal, misalnya -0,2345."
            nilai = None
        else:
            if nilai is not None and not bawah <= nilai <= atas:
                galat[kunci] = (f"{label} {str(nilai).replace('.', ',')} berada di luar wilayah Indonesia "
                                f"(antara {str(bawah).replace('.', ',')} dan {str(atas).replace('.', ',')}).")
        hasil.append(nilai)
    lintang, bujur = hasil
    if (lintang is None) != (bujur is None) and not {"lintang", "bujur"} & galat.keys():
        kosong = "bujur" if bujur is None else "lintang"
        galat[kosong] = "Isi lintang dan bujur keduanya, atau kosongkan keduanya."
    return lintang, bujur


def periksa_aset(isian: Mapping[str, Any], *, hari_ini: date, jorong_ada: set[int],
                 kondisi: str | None = None, sebutan_dusun: str = "Jorong") -> tuple[dict, dict]:
    """(the asset's column values, problems per field) of a filled form; `jorong_ada` are the allowed jorong ids
    (`sebutan_dusun`: what the nagari calls them); `kondisi` given (a correction) is kept whatever the form says,
    since only a mutation changes it.

    The `anggaran` link is only read here ("2026|02.03.01" -> anggaran_tahun, anggaran_kegiatan); whether the
    kegiatan exists needs `keuangan` and is checked by the service."""
    galat: dict[str, str] = {}
    nilai: dict[str, Any] = {}
    golongan = _teks(isian, "golongan").upper()
    if golongan not in GOLONGAN:
        galat["golongan"] = "Pilih golongan aset."
    nilai["golongan"] = golongan
    kode = _teks(isian, "kode_barang").replace(" ", "")
    if (masalah := periksa_kode(golongan, kode)) and "golongan" not in galat:
        galat["kode_barang"] = masalah
    elif not kode:
        galat["kode_barang"] = "Kode barang wajib diisi."
    nilai["kode_barang"] = kode
    for kunci, panjang in PANJANG.items():
        nilai[kunci] = _teks(isian, kunci)
        if len(nilai[kunci]) > panjang:
            galat[kunci] = f"Paling panjang {panjang} huruf."
    if not nilai["nama"]:
        galat["nama"] = "Nama barang wajib diisi."
    nilai["satuan"] = nilai["satuan"] or ("bidang" if golongan == "A" else "unit")
    jumlah = _bulat(_teks(isian, "jumlah") or "1", "Jumlah", "jumlah", galat)
    if jumlah is not None and not 1 <= jumlah <= JUMLAH_MAKS:
        galat["jumlah"] = "Jumlah paling sedikit 1." if jumlah < 1 else "Jumlah terlalu besar; periksa lagi."
    nilai["jumlah"] = jumlah or 1
    jorong = _teks(isian, "jorong") or "0"
    if not jorong.isdigit() or (int(jorong) and int(jorong) not in jorong_ada):
        galat["jorong"] = f"Pilih {sebutan_dusun.lower()} dari daftar."
    nilai["jorong"] = int(jorong) if jorong.isdigit() else 0
    nilai["lintang"], nilai["bujur"] = _koordinat(isian, galat)
    _perolehan(isian, nilai, galat, hari_ini)
    asal = _teks(isian, "asal")
    if asal not in ASAL:
        galat["asal"] = "Pilih asal perolehan aset."
    nilai["asal"] = asal
    try:
        nilai["nilai"] = baca_rupiah(_teks(isian, "nilai"))
    except AngkaError as exc:
        galat["nilai"] = str(exc) if "negatif" not in str(exc) else "Nilai aset tidak boleh negatif."
    kondisi = kondisi or _teks(isian, "kondisi") or "baik"
    if kondisi not in KONDISI:
        galat["kondisi"] = "Pilih kondisi aset."
    nilai["kondisi"] = kondisi
    try:
        nilai["luas"] = baca_desimal(_teks(isian, "luas"), negatif=True)
        if nilai["luas"] is not None and nilai["luas"] < 0:
            galat["luas"] = "Luas tidak boleh negatif."
    except AngkaError as exc:
        galat["luas"] = f"Luas dalam m²: {exc}"
    _tanah(isian, nilai, galat)
    _anggaran(isian, nilai, galat)
    return nilai, galat


def _perolehan(isian, nilai: dict, galat: dict, hari_ini: date) -> None:
    tahun = _bulat(_teks(isian, "tahun_perolehan"), "Tahun perolehan", "tahun_perolehan", galat)
    if tahun is not None and tahun > hari_ini.year:
        galat["tahun_perolehan"] = f"Tahun perolehan {tahun} belum tiba; isi tahun {hari_ini.year} atau sebelumnya."
    elif tahun is not None and tahun < TAHUN_MIN:
        galat["tahun_perolehan"] = f"Tahun perolehan paling awal {TAHUN_MIN}."
    nilai["tahun_perolehan"] = tahun
    teks = _teks(isian, "tanggal_perolehan")
    tanggal = baca_tanggal(teks) if teks else None
    if teks and tanggal is None:
        galat["tanggal_perolehan"] = "Isi tanggal dengan benar (hari, bulan, tahun) atau kosongkan."
    elif tanggal and tanggal > hari_ini:
        galat["tanggal_perolehan"] = f"Tanggal perolehan tidak boleh setelah hari ini ({tanggal_panjang(hari_ini)})."
    elif tanggal and tahun is not None and tanggal.year != tahun:
        galat["tanggal_perolehan"] = f"Tanggal perolehan harus dalam tahun perolehan ({tahun})."
    nilai["tanggal_perolehan"] = tanggal


def _tanah(isian, nilai: dict, galat: dict) -> None:
    """Land fields are read for class A; for any other class a filled one is refused, not silently dropped."""
    nilai["tanah_kas"], nilai["patok"], nilai["papan_nama"] = (_centang(isian, k) for k in
                                                               ("tanah_kas", "patok", "papan_nama"))
    nilai["jenis_tanah"] = _teks(isian, "jenis_tanah")
    if nilai["golongan"] != "A":
        for kunci in KOLOM_TANAH:
            if nilai[kunci] and kunci not in galat:
                galat[kunci] = "Hanya untuk aset tanah (golongan A); kosongkan untuk golongan ini."
        return
    if nilai["jenis_tanah"] and nilai["jenis_tanah"] not in JENIS_TANAH:
        galat["jenis_tanah"] = "Pilih jenis tanah dari daftar."


def _anggaran(isian, nilai: dict, galat: dict) -> None:
    teks = _teks(isian, "anggaran").replace(" ", "")
    nilai["anggaran_tahun"], nilai["anggaran_kegiatan"] = None, ""
    if not teks:
        return
    tahun, _, kegiatan = teks.partition("|")
    if not tahun.isdigit() or not kegiatan or len(kegiatan) > 20:
        galat["anggaran"] = "Pilih kegiatan APB Desa dari daftar."
        return
    nilai["anggaran_tahun"], nilai["anggaran_kegiatan"] = int(tahun), kegiatan
    if nilai["tahun_perolehan"] is not None and int(tahun) != nilai["tahun_perolehan"]:
        galat["anggaran"] = f"Pilih kegiatan APB Desa tahun perolehan aset ({nilai['tahun_perolehan']})."
