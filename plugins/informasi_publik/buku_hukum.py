"""The regulation books of the Buku Administrasi Desa (Permendagri 47/2016, part A) for `buku_administrasi`:
A.1 Buku Peraturan di Desa, A.2 Buku Keputusan Kepala Desa, A.9 Buku Lembaran Desa dan Berita Desa.

Rows are the regulations themselves, oldest first as a register is written; the period is the year of the
number (and a month, of the enactment), the search finds the title, subject and remarks. Kinds are named in the terms of the nagari's profile.
"""

from __future__ import annotations

from plugins.informasi_publik import hukum
from plugins.informasi_publik.tabel_hukum import DICABUT, DIUBAH, KEPKADES, PERBER, PERDES, PERKADES, ProdukHukum


async def _profil() -> dict:
    from plugin_sdk.register import stored_profile

    return dict(await stored_profile())


async def _baris(saring, jenis: tuple[str, ...], *, diundangkan: bool = False) -> list[dict]:
    syarat = [ProdukHukum.jenis.is_in(list(jenis))]
    if saring.tahun is not None:
        syarat.append(ProdukHukum.tahun == saring.tahun)
    if diundangkan:
        syarat.append(ProdukHukum.diundangkan.is_not_null())
    rows = await ProdukHukum.select().where(*syarat).order_by(ProdukHukum.tahun).order_by(
        ProdukHukum.ditetapkan).order_by(ProdukHukum.nomor).run()
    jarum = (saring.cari or "").strip().lower()
    bulan = getattr(saring, "bulan", None)
    return [r for r in rows if (not jarum or jarum in f"{r['cari']} {r['keterangan'].lower()}")
            and (not bulan or r["ditetapkan"].month == bulan)]


def _keterangan(row: dict, kaitan: dict, profil: dict) -> str:
    bagian = []
    if row["status"] in (DIUBAH, DICABUT):
        oleh = kaitan.get(row["status_oleh"])
        kata = "Dicabut" if row["status"] == DICABUT else "Diubah"
        bagian.append(f"{kata} dengan {hukum.sebutan(oleh, profil)}" if oleh else kata)
    if row["keterangan"]:
        bagian.append(row["keterangan"])
    return "; ".join(bagian)


def _nomor_tanggal(nomor, tanggal) -> str:
    if not tanggal:
        return ""
    return f"{nomor}, {tanggal.strftime('%d-%m-%Y')}" if nomor else tanggal.strftime("%d-%m-%Y")


async def _susun(saring, jenis, mulai, batas, *, diundangkan: bool = False):
    from plugins.buku_administrasi.api import slice_rows

    profil = await _profil()
    rows = await _baris(saring, jenis, diundangkan=diundangkan)
    kaitan = await hukum.nama_menurut_id([r["status_oleh"] for r in rows])
    nama = hukum.nama_jenis(profil)
    keluar = []
    for r in rows:
        lembaran = hukum.lembaran(r["jenis"], profil)
        keluar.append({
            "jenis": nama[r["jenis"]], "nomor_tanggal": _nomor_tanggal(r["nomor"], r["ditetapkan"]),
            "nomor": r["nomor"], "ditetapkan": r["ditetapkan"], "tentang": r["judul"], "pokok": r["pokok"],
            "disepakati": r["disepakati"], "diundangkan": r["diundangkan"], "nomor_lembaran": r["nomor_lembaran"],
            "lembaran": _nomor_tanggal(r["nomor_lembaran"], r["diundangkan"]) if lembaran.startswith("Lembaran")
            else "",
            "berita": _nomor_tanggal(r["nomor_lembaran"], r["diundangkan"]) if lembaran.startswith("Berita") else "",
            "dalam": lembaran, "keterangan": _keterangan(r, kaitan, profil)})
    return slice_rows(keluar, mulai, batas)


async def peraturan(saring, *, mulai: int = 0, batas: int | None = None):
    return await _susun(saring, (PERDES, PERKADES, PERBER), mulai, batas)


async def keputusan(saring, *, mulai: int = 0, batas: int | None = None):
    return await _susun(saring, (KEPKADES,), mulai, batas)


async def lembaran_berita(saring, *, mulai: int = 0, batas: int | None = None):
    return await _susun(saring, (PERDES, PERKADES, PERBER), mulai, batas, diundangkan=True)


def books() -> list:
    from plugins.buku_administrasi.api import Buku, Kolom

    a1 = (Kolom("jenis", "Jenis peraturan"), Kolom("nomor_tanggal", "Nomor dan tanggal ditetapkan"),
          Kolom("tentang", "Tentang"), Kolom("pokok", "Uraian singkat"),
          Kolom("disepakati", "Tanggal kesepakatan peraturan", "date"),
          Kolom("lembaran", "Nomor dan tanggal diundangkan dalam Lembaran Desa"),
          Kolom("berita", "Nomor dan tanggal diundangkan dalam Berita Desa"), Kolom("keterangan", "Keterangan"))
    a2 = (Kolom("nomor", "Nomor keputusan", "number"), Kolom("ditetapkan", "Tanggal keputusan", "date"),
          Kolom("tentang", "Tentang"), Kolom("pokok", "Uraian singkat"), Kolom("keterangan", "Keterangan"))
    a9 = (Kolom("jenis", "Jenis peraturan"), Kolom("nomor_tanggal", "Nomor dan tanggal ditetapkan"),
          Kolom("tentang", "Tentang"), Kolom("dalam", "Diundangkan dalam"),
          Kolom("diundangkan", "Tanggal diundangkan", "date"), Kolom("nomor_lembaran", "Nomor diundangkan"),
          Kolom("keterangan", "Keterangan"))
    cari = "Cari judul, uraian atau keterangan"
    return [
        Buku("A.1", "Buku Peraturan di Desa", a1, peraturan, saringan=("periode", "cari"), urutan=10,
             petunjuk_cari=cari,
             keterangan="Peraturan desa, peraturan kepala desa dan peraturan bersama, dengan statusnya."),
        Buku("A.2", "Buku Keputusan Kepala Desa", a2, keputusan, saringan=("periode", "cari"), urutan=20,
             petunjuk_cari=cari, keterangan="Keputusan kepala desa menurut nomor dan tanggalnya."),
        Buku("A.9", "Buku Lembaran Desa dan Berita Desa", a9, lembaran_berita, saringan=("periode", "cari"),
             urutan=90, petunjuk_cari=cari,
             keterangan="Peraturan yang sudah diundangkan dalam Lembaran Desa atau Berita Desa."),
    ]
