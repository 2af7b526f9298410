"""Checking what the office typed about a parcel or a dispute: values to store, or a message per field.

Every message is for the clerk, in Bahasa Indonesia; nothing here writes.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from balai_adat.tables import Kaum, Suku
from balai_adat.ulayat.kode import PENGGUNAAN, SENGKETA, STATUS

M2_PER_HA = 10_000
LUAS_MAKS_HA = 200_000  # far above any nagari; keeps the square metres inside a 32-bit integer
CONTOH_LUAS = "Isi luas dalam hektare, misalnya 12,5 atau 1.250,75."

_RIBUAN_KOMA = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.250,75
_KOMA = re.compile(r"^\d+(,\d+)?$")                         # 1250,75 / 12
_RIBUAN = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")           # 1.250 (Indonesian thousands)
_TITIK = re.compile(r"^\d+\.\d+$")                          # 12.5: a point that cannot be thousands


def hektare(teks: str) -> Decimal:
    """An area typed in hectares the Indonesian way -> Decimal; ValueError with the clerk's message."""
    t = re.sub(r"\s+", "", teks or "").removesuffix("ha")
    if not t:
        raise ValueError("Luas wajib diisi. " + CONTOH_LUAS)
    if _RIBUAN_KOMA.match(t) or _KOMA.match(t):
        t = t.replace(".", "").replace(",", ".")
    elif _RIBUAN.match(t):
        t = t.replace(".", "")
    elif not _TITIK.match(t):
        raise ValueError(("Luas harus lebih dari 0. " if t.startswith("-") else "") + CONTOH_LUAS)
    nilai = Decimal(t)  # the patterns above admit digits, one point and nothing else
    if nilai <= 0:
        raise ValueError("Luas harus lebih dari 0 ha.")
    if nilai > LUAS_MAKS_HA:
        raise ValueError(f"Luas paling besar {LUAS_MAKS_HA:,} ha; periksa lagi.".replace(",", "."))
    if nilai * M2_PER_HA != int(nilai * M2_PER_HA):
        raise ValueError("Paling banyak 4 angka di belakang koma (1 m²).")
    return nilai


def teks_ha(m2: int) -> str:
    """Square metres shown in hectares, Indonesian style: 125000 -> "12,5 ha", 12507500 -> "1.250,75 ha"."""
    bulat, sisa = divmod(int(m2), M2_PER_HA)
    teks = f"{bulat:,}".replace(",", ".")
    if sisa:
        teks += "," + f"{sisa:04d}".rstrip("0")
    return f"{teks} ha"


def _teks(form: dict, kunci: str) -> str:
    return " ".join(str(form.get(kunci) or "").split())


def _panjang(form: dict, kunci: str) -> str:
    """A multi-line text: lines kept, spaces at their ends dropped."""
    return "\n".join(line.rstrip() for line in str(form.get(kunci) or "").strip().splitlines())


def _id(teks: str) -> int | None:
    return int(teks) if teks.isdigit() and len(teks) < 10 else None


async def tanah(form: dict, jorong: dict[int, str]) -> tuple[dict, dict]:
    """A parcel's form -> (values for TanahUlayat, errors by field). `jorong`: the nagari's jorong, id -> name."""
    nilai: dict = {}
    galat: dict[str, str] = {}
    nilai["nama"] = _teks(form, "nama")
    if not nilai["nama"]:
        galat["nama"] = "Nama tanah ulayat wajib diisi."
    elif len(nilai["nama"]) > 120:
        galat["nama"] = "Nama paling panjang 120 karakter."
    pilih = _teks(form, "jorong")
    nilai["jorong"] = _id(pilih) or 0
    if pilih not in ("", "0") and nilai["jorong"] not in jorong:
        galat["jorong"] = "Pilih jorong dari daftar."
    nilai["batas"] = _panjang(form, "batas")
    if len(nilai["batas"]) > 2000:
        galat["batas"] = "Uraian batas paling panjang 2.000 karakter."
    try:
        nilai["luas_m2"] = int(hektare(str(form.get("luas") or "")) * M2_PER_HA)
    except ValueError as exc:
        galat["luas"] = str(exc)
    nilai["penggunaan"] = _teks(form, "penggunaan")
    if nilai["penggunaan"] not in PENGGUNAAN:
        galat["penggunaan"] = "Pilih penggunaan tanah dari daftar."
    nilai["keterangan"] = _panjang(form, "keterangan")
    if len(nilai["keterangan"]) > 2000:
        galat["keterangan"] = "Keterangan paling panjang 2.000 karakter."
    await _pemegang(form, nilai, galat)
    return nilai, galat


async def _pemegang(form: dict, nilai: dict, galat: dict) -> None:
    """The status, and the holder it calls for: none for the nagari, a suku, or a kaum (whose suku is kept too)."""
    nilai["status"] = status = _teks(form, "status")
    nilai["suku"] = nilai["kaum"] = None
    if status not in STATUS:
        galat["status"] = "Pilih status tanah ulayat: ulayat nagari, suku, atau kaum."
    elif status == "suku":
        suku = _id(_teks(form, "suku"))
        if suku is None or not await Suku.exists().where(Suku.id == suku).run():
            galat["suku"] = "Ulayat suku: pilih suku pemegangnya dari daftar."
        nilai["suku"] = suku
    elif status == "kaum":
        kaum = _id(_teks(form, "kaum"))
        row = None if kaum is None else await Kaum.select(Kaum.suku).where(Kaum.id == kaum).first().run()
        if row is None:
            galat["kaum"] = "Ulayat kaum: pilih kaum pemegangnya dari daftar."
        else:
            nilai["kaum"], nilai["suku"] = kaum, row["suku"]


def sengketa(form: dict, hari_ini: date) -> tuple[dict, dict]:
    """A dispute's form -> (values for SengketaUlayat, errors by field)."""
    nilai: dict = {}
    galat: dict[str, str] = {}
    try:
        nilai["tanggal"] = date.fromisoformat(_teks(form, "tanggal"))
        if nilai["tanggal"] > hari_ini:
            galat["tanggal"] = "Tanggal sengketa tidak boleh sesudah hari ini."
    except ValueError:
        galat["tanggal"] = "Isi tanggal sengketa diajukan, misalnya 2026-03-15."
    for kunci, label, maks in (("pihak", "Pihak yang bersengketa", 1000), ("uraian", "Uraian sengketa", 4000)):
        nilai[kunci] = _panjang(form, kunci)
        if not nilai[kunci]:
            galat[kunci] = f"{label} wajib diisi."
        elif len(nilai[kunci]) > maks:
            galat[kunci] = f"{label} paling panjang {maks:,} karakter.".replace(",", ".")
    nilai["status"] = _teks(form, "status")
    if nilai["status"] not in SENGKETA:
        galat["status"] = "Pilih status sengketa: terbuka, dalam mediasi KAN, atau selesai."
    nilai["hasil"] = _panjang(form, "hasil")
    if nilai["status"] == "selesai" and not nilai["hasil"]:
        galat["hasil"] = "Sengketa yang selesai wajib dicatat hasilnya (putusan atau kesepakatan)."
    elif len(nilai["hasil"]) > 4000:
        galat["hasil"] = "Hasil paling panjang 4.000 karakter."
    return nilai, galat
