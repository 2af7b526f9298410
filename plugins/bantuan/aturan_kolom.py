"""What a rule of `bantuan` can ask about: the columns (`KOLOM`), their operators and choices, and how a condition
and a unit's value read in Indonesian ("Umur 60 tahun atau lebih"; "umur 67 tahun").

A column has a level: `penduduk` (a person's own record), `keluarga` (the family card and its DTKS/DTSEN data),
`rumah_tangga` (the household) or `program` (another program's current recipients). How a level applies to a
program's target is aturan_nilai.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plugin_sdk.register import code_labels

ANGKA, KODE, KODE_ADA, YA_TIDAK, PROGRAM = "angka", "kode", "kode_ada", "ya_tidak", "program"
PENDUDUK, KELUARGA, RUMAH_TANGGA, TINGKAT_PROGRAM = "penduduk", "keluarga", "rumah_tangga", "program"
MAKS_SYARAT = 20

_OP_ANGKA = {">=": "paling sedikit", "<=": "paling banyak"}
_OP_KODE = {"salah_satu": "salah satu dari", "bukan": "bukan salah satu dari"}


@dataclass(frozen=True)
class Kolom:
    """One column a condition can ask about. `op` maps each allowed operator to its label for the editor;
    `pilihan` holds the code choices (code -> label) of coded columns; `batas` the allowed range of numbers.
    `tanpa` is the code that means "none" ("Tidak Cacat"), which `ada` excludes and no choice offers."""

    nama: str
    label: str
    tingkat: str
    jenis: str
    op: dict[str, str]
    pilihan: dict[int, str] = field(default_factory=dict)
    batas: tuple[int, int] | None = None
    satuan: str = ""
    sumber: str = ""  # the register field it reads ("" when it is computed)
    tanpa: int | None = None


def _kode(nama: str, label: str, tingkat: str = PENDUDUK, daftar: str | None = None) -> Kolom:
    return Kolom(nama, label, tingkat, KODE, dict(_OP_KODE), dict(code_labels(daftar or nama)), sumber=nama)


def _kode_ada(nama: str, label: str, ada: str) -> Kolom:
    labels = code_labels(nama)
    # The code lists end with their "none" entry ("TIDAK CACAT", "TIDAK ADA/TIDAK SAKIT"): found by its word, not
    # by its number, so a renumbered list still works.
    tanpa = next(kode for kode, teks in labels.items() if teks.lower().startswith("tidak"))
    pilihan = {kode: teks for kode, teks in labels.items() if kode != tanpa}
    return Kolom(nama, label, PENDUDUK, KODE_ADA, {"ada": ada, "salah_satu": "salah satu dari"}, pilihan,
                 sumber=nama, tanpa=tanpa)


def _angka(nama: str, label: str, tingkat: str, batas: tuple[int, int], satuan: str, sumber: str = "") -> Kolom:
    return Kolom(nama, label, tingkat, ANGKA, dict(_OP_ANGKA), batas=batas, satuan=satuan, sumber=sumber)


KOLOM: dict[str, Kolom] = {k.nama: k for k in (
    _angka("umur", "Umur", PENDUDUK, (0, 130), "tahun", sumber="tanggal_lahir"),
    _kode("jenis_kelamin", "Jenis kelamin"),
    _kode("pekerjaan", "Pekerjaan"),
    _kode("status_kawin", "Status perkawinan"),
    _kode("pendidikan_kk", "Pendidikan"),
    _kode_ada("cacat", "Cacat", "penyandang cacat (jenis apa pun)"),
    _kode_ada("sakit_menahun", "Sakit menahun", "mempunyai sakit menahun (jenis apa pun)"),
    _kode("hubungan", "Hubungan dalam keluarga"),
    Kolom("kelas_sosial", "Kelas sosial keluarga", KELUARGA, KODE, {"salah_satu": "salah satu dari"},
          dict(code_labels("kelas_sosial")), sumber="kelas_sosial"),
    _angka("anggota_keluarga", "Jumlah anggota keluarga", KELUARGA, (1, 30), "orang"),
    Kolom("dtks_terdaftar", "Terdaftar di DTKS/DTSEN", KELUARGA, YA_TIDAK, {"ya": "terdaftar",
                                                                             "tidak": "tidak terdaftar"}),
    _angka("dtks_desil", "Desil DTKS/DTSEN", KELUARGA, (1, 10), ""),
    _angka("anggota_rumah_tangga", "Jumlah anggota rumah tangga", RUMAH_TANGGA, (1, 50), "orang"),
    Kolom("menerima_program", "Penerima program bantuan lain", TINGKAT_PROGRAM, PROGRAM,
          {"ya": "sedang menerima", "tidak": "tidak sedang menerima"}),
)}

#: The register fields a column reads (the rest are computed from the members or read from bantuan's tables).
FIELDS_KOLOM = {k.nama: k.sumber for k in KOLOM.values() if k.sumber}


def angka(n: int) -> str:
    """12345 -> "12.345": numbers as an Indonesian reader writes them."""
    return f"{n:,}".replace(",", ".")


def kecil(teks: str) -> str:
    """A label inside a sentence: "Jumlah anggota keluarga" -> "jumlah anggota keluarga", "DTKS" kept."""
    return teks[:1].lower() + teks[1:]


def daftar_kata(kata: list[str], sambung: str = "atau") -> str:
    """["A", "B", "C"] -> "A, B atau C" (Indonesian lists take no comma before the last word)."""
    if len(kata) <= 1:
        return "".join(kata)
    return f"{', '.join(kata[:-1])} {sambung} {kata[-1]}"


def _nama_pilihan(kolom: Kolom, kode: list[int]) -> str:
    return daftar_kata([kolom.pilihan.get(k, str(k)) for k in kode])


def kalimat(kolom: Kolom, op: str, nilai, nama_program: str = "") -> str:
    """One condition as a sentence for the rule's description: "Umur 60 tahun atau lebih"."""
    if kolom.jenis == ANGKA:
        return _kalimat_angka(kolom, op, nilai)
    if kolom.jenis == YA_TIDAK:
        return "Keluarga terdaftar di DTKS/DTSEN" if op == "ya" else "Keluarga tidak terdaftar di DTKS/DTSEN"
    if kolom.jenis == PROGRAM:
        program = nama_program or f"program bantuan nomor {nilai}"
        return f"Sedang menerima {program}" if op == "ya" else f"Tidak sedang menerima {program}"
    if op == "ada":
        return kolom.op["ada"][0].upper() + kolom.op["ada"][1:]
    if op == "bukan":
        return f"{kolom.label} bukan {_nama_pilihan(kolom, nilai)}"
    return f"{kolom.label}: {_nama_pilihan(kolom, nilai)}"


def _kalimat_angka(kolom: Kolom, op: str, nilai: int) -> str:
    arah = "atau lebih" if op == ">=" else "atau kurang"
    if kolom.nama == "umur":
        return f"Umur {angka(nilai)} tahun {arah}"
    if kolom.nama == "dtks_desil":
        bawah = "atau di atasnya" if op == ">=" else "atau di bawahnya"
        return f"Desil DTKS/DTSEN {nilai} {bawah} (keluarga tanpa data desil tidak termasuk)"
    return f"{kolom.label} {angka(nilai)} {kolom.satuan} {arah}"


def frasa(kolom: Kolom, nilai, nama_program: str = "", op: str = "") -> str:
    """What a unit has for one column, for a candidate's reason: "umur 67 tahun", "pekerjaan Petani/Pekebun"."""
    if kolom.nama == "umur":
        return f"umur {angka(nilai)} tahun"
    if kolom.nama in ("anggota_keluarga", "anggota_rumah_tangga"):
        return f"{kecil(kolom.label)} {angka(nilai)} orang"
    if kolom.nama == "dtks_desil":
        return f"desil DTKS/DTSEN {nilai}"
    if kolom.nama == "dtks_terdaftar":
        return "terdaftar di DTKS/DTSEN" if nilai else "tidak terdaftar di DTKS/DTSEN"
    if kolom.jenis == PROGRAM:
        program = nama_program or f"program bantuan nomor {nilai}"
        return f"penerima {program}" if op == "ya" else f"bukan penerima {program}"
    teks = kolom.pilihan.get(nilai, "") if nilai is not None else ""
    if kolom.nama == "cacat":
        return f"penyandang {teks}" if teks else "penyandang cacat"
    if kolom.nama == "hubungan":
        return f"sebagai {teks}"
    if kolom.nama == "kelas_sosial":
        return f"kelas sosial {teks}"
    return f"{kecil(kolom.label)} {teks}"
