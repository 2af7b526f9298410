"""The demo nagari's profile and assets: last year's full profile of Nagari Taram (gambir, rice, cattle; about ten
indicators published, last year the published year) with two photos (one published), and its inventory (land, a
vehicle sold, a condition change), written through the plugins' own services so that the demo's figures pass the
same checks as a clerk's.

No figure is entered for this year: a trainer (and the browser test) copies last year's profile, changes a few, and
then publishes this year on /admin/potensi/terbit.
The figures are plausible for a nagari in Kabupaten Lima Puluh Kota, not official statistics of any real nagari.
"""

from __future__ import annotations

from datetime import date

# kode -> figure as a clerk types it, for the whole nagari (hectares add up to the nagari's area)
PROFIL = {
    "luas_wilayah": "4.753", "sawah_irigasi_teknis": "310", "sawah_irigasi_setengah_teknis": "420",
    "sawah_irigasi_sederhana": "185", "sawah_tadah_hujan": "95", "ladang_tegalan": "640",
    "lahan_perkebunan": "1.380", "hutan": "1.210", "permukiman": "265", "kolam_lahan": "18,5",
    "lahan_lain": "229,5",
    "padi_sawah_luas_tanam": "1.850", "padi_sawah_produksi": "9.620", "jagung_luas_tanam": "85",
    "jagung_produksi": "467,5", "ubi_kayu_luas_tanam": "22", "ubi_kayu_produksi": "396",
    "cabai_luas_tanam": "14,5", "cabai_produksi": "116",
    "gambir_luas": "980", "gambir_produksi": "1.470", "kopi_luas": "45", "kopi_produksi": "31,5",
    "karet_luas": "120", "karet_produksi": "96", "kelapa_sawit_luas": "15", "kelapa_sawit_produksi": "180",
    "kayu_manis_luas": "60", "kayu_manis_produksi": "42", "kakao_luas": "35", "kakao_produksi": "17,5",
    "sapi": "1.245", "kerbau": "310", "kambing": "860", "ayam_buras": "12.400", "itik": "3.150",
    "kelompok_ternak": "9",
    "kolam_ikan_luas": "18,5", "produksi_ikan": "146",
    "air_pdam": "180", "air_pamsimas": "520", "air_sumur": "460", "air_mata_air": "210", "air_sungai": "35",
    "jumlah_mata_air": "14",
    "paud": "4", "tk": "2", "sd_mi": "6", "smp_mts": "2", "sma_ma_smk": "1", "pesantren_mdta": "7", "pustu": "1",
    "poskesdes": "1", "posyandu": "6", "masjid": "9", "surau_musala": "24", "pasar_nagari": "1",
    "jalan_aspal": "18,4", "jalan_beton": "11,2", "jalan_kerikil": "7,5", "jalan_tanah": "5,8",
    "jalan_baik": "31,6", "jalan_rusak": "11,3", "jembatan": "12",
    "bumnag": "1", "koperasi": "2", "kelompok_tani": "28", "kwt": "6", "umkm": "142", "lembaga_keuangan": "1",
    "wisata_alam": "3", "wisata_budaya": "2", "homestay": "4", "kelompok_sadar_wisata": "1",
    "pengunjung_wisata": "18.500",
    "sanggar_seni": "3", "lapangan_olahraga": "5",
    "adat.tanah_ulayat": "1.250",  # the example plugin's indicator, entered only when `adat` is enabled
}
# kode -> figures per jorong, in the order of balai_demo.nama.JORONG
PER_JORONG = {
    "listrik_pln": ("99,2", "97,5", "96,8", "98,9", "93,4", "88,6"),
    "sinyal_4g": ("100", "90", "75", "100", "60", "40"),
    "menara_bts": ("1", "0", "1", "1", "0", "0"),
}
SUMBER = {
    "lahan": "Peta nagari dan Prodeskel", "pangan": "Penyuluh pertanian BPP Harau",
    "perkebunan": "Penyuluh pertanian BPP Harau", "peternakan": "Petugas peternakan Kecamatan Harau",
    "perikanan": "Penyuluh perikanan Kecamatan Harau", "air": "Pendataan kepala jorong",
    "sarana": "Pendataan kepala jorong", "jalan": "Pengukuran TPK nagari", "energi": "PLN ULP Payakumbuh",
    "ekonomi": "Kantor wali nagari", "wisata": "Pokdarwis Taram", "lainnya": "Kantor wali nagari",
}
KETERANGAN = {
    "gambir_produksi": "Gambir kering (gambir kampa) yang dijual ke pedagang pengumpul.",
    "jalan_rusak": "Terutama jalan usaha tani di Jorong Ladang Laweh.",
    "sinyal_4g": "Perkiraan petugas jorong dari pengamatan di lapangan.",
}
# kode -> the figures of two and three years ago: a few years of history for the charts (and nothing else)
RIWAYAT = {
    "gambir_luas": ("960", "945"), "gambir_produksi": ("1.380", "1.295"), "padi_sawah_produksi": ("9.410", "9.870"),
    "sapi": ("1.190", "1.120"), "kerbau": ("335", "352"), "jalan_aspal": ("15,9", "12,4"),
}
TERBIT = {"luas_wilayah", "padi_sawah_produksi", "gambir_luas", "gambir_produksi", "sapi", "kerbau", "posyandu",
          "jalan_aspal", "listrik_pln", "wisata_alam"}


async def buat_potensi(request, today: date | None = None) -> int:
    """Last year's profile, theme by theme through `simpan_tema`, a few figures of the two years before (for the
    history charts), the published indicators of last year, and the photos. Returns how many figures were entered.
    `request`: the demo's stand-in (it answers `emit`, so a plugin's indicator counts; it reaches the file store)."""
    from balai_demo.nama import JORONG
    from plugins.potensi.galeri import unggah_foto
    from plugins.potensi.indikator import TEMA, semua_indikator
    from plugins.potensi.layanan import daftar_jorong, simpan_tema
    from plugins.potensi.terbit import atur_terbit

    today = today or date.today()
    tahun = today.year - 1
    jorong = {j["nama"]: j["id"] for j in await daftar_jorong()}
    isian_tema: dict[str, dict[str, str]] = {tema: {} for tema in TEMA}
    for ind in await semua_indikator(request):
        isian = isian_tema[ind.tema]
        if ind.kode in PROFIL and ind.lingkup == "nagari":
            tempat = [(0, PROFIL[ind.kode])]
        elif ind.kode in PER_JORONG:
            tempat = [(jorong[nama], angka) for nama, angka in zip(JORONG, PER_JORONG[ind.kode]) if nama in jorong]
        else:
            continue
        for j, angka in tempat:
            isian[f"n:{ind.kode}:{j}"] = angka
            isian[f"s:{ind.kode}:{j}"] = SUMBER[ind.tema]
            isian[f"k:{ind.kode}:{j}"] = KETERANGAN.get(ind.kode, "")
    total = 0
    for tema, isian in isian_tema.items():
        if isian:
            total += await simpan_tema(request, tahun, tema, isian, hari_ini=today)
    for mundur in (1, 2):  # older years, a theme at a time, with the few indicators of RIWAYAT
        lama: dict[str, dict[str, str]] = {}
        for ind in await semua_indikator(request):
            if ind.kode in RIWAYAT:
                lama.setdefault(ind.tema, {}).update({f"n:{ind.kode}:0": RIWAYAT[ind.kode][mundur - 1],
                                                      f"s:{ind.kode}:0": SUMBER[ind.tema]})
        for tema, isian in lama.items():
            total += await simpan_tema(request, tahun - mundur, tema, isian, hari_ini=today)
    await atur_terbit(request, TERBIT, tahun)
    for foto in FOTO:
        await unggah_foto(request, foto, foto["gambar"](), terbit=foto["terbit"])
    return total


def _png(gambar) -> bytes:
    import io

    out = io.BytesIO()
    gambar.save(out, "PNG")
    return out.getvalue()


def ladang_gambir() -> bytes:
    """A drawn picture (no photograph of a real place): rows of gambir shrubs on a hillside under a morning sky."""
    from PIL import Image, ImageDraw

    gambar = Image.new("RGB", (960, 640), (170, 205, 235))
    draw = ImageDraw.Draw(gambar)
    for y in range(0, 260, 4):  # the sky lightens towards the hills
        draw.rectangle([(0, y), (960, y + 4)], fill=(150 + y // 5, 195 + y // 12, 235))
    draw.ellipse([(760, 60), (840, 140)], fill=(250, 220, 120))
    draw.polygon([(0, 300), (220, 190), (470, 260), (700, 170), (960, 250), (960, 640), (0, 640)], fill=(70, 120, 70))
    draw.polygon([(0, 380), (960, 330), (960, 640), (0, 640)], fill=(110, 150, 60))
    for baris in range(9):  # the shrub rows, smaller towards the back
        y = 360 + baris * 32
        r = 8 + baris * 2
        for x in range(-20 + (baris % 2) * 30, 980, 26 + baris * 6):
            draw.ellipse([(x - r, y - r), (x + r, y + r // 2)], fill=(40 + baris * 4, 95 + baris * 5, 35))
    return _png(gambar)


def air_terjun() -> bytes:
    """A drawn picture: a waterfall down a cliff of the kind found around Lembah Harau, with a pool below."""
    from PIL import Image, ImageDraw

    gambar = Image.new("RGB", (960, 640), (190, 215, 235))
    draw = ImageDraw.Draw(gambar)
    draw.polygon([(0, 640), (0, 40), (380, 0), (420, 640)], fill=(150, 110, 80))
    draw.polygon([(560, 640), (590, 0), (960, 60), (960, 640)], fill=(135, 100, 75))
    draw.polygon([(380, 0), (590, 0), (560, 640), (420, 640)], fill=(120, 90, 70))
    for x in range(450, 530, 6):  # the falling water
        draw.line([(x, 20), (x - 6, 520)], fill=(235, 245, 250), width=4)
    draw.ellipse([(300, 480), (700, 640)], fill=(90, 150, 170))
    for x, y in ((60, 120), (120, 300), (820, 180), (880, 380), (700, 90)):
        draw.ellipse([(x - 45, y - 30), (x + 45, y + 30)], fill=(50, 120, 55))  # trees clinging to the cliffs
    return _png(gambar)


# Two drawn pictures: the gambir field published (the public page shows it), the waterfall left for a trainee to
# publish on /admin/potensi/foto.
FOTO = (
    {"judul": "Ladang gambir di Ladang Laweh", "tema": "perkebunan", "gambar": ladang_gambir, "terbit": True,
     "keterangan": "Gambir ditanam di lereng bukit; daunnya dikempa menjadi gambir kering."},
    {"judul": "Air terjun di tepi nagari", "tema": "wisata", "gambar": air_terjun, "terbit": False,
     "keterangan": "Tujuan wisata alam yang dikelola Pokdarwis."},
)


def _aset(today: date, jorong: dict[str, int], anggaran: dict[tuple[int, str], bool]) -> list[dict]:
    """The demo's assets as form fields, the first one (id 1 on a fresh database) a parcel of tanah kas desa."""
    y = today.year

    def di(nama: str) -> str:
        return str(jorong.get(nama, ""))

    def kegiatan(tahun: int, kode: str) -> str:
        return f"{tahun}|{kode}" if anggaran.get((tahun, kode)) else ""

    return [
        {"golongan": "A", "kode_barang": "1.3.1.01", "nama": "Tanah kas nagari sawah Banda Gadang",
         "satuan": "bidang", "jorong": di("Parak Baru"), "lokasi": "Banda Gadang, sebelah irigasi utama",
         "lintang": "-0,2158", "bujur": "100,6624", "tahun_perolehan": "1985", "asal": "hibah",
         "nilai": "425.000.000", "luas": "8500", "tanah_kas": "1",
         "sertifikat": "Sertifikat Hak Pakai No. 12/Taram", "jenis_tanah": "sawah", "kelas_tanah": "III",
         "patok": "1", "papan_nama": "1", "peruntukan": "Disewakan untuk sawah; hasil sewa masuk PAD",
         "keterangan": "Hibah ninik mamak kepada nagari"},
        {"golongan": "A", "kode_barang": "1.3.1.02", "nama": "Tanah kas nagari kebun gambir Ladang Laweh",
         "satuan": "bidang", "jorong": di("Ladang Laweh"), "lokasi": "Bukit Ladang Laweh",
         "tahun_perolehan": "2009", "tanggal_perolehan": "2009-08-17", "asal": "pad", "nilai": "180.000.000",
         "luas": "12000", "tanah_kas": "1", "sertifikat": "Sertifikat Hak Pakai No. 27/Taram",
         "jenis_tanah": "kebun", "kelas_tanah": "IV", "patok": "1", "peruntukan": "Kebun gambir dikelola BUMNag"},
        {"golongan": "B", "kode_barang": "1.3.2.02.01", "nama": "Sepeda motor Honda Supra X 125 (BA 3456 KH)",
         "jorong": di("Koto Tinggi"), "lokasi": "Kantor wali nagari", "tahun_perolehan": str(y - 6),
         "tanggal_perolehan": f"{y - 6}-03-12", "asal": "dana_desa", "nilai": "17.500.000"},
        {"golongan": "B", "kode_barang": "1.3.2.02.01", "nama": "Sepeda motor Yamaha NMAX (BA 5821 KH)",
         "jorong": di("Koto Tinggi"), "lokasi": "Kantor wali nagari", "tahun_perolehan": str(y - 2),
         "asal": "dana_desa", "nilai": "32.000.000"},
        {"golongan": "B", "kode_barang": "1.3.2.10.01", "nama": "Laptop untuk pelayanan administrasi",
         "jumlah": "2", "jorong": di("Koto Tinggi"), "lokasi": "Ruang pelayanan kantor wali nagari",
         "tahun_perolehan": str(y - 1), "tanggal_perolehan": f"{y - 1}-04-22", "asal": "dana_desa",
         "nilai": "29.500.000", "anggaran": kegiatan(y - 1, "02.06.01")},
        {"golongan": "B", "kode_barang": "1.3.2.05.01", "nama": "Meja dan kursi rapat balai pertemuan",
         "jumlah": "30", "satuan": "buah", "jorong": di("Koto Tinggi"), "lokasi": "Balai pertemuan nagari",
         "tahun_perolehan": str(y - 8), "asal": "add", "nilai": "22.500.000"},
        {"golongan": "B", "kode_barang": "1.3.2.04", "nama": "Traktor tangan untuk kelompok tani",
         "jorong": di("Sungai Dadok"), "lokasi": "Dipinjamkan kepada Kelompok Tani Saiyo",
         "tahun_perolehan": str(y - 3), "asal": "bantuan_provinsi", "nilai": "28.000.000"},
        {"golongan": "C", "kode_barang": "1.3.3.01.01", "nama": "Kantor Wali Nagari Taram",
         "jorong": di("Koto Tinggi"), "lokasi": "Jalan Raya Taram No. 1", "lintang": "-0,2043",
         "bujur": "100,6719", "tahun_perolehan": "2012", "asal": "bantuan_kabupaten", "nilai": "1.250.000.000",
         "luas": "420"},
        {"golongan": "C", "kode_barang": "1.3.3.01.03", "nama": "Gedung posyandu Jorong Bulakan",
         "jorong": di("Bulakan"), "lokasi": "Samping surau Bulakan", "tahun_perolehan": str(y - 4),
         "asal": "dana_desa", "nilai": "185.000.000", "luas": "64"},
        {"golongan": "D", "kode_barang": "1.3.4.03.02", "nama": "Sumur bor dan menara air Jorong Sungai Dadok",
         "jorong": di("Sungai Dadok"), "lokasi": "Dekat masjid Sungai Dadok", "lintang": "-0,1876",
         "bujur": "100,6512", "tahun_perolehan": str(y - 1), "tanggal_perolehan": f"{y - 1}-08-30",
         "asal": "dana_desa", "nilai": "96.400.000", "anggaran": kegiatan(y - 1, "02.04.01")},
        {"golongan": "D", "kode_barang": "1.3.4.01.02", "nama": "Jalan usaha tani Ladang Laweh (rabat beton 850 m)",
         "jumlah": "850", "satuan": "m", "jorong": di("Ladang Laweh"), "lokasi": "Dari simpang Ladang Laweh ke "
         "kebun gambir", "tahun_perolehan": str(y - 2), "asal": "dana_desa", "nilai": "245.000.000"},
        {"golongan": "E", "kode_barang": "1.3.5.01", "nama": "Buku perpustakaan nagari", "jumlah": "420",
         "satuan": "eksemplar", "jorong": di("Koto Tinggi"), "lokasi": "Pustaka nagari",
         "tahun_perolehan": str(y - 3), "asal": "hibah", "nilai": "12.600.000",
         "keterangan": "Sumbangan perantau Taram di Jakarta"},
        {"golongan": "F", "kode_barang": "1.3.6.01", "nama": "Pembangunan balai pertemuan (tahap 1 dari 2)",
         "jorong": di("Kapalo Koto"), "lokasi": "Lapangan Kapalo Koto", "tahun_perolehan": str(y - 1),
         "asal": "dana_desa", "nilai": "310.000.000", "keterangan": "Dilanjutkan tahun berjalan (tahap 2)."},
    ]


async def buat_aset(request, today: date | None = None, *, keuangan: bool = False) -> list[int]:
    """About a dozen assets across the classes A-F, a change of condition and a sold motorcycle, through the
    services (`daftarkan`, `catat_mutasi`). `keuangan`: whether to link two of them to the APB Desa's activities
    (only those the demo's APB Desa has). Returns the asset ids in order."""
    from plugins.aset.layanan import daftarkan, jorong_nagari, kegiatan_anggaran
    from plugins.aset.mutasi import catat_mutasi

    today = today or date.today()
    y = today.year
    jorong = {nama: wid for wid, nama in (await jorong_nagari()).items()}
    anggaran = {}
    if keuangan:
        ada = await kegiatan_anggaran(request, y - 1)
        anggaran = {(y - 1, kode): kode in ada for kode in ("02.04.01", "02.06.01")}
    ids = [await daftarkan(request, isian, hari_ini=today) for isian in _aset(today, jorong, anggaran)]
    await catat_mutasi(request, ids[5], {"jenis": "perubahan_kondisi", "tanggal": f"{y - 1}-05-20",
                                         "kondisi_baru": "rusak_ringan",
                                         "keterangan": "Enam kursi patah kakinya; meja masih baik."}, hari_ini=today)
    await catat_mutasi(request, ids[2], {"jenis": "penjualan", "tanggal": f"{y - 1}-03-03",
                                         "nilai": "6.500.000", "pihak": "Syafri Efendi, Jorong Parak Baru",
                                         "dokumen": f"Keputusan Wali Nagari No. 14 Tahun {y - 1}",
                                         "keterangan": "Dijual melalui lelang terbatas; sudah diganti NMAX."},
                       hari_ini=today)
    return ids
