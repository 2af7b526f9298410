"""Reading and checking the `bantuan` section of a preset (<preset>/bantuan/program.toml) before anything is written.

Everything a file says is turned into a plan here (dates made absolute from the day the preset is applied, each
program's form checked by the plugin's own `periksa_program`, each rule set by `aturan.baca`), so a bad file is
refused, naming the file and the entry, before the first write. The format is described in plugins/bantuan/preset.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from plugin_sdk.preset import GalatPreset, baca_toml, tahun_relatif

from plugins.bantuan import aturan as aturan_mod
from plugins.bantuan.aturan_kolom import KOLOM, PROGRAM
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.program import periksa_program

BERKAS = "program.toml"
KUNCI_PROGRAM = {"nama", "sumber", "sumber_lain", "sasaran", "mulai", "lama", "kuota", "bentuk", "nilai", "barang",
                 "status", "keterangan", "publik", "nama_utuh", "dasar_hukum", "aturan", "siklus"}
KUNCI_SIKLUS = {"nama", "mulai", "lama", "tambah", "lebih_kuota", "setujui", "salurkan", "barang_salur"}


@dataclass
class Tambah:
    """Entries added by hand to a stage: families drawn from the register by welfare class, or named groups."""

    kelas_sosial: tuple[int, ...] = ()
    jumlah: int = 0
    kelompok: tuple[str, ...] = ()
    alasan: str = ""
    no_kartu: str = ""  # "KKS-{n:04d}": n counts from 1
    sumber: str = ""


@dataclass
class Siklus:
    nama: str
    mulai: date
    selesai: date
    tambah: Tambah | None = None
    lebih_kuota: str = ""  # entries above the quota are removed with this reason (the musyawarah's decision)
    setujui: bool = False
    salurkan: date | None = None
    barang_salur: str = ""


@dataclass
class Program:
    tempat: str
    isian: dict[str, str]
    aturan: list[dict]  # stored form; a condition on another program names it (`program = "..."`)
    nama_tulis: str = ""  # the name as the file writes it ("BLT Dana Desa {tahun}")
    siklus: list[Siklus] = field(default_factory=list)


@dataclass
class Dtsen:
    sumber: str
    tahun: int
    peluang_lain: float = 0.3
    kelas_miskin: tuple[int, ...] = (1, 2)
    desil_miskin: tuple[int, int] = (1, 4)
    desil_lain: tuple[int, int] = (3, 10)


@dataclass
class Rencana:
    penyusun: str = "operator"
    penyetuju: str = "walinagari"
    dtsen: Dtsen | None = None
    program: list[Program] = field(default_factory=list)


def _hari(nilai, tempat: str, kunci: str) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int):
        raise GalatPreset(f"{tempat}: '{kunci}' harus bilangan hari (mis. -120 = 120 hari sebelum preset diterapkan).")
    return nilai


def _rentang(nilai, tempat: str, kunci: str) -> tuple[int, int]:
    if (not isinstance(nilai, list) or len(nilai) != 2 or not all(isinstance(x, int) for x in nilai)
            or not 1 <= nilai[0] <= nilai[1] <= 10):
        raise GalatPreset(f"{tempat}: '{kunci}' harus dua angka desil 1-10, mis. [1, 4].")
    return nilai[0], nilai[1]


def _kode(nilai, tempat: str, kunci: str) -> tuple[int, ...]:
    if not isinstance(nilai, list) or not nilai or not all(isinstance(x, int) and not isinstance(x, bool)
                                                           for x in nilai):
        raise GalatPreset(f"{tempat}: '{kunci}' harus daftar kode angka, mis. [1, 2].")
    return tuple(nilai)


def _dtsen(isi, hari_ini: date) -> Dtsen:
    tempat = f"bantuan/{BERKAS}, [dtsen]"
    if not isinstance(isi, dict):
        raise GalatPreset(f"{tempat}: harus berupa tabel.")
    peluang = isi.get("peluang_lain", 0.3)
    if not isinstance(peluang, (int, float)) or not 0 <= peluang <= 1:
        raise GalatPreset(f"{tempat}: 'peluang_lain' harus antara 0 dan 1.")
    tahun = tahun_relatif(isi.get("tahun", -1), hari_ini, tempat, paling_awal=-10)
    return Dtsen(sumber=str(isi.get("sumber") or "Data DTSEN dari Dinas Sosial"), tahun=tahun,
                 peluang_lain=float(peluang),
                 kelas_miskin=_kode(isi.get("kelas_miskin", [1, 2]), tempat, "kelas_miskin"),
                 desil_miskin=_rentang(isi.get("desil_miskin", [1, 4]), tempat, "desil_miskin"),
                 desil_lain=_rentang(isi.get("desil_lain", [3, 10]), tempat, "desil_lain"))


def _tambah(isi, tempat: str, sasaran: str) -> Tambah:
    tempat = f"{tempat}, tambah"
    if not isinstance(isi, dict):
        raise GalatPreset(f"{tempat}: harus berupa tabel.")
    alasan = " ".join(str(isi.get("alasan") or "").split())
    if not alasan:
        raise GalatPreset(f"{tempat}: tulis 'alasan' penerima ditambahkan.")
    t = Tambah(alasan=alasan, no_kartu=str(isi.get("no_kartu") or ""), sumber=str(isi.get("sumber") or alasan))
    if sasaran == "kelompok":
        kelompok = isi.get("kelompok")
        if not isinstance(kelompok, list) or not kelompok or not all(isinstance(k, str) and k.strip()
                                                                     for k in kelompok):
            raise GalatPreset(f"{tempat}: program kelompok menulis 'kelompok' = daftar nama kelompok.")
        t.kelompok = tuple(k.strip() for k in kelompok)
        return t
    if sasaran != "keluarga":
        raise GalatPreset(f"{tempat}: penambahan dari preset hanya untuk program keluarga atau kelompok.")
    t.kelas_sosial = _kode(isi.get("kelas_sosial"), tempat, "kelas_sosial")
    jumlah = isi.get("jumlah")
    if isinstance(jumlah, bool) or not isinstance(jumlah, int) or jumlah < 1:
        raise GalatPreset(f"{tempat}: 'jumlah' keluarga yang ditambahkan harus 1 atau lebih.")
    t.jumlah = jumlah
    if t.no_kartu:
        try:
            t.no_kartu.format(n=1)
        except (KeyError, IndexError, ValueError):
            raise GalatPreset(f"{tempat}: 'no_kartu' hanya boleh memakai {{n}}, mis. \"KKS-{{n:04d}}\".") from None
    return t


def _siklus(isi, tempat: str, mulai_program: date, sasaran: str, hari_ini: date) -> Siklus:
    if not isinstance(isi, dict):
        raise GalatPreset(f"{tempat}: harus berupa tabel.")
    if asing := sorted(set(isi) - KUNCI_SIKLUS):
        raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(asing)}.")
    nama = " ".join(str(isi.get("nama") or "").split())
    if not nama:
        raise GalatPreset(f"{tempat}: tulis 'nama' siklus, mis. \"Tahap 1\".")
    mulai = mulai_program + timedelta(days=_hari(isi.get("mulai", 0), tempat, "mulai"))
    lama = _hari(isi.get("lama", 90), tempat, "lama")
    if lama < 1:
        raise GalatPreset(f"{tempat}: 'lama' siklus minimal 1 hari.")
    s = Siklus(nama=nama, mulai=mulai, selesai=mulai + timedelta(days=lama - 1), setujui=bool(isi.get("setujui")),
               lebih_kuota=" ".join(str(isi.get("lebih_kuota") or "").split()),
               barang_salur=str(isi.get("barang_salur") or ""))
    if mulai > hari_ini:
        raise GalatPreset(f"{tempat}: siklus mulai setelah hari preset diterapkan; mulai paling lambat hari ini.")
    if "tambah" in isi:
        s.tambah = _tambah(isi["tambah"], tempat, sasaran)
    if "salurkan" in isi:
        if not s.setujui:
            raise GalatPreset(f"{tempat}: penyaluran hanya untuk siklus yang disetujui ('setujui = true').")
        s.salurkan = mulai + timedelta(days=_hari(isi["salurkan"], tempat, "salurkan"))
        if not mulai <= s.salurkan <= hari_ini:
            raise GalatPreset(f"{tempat}: tanggal penyaluran harus dalam siklus dan tidak setelah hari ini.")
    return s


def _aturan(isi, tempat: str, nama_ada: set[str]) -> list[dict]:
    if not isinstance(isi, list):
        raise GalatPreset(f"{tempat}: 'aturan' harus daftar syarat, "
                          "mis. [{kolom = \"umur\", op = \">=\", nilai = 60}].")
    hasil = []
    for i, s in enumerate(isi, start=1):
        s = dict(s) if isinstance(s, dict) else s
        kolom = KOLOM.get(str(s.get("kolom") or "")) if isinstance(s, dict) else None
        if kolom is not None and kolom.jenis == PROGRAM:  # another program of this file, by name
            if str(s.get("program") or "") not in nama_ada:
                raise GalatPreset(f"{tempat}, aturan syarat ke-{i}: 'program' harus nama program di atasnya.")
            s["nilai"] = 1  # checked as a program id; the real id is known once that program is written
        hasil.append(s)
    try:
        aturan_mod.baca({"syarat": hasil})
    except BantuanError as e:
        pesan = "; ".join(f"syarat ke-{int(k.split('-')[1]) + 1}: {v}" if k.startswith("syarat-") else v
                          for k, v in e.galat.items()) or str(e)
        raise GalatPreset(f"{tempat}: aturan belum benar ({pesan}).") from None
    return hasil


def _isian(isi: dict, mulai: date, lama: int) -> dict[str, str]:
    ya = {True: "1", False: ""}
    teks = {k: str(isi.get(k) or "") for k in ("sumber", "sumber_lain", "sasaran", "barang", "keterangan",
                                              "dasar_hukum", "nilai")}
    return {**teks, "nama": str(isi.get("nama") or "").replace("{tahun}", str(mulai.year)),
            "mulai": mulai.isoformat(), "selesai": (mulai + timedelta(days=lama - 1)).isoformat(),
            "kuota": str(isi.get("kuota") or ""), "bentuk": str(isi.get("bentuk") or "uang"),
            "status": str(isi.get("status") or "aktif"), "publik": ya[bool(isi.get("publik"))],
            "nama_utuh": ya[bool(isi.get("nama_utuh"))]}


def _program(n: int, isi, hari_ini: date, nama_ada: set[str]) -> Program:
    tempat = f"bantuan/{BERKAS}, [[program]] ke-{n}"
    if not isinstance(isi, dict):
        raise GalatPreset(f"{tempat}: harus berupa tabel.")
    if isi.get("nama"):
        tempat += f" ({isi['nama']})"
    if asing := sorted(set(isi) - KUNCI_PROGRAM):
        raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(asing)}.")
    mulai = hari_ini + timedelta(days=_hari(isi.get("mulai", 0), tempat, "mulai"))
    lama = _hari(isi.get("lama", 365), tempat, "lama")
    isian = _isian(isi, mulai, max(lama, 1))
    try:
        periksa_program(isian, lama=None, ada_siklus=False)
    except BantuanError as e:
        pesan = "; ".join(f"{k}: {v}" for k, v in e.galat.items()) or str(e)
        raise GalatPreset(f"{tempat}: {pesan}") from None
    if isian["nama"] in nama_ada:
        raise GalatPreset(f"{tempat}: nama program sudah dipakai program di atasnya.")
    aturan = _aturan(isi.get("aturan", []), tempat, nama_ada)
    if aturan and isian["sasaran"] == "kelompok":
        raise GalatPreset(f"{tempat}: program kelompok tidak memakai aturan.")
    p = Program(tempat=tempat, isian=isian, aturan=aturan, nama_tulis=str(isi.get("nama") or ""))
    tahap = isi.get("siklus", [])
    if not isinstance(tahap, list):
        raise GalatPreset(f"{tempat}: 'siklus' ditulis sebagai [[program.siklus]].")
    for i, s in enumerate(tahap, start=1):
        siklus = _siklus(s, f"{tempat}, siklus ke-{i}", mulai, isian["sasaran"], hari_ini)
        if p.siklus and not p.siklus[-1].setujui:
            raise GalatPreset(f"{tempat}, siklus ke-{i}: siklus sebelumnya belum disetujui; hanya siklus terakhir "
                              "yang boleh masih disusun.")
        p.siklus.append(siklus)
    return p


def baca(folder: Path, hari_ini: date) -> Rencana:
    """The plan of `folder`/program.toml, or GalatPreset."""
    data = baca_toml(folder / BERKAS, f"bantuan/{BERKAS}", wajib=True)
    rencana = Rencana(penyusun=str(data.get("penyusun") or "operator"),
                      penyetuju=str(data.get("penyetuju") or "walinagari"))
    if "dtsen" in data:
        rencana.dtsen = _dtsen(data["dtsen"], hari_ini)
    nama_ada: set[str] = set()
    for n, isi in enumerate(data.get("program") or [], start=1):
        p = _program(n, isi, hari_ini, nama_ada)
        nama_ada |= {p.isian["nama"], str(isi.get("nama") or "")}  # a rule may name it as written or as made
        rencana.program.append(p)
    if rencana.penyusun == rencana.penyetuju and any(s.setujui for p in rencana.program for s in p.siklus):
        raise GalatPreset(f"bantuan/{BERKAS}: 'penyusun' dan 'penyetuju' harus dua pengguna berbeda.")
    return rencana
