"""The asset inventory's service (plugin `aset`, issue 24): registration with every refusal of bad input saving
nothing, register numbers per code, mutations (condition change, sale, write-off) kept as history and nothing
changing after a sale, the totals per class and origin now and on a past date, and the link to a kegiatan of the
APB Desa."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.audit.tables import AuditEntri
from core.penduduk.tables import Wilayah
from plugin_sdk.testing import run_sync
from plugins.aset import layanan
from plugins.aset.layanan import AsetError
from plugins.aset.rekap import rekap
from plugins.aset.tables import Aset, MutasiAset
from tests.test_keuangan_ringkasan import permintaan

HARI_INI = date.today()
TAHUN = HARI_INI.year - 1  # a past year: every mutation date is before today


def isian(**lain) -> dict:
    return {"golongan": "B", "kode_barang": "1.3.2.02.01", "nama": "Sepeda motor Honda Supra", "jumlah": "1",
            "satuan": "unit", "tahun_perolehan": str(TAHUN - 2), "asal": "dana_desa", "nilai": "18.500.000",
            "kondisi": "baik", **lain}


def daftarkan(balai, **lain) -> int:
    return run_sync(layanan.daftarkan(permintaan(balai), isian(**lain), hari_ini=HARI_INI))


def mutasi(balai, aset_id: int, **data) -> int:
    return run_sync(layanan.catat_mutasi(permintaan(balai), aset_id, data, hari_ini=HARI_INI))


def galat(fn, *args, **kwargs) -> dict:
    with pytest.raises(AsetError) as info:
        run_sync(fn(*args, **kwargs))
    return info.value.galat


def audit(jenis: str = "aset.barang") -> list[dict]:
    rows = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == jenis).order_by(AuditEntri.nomor).run())
    return [{**r, "rincian": json.loads(r["rincian"])} for r in rows]


def test_registration_refuses_bad_input_beside_its_field_and_saves_nothing(balai):
    jorong = run_sync(Wilayah.insert(Wilayah(nama="Koto Tuo", tingkat=1)).run())[0]["id"]
    salah = [
        ({"nilai": "-5.000.000"}, "nilai", "tidak boleh negatif"),
        ({"golongan": "A", "kode_barang": "1.3.1.01", "luas": "-250"}, "luas", "tidak boleh negatif"),
        ({"tahun_perolehan": str(HARI_INI.year + 1)}, "tahun_perolehan", "belum tiba"),
        ({"tahun_perolehan": "1850"}, "tahun_perolehan", "1900"),
        ({"tanggal_perolehan": f"{TAHUN}-05-01"}, "tanggal_perolehan", f"tahun perolehan ({TAHUN - 2})"),
        ({"lintang": "-0,3", "bujur": "151,2"}, "bujur", "di luar wilayah Indonesia"),
        ({"lintang": "12.5", "bujur": "100,35"}, "lintang", "di luar wilayah Indonesia"),
        ({"lintang": "-0,3"}, "bujur", "keduanya"),
        ({"tanah_kas": "1", "sertifikat": "SHM 12"}, "tanah_kas", "Hanya untuk aset tanah"),
        ({"kode_barang": "1.3.1.01"}, "kode_barang", "harus diawali 1.3.2"),
        ({"kode_barang": "2.1"}, "kode_barang", "tidak berbentuk kode KIB"),
        ({"nama": "", "asal": "", "golongan": ""}, "asal", "Pilih asal"),
        ({"jorong": str(jorong + 99)}, "jorong", "Pilih jorong"),
    ]
    for lain, kolom, pesan in salah:
        hasil = galat(layanan.daftarkan, permintaan(balai), isian(**lain), hari_ini=HARI_INI)
        assert pesan in hasil.get(kolom, ""), (lain, hasil)
    every = galat(layanan.daftarkan, permintaan(balai), isian(nama="", golongan="", nilai="-1", lintang="99"),
                  hari_ini=HARI_INI)
    assert {"nama", "golongan", "nilai", "lintang"} <= every.keys()  # every message at once
    assert run_sync(Aset.count().run()) == 0 and audit() == []
    # the same asset, well typed, with its jorong and coordinates in Sumatera Barat, is taken
    aset_id = daftarkan(balai, jorong=str(jorong), lintang="-0,2345", bujur="100.6312", luas="",
                        tanggal_perolehan=f"{TAHUN - 2}-08-17")
    row = run_sync(layanan.baca(aset_id))
    assert (row["jorong"], row["lintang"], row["bujur"], row["nilai"]) == (jorong, -0.2345, 100.6312, 1_850_000_000)
    assert row["status_nama"] == "Dimiliki" and row["kode_nama"] == "Kendaraan bermotor roda dua"


def test_register_numbers_run_per_code_and_a_correction_is_audited_with_old_and_new(balai):
    motor = [daftarkan(balai) for _ in range(2)]
    mobil = daftarkan(balai, kode_barang="1.3.2.02.02", nama="Mobil operasional")
    motor.append(daftarkan(balai, nama="Sepeda motor Yamaha"))
    nomor = {r["id"]: (r["kode_barang"], r["nomor_register"]) for r in run_sync(Aset.select().run())}
    assert [nomor[i] for i in motor] == [("1.3.2.02.01", 1), ("1.3.2.02.01", 2), ("1.3.2.02.01", 3)]
    assert nomor[mobil] == ("1.3.2.02.02", 1)
    assert [e["aksi"] for e in audit()] == ["buat"] * 4 and audit()[0]["pengguna"] == "admin"
    # a correction: the condition cannot change here (only by a mutation), the rest is audited old -> new
    run_sync(layanan.ubah(permintaan(balai), mobil, isian(kode_barang="1.3.2.02.02", nama="Mobil operasional",
                                                             nilai="250.000.000", kondisi="rusak_berat"),
                          hari_ini=HARI_INI))
    row = run_sync(layanan.baca(mobil))
    assert (row["nilai"], row["kondisi"]) == (25_000_000_000, "baik")
    assert audit()[-1]["aksi"] == "ubah" and audit()[-1]["rincian"] == {"nilai": [1_850_000_000, 25_000_000_000]}


def test_a_register_number_once_given_never_names_another_asset(balai):
    pertama, kedua = daftarkan(balai), daftarkan(balai)  # 1.3.2.02.01 / 1 and / 2, the numbers painted on them
    # the second was given the wrong code: corrected, it is numbered in its new code's series
    berubah = run_sync(layanan.ubah(permintaan(balai), kedua, isian(kode_barang="1.3.2.02.02"), hari_ini=HARI_INI))
    assert berubah["kode_barang"] == ["1.3.2.02.01", "1.3.2.02.02"] and berubah["nomor_register"] == [2, 1]
    assert audit()[-1]["rincian"]["nomor_register"] == [2, 1]
    # number 2 of the old code stays taken: the next asset under it is number 3, not 2
    ketiga = daftarkan(balai)
    nomor = {r["id"]: (r["kode_barang"], r["nomor_register"]) for r in run_sync(Aset.select().run())}
    assert nomor == {pertama: ("1.3.2.02.01", 1), kedua: ("1.3.2.02.02", 1), ketiga: ("1.3.2.02.01", 3)}
    # moving back does not hand it number 2 again either (the item may carry a newer number by now)
    run_sync(layanan.ubah(permintaan(balai), kedua, isian(), hari_ini=HARI_INI))
    assert run_sync(layanan.baca(kedua))["nomor_register"] == 4
    # and 1.3.2.02.02 / 1, which it left behind, stays taken too
    mobil = daftarkan(balai, kode_barang="1.3.2.02.02")
    assert run_sync(layanan.baca(mobil))["nomor_register"] == 2


def test_the_acquisition_cannot_be_moved_after_a_recorded_mutation(balai):
    motor = daftarkan(balai)  # acquired in TAHUN - 2, no date
    mutasi(balai, motor, jenis="perubahan_kondisi", tanggal=f"{TAHUN - 1}-05-10", kondisi_baru="rusak_ringan")
    only_year = galat(layanan.ubah, permintaan(balai), motor, isian(tahun_perolehan=str(HARI_INI.year)),
                      hari_ini=HARI_INI)
    assert only_year == {"tahun_perolehan": "Perolehan tidak boleh setelah mutasi yang sudah tercatat "
                                            f"(10 Mei {TAHUN - 1}); periksa tahun dan tanggalnya."}
    dated = galat(layanan.ubah, permintaan(balai), motor,
                  isian(tahun_perolehan=str(TAHUN - 1), tanggal_perolehan=f"{TAHUN - 1}-05-11"), hari_ini=HARI_INI)
    assert "setelah mutasi yang sudah tercatat" in dated["tanggal_perolehan"]
    assert run_sync(layanan.baca(motor))["tahun_perolehan"] == TAHUN - 2 and audit()[-1]["aksi"] == "mutasi"
    # acquired on the very day of the mutation, or earlier in its year: taken
    run_sync(layanan.ubah(permintaan(balai), motor,
                          isian(tahun_perolehan=str(TAHUN - 1), tanggal_perolehan=f"{TAHUN - 1}-05-10"),
                          hari_ini=HARI_INI))
    assert run_sync(layanan.baca(motor))["tanggal_perolehan"] == date(TAHUN - 1, 5, 10)


def test_mutations_are_history_and_nothing_changes_after_a_sale(balai):
    motor = daftarkan(balai, tanggal_perolehan=f"{TAHUN - 2}-02-01")
    kantor = daftarkan(balai, golongan="C", kode_barang="1.3.3.01.01", nama="Kantor Wali Nagari",
                       asal="bantuan_kabupaten", nilai="850.000.000")
    same = galat(layanan.catat_mutasi, permintaan(balai), motor,
                 {"jenis": "perubahan_kondisi", "tanggal": f"{TAHUN}-01-10", "kondisi_baru": "baik"},
                 hari_ini=HARI_INI)
    assert "sudah baik" in same["kondisi_baru"]
    assert "setelah hari ini" in galat(layanan.catat_mutasi, permintaan(balai), motor,
                                       {"jenis": "penghapusan", "tanggal": f"{HARI_INI.year + 1}-01-01"},
                                       hari_ini=HARI_INI)["tanggal"]
    assert "sebelum aset diperoleh" in galat(layanan.catat_mutasi, permintaan(balai), motor,
                                             {"jenis": "penghapusan", "tanggal": f"{TAHUN - 2}-01-15"},
                                             hari_ini=HARI_INI)["tanggal"]
    nobuyer = galat(layanan.catat_mutasi, permintaan(balai), motor,
                    {"jenis": "penjualan", "tanggal": f"{TAHUN}-03-03", "nilai": "-1"}, hari_ini=HARI_INI)
    assert nobuyer.keys() == {"pihak", "nilai"}
    assert run_sync(MutasiAset.count().run()) == 0

    mutasi(balai, motor, jenis="perubahan_kondisi", tanggal=f"{TAHUN}-01-10", kondisi_baru="rusak_ringan")
    mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo Mangkuto",
           nilai="8.000.000", dokumen="BA 4/2025")
    row = run_sync(layanan.baca(motor))
    assert (row["status"], row["kondisi"]) == ("dijual", "rusak_ringan")
    history = run_sync(layanan.riwayat(motor))
    assert [h["jenis"] for h in history] == ["pendaftaran", "perubahan_kondisi", "penjualan"]
    assert history[0]["kondisi_baru"] == "baik" and "Datuak Rajo Mangkuto" in history[2]["uraian"]
    # sold: every further change is refused, saying when it was sold
    for fn, data in ((layanan.catat_mutasi, {"jenis": "penghapusan", "tanggal": f"{TAHUN}-04-01"}),
                     (layanan.ubah, isian(nama="Motor lain"))):
        refused = galat(fn, permintaan(balai), motor, data, hari_ini=HARI_INI)
        assert refused == {"umum": f"Aset ini sudah dijual pada 3 Maret {TAHUN}; "
                                   + ("riwayatnya tidak bisa ditambah." if fn is layanan.catat_mutasi
                                      else "datanya tidak bisa diubah lagi.")}
    assert run_sync(MutasiAset.count().run()) == 2 and run_sync(layanan.baca(motor))["nama"] != "Motor lain"

    mutasi(balai, kantor, jenis="penghapusan", tanggal=f"{TAHUN}-06-30", keterangan="Roboh karena gempa")
    assert run_sync(layanan.baca(kantor))["status_nama"] == "Dihapuskan"
    assert [e["rincian"]["jenis"] for e in audit() if e["aksi"] == "mutasi"] == [
        "perubahan_kondisi", "penjualan", "penghapusan"]
    rows, jumlah = run_sync(layanan.daftar(status="aktif"))
    assert (rows, jumlah) == ([], 0)
    rows, jumlah = run_sync(layanan.daftar(cari="wali nagari"))
    assert jumlah == 1 and rows[0]["id"] == kantor


def test_totals_per_class_and_origin_count_what_was_owned_on_the_date(balai):
    daftarkan(balai, golongan="A", kode_barang="1.3.1.01", nama="Sawah kas Koto Tuo", asal="pad",
              nilai="150.000.000", luas="2.500", tanah_kas="1", satuan="bidang")
    motor = daftarkan(balai)  # B, dana_desa, 18.500.000
    daftarkan(balai, kode_barang="1.3.2.10.01", nama="Laptop", asal="add", nilai="9.000.000",
              tahun_perolehan=str(HARI_INI.year))
    mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo", nilai="8.000.000")

    now = rekap_by(run_sync(rekap()))
    assert now["golongan"]["A"] == (1, 15_000_000_000) and now["golongan"]["B"] == (1, 900_000_000)
    assert now["asal"]["dana_desa"] == (0, 0) and now["asal"]["add"] == (1, 900_000_000)
    assert now["total"] == (2, 15_900_000_000)
    # on the last day of the year before last: the motorcycle was still owned, the laptop not yet bought
    then = rekap_by(run_sync(rekap(per_tanggal=date(TAHUN - 1, 12, 31))))
    assert then["golongan"]["B"] == (1, 1_850_000_000) and then["asal"]["dana_desa"] == (1, 1_850_000_000)
    assert then["total"] == (2, 16_850_000_000)
    # sold on 3 March: not owned at the end of that day
    assert rekap_by(run_sync(rekap(per_tanggal=date(TAHUN, 3, 2))))["golongan"]["B"] == (1, 1_850_000_000)
    assert rekap_by(run_sync(rekap(per_tanggal=date(TAHUN, 3, 3))))["golongan"]["B"] == (0, 0)


def rekap_by(r) -> dict:
    return {"golongan": {p.kode: (p.jumlah, p.nilai) for p in r.per_golongan},
            "asal": {p.kode: (p.jumlah, p.nilai) for p in r.per_asal}, "total": (r.total.jumlah, r.total.nilai)}


def apbdes_dengan_kegiatan(tahun: int = TAHUN) -> None:
    """An APB Desa in force for `tahun` with one kegiatan, 01.01.03 Penyediaan sarana kantor, and its one line."""
    from plugins.keuangan.tables import Apbdes, BarisAnggaran, Kegiatan

    async def buat():
        versi = (await Apbdes.insert(Apbdes(tahun=tahun, versi=1, nama=f"APB Desa {tahun}", status="berlaku",
                                            berlaku_sejak=date(tahun, 1, 5))).run())[0]["id"]
        await Kegiatan.insert(Kegiatan(apbdes=versi, kode="01.01.03", nama="Penyediaan sarana kantor")).run()
        await BarisAnggaran.insert(BarisAnggaran(apbdes=versi, kegiatan="01.01.03", akun="5.2.2.01",
                                                 uraian="Belanja laptop", anggaran=900_000_000)).run()
    run_sync(buat())


def test_an_asset_links_only_to_a_kegiatan_of_its_years_apb_desa(balai):
    apbdes_dengan_kegiatan()
    baru = dict(tahun_perolehan=str(TAHUN), kode_barang="1.3.2.10.01", nama="Laptop kantor")
    refused = galat(layanan.daftarkan, permintaan(balai), isian(**baru, anggaran=f"{TAHUN}|02.03.01"),
                    hari_ini=HARI_INI)
    assert refused == {"anggaran": f"Kegiatan 02.03.01 tidak ada dalam APB Desa tahun {TAHUN}."}
    other_year = galat(layanan.daftarkan, permintaan(balai), isian(**baru, anggaran=f"{TAHUN - 1}|01.01.03"),
                       hari_ini=HARI_INI)
    assert "tahun perolehan" in other_year["anggaran"]
    assert run_sync(layanan.kegiatan_anggaran(permintaan(balai), TAHUN)) == {"01.01.03": "Penyediaan sarana kantor"}
    aset_id = daftarkan(balai, **baru, anggaran=f"{TAHUN}|01.01.03")
    assert run_sync(layanan.baca(aset_id))["anggaran"] == f"{TAHUN}|01.01.03"


@pytest.fixture
def balai_entry_points():  # until the package metadata lists `aset` (then None: the usual migrated template)
    from importlib.metadata import EntryPoint, entry_points

    eps = list(entry_points(group="balai.plugins"))
    if any(e.name == "aset" for e in eps):
        return None
    return eps + [EntryPoint("aset", "plugins.aset.plugin", "balai.plugins")]


@pytest.fixture
def balai_plugins():  # enables the added plugin; a no-op once `aset` is installed and enabled by default
    return ["aset"]
