"""The `keuangan` section of a preset (<preset>/keuangan/): the APB Desa of some years with realisation.

Files (every year relative to the day the preset is applied: 0 this year, -1 last year):

- ``apbdes.toml``: one ``[[apbdes]]`` per year: ``tahun = -1``; ``nama`` (optional, "APB Desa <year>");
  ``nomor_perdes`` ("{tahun}" becomes the year); ``berlaku_sejak = "01-02"`` (month-day of that year).
- ``anggaran.csv``: ``tahun,kegiatan,kegiatan_nama,akun,uraian,anggaran,sumber_dana``: the lines of each year
  (``anggaran`` in rupiah as an operator types it, "912.400.000"; ``kegiatan`` empty for pendapatan and
  pembiayaan). Checked line by line by the plugin's own rules (Permendagri 20/2018 codes).
- ``realisasi.csv`` (optional): ``tahun,tanggal,kegiatan,akun,jumlah,uraian,bukti``, ``tanggal`` month-day;
  a row dated after the day the preset is applied is left out, so this year is realised "so far". Recorded as
  imported from Siskeudes (where a nagari keeps its books); a trainee records more by hand.

Everything is read and checked before the first write; a bad file is refused naming the file and row.
The export writes the budgets in force (apbdes.toml and anggaran.csv), never realisation: a journal entry may name
the person paid.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from plugin_sdk.preset import GalatPreset, baca_csv, baca_toml, bulan_hari, tahun_relatif, tulis_toml

from plugins.keuangan import layanan
from plugins.keuangan.jumlah import JumlahError
from plugins.keuangan.kode import normal_akun, normal_kegiatan
from plugins.keuangan.periksa import KeuanganError, baca_sen, periksa_semua

KOLOM_ANGGARAN = ("tahun", "kegiatan", "kegiatan_nama", "akun", "uraian", "anggaran", "sumber_dana")
KOLOM_REALISASI = ("tahun", "tanggal", "kegiatan", "akun", "jumlah", "uraian", "bukti")


PALING_AWAL = -50  # a budget older than fifty years is a typo, not a training room's history


def _apbdes(folder: Path, hari_ini: date) -> dict[int, dict]:
    data = baca_toml(folder / "apbdes.toml", "keuangan/apbdes.toml", wajib=True)
    hasil: dict[int, dict] = {}
    for n, isi in enumerate(data.get("apbdes") or [], start=1):
        tempat = f"keuangan/apbdes.toml, [[apbdes]] ke-{n}"
        if not isinstance(isi, dict):
            raise GalatPreset(f"{tempat}: harus berupa tabel.")
        tahun = tahun_relatif(isi.get("tahun", ""), hari_ini, tempat, PALING_AWAL)
        if tahun in hasil:
            raise GalatPreset(f"{tempat}: APB Desa tahun {tahun} sudah ada di atasnya.")
        hasil[tahun] = {"nama": str(isi.get("nama") or "").strip().replace("{tahun}", str(tahun)) or None,
                        "nomor_perdes": str(isi.get("nomor_perdes") or "").replace("{tahun}", str(tahun)),
                        "berlaku_sejak": bulan_hari(tahun, isi.get("berlaku_sejak") or "01-02", tempat)}
    if not hasil:
        raise GalatPreset("keuangan/apbdes.toml: belum ada [[apbdes]].")
    return hasil


def _anggaran(folder: Path, hari_ini: date, tahun_ada: dict[int, dict]) -> dict[int, list[dict]]:
    per_tahun: dict[int, list[tuple[int, dict]]] = {t: [] for t in tahun_ada}
    for n, row in baca_csv(folder / "anggaran.csv", "keuangan/anggaran.csv", KOLOM_ANGGARAN, wajib=True):
        tempat = f"keuangan/anggaran.csv baris {n}"
        tahun = tahun_relatif(row["tahun"], hari_ini, tempat, PALING_AWAL)
        if tahun not in per_tahun:
            raise GalatPreset(f"{tempat}: tahun {tahun} tidak ada di apbdes.toml.")
        per_tahun[tahun].append((n, row))
    hasil = {}
    for tahun, rows in per_tahun.items():
        if not rows:
            raise GalatPreset(f"keuangan/anggaran.csv: APB Desa tahun {tahun} belum berisi baris anggaran.")
        galat, _ = periksa_semua([r for _, r in rows], set())
        for kunci, pesan in galat.items():  # "baris 3": the third line of that year
            nomor = rows[int(kunci.split()[1]) - 1][0]
            raise GalatPreset(f"keuangan/anggaran.csv baris {nomor}: {pesan}")
        hasil[tahun] = [r for _, r in rows]
    return hasil


def _realisasi(folder: Path, hari_ini: date, anggaran: dict[int, list[dict]]) -> dict[int, list[dict]]:
    pos = {t: {(normal_kegiatan(r["kegiatan"]), normal_akun(r["akun"])) for r in rows}
           for t, rows in anggaran.items()}
    hasil: dict[int, list[dict]] = {t: [] for t in anggaran}
    for n, row in baca_csv(folder / "realisasi.csv", "keuangan/realisasi.csv", KOLOM_REALISASI):
        tempat = f"keuangan/realisasi.csv baris {n}"
        tahun = tahun_relatif(row["tahun"], hari_ini, tempat, PALING_AWAL)
        if tahun not in pos:
            raise GalatPreset(f"{tempat}: tahun {tahun} tidak ada di apbdes.toml.")
        tanggal = bulan_hari(tahun, row["tanggal"], tempat)
        kunci = (normal_kegiatan(row["kegiatan"]), normal_akun(row["akun"]))
        if kunci not in pos[tahun]:
            raise GalatPreset(f"{tempat}: tidak ada baris anggaran untuk kegiatan {kunci[0] or '-'} rekening "
                              f"{kunci[1] or '(kosong)'} di APB Desa {tahun}.")
        try:
            jumlah = baca_sen(row["jumlah"])
        except JumlahError as exc:
            raise GalatPreset(f"{tempat}: {exc.pesan}") from None
        if jumlah == 0:
            raise GalatPreset(f"{tempat}: jumlah realisasi harus lebih dari nol.")
        if tanggal > hari_ini:  # this year: what has happened so far
            continue
        hasil[tahun].append({"kegiatan": kunci[0], "akun": kunci[1], "tanggal": tanggal, "jumlah": jumlah,
                             "uraian": row["uraian"], "bukti": row["bukti"].replace("{tahun}", str(tahun))})
    return hasil


async def terapkan(konteks, folder: Path) -> None:
    """Each year's APB Desa made, filled, put in force and realised, through the plugin's own services."""
    hari_ini, req = konteks.hari_ini, konteks.request
    apbdes = _apbdes(folder, hari_ini)
    anggaran = _anggaran(folder, hari_ini, apbdes)
    realisasi = _realisasi(folder, hari_ini, anggaran)
    for tahun in sorted(apbdes):
        meta = apbdes[tahun]
        try:
            apbdes_id = await layanan.buat_apbdes(req, tahun, nama=meta["nama"])
            await layanan.simpan_banyak(req, apbdes_id, anggaran[tahun])
            await layanan.tetapkan(req, apbdes_id, berlaku_sejak=meta["berlaku_sejak"],
                                   nomor_perdes=meta["nomor_perdes"])
            if realisasi[tahun]:
                await layanan.ganti_realisasi_impor(req, tahun, realisasi[tahun])
        except KeuanganError as exc:
            raise GalatPreset(f"keuangan: APB Desa {tahun}: {exc.pesan} {' '.join(exc.galat.values())}".strip()) \
                from None
    konteks.catat(f"APB Desa {', '.join(map(str, sorted(apbdes)))}: "
                  f"{sum(len(v) for v in anggaran.values())} baris anggaran, "
                  f"{sum(len(v) for v in realisasi.values())} catatan realisasi")


def _rupiah(sen: int) -> str:
    rupiah, sisa = divmod(int(sen), 100)
    return f"{rupiah:,}".replace(",", ".") + (f",{sisa:02d}" if sisa else "")


async def ekspor(konteks, folder: Path) -> None:
    """The budgets in force, one per year, as apbdes.toml and anggaran.csv (no realisation)."""
    from plugins.keuangan.api import tahun_tersedia, versi_berlaku
    from plugins.keuangan.tables import BarisAnggaran, Kegiatan

    daftar, baris = [], []
    for tahun in sorted(await tahun_tersedia()):
        versi = await versi_berlaku(tahun)
        if versi is None or tahun > konteks.hari_ini.year:
            continue
        sejak = versi["berlaku_sejak"] or date(tahun, 1, 2)
        daftar.append({"tahun": tahun - konteks.hari_ini.year, "nama": versi["nama"].replace(str(tahun), "{tahun}"),
                       "nomor_perdes": versi["nomor_perdes"].replace(str(tahun), "{tahun}"),
                       "berlaku_sejak": f"{sejak:%m-%d}" if sejak.year == tahun else "01-02"})
        nama = {r["kode"]: r["nama"] for r in await Kegiatan.select().where(Kegiatan.apbdes == versi["id"]).run()}
        dicatat: set[str] = set()
        for r in await BarisAnggaran.select().where(BarisAnggaran.apbdes == versi["id"]).order_by(
                BarisAnggaran.kegiatan).order_by(BarisAnggaran.akun).run():
            kegiatan_nama = nama.get(r["kegiatan"], "") if r["kegiatan"] not in dicatat else ""
            dicatat.add(r["kegiatan"])
            baris.append({"tahun": daftar[-1]["tahun"], "kegiatan": r["kegiatan"], "kegiatan_nama": kegiatan_nama,
                          "akun": r["akun"], "uraian": r["uraian"], "anggaran": _rupiah(r["anggaran"]),
                          "sumber_dana": r["sumber_dana"]})
    if not daftar:
        return
    for isi in daftar:  # a name that was only the default is left to the default, so it follows the year
        if isi["nama"] == "APB Desa {tahun}":
            del isi["nama"]
    (folder / "apbdes.toml").write_text(tulis_toml({"apbdes": daftar}), encoding="utf-8")
    with (folder / "anggaran.csv").open("w", encoding="utf-8", newline="") as berkas:
        penulis = csv.DictWriter(berkas, fieldnames=KOLOM_ANGGARAN, lineterminator="\n")
        penulis.writeheader()
        penulis.writerows(baris)
