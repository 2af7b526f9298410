"""The Siskeudes import: a dry run that compares the export with the version in force, then one transaction that
applies it. The reading itself is `siskeudes.py` (pure); this module reads the database and writes.

Applying makes a new version in force (sumber "siskeudes", sidik_berkas = the zip's sha256) from the date the
operator gives, the previous one kept as replaced, and replaces the year's imported realisation. The same file
again changes nothing; a file whose budget equals the version in force (same pos, amounts, uraian, sumber dana and
kegiatan names) only refreshes the realisation. Nothing is applied while a row has a problem (see siskeudes.py) or
a pos with realisation would lose its line (the operator puts the line back in Siskeudes, anggaran may be 0), nor,
when a new version is needed, while a draft of that year is open (set it in force or drop it first, as for an APB
Desa Perubahan made by hand). Realisation entered by hand (sumber "manual") is kept unless the operator ticks its
removal (offered with a journal: the same payment would count twice), each removal audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import anyio

from plugin_sdk import bulk_insert, log_change, public_changed, write_transaction

from plugins.keuangan import kode, siskeudes
from plugins.keuangan.layanan import (KeuanganError, ganti_realisasi_impor, hapus_realisasi, nama_versi,
                                      pesan_pos_hilang, pos_terealisasi_tanpa_baris)
from plugins.keuangan.periksa import kegiatan_versi
from plugins.keuangan.ringkasan import urutan_kode
from plugins.keuangan.tables import (BERLAKU, DIGANTI, DRAF, MANUAL, SISKEUDES, Apbdes, BarisAnggaran, Kegiatan,
                                     Realisasi)

# What applying would do (ADA_DRAF: a new version is needed but a draft of the year is open; like a Perubahan
# made by hand, the import waits until that draft is set in force or dropped, so version numbers stay in order)
MASALAH, SAMA, REALISASI, VERSI_BARU, ADA_DRAF = "masalah", "sama", "realisasi", "versi_baru", "ada_draf"


@dataclass(frozen=True)
class Selisih:
    jenis: str          # "baru", "berubah", "dihapus"
    kegiatan: str
    akun: str
    uraian: str
    lama: int
    baru: int
    apa: tuple[str, ...] = ()   # of a "berubah" line: which of anggaran, uraian, sumber dana differ


@dataclass
class Pratinjau:
    ekspor: siskeudes.Ekspor
    berlaku: dict | None                # the version in force of that year, if any
    keadaan: str                        # MASALAH, SAMA, REALISASI or VERSI_BARU
    ringkasan: list[dict]               # rows: bagian, kode, nama, anggaran (file), realisasi (file), lama (in force)
    selisih: list[Selisih] = field(default_factory=list)
    realisasi_berubah: bool = False
    draf: dict | None = None            # an open draft of that year
    kegiatan_berubah: list[tuple[str, str, str]] = field(default_factory=list)  # (kode, name now, name in file)
    # pos (kegiatan, akun, sen) that would keep realisation but lose their line: from the file's journal or the
    # imported realisation kept (blocks), and from realisation typed in Balai (blocks unless it is removed)
    hilang: list[tuple[str, str, int]] = field(default_factory=list)
    hilang_manual: list[tuple[str, str, int]] = field(default_factory=list)
    # the year's realisation typed in Balai, per summary row (kode, nama, catatan, jumlah), when the file brings a
    # journal: the same payment may be in both, so applying offers to remove it
    manual: list[dict] = field(default_factory=list)

    @property
    def boleh_terapkan(self) -> bool:
        return self.keadaan == VERSI_BARU or (self.keadaan == REALISASI
                                              and (self.realisasi_berubah or bool(self.manual)))

    @property
    def manual_catatan(self) -> int:
        return sum(r["catatan"] for r in self.manual)

    @property
    def manual_jumlah(self) -> int:
        return sum(r["jumlah"] for r in self.manual)

    @property
    def pesan_hilang(self) -> str:
        return pesan_pos_hilang(self.hilang + self.hilang_manual) if self.hilang or self.hilang_manual else ""

    def hitung(self, jenis: str) -> int:
        return sum(1 for s in self.selisih if s.jenis == jenis)


def _kelompok(akun: str, kegiatan: str) -> tuple[str, str, str]:
    """(order key, code, name) of the summary row a pos is counted in."""
    if akun.startswith("4"):
        return "0", "4", "Pendapatan"
    if akun.startswith("6.1"):
        return "2", "6.1", "Penerimaan Pembiayaan"
    if akun.startswith("6.2"):
        return "3", "6.2", "Pengeluaran Pembiayaan"
    return f"1{kegiatan[:2]}", kegiatan[:2], f"Belanja Bidang {kode.bidang(kegiatan[:2])}"


def _ringkasan(ekspor: siskeudes.Ekspor, lama: dict[tuple[str, str], int]) -> list[dict]:
    rows: dict[str, dict] = {}

    def row(akun: str, kegiatan: str) -> dict:
        urut, kode_, nama = _kelompok(akun, kegiatan)
        return rows.setdefault(urut, {"kode": kode_, "nama": nama, "anggaran": 0, "realisasi": 0, "lama": 0,
                                      "baris": 0})
    for b in ekspor.baris:
        r = row(b.akun, b.kegiatan)
        r["anggaran"] += b.anggaran
        r["baris"] += 1
    for e in ekspor.realisasi:
        row(e.akun, e.kegiatan)["realisasi"] += e.jumlah
    for (kegiatan, akun), nilai in lama.items():
        row(akun, kegiatan)["lama"] += nilai
    return [rows[k] for k in sorted(rows)]


def _selisih(ekspor: siskeudes.Ekspor, lama: dict[tuple[str, str], tuple[int, str, str]]) -> list[Selisih]:
    """Lines new, changed (amount, text or source of funds: a corrected name is a change too) or gone."""
    baru = {(b.kegiatan, b.akun): b for b in ekspor.baris}
    hasil = []
    for pos, b in baru.items():
        if pos not in lama:
            hasil.append(Selisih("baru", b.kegiatan, b.akun, b.uraian, 0, b.anggaran))
            continue
        nilai, uraian, sumber = lama[pos]
        apa = tuple(nama for nama, beda in (("anggaran", nilai != b.anggaran), ("uraian", uraian != b.uraian),
                                            ("sumber dana", sumber != b.sumber_dana)) if beda)
        if apa:
            hasil.append(Selisih("berubah", b.kegiatan, b.akun, b.uraian, nilai, b.anggaran, apa))
    for pos, (nilai, uraian, _) in lama.items():
        if pos not in baru:
            hasil.append(Selisih("dihapus", pos[0], pos[1], uraian, nilai, 0))
    return sorted(hasil, key=lambda s: (s.akun[0], s.kegiatan, s.akun))


def _kunci_realisasi(kegiatan, akun, tanggal, jumlah, uraian, bukti) -> tuple:
    return (kegiatan, akun, str(tanggal), int(jumlah), " ".join(str(uraian or "").split())[:250], bukti)


async def _keadaan_db(ekspor: siskeudes.Ekspor) -> tuple[dict | None, dict, dict, bool]:
    """(version in force, its lines by pos as (anggaran, uraian, sumber dana), its kegiatan names, whether the
    file's realisation differs)."""
    berlaku = await Apbdes.select().where((Apbdes.tahun == ekspor.tahun) & (Apbdes.status == BERLAKU)).first().run()
    lama, nama = {}, {}
    if berlaku:
        rows = await BarisAnggaran.select(BarisAnggaran.kegiatan, BarisAnggaran.akun, BarisAnggaran.anggaran,
                                          BarisAnggaran.uraian, BarisAnggaran.sumber_dana).where(
            BarisAnggaran.apbdes == berlaku["id"]).run()
        lama = {(r["kegiatan"], r["akun"]): (int(r["anggaran"]), r["uraian"] or "", r["sumber_dana"] or "")
                for r in rows}
        nama = await kegiatan_versi(berlaku["id"])
    berubah = False
    if ekspor.ada_jurnal:
        tercatat = await Realisasi.select(Realisasi.kegiatan, Realisasi.akun, Realisasi.tanggal, Realisasi.jumlah,
                                          Realisasi.uraian, Realisasi.bukti).where(
            (Realisasi.tahun == ekspor.tahun) & (Realisasi.sumber == SISKEUDES)).run()
        berubah = sorted(_kunci_realisasi(**r) for r in tercatat) != sorted(
            _kunci_realisasi(e.kegiatan, e.akun, e.tanggal, e.jumlah, e.uraian, e.bukti) for e in ekspor.realisasi)
    return berlaku, lama, nama, berubah


async def _pos_hilang(ekspor: siskeudes.Ekspor) -> tuple[list, list]:
    """(blocking, typed-by-hand) pos with realisation that the file's lines drop (see Pratinjau.hilang)."""
    pos = {(b.kegiatan, b.akun) for b in ekspor.baris}
    if not ekspor.ada_jurnal:  # every realisation recorded stays: all of it needs its line
        return await pos_terealisasi_tanpa_baris(ekspor.tahun, pos), []
    jurnal: dict[tuple[str, str], int] = {}
    for e in ekspor.realisasi:
        if (e.kegiatan, e.akun) not in pos:
            jurnal[(e.kegiatan, e.akun)] = jurnal.get((e.kegiatan, e.akun), 0) + e.jumlah
    hilang = sorted(((k, a, n) for (k, a), n in jurnal.items()), key=lambda h: urutan_kode(f"{h[0]}/{h[1]}"))
    return hilang, await pos_terealisasi_tanpa_baris(ekspor.tahun, pos, kecuali_sumber=SISKEUDES)


async def _manual(tahun: int) -> tuple[list[dict], list[int]]:
    """The year's realisation typed in Balai: (summary rows as in _ringkasan, their ids)."""
    rows = await Realisasi.select(Realisasi.id, Realisasi.kegiatan, Realisasi.akun, Realisasi.jumlah).where(
        (Realisasi.tahun == tahun) & (Realisasi.sumber == MANUAL)).run()
    ringkas: dict[str, dict] = {}
    for r in rows:
        urut, kode_, nama = _kelompok(r["akun"], r["kegiatan"])
        baris = ringkas.setdefault(urut, {"kode": kode_, "nama": nama, "catatan": 0, "jumlah": 0})
        baris["catatan"] += 1
        baris["jumlah"] += int(r["jumlah"])
    return [ringkas[k] for k in sorted(ringkas)], [r["id"] for r in rows]


async def baca(data: bytes) -> siskeudes.Ekspor:
    """Read the zip off the event loop (a large export takes a few hundred ms). Raises SiskeudesError."""
    return await anyio.to_thread.run_sync(siskeudes.baca_zip, data)


async def periksa(data: bytes, ekspor: siskeudes.Ekspor | None = None) -> Pratinjau:
    """The dry run: what applying this export would change. Writes nothing. Raises SiskeudesError."""
    ekspor = ekspor or await baca(data)
    berlaku, lama, nama_lama, realisasi_berubah = await _keadaan_db(ekspor)
    selisih = _selisih(ekspor, lama) if berlaku else [Selisih("baru", b.kegiatan, b.akun, b.uraian, 0, b.anggaran)
                                                      for b in ekspor.baris]
    kegiatan_berubah = [(k, nama_lama[k], n) for k, n in sorted(ekspor.kegiatan.items())
                        if k in nama_lama and nama_lama[k] != n]
    hilang, hilang_manual = await _pos_hilang(ekspor)
    if ekspor.masalah or hilang:
        keadaan = MASALAH
    elif berlaku and berlaku["sidik_berkas"] == ekspor.sidik:
        keadaan = SAMA
    elif berlaku and not selisih and not kegiatan_berubah:
        keadaan = REALISASI
    else:
        keadaan = VERSI_BARU
    draf = await Apbdes.select(Apbdes.id, Apbdes.nama, Apbdes.versi).where(
        (Apbdes.tahun == ekspor.tahun) & (Apbdes.status == DRAF)).first().run()
    if keadaan == VERSI_BARU and draf:
        keadaan = ADA_DRAF
    return Pratinjau(ekspor, berlaku, keadaan, _ringkasan(ekspor, {p: v[0] for p, v in lama.items()}), selisih,
                     realisasi_berubah, draf, kegiatan_berubah, hilang, hilang_manual,
                     (await _manual(ekspor.tahun))[0] if ekspor.ada_jurnal else [])


def _cek_tanggal(tahun: int, sejak: date | None, berlaku: dict | None) -> None:
    if sejak is None:
        raise KeuanganError({"berlaku_sejak": "Isi tanggal berlaku dengan benar."})
    if not date(tahun - 1, 1, 1) <= sejak <= date(tahun + 1, 12, 31):
        raise KeuanganError({"berlaku_sejak": f"Tanggal berlaku harus antara 1 Januari {tahun - 1} dan "
                                              f"31 Desember {tahun + 1}."})
    if berlaku and berlaku["berlaku_sejak"] and sejak < berlaku["berlaku_sejak"]:
        raise KeuanganError({"berlaku_sejak": f"Tanggal berlaku tidak boleh sebelum "
                                              f"{berlaku['berlaku_sejak']:%d-%m-%Y}, tanggal berlakunya "
                                              f"{berlaku['nama']}."})


def _realisasi_rows(ekspor: siskeudes.Ekspor) -> list[dict]:
    return [{"kegiatan": e.kegiatan, "akun": e.akun, "tanggal": e.tanggal, "jumlah": e.jumlah, "uraian": e.uraian,
             "bukti": e.bukti} for e in ekspor.realisasi]


async def _hapus_manual(request, tahun: int) -> dict:
    """Remove the year's realisation typed in Balai (each removal audited); returns what the import's entry logs."""
    ringkas, ids = await _manual(tahun)
    for realisasi_id in ids:
        await hapus_realisasi(request, realisasi_id)
    return {"hapus_manual": len(ids), "hapus_manual_jumlah": sum(r["jumlah"] for r in ringkas)}


async def terapkan(request, data: bytes, *, berlaku_sejak: date | None, hapus_manual: bool = False,
                   ekspor: siskeudes.Ekspor | None = None) -> tuple[str, Pratinjau, int | None]:
    """Apply the export in one write transaction: (what was done: SAMA / REALISASI / VERSI_BARU, the dry run it
    was decided on, the new version's id or None). `hapus_manual`: also remove the year's realisation typed in
    Balai (offered when the file brings a journal). Raises KeuanganError (nothing written) or SiskeudesError."""
    ekspor = ekspor or await baca(data)
    async with write_transaction():
        # decided again inside the transaction: another officer may have applied something since the dry run
        p = await periksa(data, ekspor)
        if p.keadaan == MASALAH and ekspor.masalah:
            raise KeuanganError(f"Berkas masih memuat {len(ekspor.masalah)} baris bermasalah; perbaiki di Siskeudes, "
                                "ekspor ulang, lalu impor lagi. Belum ada yang diubah.")
        if p.keadaan == MASALAH:
            raise KeuanganError(f"{pesan_pos_hilang(p.hilang)} Perbaiki di Siskeudes, ekspor ulang, lalu impor lagi. "
                                "Belum ada yang diubah.")
        if p.keadaan == ADA_DRAF:
            raise KeuanganError(f"Masih ada rancangan {p.draf['nama']}; tetapkan atau hapus rancangan itu dulu, lalu "
                                "impor lagi. Belum ada yang diubah.")
        hapus_manual = hapus_manual and bool(p.manual)
        if p.keadaan == SAMA or not p.boleh_terapkan or (p.keadaan == REALISASI and not p.realisasi_berubah
                                                          and not hapus_manual):
            return SAMA, p, None
        if p.hilang_manual and not hapus_manual:
            raise KeuanganError({"hapus_manual": f"{pesan_pos_hilang(p.hilang_manual)} Realisasinya diisi di Balai. "
                                                 "Belum ada yang diubah."})
        dihapus = await _hapus_manual(request, ekspor.tahun) if hapus_manual else {}
        if p.keadaan == REALISASI:
            await ganti_realisasi_impor(request, ekspor.tahun, _realisasi_rows(ekspor))
            # the version in force now matches this file (budget and journal): an older file is no longer "the same"
            await Apbdes.update({Apbdes.sidik_berkas: ekspor.sidik}).where(Apbdes.id == p.berlaku["id"]).run()
            await log_change(request, "impor", "keuangan.apbdes", p.berlaku["id"],
                             {"sumber": SISKEUDES, "sidik_berkas": ekspor.sidik, "hanya_realisasi": True,
                              "realisasi": len(ekspor.realisasi), **dihapus})
            return REALISASI, p, None
        _cek_tanggal(ekspor.tahun, berlaku_sejak, p.berlaku)
        versi = await Apbdes.select(Apbdes.versi).where(Apbdes.tahun == ekspor.tahun).order_by(
            Apbdes.versi, ascending=False).first().run()
        nomor = (versi["versi"] + 1) if versi else 1
        if p.berlaku:  # first: at most one version in force (unique index)
            await Apbdes.update({Apbdes.status: DIGANTI}).where(Apbdes.id == p.berlaku["id"]).run()
        sekarang = datetime.now(timezone.utc)
        baru = await Apbdes.insert(Apbdes(tahun=ekspor.tahun, versi=nomor, nama=nama_versi(ekspor.tahun, nomor),
                                          status=BERLAKU, berlaku_sejak=berlaku_sejak, sumber=SISKEUDES,
                                          sidik_berkas=ekspor.sidik, dibuat=sekarang, diubah=sekarang)).run()
        apbdes_id = baru[0]["id"]
        await bulk_insert(Kegiatan, [{"apbdes": apbdes_id, "kode": k, "nama": n} for k, n in ekspor.kegiatan.items()])
        await bulk_insert(BarisAnggaran, [{"apbdes": apbdes_id, "kegiatan": b.kegiatan, "akun": b.akun,
                                           "uraian": b.uraian, "anggaran": b.anggaran, "sumber_dana": b.sumber_dana}
                                          for b in ekspor.baris])
        if ekspor.ada_jurnal:
            await ganti_realisasi_impor(request, ekspor.tahun, _realisasi_rows(ekspor))
        await log_change(request, "impor", "keuangan.apbdes", apbdes_id,
                         {"sumber": SISKEUDES, "sidik_berkas": ekspor.sidik, "tahun": ekspor.tahun, "versi": nomor,
                          "berlaku_sejak": berlaku_sejak.isoformat(),
                          "mengganti": p.berlaku["id"] if p.berlaku else None,
                          "baris": len(ekspor.baris), "kegiatan": len(ekspor.kegiatan),
                          "anggaran": sum(b.anggaran for b in ekspor.baris),
                          "realisasi": len(ekspor.realisasi) if ekspor.ada_jurnal else None, **dihapus})
        await public_changed()
    return VERSI_BARU, p, apbdes_id
