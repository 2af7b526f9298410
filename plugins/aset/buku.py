"""Books A.3 Buku Inventaris dan Kekayaan Desa and A.5 Buku Tanah Kas Desa (Permendagri 47/2016, part A) for
`buku_administrasi`.

A.3 is a year's book: every asset the nagari owned at some time in the year, with its condition at the start and
at the end of the year (from its mutations), its removal when it ended in that year, and the year's mutations as
text; under it, the totals per KIB class and per origin of the assets owned at the end of the period (today for the
running one), laid out from rekap.py's `rekap()`, the computation the list page /admin/aset shows, never summed from
these rows. A.5 lists the land assets marked tanah kas desa with the columns of the Buku Tanah Kas Desa; it has no
totals. Both read the asset and mutation rows as they are.
"""

from __future__ import annotations

from datetime import date

from plugins.aset.kib import ASAL_A3, GOLONGAN, JENIS_TANAH, KONDISI, MUTASI_AKHIR, PERUBAHAN_KONDISI
from plugins.aset.mutasi import berlaku
from plugins.aset.rekap import rekap, syarat_dimiliki
from plugins.aset.tables import Aset, MutasiAset
from plugins.aset.teks import rupiah_utuh, tanggal_pendek

ASAL_CATATAN = ("Aset yang sama menurut asal perolehannya. Di kolom Asal barang, Dana Desa, Alokasi Dana Desa dan "
                "Pendapatan Asli Desa tertulis \u201cDibeli sendiri\u201d; hibah dan swadaya masyarakat tertulis "
                "\u201cSumbangan\u201d.")
PENGHAPUSAN = {"penjualan": "Dijual", "pemindahtanganan": "Dipindahtangankan", "penghapusan": "Dihapuskan"}


async def _hari_ini() -> date:
    """The nagari's today (its time zone), for a book asked without a period."""
    from plugin_sdk import today
    from plugin_sdk.register import stored_profile

    return today(await stored_profile())


async def _periode(saring) -> tuple[date, date]:
    """The period a book covers: the year asked (to the end of the month asked), else this year."""
    tahun = saring.tahun if saring.tahun is not None else (await _hari_ini()).year
    if saring.bulan:
        akhir = date(tahun + (saring.bulan == 12), saring.bulan % 12 + 1, 1)
        return date(tahun, 1, 1), date.fromordinal(akhir.toordinal() - 1)
    return date(tahun, 1, 1), date(tahun, 12, 31)


def _cocok(cari: str, row: dict) -> bool:
    jarum = (cari or "").strip().lower()
    return not jarum or any(jarum in (row[k] or "").lower() for k in ("nama", "kode_barang", "lokasi",
                                                                         "keterangan", "sertifikat"))


async def _aset(syarat: str, args: list, saring) -> list[dict]:
    """The assets meeting an SQL condition (rekap.syarat_dimiliki's), read through the table so dates and flags
    come back typed on both engines, in the book's order."""
    ids = [r["id"] for r in await Aset.raw(f"SELECT a.id FROM aset_barang a WHERE {syarat}", *args).run()]
    rows = []
    for mulai in range(0, len(ids), 500):  # stay under SQLite's variable limit
        rows += await Aset.select().where(Aset.id.is_in(ids[mulai:mulai + 500])).run()
    rows.sort(key=lambda r: (r["golongan"], r["kode_barang"], r["nomor_register"]))
    return [r for r in rows if _cocok(saring.cari, r)]


async def _mutasi(aset_id: list[int]) -> dict[int, list[dict]]:
    """The mutations that stand of these assets, by asset, in date order (one query per 500 assets): a cancelled
    mutation and its cancellation read as never having happened (mutasi.berlaku)."""
    per: dict[int, list[dict]] = {i: [] for i in aset_id}
    for mulai in range(0, len(aset_id), 500):
        rows = await MutasiAset.select().where(MutasiAset.aset.is_in(aset_id[mulai:mulai + 500])).order_by(
            MutasiAset.tanggal).order_by(MutasiAset.id).run()
        for m in rows:
            per[m["aset"]].append(m)
    return {i: berlaku(rows) for i, rows in per.items()}


def kondisi_pada(aset: dict, mutasi: list[dict], hari: date) -> str:
    """The asset's condition at the end of `hari`: the last condition change on or before it, else the condition
    it was registered with (the first change's old condition, or its current one)."""
    perubahan = [m for m in mutasi if m["jenis"] == PERUBAHAN_KONDISI]
    kondisi = perubahan[0]["kondisi_lama"] if perubahan else aset["kondisi"]
    for m in perubahan:
        if m["tanggal"] <= hari:
            kondisi = m["kondisi_baru"]
    return kondisi


def _diperoleh(aset: dict) -> date:
    return aset["tanggal_perolehan"] or date(aset["tahun_perolehan"], 1, 1)


# --- A.3 Buku Inventaris dan Kekayaan Desa ------------------------------------------------------------------------

async def inventaris(saring, *, mulai: int = 0, batas: int | None = None):
    from plugins.buku_administrasi.api import slice_rows
    from plugins.aset.mutasi import uraian_mutasi

    awal, akhir = await _periode(saring)
    syarat, args = syarat_dimiliki(awal, akhir)
    asets = await _aset(syarat, args, saring)
    mutasi = await _mutasi([a["id"] for a in asets])
    sebelum = date.fromordinal(awal.toordinal() - 1)
    rows = []
    for a in asets:
        semua = mutasi[a["id"]]
        tahun_ini = [m for m in semua if awal <= m["tanggal"] <= akhir]
        selesai = next((m for m in tahun_ini if m["jenis"] in MUTASI_AKHIR), None)
        baru = _diperoleh(a) >= awal  # acquired in the period: it had no condition at its start
        rows.append({
            "kode": f"{a['kode_barang']} / {a['nomor_register']}", "nama": a["nama"],
            "golongan": GOLONGAN.get(a["golongan"], a["golongan"]), "asal": ASAL_A3.get(a["asal"], a["asal"]),
            "tahun": a["tahun_perolehan"], "tanggal_perolehan": a["tanggal_perolehan"],
            "jumlah": a["jumlah"], "nilai": rupiah_utuh(a["nilai"]),
            "kondisi_awal": "" if baru else KONDISI.get(k := kondisi_pada(a, semua, sebelum), k),
            "penghapusan": PENGHAPUSAN.get(selesai["jenis"], "") if selesai else "",
            "tanggal_penghapusan": selesai["tanggal"] if selesai else None,
            "kondisi_akhir": "" if selesai else KONDISI.get(k := kondisi_pada(a, semua, akhir), k),
            "mutasi": "; ".join(uraian_mutasi(m) for m in tahun_ini), "keterangan": a["keterangan"]})
    return slice_rows(rows, mulai, batas)


async def ringkasan_inventaris(saring) -> list:
    """A.3's totals: `rekap()` on the last day of the period (today while it runs), per class and per origin, each
    table ending with the grand total. The search does not narrow them: they count every asset owned."""
    from plugin_sdk.dokumen import tanggal_panjang
    from plugins.buku_administrasi.api import Kolom, Ringkasan

    _, akhir = await _periode(saring)
    per = min(akhir, await _hari_ini())
    r = await rekap(per_tanggal=per)
    angka = (Kolom("jumlah", "Barang", "number"), Kolom("nilai", "Nilai perolehan (Rp)", "number"))
    total = {"nama": r.total.nama, "jumlah": r.total.jumlah, "nilai": rupiah_utuh(r.total.nilai)}
    dimiliki = (f"Aset yang dimiliki nagari pada {tanggal_panjang(per)} menurut nilai perolehannya, dihitung sama "
                "dengan halaman Inventaris Aset; pencarian tidak mengubahnya.")
    return [
        Ringkasan("Jumlah aset per golongan", (Kolom("nama", "Golongan"), *angka),
                  [*({"nama": f"{p.kode}. {p.nama}", "jumlah": p.jumlah, "nilai": rupiah_utuh(p.nilai)}
                     for p in r.per_golongan), total], dimiliki),
        Ringkasan("Jumlah aset per asal perolehan", (Kolom("nama", "Asal perolehan"), *angka),
                  [*({"nama": p.nama, "jumlah": p.jumlah, "nilai": rupiah_utuh(p.nilai)}
                     for p in r.per_asal if p.jumlah), total],
                  ASAL_CATATAN),
    ]


# --- A.5 Buku Tanah Kas Desa --------------------------------------------------------------------------------------

def _ada(nilai: bool) -> str:
    return "Ada" if nilai else "Tidak ada"


async def tanah_kas(saring, *, mulai: int = 0, batas: int | None = None):
    """A.5: without a period every parcel of tanah kas desa ever registered (a removed one with its mutation);
    with a year, the parcels owned at some time in it."""
    from plugins.buku_administrasi.api import slice_rows
    from plugins.aset.layanan import jorong_nagari
    from plugins.aset.mutasi import uraian_mutasi

    syarat, args = "a.golongan = {} AND a.tanah_kas = {}", ["A", True]
    awal = akhir = None
    if saring.tahun is not None:
        awal, akhir = await _periode(saring)
        lagi, lagi_args = syarat_dimiliki(awal, akhir)
        syarat, args = f"{syarat} AND {lagi}", args + lagi_args
    asets = await _aset(syarat, args, saring)
    mutasi = await _mutasi([a["id"] for a in asets])
    jorong = await jorong_nagari()
    rows = []
    for a in asets:
        dicatat = [m for m in mutasi[a["id"]] if awal is None or awal <= m["tanggal"] <= akhir]
        lokasi = ", ".join(t for t in (a["lokasi"], jorong.get(a["jorong"], "")) if t)
        perolehan = ASAL_A3.get(a["asal"], a["asal"]) + ", " + (
            tanggal_pendek(a["tanggal_perolehan"]) if a["tanggal_perolehan"] else str(a["tahun_perolehan"]))
        rows.append({
            "nama": a["nama"], "kode": f"{a['kode_barang']} / {a['nomor_register']}",
            "sertifikat": a["sertifikat"], "luas": a["luas"], "kelas": a["kelas_tanah"], "perolehan": perolehan,
            "jenis": JENIS_TANAH.get(a["jenis_tanah"], a["jenis_tanah"]), "patok": _ada(a["patok"]),
            "papan_nama": _ada(a["papan_nama"]), "lokasi": lokasi, "peruntukan": a["peruntukan"],
            "mutasi": "; ".join(uraian_mutasi(m) for m in dicatat), "keterangan": a["keterangan"]})
    return slice_rows(rows, mulai, batas)


def books() -> list:
    from plugins.buku_administrasi.api import Buku, Kolom

    a3 = (Kolom("kode", "Kode barang / register"), Kolom("nama", "Jenis barang/bangunan"),
          Kolom("golongan", "Golongan"), Kolom("asal", "Asal barang"), Kolom("tahun", "Tahun perolehan", "number"),
          Kolom("tanggal_perolehan", "Tanggal perolehan", "date"), Kolom("jumlah", "Jumlah", "number"),
          Kolom("nilai", "Nilai perolehan (Rp)", "number"), Kolom("kondisi_awal", "Keadaan awal tahun"),
          Kolom("penghapusan", "Penghapusan"), Kolom("tanggal_penghapusan", "Tanggal penghapusan", "date"),
          Kolom("kondisi_akhir", "Keadaan akhir tahun"), Kolom("mutasi", "Mutasi tahun ini"),
          Kolom("keterangan", "Keterangan"))
    a5 = (Kolom("nama", "Nama/asal tanah kas desa"), Kolom("kode", "Kode barang / register"),
          Kolom("sertifikat", "Nomor sertifikat/persil"), Kolom("luas", "Luas (m²)", "number"),
          Kolom("kelas", "Kelas"), Kolom("perolehan", "Perolehan"), Kolom("jenis", "Jenis tanah kas desa"),
          Kolom("patok", "Patok tanda batas"), Kolom("papan_nama", "Papan nama"), Kolom("lokasi", "Lokasi"),
          Kolom("peruntukan", "Peruntukan"), Kolom("mutasi", "Mutasi"), Kolom("keterangan", "Keterangan"))
    cari = "Cari nama, kode, lokasi atau keterangan"
    return [
        Buku("A.3", "Buku Inventaris dan Kekayaan Desa", a3, inventaris, saringan=("periode", "cari"), urutan=30,
             petunjuk_cari=cari, ringkasan=ringkasan_inventaris,
             keterangan="Aset yang dimiliki nagari dalam tahun itu, dengan keadaan awal dan akhir tahun, "
                        "penghapusan dan mutasinya. Tanpa periode: tahun berjalan."),
        Buku("A.5", "Buku Tanah Kas Desa", a5, tanah_kas, saringan=("periode", "cari"), urutan=50,
             petunjuk_cari=cari,
             keterangan="Tanah kas desa (aset tanah yang ditandai tanah kas desa) dengan sertifikat, luas, "
                        "batas dan peruntukannya. Tanpa periode: semua bidang yang pernah tercatat."),
    ]


__all__ = ["books", "inventaris", "ringkasan_inventaris", "tanah_kas", "kondisi_pada"]
