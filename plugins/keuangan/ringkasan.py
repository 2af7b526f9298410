"""The one computation of the APB Desa's figures: every page, chart, export, report and book reads `ringkasan`.

A version's lines and the year's realisation sums are read in two queries and the trees are built in Python:
pendapatan by account, belanja by bidang > sub-bidang > kegiatan (and again by account), pembiayaan by account. A
group's anggaran and realisasi are always the sums of its children, so no total is ever stored or typed.

Realisation belongs to a pos (tahun, kegiatan, akun), not to a version: it is matched to the version's lines by
that pair, and a pos the version has no line for still shows, as a line with anggaran 0, so the totals always hold
every rupiah recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from plugins.keuangan.kode import akun, bidang, sub_bidang
from plugins.keuangan.tables import BERLAKU, DIGANTI, Apbdes, Realisasi

__all__ = ["Pos", "Ringkasan", "ringkasan", "tahun_tersedia", "versi_berlaku", "versi_tahun", "daftar_versi",
           "baris_datar", "urutan_kode"]

_KOLOM_APBDES = ("id", "versi", "nama", "status", "berlaku_sejak", "nomor_perdes", "diubah", "sumber", "tahun")
_NAMA_KEGIATAN_LAIN = "Belanja tanpa kegiatan"  # only bad imported data lands here; kept so no money disappears


@dataclass(frozen=True)
class Pos:
    """One node of a tree: a group (its amounts are its children's sums) or a budget line."""

    kode: str
    nama: str
    anggaran: int  # sen
    realisasi: int  # sen, up to the summary's per_tanggal
    anak: tuple["Pos", ...] = ()
    baris_id: int | None = None  # a line's id in this version (None for groups and for realisation without a line)
    sumber_dana: str = ""

    @property
    def sisa(self) -> int:
        return self.anggaran - self.realisasi

    @property
    def persen(self) -> float | None:
        return None if self.anggaran == 0 else self.realisasi * 100 / self.anggaran

    @property
    def lebih(self) -> bool:
        """Spent (or received) more than budgeted: allowed, but shown."""
        return self.realisasi > self.anggaran


@dataclass(frozen=True)
class Ringkasan:
    tahun: int
    apbdes: dict
    per_tanggal: date
    pendapatan: Pos
    belanja: Pos
    belanja_per_jenis: Pos
    penerimaan_pembiayaan: Pos
    pengeluaran_pembiayaan: Pos

    @property
    def surplus(self) -> tuple[int, int]:
        """Pendapatan minus belanja; negative is a defisit."""
        return (self.pendapatan.anggaran - self.belanja.anggaran, self.pendapatan.realisasi - self.belanja.realisasi)

    @property
    def pembiayaan_netto(self) -> tuple[int, int]:
        p, k = self.penerimaan_pembiayaan, self.pengeluaran_pembiayaan
        return (p.anggaran - k.anggaran, p.realisasi - k.realisasi)

    @property
    def silpa(self) -> tuple[int, int]:
        """SiLPA of the year: surplus/defisit plus pembiayaan netto."""
        s, n = self.surplus, self.pembiayaan_netto
        return (s[0] + n[0], s[1] + n[1])


@lru_cache(maxsize=8192)
def urutan_kode(kode: str) -> tuple:
    """Sort key for codes: "4.2.10" after "4.2.9", "01.02.03/5.2.1.01" by activity then account."""
    return tuple(tuple(int(p) if p.isdigit() else 0 for p in bagian.split(".")) for bagian in kode.split("/"))


class _Simpul:
    """A node while the tree is built: children by code, or a line's own amounts."""

    __slots__ = ("kode", "nama", "anak", "anggaran", "realisasi", "baris_id", "sumber_dana")

    def __init__(self, kode: str, nama: str):
        self.kode, self.nama, self.anak = kode, nama, {}
        self.anggaran = self.realisasi = 0
        self.baris_id, self.sumber_dana = None, ""

    def turun(self, kode: str, nama: str) -> "_Simpul":
        simpul = self.anak.get(kode)
        if simpul is None:
            simpul = self.anak[kode] = _Simpul(kode, nama)
        return simpul

    def beku(self) -> Pos:
        if not self.anak:
            return Pos(self.kode, self.nama, self.anggaran, self.realisasi, (), self.baris_id, self.sumber_dana)
        anak = tuple(self.anak[k].beku() for k in sorted(self.anak, key=urutan_kode))
        return Pos(self.kode, self.nama, sum(a.anggaran for a in anak), sum(a.realisasi for a in anak), anak)


def _apbdes_dict(row: dict) -> dict:
    return {k: row.get(k) for k in _KOLOM_APBDES}


def _tanggal(nilai: Any) -> date | None:
    if nilai is None or isinstance(nilai, date) and not isinstance(nilai, datetime):
        return nilai
    if isinstance(nilai, datetime):
        return nilai.date()
    return date.fromisoformat(str(nilai)[:10])  # SQLite hands back text from raw queries


async def versi_berlaku(tahun: int) -> dict | None:
    """The version of `tahun` in force, as the dict `Ringkasan.apbdes` carries; None when there is none."""
    row = await Apbdes.select().where((Apbdes.tahun == tahun) & (Apbdes.status == BERLAKU)).first().run()
    return _apbdes_dict(row) if row else None


async def versi_tahun(tahun: int) -> list[dict]:
    """Every version of `tahun`, oldest first (the APB Desa, then its Perubahan)."""
    rows = await Apbdes.select().where(Apbdes.tahun == tahun).order_by(Apbdes.versi).run()
    return [_apbdes_dict(r) for r in rows]


async def daftar_versi() -> list[dict]:
    """Every version of every year, newest year first, versions in order (the admin's list of years)."""
    rows = await Apbdes.select().order_by(Apbdes.tahun, ascending=False).order_by(Apbdes.versi).run()
    return [_apbdes_dict(r) for r in rows]


async def tahun_tersedia() -> list[int]:
    """Years with a version in force, newest first."""
    rows = await Apbdes.select(Apbdes.tahun).where(Apbdes.status == BERLAKU).order_by(
        Apbdes.tahun, ascending=False).run()
    return [r["tahun"] for r in rows]


async def _versi(tahun: int, apbdes_id: int | None, per_tanggal: date | None) -> dict | None:
    """Version `apbdes_id`; else, up to a date, the version in force on that date (a report reprinted after a
    Perubahan keeps the budget its realisation was measured against); else the version in force now."""
    if apbdes_id is None:
        if per_tanggal is not None:
            row = await Apbdes.select().where(
                (Apbdes.tahun == tahun) & Apbdes.status.is_in([BERLAKU, DIGANTI])
                & (Apbdes.berlaku_sejak <= per_tanggal)).order_by(Apbdes.berlaku_sejak, ascending=False).order_by(
                Apbdes.versi, ascending=False).first().run()
            if row:
                return _apbdes_dict(row)
        return await versi_berlaku(tahun)
    row = await Apbdes.select().where((Apbdes.id == apbdes_id) & (Apbdes.tahun == tahun)).first().run()
    return _apbdes_dict(row) if row else None


async def _baris(apbdes_id: int) -> list[dict]:
    """The version's lines with their activity's name (one query)."""
    return await Apbdes.raw(
        "SELECT b.id, b.kegiatan, b.akun, b.uraian, b.anggaran, b.sumber_dana, k.nama AS kegiatan_nama "
        "FROM keuangan_baris b LEFT JOIN keuangan_kegiatan k ON k.apbdes = b.apbdes AND k.kode = b.kegiatan "
        "WHERE b.apbdes = {}", apbdes_id).run()


async def _realisasi(tahun: int, per_tanggal: date | None) -> list[dict]:
    """The year's realisation summed per pos, up to and including `per_tanggal` (one GROUP BY query)."""
    sql = ("SELECT kegiatan, akun, SUM(jumlah) AS jumlah, MAX(tanggal) AS terakhir FROM keuangan_realisasi "
           "WHERE tahun = {}")
    args: list[Any] = [tahun]
    if per_tanggal is not None:
        sql += " AND tanggal <= {}"
        args.append(per_tanggal)
    return await Realisasi.raw(sql + " GROUP BY kegiatan, akun", *args).run()


async def _nama_kegiatan_lain(tahun: int, kode: set[str]) -> dict[str, str]:
    """Names of activities that have realisation but no line in this version, from the year's versions (rare)."""
    if not kode:
        return {}
    rows = await Apbdes.raw(
        "SELECT k.kode, k.nama FROM keuangan_kegiatan k JOIN keuangan_apbdes a ON a.id = k.apbdes "
        "WHERE a.tahun = {} ORDER BY a.versi", tahun).run()
    return {r["kode"]: r["nama"] for r in rows if r["kode"] in kode}


def _leaf_pendapatan_pembiayaan(akar: _Simpul, kode_akun: str, dalam: int) -> _Simpul:
    """Under `akar`, the nodes of the account's groups down to jenis, then the line's own node."""
    bagian = kode_akun.split(".")
    simpul = akar
    for n in range(dalam, 4):
        if n >= len(bagian):
            break
        kode = ".".join(bagian[:n])
        simpul = simpul.turun(kode, akun(kode) or kode)
    return simpul.turun(kode_akun, "")


async def ringkasan(tahun: int, *, per_tanggal: date | None = None,
                    apbdes_id: int | None = None) -> Ringkasan | None:
    """The APB Desa of `tahun` (version `apbdes_id` of that year; else the version in force on `per_tanggal`, or
    now) with its realisation up to `per_tanggal` (None: everything recorded; `per_tanggal` then reports the last
    date recorded). None when the year has no such version."""
    versi = await _versi(tahun, apbdes_id, per_tanggal)
    if versi is None:
        return None
    baris = await _baris(versi["id"])
    sums = await _realisasi(tahun, per_tanggal)

    # pos -> the line's facts; realisation without a line becomes a line with anggaran 0
    pos: dict[tuple[str, str], dict] = {}
    nama_kegiatan: dict[str, str] = {}
    for b in baris:
        pos[(b["kegiatan"], b["akun"])] = {"uraian": b["uraian"], "anggaran": int(b["anggaran"] or 0),
                                           "realisasi": 0, "id": b["id"], "sumber_dana": b["sumber_dana"]}
        if b["kegiatan"] and b["kegiatan_nama"]:
            nama_kegiatan[b["kegiatan"]] = b["kegiatan_nama"]
    terakhir = None
    for r in sums:
        isi = pos.setdefault((r["kegiatan"], r["akun"]), {"uraian": "", "anggaran": 0, "realisasi": 0, "id": None,
                                                         "sumber_dana": ""})
        isi["realisasi"] += int(r["jumlah"] or 0)
        tanggal = _tanggal(r["terakhir"])
        if tanggal is not None and (terakhir is None or tanggal > terakhir):
            terakhir = tanggal
    tanpa_nama = {k for k, _ in pos if k and k not in nama_kegiatan}
    nama_kegiatan.update(await _nama_kegiatan_lain(tahun, tanpa_nama))

    pendapatan, belanja, per_jenis = _Simpul("4", "Pendapatan"), _Simpul("5", "Belanja"), _Simpul("5", "Belanja")
    penerimaan = _Simpul("6.1", akun("6.1") or "Penerimaan Pembiayaan")
    pengeluaran = _Simpul("6.2", akun("6.2") or "Pengeluaran Pembiayaan")
    for (kegiatan, kode_akun), isi in pos.items():
        awal = kode_akun[:3]
        if kode_akun[:1] == "4":
            daun = _leaf_pendapatan_pembiayaan(pendapatan, kode_akun, 2)
        elif awal in ("6.1", "6.2"):
            daun = _leaf_pendapatan_pembiayaan(penerimaan if awal == "6.1" else pengeluaran, kode_akun, 3)
        elif kode_akun[:1] == "5":
            kode_keg = kegiatan or "00.00.00"
            bid = belanja.turun(kode_keg[:2], bidang(kode_keg) or (_NAMA_KEGIATAN_LAIN if not kegiatan
                                                                     else f"Bidang {kode_keg[:2]}"))
            sub = bid.turun(kode_keg[:5], sub_bidang(kode_keg) or f"Sub Bidang {kode_keg[:5]}")
            keg = sub.turun(kode_keg, nama_kegiatan.get(kegiatan) or f"Kegiatan {kode_keg}")
            daun = keg.turun(f"{kode_keg}/{kode_akun}", "")
            bagian = kode_akun.split(".")
            kel, kode_jenis = ".".join(bagian[:2]), ".".join(bagian[:3])
            jenis = per_jenis.turun(kel, akun(kel) or kel).turun(kode_jenis, akun(kode_jenis) or kode_jenis)
            jenis.anggaran += isi["anggaran"]
            jenis.realisasi += isi["realisasi"]
        else:
            continue  # not a budget account (1-3, 7): not part of the APB Desa
        daun.nama = isi["uraian"] or akun(kode_akun) or kode_akun
        daun.anggaran, daun.realisasi = isi["anggaran"], isi["realisasi"]
        daun.baris_id, daun.sumber_dana = isi["id"], isi["sumber_dana"]

    if per_tanggal is None:
        per_tanggal = terakhir or _tanggal(versi["berlaku_sejak"]) or date(tahun, 1, 1)
    return Ringkasan(tahun=tahun, apbdes=versi, per_tanggal=per_tanggal, pendapatan=pendapatan.beku(),
                     belanja=belanja.beku(), belanja_per_jenis=per_jenis.beku(),
                     penerimaan_pembiayaan=penerimaan.beku(), pengeluaran_pembiayaan=pengeluaran.beku())


def _baris_pos(bagian: str, pos: Pos, tingkat: int, keluar: list[dict]) -> None:
    keluar.append({"bagian": bagian, "tingkat": tingkat, "kode": pos.kode, "uraian": pos.nama,
                   "anggaran": pos.anggaran, "realisasi": pos.realisasi, "sisa": pos.sisa, "persen": pos.persen})
    for anak in pos.anak:
        _baris_pos(bagian, anak, tingkat + 1, keluar)


def _baris_jumlah(uraian: str, pasangan: tuple[int, int]) -> dict:
    anggaran, realisasi = pasangan
    return {"bagian": "Jumlah", "tingkat": 0, "kode": "", "uraian": uraian, "anggaran": anggaran,
            "realisasi": realisasi, "sisa": anggaran - realisasi,
            "persen": None if anggaran == 0 else realisasi * 100 / anggaran}


def baris_datar(r: Ringkasan) -> list[dict]:
    """The flat table every export uses: each tree in reading order (a group row, carrying its totals, before its
    children; belanja by bidang), then the summary rows Surplus/(Defisit), Pembiayaan Netto and SiLPA."""
    keluar: list[dict] = []
    _baris_pos("Pendapatan", r.pendapatan, 0, keluar)
    _baris_pos("Belanja", r.belanja, 0, keluar)
    _baris_pos("Pembiayaan - Penerimaan", r.penerimaan_pembiayaan, 0, keluar)
    _baris_pos("Pembiayaan - Pengeluaran", r.pengeluaran_pembiayaan, 0, keluar)
    keluar.append(_baris_jumlah("Surplus/(Defisit)", r.surplus))
    keluar.append(_baris_jumlah("Pembiayaan Netto", r.pembiayaan_netto))
    keluar.append(_baris_jumlah("SiLPA", r.silpa))
    return keluar
