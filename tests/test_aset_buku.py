"""The asset books through `buku_administrasi`: A.3 Buku Inventaris dan Kekayaan Desa for a year (the sale with
its date and buyer, the condition at the start and the end of the year, an asset bought later left out) and A.5
Buku Tanah Kas Desa (only the land marked tanah kas desa)."""

from __future__ import annotations

from datetime import date

from plugin_sdk.testing import run_sync
from plugins.aset import layanan
from tests.test_aset_layanan import HARI_INI, TAHUN, balai_entry_points, balai_plugins, daftarkan, mutasi  # noqa: F401
from tests.test_keuangan_laporan import lembar


def _tabel(admin_client, slug: str, **params) -> tuple[list, list[dict]]:
    answer = admin_client.get(f"/admin/buku/{slug}/unduh.xlsx", params=params)
    assert answer.status_code == 200, answer.text
    rows = lembar(answer.content)
    start = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    header = rows[start][1:]
    return header, [dict(zip(header, r[1:])) for r in rows[start + 1:] if any(r[1:])]


def test_a3_shows_a_years_sale_and_conditions_and_a5_lists_only_tanah_kas_desa(admin_client, balai):
    kantor = daftarkan(balai, golongan="C", kode_barang="1.3.3.01.01", nama="Kantor Wali Nagari",
                       asal="bantuan_kabupaten", nilai="850.000.000", tahun_perolehan=str(TAHUN - 5))
    motor = daftarkan(balai)
    daftarkan(balai, kode_barang="1.3.2.10.01", nama="Laptop", asal="add", tahun_perolehan=str(HARI_INI.year))
    daftarkan(balai, golongan="A", kode_barang="1.3.1.01", nama="Sawah kas Koto Tuo", asal="pad",
              nilai="150.000.000", luas="2.500", tanah_kas="1", sertifikat="SHM 00123", jenis_tanah="sawah",
              kelas_tanah="II", patok="1", peruntukan="Disewakan kepada kelompok tani", lokasi="Koto Tuo")
    daftarkan(balai, golongan="A", kode_barang="1.3.1.03", nama="Lapangan bola", asal="swadaya", luas="8.000")
    mutasi(balai, kantor, jenis="perubahan_kondisi", tanggal=f"{TAHUN}-03-10", kondisi_baru="rusak_ringan")
    mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo", nilai="8.000.000")

    header, a3 = _tabel(admin_client, "a3", periode=str(TAHUN))
    assert header[:4] == ["Kode barang / register", "Jenis barang/bangunan", "Golongan", "Asal barang"]
    by_name = {r["Jenis barang/bangunan"]: r for r in a3}
    assert set(by_name) == {"Kantor Wali Nagari", "Sepeda motor Honda Supra", "Sawah kas Koto Tuo",
                            "Lapangan bola"}  # the laptop was bought after that year
    gedung = by_name["Kantor Wali Nagari"]
    assert (gedung["Keadaan awal tahun"], gedung["Keadaan akhir tahun"]) == ("Baik", "Rusak ringan")
    assert gedung["Asal barang"] == "Bantuan kabupaten/kota" and gedung["Nilai perolehan (Rp)"] == 850_000_000
    assert gedung["Mutasi tahun ini"] == f"10 Mar {TAHUN}: kondisi baik menjadi rusak ringan"
    dijual = by_name["Sepeda motor Honda Supra"]
    assert (dijual["Penghapusan"], dijual["Tanggal penghapusan"]) == ("Dijual", date(TAHUN, 3, 3))
    assert dijual["Asal barang"] == "Dibeli sendiri" and dijual["Keadaan akhir tahun"] == ""
    assert dijual["Mutasi tahun ini"] == f"3 Mar {TAHUN}: dijual kepada Datuak Rajo seharga Rp8.000.000"
    # this year: the sold motorcycle is gone, the laptop is new (no condition at the start of the year)
    _, now = _tabel(admin_client, "a3", periode=str(HARI_INI.year))
    names = {r["Jenis barang/bangunan"]: r for r in now}
    assert "Sepeda motor Honda Supra" not in names and names["Laptop"]["Keadaan awal tahun"] == ""
    assert names["Kantor Wali Nagari"]["Keadaan awal tahun"] == "Rusak ringan"
    assert [r["Jenis barang/bangunan"] for r in _tabel(admin_client, "a3", periode=str(TAHUN), cari="sawah")[1]] \
        == ["Sawah kas Koto Tuo"]

    header, a5 = _tabel(admin_client, "a5")
    [sawah] = a5
    assert (sawah["Nama/asal tanah kas desa"], sawah["Nomor sertifikat/persil"], sawah["Luas (m²)"]) == (
        "Sawah kas Koto Tuo", "SHM 00123", 2500)
    assert (sawah["Jenis tanah kas desa"], sawah["Patok tanda batas"], sawah["Papan nama"]) == (
        "Sawah", "Ada", "Tidak ada")
    assert sawah["Perolehan"] == f"Dibeli sendiri, {TAHUN - 2}" and sawah["Kelas"] == "II"
    assert admin_client.get("/admin/buku/a3").status_code == 200  # without a period: this year
    assert run_sync(layanan.baca(motor))["status"] == "dijual"
