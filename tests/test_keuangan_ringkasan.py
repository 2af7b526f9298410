"""The one computation of the APB Desa's figures (plugin `keuangan`, issue 22): totals, surplus/defisit,
pembiayaan netto and SiLPA on a small APB Desa computed by hand, realisation up to a date, realisation on a pos the
version has no line for, the version the public sees, and the flat table every export uses."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace


from plugin_sdk.testing import run_sync
from plugins.keuangan import api, layanan
from plugins.keuangan.ringkasan import baris_datar, daftar_versi, ringkasan, tahun_tersedia, versi_berlaku
from plugins.keuangan.tables import Realisasi
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

TAHUN = nagari_today().year - 1  # a past year: every realisation date is before the nagari's today
JT = 100_000_000  # one million rupiah (juta) in sen


def permintaan(balai):
    """What the services read of a request: the app (for the nagari's today) and the user (for the audit)."""
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(balai=balai)), client=None,
                           state={"user": {"id": 1, "username": "admin"}})


BARIS = [  # kegiatan, akun, uraian, anggaran (rupiah as typed)
    ("", "4.1.1.01", "Hasil usaha BUMNag", "10.000.000"),
    ("", "4.2.1.01", "Dana Desa", "800.000.000"),
    ("", "4.2.3.01", "Alokasi Dana Desa", "400.000.000"),
    ("01.01.01", "5.1.1.01", "Penghasilan tetap wali nagari", "60.000.000"),
    ("01.01.01", "5.1.2.01", "Penghasilan tetap perangkat", "240.000.000"),
    ("02.03.01", "5.3.5.01", "Rabat beton jalan jorong", "700.000.000"),
    ("02.03.01", "5.2.2.01", "Honor tim pelaksana", "20.000.000"),
    ("05.01.01", "5.4.1", "Belanja tidak terduga", "50.000.000"),
    ("", "6.1.1.01", "SiLPA tahun lalu", "30.000.000"),
    ("", "6.2.2.01", "Penyertaan modal BUMNag", "150.000.000"),
]
KEGIATAN = {"01.01.01": "Penyediaan penghasilan tetap", "02.03.01": "Pembangunan jalan jorong",
            "05.01.01": "Penanggulangan bencana"}
REALISASI = [  # kegiatan, akun, tanggal, jumlah (rupiah)
    ("", "4.2.1.01", (3, 10), "320.000.000"),
    ("", "4.2.1.01", (7, 15), "320.000.000"),
    ("01.01.01", "5.1.1.01", (1, 31), "5.000.000"),
    ("01.01.01", "5.1.1.01", (6, 30), "25.000.000"),
    ("01.01.01", "5.1.1.01", (7, 1), "5.000.000"),
    ("02.03.01", "5.3.5.01", (8, 1), "750.000.000"),   # over budget: allowed, flagged
    ("", "6.1.1.01", (2, 1), "30.000.000"),
]


def apbdes_kecil(balai, tahun: int = TAHUN) -> int:
    """The small APB Desa above, in force from 1 January, with its realisation."""
    async def go():
        request = permintaan(balai)
        apbdes_id = await layanan.buat_apbdes(request, tahun)
        await layanan.simpan_banyak(request, apbdes_id, [
            {"kegiatan": k, "kegiatan_nama": KEGIATAN.get(k, ""), "akun": a, "uraian": u, "anggaran": n,
             "sumber_dana": "DDS"} for k, a, u, n in BARIS])
        await layanan.tetapkan(request, apbdes_id, berlaku_sejak=date(tahun, 1, 2), nomor_perdes="1 Tahun 2025")
        for k, a, (bulan, hari), n in REALISASI:
            await layanan.catat_realisasi(request, tahun, {"kegiatan": k, "akun": a, "tanggal": date(tahun, bulan, hari),
                                                           "jumlah": n, "uraian": "uji"})
        return apbdes_id
    return run_sync(go)


def cari(pos, kode):
    if pos.kode == kode:
        return pos
    for anak in pos.anak:
        if (hasil := cari(anak, kode)) is not None:
            return hasil
    return None


def test_totals_surplus_pembiayaan_and_silpa_match_a_hand_computation(balai):
    apbdes_kecil(balai)
    r = run_sync(ringkasan(TAHUN))
    assert r.apbdes["status"] == "berlaku" and r.apbdes["nama"] == f"APB Desa {TAHUN}"
    assert r.pendapatan.anggaran == 1_210 * JT and r.pendapatan.realisasi == 640 * JT
    assert r.belanja.anggaran == 1_070 * JT and r.belanja.realisasi == 785 * JT
    assert r.belanja_per_jenis.anggaran == r.belanja.anggaran and r.belanja_per_jenis.realisasi == 785 * JT
    assert r.surplus == (140 * JT, -145 * JT)          # a deficit so far in realisation
    assert r.pembiayaan_netto == (-120 * JT, 30 * JT)
    assert r.silpa == (20 * JT, -115 * JT)
    assert r.per_tanggal == date(TAHUN, 8, 1)          # the last date recorded
    # the trees: pendapatan by kelompok > jenis > line, belanja by bidang > sub-bidang > kegiatan > line
    assert [p.kode for p in r.pendapatan.anak] == ["4.1", "4.2"]
    transfer = cari(r.pendapatan, "4.2")
    assert transfer.nama == "Pendapatan Transfer" and transfer.anggaran == 1_200 * JT
    assert [p.kode for p in transfer.anak] == ["4.2.1", "4.2.3"]
    assert [p.kode for p in r.belanja.anak] == ["01", "02", "05"]
    bidang2 = cari(r.belanja, "02")
    assert bidang2.nama == "Pelaksanaan Pembangunan Desa" and bidang2.anggaran == 720 * JT
    kegiatan = cari(r.belanja, "02.03.01")
    assert kegiatan.nama == "Pembangunan jalan jorong" and cari(r.belanja, "02.03").nama.startswith("Pekerjaan Umum")
    jalan = cari(r.belanja, "02.03.01/5.3.5.01")
    assert jalan.nama == "Rabat beton jalan jorong" and jalan.lebih and jalan.sisa == -50 * JT
    assert jalan.baris_id and jalan.sumber_dana == "DDS"
    assert round(jalan.persen, 2) == 107.14 and not kegiatan.anak[0].lebih
    assert [p.kode for p in r.belanja_per_jenis.anak] == ["5.1", "5.2", "5.3", "5.4"]
    assert cari(r.belanja_per_jenis, "5.3.5").realisasi == 750 * JT
    assert r.penerimaan_pembiayaan.anggaran == 30 * JT and r.pengeluaran_pembiayaan.realisasi == 0
    assert cari(r.pengeluaran_pembiayaan, "6.2.2").nama == "Penyertaan Modal Desa"


def test_realisation_up_to_a_date_counts_that_day_and_nothing_after(balai):
    apbdes_kecil(balai)
    r = run_sync(ringkasan(TAHUN, per_tanggal=date(TAHUN, 6, 30)))
    assert r.per_tanggal == date(TAHUN, 6, 30)
    assert r.pendapatan.realisasi == 320 * JT
    assert r.belanja.realisasi == 30 * JT                       # 5 jt on 31 Jan + 25 jt on 30 June itself
    assert r.penerimaan_pembiayaan.realisasi == 30 * JT
    assert r.surplus == (140 * JT, 290 * JT)
    awal = run_sync(ringkasan(TAHUN, per_tanggal=date(TAHUN, 1, 1)))
    assert awal.pendapatan.realisasi == awal.belanja.realisasi == 0
    assert awal.belanja.anggaran == 1_070 * JT                  # the budget does not depend on the date


def test_realisation_on_a_pos_missing_from_the_version_still_counts(balai):
    apbdes_kecil(balai)

    async def tambah():  # as an import of an older Siskeudes journal could leave it
        await Realisasi.insert(Realisasi(tahun=TAHUN, kegiatan="02.03.02", akun="5.2.1.01", tanggal=date(TAHUN, 5, 5),
                                         jumlah=3 * JT, sumber="siskeudes"),
                               Realisasi(tahun=TAHUN, kegiatan="", akun="4.3.6.01", tanggal=date(TAHUN, 5, 5),
                                         jumlah=JT // 2, sumber="siskeudes"),
                               # a tax withheld (7.1.1, Perhitungan Fihak Ketiga) is not APB Desa money
                               Realisasi(tahun=TAHUN, kegiatan="02.03.01", akun="7.1.1.01", tanggal=date(TAHUN, 5, 5),
                                         jumlah=9 * JT, sumber="siskeudes")).run()
    run_sync(tambah)
    r = run_sync(ringkasan(TAHUN))
    asing = cari(r.belanja, "02.03.02/5.2.1.01")
    assert asing is not None and asing.anggaran == 0 and asing.realisasi == 3 * JT and asing.lebih
    assert asing.nama == "Belanja Barang Perlengkapan" and asing.baris_id is None
    assert cari(r.belanja, "02.03.02").nama == "Kegiatan 02.03.02"
    assert r.belanja.realisasi == 788 * JT and cari(r.belanja, "02").realisasi == 753 * JT
    assert cari(r.pendapatan, "4.3.6.01").realisasi == JT // 2 and r.pendapatan.realisasi == 640 * JT + JT // 2
    assert cari(r.belanja_per_jenis, "5.2.1").realisasi == 3 * JT


def test_a_year_without_budget_has_no_summary_and_empty_version_has_top_nodes(balai):
    assert run_sync(ringkasan(TAHUN)) is None
    assert run_sync(tahun_tersedia()) == [] and run_sync(versi_berlaku(TAHUN)) is None
    apbdes_id = run_sync(layanan.buat_apbdes(permintaan(balai), TAHUN))
    assert run_sync(ringkasan(TAHUN)) is None                   # a draft is not in force: the public sees nothing
    draf = run_sync(ringkasan(TAHUN, apbdes_id=apbdes_id))     # the admin sees the draft
    assert draf.apbdes["status"] == "draf" and draf.per_tanggal == date(TAHUN, 1, 1)
    for pos, kode in ((draf.pendapatan, "4"), (draf.belanja, "5"), (draf.penerimaan_pembiayaan, "6.1"),
                      (draf.pengeluaran_pembiayaan, "6.2")):
        assert pos.kode == kode and pos.anak == () and pos.anggaran == 0 and pos.persen is None
    assert run_sync(ringkasan(TAHUN + 1, apbdes_id=apbdes_id)) is None  # a version of another year


def test_perubahan_carries_realisation_and_the_public_sees_the_version_in_force(balai):
    pertama = apbdes_kecil(balai)
    request = permintaan(balai)

    async def ubah():
        perubahan = await layanan.buat_perubahan(request, TAHUN)
        r = await ringkasan(TAHUN)
        assert r.apbdes["id"] == pertama                        # the draft is not public yet
        jalan = await ringkasan(TAHUN, apbdes_id=perubahan)
        assert cari(jalan.belanja, "02.03.01/5.3.5.01").anggaran == 700 * JT  # lines were copied
        baris_id = cari(jalan.belanja, "02.03.01/5.3.5.01").baris_id
        await layanan.simpan_baris(request, perubahan, {"kegiatan": "02.03.01", "akun": "5.3.5.01",
                                                        "uraian": "Rabat beton jalan jorong", "anggaran": "760.000.000"},
                                   baris_id=baris_id)
        await layanan.tetapkan(request, perubahan, berlaku_sejak=date(TAHUN, 9, 1), nomor_perdes="5 Tahun 2025")
        return perubahan
    perubahan = run_sync(ubah)
    r = run_sync(ringkasan(TAHUN))
    assert r.apbdes["id"] == perubahan and r.apbdes["nama"] == f"APB Desa Perubahan {TAHUN}"
    assert r.apbdes["berlaku_sejak"] == date(TAHUN, 9, 1) and r.apbdes["nomor_perdes"] == "5 Tahun 2025"
    jalan = cari(r.belanja, "02.03.01/5.3.5.01")
    assert (jalan.anggaran, jalan.realisasi, jalan.lebih) == (760 * JT, 750 * JT, False)
    assert r.belanja.realisasi == 785 * JT                      # realisation carried over, counted once
    lama = run_sync(ringkasan(TAHUN, apbdes_id=pertama))
    assert lama.apbdes["status"] == "diganti" and lama.belanja.anggaran == 1_070 * JT
    assert [v["versi"] for v in run_sync(daftar_versi())] == [1, 2]
    assert run_sync(tahun_tersedia()) == [TAHUN]


def test_flat_table_reads_in_order_with_group_totals_and_summary_rows(balai):
    apbdes_kecil(balai)
    r = run_sync(ringkasan(TAHUN))
    rows = baris_datar(r)
    assert [row["bagian"] for row in rows[:1]] == ["Pendapatan"] and rows[0]["kode"] == "4"
    assert rows[0]["anggaran"] == 1_210 * JT and rows[0]["tingkat"] == 0
    bagian = [row["bagian"] for row in rows]
    assert bagian == sorted(bagian, key=["Pendapatan", "Belanja", "Pembiayaan - Penerimaan",
                                         "Pembiayaan - Pengeluaran", "Jumlah"].index)
    ringkas = {row["uraian"]: (row["anggaran"], row["realisasi"]) for row in rows if row["bagian"] == "Jumlah"}
    assert ringkas == {"Surplus/(Defisit)": r.surplus, "Pembiayaan Netto": r.pembiayaan_netto, "SiLPA": r.silpa}
    assert [row["uraian"] for row in rows[-3:]] == ["Surplus/(Defisit)", "Pembiayaan Netto", "SiLPA"]
    jalan = next(row for row in rows if row["kode"] == "02.03.01/5.3.5.01")
    assert jalan["tingkat"] == 4 and jalan["sisa"] == -50 * JT and jalan["uraian"] == "Rabat beton jalan jorong"
    # every group row equals the sum of the rows one level below it, up to the next row at its own level
    for i, row in enumerate(rows):
        anak = []
        for lain in rows[i + 1:]:
            if lain["tingkat"] <= row["tingkat"] or lain["bagian"] != row["bagian"]:
                break
            if lain["tingkat"] == row["tingkat"] + 1:
                anak.append(lain)
        if anak:
            assert row["anggaran"] == sum(a["anggaran"] for a in anak), row
            assert row["realisasi"] == sum(a["realisasi"] for a in anak), row


def test_the_contract_reexports_the_computation():
    assert api.API_VERSION == "1.1" and api.ringkasan is ringkasan and api.baris_datar is baris_datar
    assert api.rupiah(125_000_000) == "Rp1.250.000" and api.bidang("02") == "Pelaksanaan Pembangunan Desa"
    assert set(api.__all__) >= {"Pos", "Ringkasan", "tahun_tersedia", "versi_berlaku", "angka", "persen", "BIDANG",
                                "akun"}


def test_ringkasan_on_2000_lines_is_two_queries_quick(balai, capsys):
    """Speed: 2,000 lines under 400 activities with a realisation row each; the time is printed, not asserted."""
    request = permintaan(balai)
    akun_belanja = ["5.2.1.01", "5.2.2.01", "5.2.4.01", "5.3.5.01", "5.2.3.01"]
    sub = ["01.01", "01.02", "02.01", "02.03", "02.05", "03.02", "04.02", "05.01"]

    async def isi():
        apbdes_id = await layanan.buat_apbdes(request, TAHUN)
        rows, real = [], []
        for n in range(400):
            kegiatan = f"{sub[n % len(sub)]}.{n // len(sub) + 1:02d}"
            for a in akun_belanja:
                rows.append({"kegiatan": kegiatan, "kegiatan_nama": f"Kegiatan uji {n}", "akun": a,
                             "uraian": "uji", "anggaran": 1_000_000 * 100 + n})
                real.append({"kegiatan": kegiatan, "akun": a, "tanggal": date(TAHUN, 1 + n % 12, 1),
                             "jumlah": 500_000 * 100, "uraian": "", "bukti": ""})
        mulai = time.perf_counter()
        await layanan.simpan_banyak(request, apbdes_id, rows)
        simpan = time.perf_counter() - mulai
        await layanan.tetapkan(request, apbdes_id, berlaku_sejak=date(TAHUN, 1, 2))
        mulai = time.perf_counter()
        await layanan.ganti_realisasi_impor(request, TAHUN, real)
        impor = time.perf_counter() - mulai
        mulai = time.perf_counter()  # the same table pasted again with every amount changed: all lines replaced
        await layanan.simpan_banyak(request, apbdes_id, [{**b, "anggaran": b["anggaran"] + 100} for b in rows])
        ganti = time.perf_counter() - mulai
        await ringkasan(TAHUN)  # warm: the first query of a connection pays for its set-up
        hitung = []
        for _ in range(5):
            mulai = time.perf_counter()
            r = await ringkasan(TAHUN)
            hitung.append(time.perf_counter() - mulai)
        return r, simpan, impor, ganti, min(hitung)
    r, simpan, impor, ganti, hitung = run_sync(isi)
    assert r.belanja.anggaran == sum(1_000_000 * 100 + n + 100 for n in range(400)) * 5
    assert sum(len(kegiatan.anak) for bidang in r.belanja.anak for sub in bidang.anak for kegiatan in sub.anak) == 2_000
    assert r.belanja.realisasi == 2_000 * 500_000 * 100
    with capsys.disabled():
        print(f"\n[keuangan] {balai.engine.engine_type}: simpan_banyak 2.000 baris baru {simpan * 1000:.0f} ms, "
              f"2.000 diganti {ganti * 1000:.0f} ms, realisasi impor 2.000 {impor * 1000:.0f} ms, "
              f"ringkasan {hitung * 1000:.1f} ms (terbaik dari 5)")


def test_a_summary_up_to_a_date_uses_the_budget_in_force_on_that_date(balai):
    """A semester-1 report reprinted after a Perubahan still shows the budget of semester 1."""
    pertama = apbdes_kecil(balai)
    request = permintaan(balai)

    async def ubah():
        perubahan = await layanan.buat_perubahan(request, TAHUN)
        jalan = cari((await ringkasan(TAHUN, apbdes_id=perubahan)).belanja, "02.03.01/5.3.5.01")
        await layanan.simpan_baris(request, perubahan, {"kegiatan": "02.03.01", "akun": "5.3.5.01",
                                                        "anggaran": "760.000.000"}, baris_id=jalan.baris_id)
        await layanan.tetapkan(request, perubahan, berlaku_sejak=date(TAHUN, 9, 1))
        return perubahan
    perubahan = run_sync(ubah)
    semester1 = run_sync(ringkasan(TAHUN, per_tanggal=date(TAHUN, 6, 30)))
    assert semester1.apbdes["id"] == pertama and semester1.belanja.anggaran == 1_070 * JT
    assert cari(semester1.belanja, "02.03.01/5.3.5.01").anggaran == 700 * JT
    assert run_sync(ringkasan(TAHUN, per_tanggal=date(TAHUN, 8, 31))).apbdes["id"] == pertama
    for per_tanggal in (date(TAHUN, 9, 1), date(TAHUN, 12, 31), None):   # from its date on, and the public pages
        r = run_sync(ringkasan(TAHUN, per_tanggal=per_tanggal))
        assert r.apbdes["id"] == perubahan and r.belanja.anggaran == 1_130 * JT, per_tanggal
    # before any version was in force: the one in force now
    assert run_sync(ringkasan(TAHUN, per_tanggal=date(TAHUN, 1, 1))).apbdes["id"] == perubahan
