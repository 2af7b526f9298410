"""A sample APB Desa, deterministic and plausible: a Nagari in West Sumatra with ~1.5 billion rupiah of Dana Desa,
ADD, bagi hasil pajak and PAD, belanja over the five bidang, SiLPA in pembiayaan, and realisation up to a date.

Used by the tests, the browser test, the import benchmark (2,000 lines) and `balai demo` (`buat_demo`), always
through a Siskeudes-like zip (`zip_siskeudes`), so the demo's figures come through the real import path.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import date, timedelta

KD_DESA = "13.07.2005."  # a kabupaten in West Sumatra, nagari 2005 (made-up)

# (akun, uraian, sumber dana, rupiah): the pendapatan of a mid-sized nagari
PENDAPATAN = [
    ("4.1.1.01", "Bagi Hasil BUMNag", "PAD", 12_500_000),
    ("4.1.2.01", "Sewa Tanah Kas Nagari", "PAD", 6_000_000),
    ("4.1.4.03", "Pungutan Pasar Nagari", "PAD", 9_000_000),
    ("4.2.1.01", "Dana Desa", "DDS", 912_400_000),
    ("4.2.2.01", "Bagi Hasil Pajak dan Retribusi Daerah", "PBH", 46_750_000),
    ("4.2.3.01", "Alokasi Dana Desa", "ADD", 468_300_000),
    ("4.2.4.01", "Bantuan Keuangan Provinsi Sumatera Barat", "BKP", 50_000_000),
    ("4.3.6.01", "Bunga Bank", "PAD", 1_850_000),
]
SILPA = ("6.1.1.01", "SiLPA Tahun Sebelumnya", "DLL", 64_200_000)
PENYERTAAN = ("6.2.2.01", "Penyertaan Modal BUMNag", "DDS", 40_000_000)

# (kode, nama, weight of the belanja it takes, accounts used)
KEGIATAN = [
    ("01.01.01", "Penyediaan Penghasilan Tetap dan Tunjangan Wali Nagari", 9, ["5.1.1.01", "5.1.1.02"]),
    ("01.01.02", "Penyediaan Penghasilan Tetap dan Tunjangan Perangkat Nagari", 22, ["5.1.2.01", "5.1.2.02"]),
    ("01.01.03", "Penyediaan Jaminan Sosial bagi Wali Nagari dan Perangkat Nagari", 3, ["5.1.3.01", "5.1.3.02"]),
    ("01.01.04", "Penyediaan Operasional Pemerintahan Nagari", 6, ["5.2.1.01", "5.2.5.01", "5.2.3.01"]),
    ("01.01.05", "Penyediaan Tunjangan Badan Musyawarah Nagari", 4, ["5.1.4.01", "5.1.4.02"]),
    ("01.01.06", "Penyediaan Operasional Badan Musyawarah Nagari", 1, ["5.2.1.01", "5.2.2.01"]),
    ("01.02.01", "Pemeliharaan Kantor Wali Nagari", 3, ["5.2.6.01", "5.2.1.02"]),
    ("01.03.01", "Penyelenggaraan Administrasi Kependudukan", 1, ["5.2.2.01", "5.2.1.01"]),
    ("01.04.01", "Penyelenggaraan Musyawarah Perencanaan Nagari", 1, ["5.2.1.01", "5.2.2.01", "5.2.5.02"]),
    ("01.04.02", "Penyusunan Dokumen Keuangan Nagari", 1, ["5.2.2.01", "5.2.1.01"]),
    ("02.01.01", "Penyelenggaraan PAUD Nagari", 4, ["5.2.2.01", "5.2.7.01"]),
    ("02.01.02", "Dukungan Pendidikan bagi Siswa Miskin", 2, ["5.2.7.01"]),
    ("02.02.01", "Penyelenggaraan Posyandu", 4, ["5.2.2.01", "5.2.7.01", "5.2.1.01"]),
    ("02.02.02", "Pencegahan dan Penurunan Stunting", 5, ["5.2.7.01", "5.2.2.01"]),
    ("02.03.01", "Pembangunan Jalan Usaha Tani Jorong Koto Tuo", 14, ["5.3.5.01", "5.2.2.02"]),
    ("02.03.02", "Rehabilitasi Irigasi Banda Gadang", 9, ["5.3.7.01", "5.2.2.02"]),
    ("02.03.03", "Pembangunan Drainase Jorong Pasar", 6, ["5.3.7.02", "5.2.2.02"]),
    ("02.04.01", "Pembangunan Sumur Bor dan Sarana Air Bersih", 4, ["5.3.8.01"]),
    ("02.05.01", "Pengelolaan Sampah Nagari", 1, ["5.2.1.01", "5.2.2.01"]),
    ("02.06.01", "Pengembangan Sistem Informasi Nagari", 1, ["5.2.2.01", "5.3.2.01"]),
    ("03.01.01", "Operasional Pos Keamanan Nagari", 1, ["5.2.2.01", "5.2.1.01"]),
    ("03.02.01", "Pembinaan Kerapatan Adat Nagari", 1, ["5.2.2.01", "5.2.7.01"]),
    ("03.02.02", "Peringatan Hari Besar Islam dan MTQ Nagari", 2, ["5.2.1.01", "5.2.7.01"]),
    ("03.03.01", "Pembinaan Kepemudaan dan Olah Raga", 1, ["5.2.7.01"]),
    ("03.04.01", "Pembinaan PKK Nagari", 1, ["5.2.2.01", "5.2.1.01"]),
    ("04.02.01", "Pelatihan Budidaya Gambir dan Pascapanen", 2, ["5.2.2.01", "5.2.7.01"]),
    ("04.02.02", "Bantuan Bibit dan Pupuk bagi Kelompok Tani", 3, ["5.2.7.01"]),
    ("04.03.01", "Peningkatan Kapasitas Perangkat Nagari", 1, ["5.2.3.01", "5.2.2.01"]),
    ("04.05.01", "Pelatihan Usaha Mikro Kaum Perempuan", 1, ["5.2.2.01", "5.2.7.01"]),
    ("05.01.01", "Kesiapsiagaan Bencana Galodo dan Longsor", 1, ["5.2.1.01", "5.2.7.01"]),
    ("05.02.01", "Penanganan Keadaan Darurat", 2, ["5.4.1.01"]),
    ("05.03.01", "Bantuan Langsung Tunai Dana Desa", 8, ["5.4.1.01"]),
]

OBYEK = {
    "5.1.1.01": "Penghasilan Tetap Wali Nagari", "5.1.1.02": "Tunjangan Wali Nagari",
    "5.1.2.01": "Penghasilan Tetap Perangkat Nagari", "5.1.2.02": "Tunjangan Perangkat Nagari",
    "5.1.3.01": "Jaminan Kesehatan Wali Nagari dan Perangkat", "5.1.3.02": "Jaminan Ketenagakerjaan",
    "5.1.4.01": "Tunjangan Kedudukan Bamus", "5.1.4.02": "Tunjangan Kinerja Bamus",
    "5.2.1.01": "Belanja Alat Tulis Kantor dan Benda Pos", "5.2.1.02": "Belanja Perlengkapan Alat Listrik",
    "5.2.2.01": "Honorarium Narasumber dan Pelaksana", "5.2.2.02": "Upah Tenaga Kerja",
    "5.2.3.01": "Perjalanan Dinas Dalam Kabupaten", "5.2.5.01": "Langganan Listrik, Air dan Internet",
    "5.2.5.02": "Makanan dan Minuman Rapat", "5.2.6.01": "Pemeliharaan Gedung Kantor",
    "5.2.7.01": "Barang yang Diserahkan kepada Masyarakat", "5.3.2.01": "Pengadaan Komputer dan Printer",
    "5.3.5.01": "Pembangunan Jalan Usaha Tani", "5.3.7.01": "Rehabilitasi Saluran Irigasi",
    "5.3.7.02": "Pembangunan Saluran Drainase", "5.3.8.01": "Pembangunan Jaringan Air Bersih",
    "5.4.1.01": "Belanja Tak Terduga",
}
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
SUMBER_BIDANG = {"01": "ADD", "02": "DDS", "03": "ADD", "04": "DDS", "05": "DDS"}


def _rp(rupiah: float, kelipatan: int = 1000) -> int:
    """Whole thousands of rupiah, in sen."""
    return int(round(rupiah / kelipatan)) * kelipatan * 100


def _kegiatan(jumlah_baris: int) -> list[tuple[str, str, int, list[str]]]:
    """The activities, with more (numbered on in the same sub-bidang) when the lines asked for need them."""
    hasil = list(KEGIATAN)
    pos = sum(len(k[3]) for k in KEGIATAN)
    terakhir: dict[str, int] = {}
    for kode, *_ in KEGIATAN:
        terakhir[kode[:5]] = max(terakhir.get(kode[:5], 0), int(kode[-2:]))
    putaran = 1
    while pos + len(PENDAPATAN) + 2 < jumlah_baris and putaran < 99:
        putaran += 1
        for kode, nama, bobot, akun in KEGIATAN:
            if terakhir[kode[:5]] >= 99:
                continue
            terakhir[kode[:5]] += 1
            hasil.append((f"{kode[:6]}{terakhir[kode[:5]]:02d}", f"{nama} Tahap {putaran}", bobot, akun))
            pos += len(akun)
    return hasil


def anggaran_contoh(tahun: int, *, baris: int = 120, seed: int = 1, sampai: date | None = None,
                    serapan: float = 0.95, entri: int = 3) -> tuple[list[dict], list[dict], list[dict]]:
    """(kegiatan, lines, realisation) of a sample APB Desa of `tahun` with about `baris` lines (at least the ~80 of
    the base list), realised to `sampai` (default 31 December): roughly `serapan` of every line over the whole
    year, in proportion to the part of the year gone by, in up to `entri` entries per line. Amounts in sen."""
    acak = random.Random(seed * 10_000 + tahun)
    sampai = min(sampai or date(tahun, 12, 31), date(tahun, 12, 31))
    daftar = _kegiatan(baris)
    kegiatan = [{"kode": k, "nama": n} for k, n, _, _ in daftar]
    lines = [{"kegiatan": "", "akun": a, "uraian": u, "anggaran": _rp(r * acak.uniform(0.97, 1.03)),
              "sumber_dana": s} for a, u, s, r in PENDAPATAN]
    silpa = _rp(SILPA[3] * acak.uniform(0.8, 1.2))
    lines += [{"kegiatan": "", "akun": SILPA[0], "uraian": SILPA[1], "anggaran": silpa, "sumber_dana": SILPA[2]},
              {"kegiatan": "", "akun": PENYERTAAN[0], "uraian": PENYERTAAN[1], "anggaran": _rp(PENYERTAAN[3]),
               "sumber_dana": PENYERTAAN[2]}]
    # A balanced budget: belanja = pendapatan + pembiayaan netto, spread over the activities by weight.
    belanja = sum(x["anggaran"] for x in lines if x["akun"][0] == "4") + silpa - _rp(PENYERTAAN[3])
    pos = [(k, a, bobot / len(akun) * acak.uniform(0.6, 1.4)) for k, _, bobot, akun in daftar for a in akun]
    n = min(max(baris - len(lines), 1), len(pos))
    pos = [pos[i * len(pos) // n] for i in range(n)]  # evenly over the list: every bidang keeps some lines
    berat = sum(p[2] for p in pos)
    for i, (keg, akun, b) in enumerate(pos):
        nilai = _rp(belanja / 100 * b / berat) if i < len(pos) - 1 else 0
        lines.append({"kegiatan": keg, "akun": akun, "uraian": OBYEK[akun], "anggaran": nilai,
                      "sumber_dana": SUMBER_BIDANG[keg[:2]]})
    lines[-1]["anggaran"] = max(belanja - sum(x["anggaran"] for x in lines if x["akun"][0] == "5"), 0)
    dipakai = {x["kegiatan"] for x in lines}
    kegiatan = [k for k in kegiatan if k["kode"] in dipakai]
    return kegiatan, lines, _realisasi(tahun, lines, acak, sampai, serapan, entri)


def _realisasi(tahun: int, lines: list[dict], acak: random.Random, sampai: date, serapan: float,
               entri: int) -> list[dict]:
    awal = date(tahun, 1, 2)
    if sampai < awal:
        return []
    berjalan = (sampai - awal).days + 1
    bagian = berjalan / ((date(tahun, 12, 31) - awal).days + 1)
    hasil, nomor = [], 0
    for x in lines:
        if x["akun"].startswith("6.1.1"):  # SiLPA is there from the first day
            porsi, kali = 1.0, 1
        else:
            porsi, kali = serapan * bagian * acak.uniform(0.85, 1.1), acak.randint(1, entri)
            if x["akun"][0] == "5":  # Siskeudes refuses a payment past a line's budget; income may exceed its plan
                porsi = min(porsi, 1.0)
        total = _rp(x["anggaran"] / 100 * porsi)
        if total <= 0:
            continue
        tanggal = sorted(awal + timedelta(days=acak.randrange(berjalan)) for _ in range(kali))
        potong = [total // kali] * kali
        potong[-1] += total - sum(potong)
        for t, j in zip(tanggal, potong):
            nomor += 1
            jenis = "TBP" if x["akun"][0] in "46" and not x["akun"].startswith("6.2") else "SPJ"
            hasil.append({"kegiatan": x["kegiatan"], "akun": x["akun"], "tanggal": t, "jumlah": j,
                          "uraian": f"{x['uraian']} bulan {BULAN[t.month - 1]}"[:250],
                          "bukti": f"{nomor:05d}/{jenis}/{tahun}"})
    return hasil


def _angka(sen: int) -> str:
    return f"{sen // 100}.{sen % 100:02d}" if sen >= 0 else f"-{-sen // 100}.{-sen % 100:02d}"


def _tanggal(t: date, format_tanggal: str) -> str:
    return {"iso": f"{t:%Y-%m-%d}", "iso_jam": f"{t:%Y-%m-%d} 00:00:00", "dmy": f"{t:%d/%m/%Y}",
            "mdy": f"{t:%m/%d/%Y} 00:00:00"}[format_tanggal]


def tabel_siskeudes(tahun: int, kegiatan: list[dict], lines: list[dict], realisasi: list[dict], *,
                    kd_desa: str = KD_DESA, format_tanggal: str = "iso") -> dict[str, list[dict]]:
    """The Siskeudes tables (name -> rows as Siskeudes names the columns) for a budget; tests alter them."""
    t = str(tahun)
    keg_siskeudes = {k["kode"]: f"{kd_desa}{k['kode']}." for k in kegiatan}
    nol = f"{kd_desa}00.00.00."
    rab, rinci = [], []
    for i, x in enumerate(lines):
        kd_keg = keg_siskeudes[x["kegiatan"]] if x["kegiatan"] else nol
        rekening = x["akun"] + "."
        rab.append({"Tahun": t, "Kd_Desa": kd_desa, "Kd_Keg": kd_keg, "Kd_Rincian": rekening,
                    "Anggaran": _angka(x["anggaran"]), "AnggaranPAK": "0.00", "AnggaranStlhPAK": _angka(x["anggaran"])})
        # every fourth line is two detail rows in Siskeudes, summed back into one line by the import
        bagian = [x["anggaran"]] if i % 4 else [x["anggaran"] // 2 // 100 * 100, 0]
        bagian[-1] = x["anggaran"] - sum(bagian[:-1])
        for n, nilai in enumerate(bagian, start=1):
            rinci.append({"Tahun": t, "Kd_Desa": kd_desa, "Kd_Keg": kd_keg, "Kd_Rincian": rekening,
                          "Kd_SubRinci": "01", "No_Urut": f"{n:03d}", "SumberDana": x["sumber_dana"],
                          "Uraian": x["uraian"] if len(bagian) == 1 else f"{x['uraian']} bagian {n}",
                          "JmlSatuan": "1", "Satuan": "Paket", "HrgSatuan": _angka(nilai),
                          "Anggaran": _angka(nilai), "JmlSatuanPAK": "1", "AnggaranStlhPAK": _angka(nilai)})
    jurnal, jurnal_rinci = [], []
    for r in realisasi:
        kd_keg = keg_siskeudes[r["kegiatan"]] if r["kegiatan"] else nol
        jurnal.append({"Tahun": t, "Kd_Desa": kd_desa, "NoBukti": r["bukti"], "Tanggal": _tanggal(r["tanggal"], format_tanggal),
                       "JnsBukti": "JU", "Keterangan": r["uraian"], "Posted": "1"})
        masuk = r["akun"][0] == "4" or r["akun"].startswith("6.1")
        pos = {"Debet": "0.00" if masuk else _angka(r["jumlah"]), "Kredit": _angka(r["jumlah"]) if masuk else "0.00"}
        kas = {"Debet": pos["Kredit"], "Kredit": pos["Debet"]}
        jurnal_rinci.append({"Tahun": t, "Kd_Desa": kd_desa, "NoBukti": r["bukti"], "Kd_Keg": kd_keg,
                             "Kd_Rincian": r["akun"] + ".", "RincianSD": "", **pos})
        jurnal_rinci.append({"Tahun": t, "Kd_Desa": kd_desa, "NoBukti": r["bukti"], "Kd_Keg": nol,
                             "Kd_Rincian": "1.1.1.01.", "RincianSD": "", **kas})
    obyek = {x["akun"]: x["uraian"] for x in lines}
    return {
        "Ta_RAB": rab, "Ta_RABRinci": rinci,
        "Ta_Kegiatan": [{"Tahun": t, "Kd_Bid": f"{kd_desa}{k['kode'][:2]}.", "Kd_Keg": keg_siskeudes[k["kode"]],
                         "ID_Keg": k["kode"], "Nama_Kegiatan": k["nama"]} for k in kegiatan],
        "Ref_Rek4": [{"Jenis": a.rsplit(".", 1)[0] + ".", "Obyek": a + ".", "Nama_Obyek": n} for a, n in obyek.items()],
        "Ta_JurnalUmum": jurnal, "Ta_JurnalUmumRinci": jurnal_rinci,
        # present in a real export, never read: payment requests are not realisation
        "Ta_SPP": [{"Tahun": t, "No_SPP": "0001/SPP/2005", "Tgl_SPP": f"{tahun}-02-01", "Jumlah": "999999999.00"}],
    }


def zip_dari_tabel(tabel: dict[str, list[dict]], *, pemisah: str = ",", encoding: str = "utf-8-sig") -> bytes:
    """A zip with one CSV per table, as Siskeudes exports them."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        for nama, rows in tabel.items():
            teks = io.StringIO()
            kolom = list(rows[0]) if rows else ["Tahun"]
            penulis = csv.DictWriter(teks, fieldnames=kolom, delimiter=pemisah, lineterminator="\r\n",
                                     extrasaction="ignore")
            penulis.writeheader()
            penulis.writerows(rows)
            # a fixed time: the same budget always makes the same bytes (and the same sha256)
            info = zipfile.ZipInfo(f"{nama}.csv", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            arsip.writestr(info, teks.getvalue().encode(encoding))
    return keluaran.getvalue()


def zip_siskeudes(tahun: int, *, baris: int = 120, seed: int = 1, sampai: date | None = None,
                  serapan: float = 0.95, entri: int = 3, format_tanggal: str = "iso", pemisah: str = ",") -> bytes:
    """A Siskeudes-like export of `anggaran_contoh(tahun, ...)`."""
    kegiatan, lines, realisasi = anggaran_contoh(tahun, baris=baris, seed=seed, sampai=sampai, serapan=serapan,
                                                 entri=entri)
    return zip_dari_tabel(tabel_siskeudes(tahun, kegiatan, lines, realisasi, format_tanggal=format_tanggal),
                          pemisah=pemisah)


async def buat_demo(app_or_request, *, baris: int = 120, seed: int = 1) -> bool:
    """The demo nagari's APB Desa: last year's (in force from January, ~95% realised) and this year's (realised
    up to today in proportion), both through the real Siskeudes import. False, changing nothing, when the site
    already has an APB Desa."""
    from types import SimpleNamespace

    from plugin_sdk import today

    from plugins.keuangan import impor
    from plugins.keuangan.tables import Apbdes

    if await Apbdes.exists().run():
        return False
    app = getattr(app_or_request, "app", app_or_request)
    hari_ini = today(SimpleNamespace(app=app))
    for tahun, sampai in ((hari_ini.year - 1, None), (hari_ini.year, hari_ini)):
        data = zip_siskeudes(tahun, baris=baris, seed=seed, sampai=sampai)
        await impor.terapkan(None, data, berlaku_sejak=date(tahun, 1, 2))
    return True
