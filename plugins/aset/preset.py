"""The `aset` section of a preset (<preset>/aset/): the nagari's inventory and the mutations of its assets.

Files (years relative to the day the preset is applied where noted: 0 this year, -1 last year):

- ``aset.csv``: one asset a row, the columns of the office's form (``golongan, kode_barang, nama, jumlah, satuan,
  jorong, lokasi, lintang, bujur, tahun_perolehan, tanggal_perolehan, asal, nilai, kondisi, luas, keterangan,
  tanah_kas, sertifikat, jenis_tanah, kelas_tanah, patok, papan_nama, peruntukan, anggaran``), any left out
  empty. ``tahun_perolehan``: a calendar year (1985) or a relative one (0, -6); ``tanggal_perolehan``: month-day
  of that year ("03-12") or empty; ``jorong``: the jorong's name or empty; ``anggaran``: an activity of the APB
  Desa as "<relative year>|<activity code>" ("-1|02.06.01"), linked only when `keuangan` is enabled (the APB Desa
  section comes first); ``nama`` is unique in the file (mutasi.csv names assets by it).
- ``mutasi.csv`` (optional): ``aset,jenis,tahun,tanggal,kondisi_baru,nilai,pihak,dokumen,keterangan``: ``aset``
  the asset's ``nama``, ``tahun`` relative and ``tanggal`` month-day; "{tahun}" in ``dokumen`` becomes the year.

Every asset is checked by the form's own rules before the first write (a bad row refused with its file and row);
then registered through `daftarkan`, mutations through `catat_mutasi`. Nothing is exported: the inventory belongs
to one nagari (and a sale names its buyer), so the section has no configuration to carry to the next.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plugin_sdk.preset import GalatPreset, baca_csv, bulan_hari, tahun_relatif

from plugins.aset.layanan import AsetError, catat_mutasi, daftarkan, jorong_nagari, kegiatan_anggaran, sebutan
from plugins.aset.periksa import KOLOM_ISIAN, periksa_aset

KOLOM_MUTASI = ("aset", "jenis", "tahun", "tanggal", "kondisi_baru", "nilai", "pihak", "dokumen", "keterangan")


def _tahun_perolehan(teks: str, hari_ini: date, tempat: str) -> int:
    """A relative year (0, -1, ...) as the calendar year, or a calendar year (from 1900) as written: an old asset
    was acquired in a year the office knows."""
    if teks.isdigit() and int(teks) >= 1900:
        return int(teks)
    try:
        return tahun_relatif(teks, hari_ini, tempat)
    except GalatPreset:
        raise GalatPreset(f"{tempat}: tahun {teks!r} harus ditulis relatif: 0 tahun berjalan, -1 tahun lalu, "
                          "atau tahun kalender seperti 1985.") from None


def _tanggal(tahun: int, teks: str, tempat: str) -> str:
    """ "03-12" of `tahun` as the form's YYYY-MM-DD; "" stays ""."""
    return bulan_hari(tahun, teks, tempat).isoformat() if teks else ""


def _pesan(exc: AsetError) -> str:
    return " ".join(exc.galat.values())


async def _aset(konteks, path: Path, keuangan: bool) -> list[tuple[int, dict]]:
    """(row number, the form's fields) of every asset, each checked as the form would be."""
    hari_ini = konteks.hari_ini
    jorong = {nama: wid for wid, nama in (await jorong_nagari()).items()}
    dusun = sebutan(konteks.request)["dusun"]
    kegiatan: dict[int, dict[str, str]] = {}
    hasil, nama_ada = [], {}
    kolom = ("golongan", "kode_barang", "nama", "tahun_perolehan", "asal", "nilai")
    for n, row in baca_csv(path, "aset/aset.csv", kolom, wajib=True):
        tempat = f"aset/aset.csv baris {n}"
        if asing := sorted(set(row) - set(KOLOM_ISIAN)):
            raise GalatPreset(f"{tempat}: kolom {', '.join(asing)} tidak dikenal.")
        isian = {k: row.get(k, "") for k in KOLOM_ISIAN}
        tahun = _tahun_perolehan(isian["tahun_perolehan"], hari_ini, tempat)
        isian["tahun_perolehan"] = str(tahun)
        isian["tanggal_perolehan"] = _tanggal(tahun, isian["tanggal_perolehan"], tempat)
        if isian["jorong"]:
            if isian["jorong"] not in jorong:
                raise GalatPreset(f"{tempat}: {dusun.lower()} {isian['jorong']!r} tidak ada.")
            isian["jorong"] = str(jorong[isian["jorong"]])
        if isian["anggaran"]:
            relatif, _, kode = isian["anggaran"].partition("|")
            th = tahun_relatif(relatif, hari_ini, tempat)
            if not keuangan:
                isian["anggaran"] = ""  # the budget plugin is left out of this nagari: no link to make
            elif kode not in kegiatan.setdefault(th, await kegiatan_anggaran(konteks.request, th)):
                raise GalatPreset(f"{tempat}: kegiatan {kode or '(kosong)'} tidak ada dalam APB Desa tahun {th}.")
            else:
                isian["anggaran"] = f"{th}|{kode}"
        _, galat = periksa_aset(isian, hari_ini=hari_ini, jorong_ada=set(jorong.values()), sebutan_dusun=dusun)
        if galat:
            raise GalatPreset(f"{tempat}: {' '.join(galat.values())}")
        if isian["nama"] in nama_ada:
            raise GalatPreset(f"{tempat}: nama {isian['nama']!r} sudah dipakai di baris {nama_ada[isian['nama']]}.")
        nama_ada[isian["nama"]] = n
        hasil.append((n, isian))
    return hasil


def _mutasi(path: Path, hari_ini: date, nama_aset: set[str]) -> list[tuple[str, dict]]:
    hasil = []
    for n, row in baca_csv(path, "aset/mutasi.csv", KOLOM_MUTASI[:4]):
        tempat = f"aset/mutasi.csv baris {n}"
        if row["aset"] not in nama_aset:
            raise GalatPreset(f"{tempat}: aset {row['aset']!r} tidak ada di aset.csv.")
        tahun = tahun_relatif(row["tahun"], hari_ini, tempat)
        isian = {k: row.get(k, "") for k in KOLOM_MUTASI[4:]}
        isian.update(jenis=row["jenis"], tanggal=_tanggal(tahun, row["tanggal"], tempat),
                     dokumen=isian["dokumen"].replace("{tahun}", str(tahun)))
        hasil.append((tempat, {"aset": row["aset"], "isian": isian}))
    return hasil


async def terapkan(konteks, folder: Path) -> None:
    """The assets registered and their mutations recorded, through the plugin's own services."""
    from plugin_sdk import enabled_plugins

    keuangan = "keuangan" in await enabled_plugins(konteks.request)
    daftar = await _aset(konteks, folder / "aset.csv", keuangan)
    mutasi = _mutasi(folder / "mutasi.csv", konteks.hari_ini, {isian["nama"] for _, isian in daftar})
    ids: dict[str, int] = {}
    for n, isian in daftar:
        try:
            ids[isian["nama"]] = await daftarkan(konteks.request, isian, hari_ini=konteks.hari_ini)
        except AsetError as exc:
            raise GalatPreset(f"aset/aset.csv baris {n}: {_pesan(exc)}") from None
    for tempat, m in mutasi:
        try:
            await catat_mutasi(konteks.request, ids[m["aset"]], m["isian"], hari_ini=konteks.hari_ini)
        except AsetError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None
    konteks.catat(f"Inventaris aset: {len(daftar)} aset, {len(mutasi)} mutasi")
