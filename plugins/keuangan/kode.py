"""The codes of Permendagri 20/2018: accounts (akun > kelompok > jenis > objek) and activities (bidang > sub-bidang >
kegiatan), read once from the lists shipped in data/ (the shared reference lists plus the sub-bidang).

Codes are stored without a trailing dot ("5.2.1.01", "02.03.01"): Siskeudes and the reference lists write "5.2.1.",
so every code from outside goes through `normal_akun` / `normal_kegiatan` first.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["normal_akun", "normal_kegiatan", "akun", "periksa_akun", "kelompok_akun", "jenis_akun",
           "periksa_kegiatan", "bidang", "sub_bidang", "BIDANG", "SUB_BIDANG", "AKUN", "KELOMPOK", "JENIS",
           "PENDAPATAN", "BELANJA", "PEMBIAYAAN"]

DATA = Path(__file__).parent / "data"
PENDAPATAN, BELANJA, PEMBIAYAAN = "pendapatan", "belanja", "pembiayaan"
_DIGIT_BAGIAN = {"4": PENDAPATAN, "5": BELANJA, "6": PEMBIAYAAN}
_NAMA_BAGIAN = {PENDAPATAN: "pendapatan (4)", BELANJA: "belanja (5)", PEMBIAYAAN: "pembiayaan (6)"}
_AKUN = re.compile(r"^\d(\.\d(\.\d(\.\d+)?)?)?$")
_KEGIATAN = re.compile(r"^(\d{2})\.(\d{2})\.(\d{2})$")
_KECIL = {"dan", "di", "ke", "dari", "yang", "untuk", "atau", "dengan"}
# The reference list's bidang names, as read aloud: its typo mended, and bidang 5 by its name in the regulation.
_BIDANG_BACAAN = {"01": "Penyelenggaraan Pemerintahan Desa",
                  "05": "Penanggulangan Bencana, Keadaan Darurat dan Mendesak"}


def normal_akun(teks: str) -> str:
    """ "5.2.1.01." or " 5.2.1 " -> "5.2.1.01" / "5.2.1": no spaces, no trailing dots."""
    return re.sub(r"\s+", "", teks or "").rstrip(".")


def normal_kegiatan(teks: str) -> str:
    """ "02.03.01." -> "02.03.01"."""
    return re.sub(r"\s+", "", teks or "").rstrip(".")


def _judul(teks: str) -> str:
    """Upper-case list labels in title case, short joining words kept small."""
    kata = teks.lower().split(" ")
    return " ".join(k if (i and k in _KECIL) else k[:1].upper() + k[1:] for i, k in enumerate(kata))


def _baca(nama: str) -> list[dict[str, str]]:
    with open(DATA / nama, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def _daftar() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    akun_ = {normal_akun(r["Akun"]): _judul(r["Nama_Akun"]) for r in _baca("apbdes_akun.csv")}
    kelompok = {normal_akun(r["Kelompok"]): r["Nama_Kelompok"].strip() for r in _baca("apbdes_kelompok.csv")}
    jenis = {normal_akun(r["Jenis"]): r["Nama_Jenis"].strip() for r in _baca("apbdes_jenis.csv")}
    bidang_ = {}
    for r in _baca("apbdes_bidang.csv"):
        kode = r["Kd_Bid"].strip().rsplit(".", 1)[-1]  # "00.0000.01" -> "01"
        nama = re.sub(r"^BIDANG\s+", "", r["Nama_Bidang"].strip(), flags=re.I)
        bidang_[kode] = _BIDANG_BACAAN.get(kode) or _judul(nama)
    sub = {r["kode"].strip(): r["nama"].strip() for r in _baca("sub_bidang.csv")}
    return akun_, kelompok, jenis, dict(sorted(bidang_.items())), sub


AKUN, KELOMPOK, JENIS, BIDANG, SUB_BIDANG = _daftar()


@lru_cache(maxsize=4096)  # the summary names every line's groups: the same few codes again and again
def akun(kode: str) -> str | None:
    """The name of an account at any level ("4", "4.2", "4.2.1"; an objek "4.2.1.01" takes its jenis' name), or
    None when the code is not in the list."""
    kode = normal_akun(kode)
    if not _AKUN.match(kode):
        return None
    bagian = kode.split(".")
    if len(bagian) == 4:
        kode = ".".join(bagian[:3])
    return {1: AKUN, 2: KELOMPOK, 3: JENIS}.get(len(kode.split(".")), {}).get(kode)


def jenis_akun(kode: str) -> str:
    """The jenis (first three levels) of an account code: "5.2.1.01" -> "5.2.1"."""
    return ".".join(normal_akun(kode).split(".")[:3])


def kelompok_akun(kode: str) -> str:
    """ "pendapatan", "belanja" or "pembiayaan" from the first digit (4, 5, 6); ValueError for any other."""
    bagian = _DIGIT_BAGIAN.get(normal_akun(kode)[:1])
    if bagian is None:
        raise ValueError(f"bukan rekening APB Desa: {kode!r}")
    return bagian


def periksa_akun(kode: str, *, untuk: str | None = None) -> str | None:
    """None when `kode` can carry a budget line (a jenis in the list, optionally a 2-digit objek, of account 4, 5
    or 6, and of the part `untuk` when given); else what is wrong, in Bahasa Indonesia."""
    kode = normal_akun(kode)
    if not kode:
        return "Kode rekening wajib diisi."
    if not _AKUN.match(kode):
        return f"Kode rekening {kode} tidak dikenal; tulis misalnya 5.2.1 atau 5.2.1.01."
    if kode[0] not in _DIGIT_BAGIAN:
        return (f"Rekening {kode} bukan rekening APB Desa; yang dipakai hanya 4 (pendapatan), 5 (belanja) "
                "dan 6 (pembiayaan).")
    bagian = kode.split(".")
    if len(bagian) < 3:
        return f"Kode rekening {kode} harus sampai tingkat jenis, misalnya {kode}{'.1' * (3 - len(bagian))}."
    if len(bagian) == 4 and not re.fullmatch(r"\d{2}", bagian[3]):
        return f"Objek rekening {kode} harus dua angka di belakang jenisnya, misalnya {jenis_akun(kode)}.01."
    if jenis_akun(kode) not in JENIS:
        return f"Kode rekening {kode} tidak ada dalam daftar rekening Permendagri 20/2018."
    if untuk is not None and _DIGIT_BAGIAN[kode[0]] != untuk:
        return f"Rekening {kode} bukan rekening {_NAMA_BAGIAN.get(untuk, untuk)}."
    return None


def periksa_kegiatan(kode: str) -> str | None:
    """None when `kode` is a well-formed activity code whose bidang and sub-bidang exist; else the problem."""
    kode = normal_kegiatan(kode)
    if not kode:
        return "Kode kegiatan wajib diisi untuk belanja."
    cocok = _KEGIATAN.match(kode)
    if not cocok:
        return f"Kode kegiatan {kode} harus berbentuk bidang.sub-bidang.kegiatan, misalnya 02.03.01."
    bid, sub, keg = cocok.groups()
    if bid not in BIDANG:
        return f"Bidang {bid} tidak ada; bidang belanja desa hanya 01 sampai 05."
    if f"{bid}.{sub}" not in SUB_BIDANG:
        return f"Sub-bidang {bid}.{sub} tidak ada dalam daftar Permendagri 20/2018."
    if keg == "00":
        return f"Nomor kegiatan {kode} tidak boleh 00."
    return None


def bidang(kode2: str) -> str:
    """The name of a bidang ("01" -> "Penyelenggaraan Pemerintahan Desa"); "" when unknown."""
    return BIDANG.get((kode2 or "")[:2], "")


def sub_bidang(kode5: str) -> str:
    """The name of a sub-bidang ("02.03" -> "Pekerjaan Umum dan Penataan Ruang"); "" when unknown."""
    return SUB_BIDANG.get((kode5 or "")[:5], "")
