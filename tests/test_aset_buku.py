"""The asset books through `buku_administrasi`: A.3 Buku Inventaris dan Kekayaan Desa for a year (the sale with
its date and buyer, the condition at the start and the end of the year, an asset bought later left out) and A.5
Buku Tanah Kas Desa (only the land marked tanah kas desa); the totals under A.3 are the list page's and rekap()'s,
on the page, in the XLSX and in the PDF (one number, one computation); the Kaur Keuangan opens the asset and
budget books but not the books of residents."""

from __future__ import annotations

import re
from datetime import date

from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from plugins.aset import layanan
from plugins.aset.rekap import rekap
from tests.surat_helpers import pdf_text
from tests.test_aset_layanan import HARI_INI, TAHUN, balai_entry_points, balai_plugins, daftarkan, mutasi  # noqa: F401
from tests.test_impor import finish
from tests.test_keuangan_laporan import lembar


def _xlsx(admin_client, slug: str, **params) -> list[list]:
    answer = admin_client.get(f"/admin/buku/{slug}/unduh.xlsx", params=params)
    assert answer.status_code == 200, answer.text
    return lembar(answer.content)


def _tabel(admin_client, slug: str, **params) -> tuple[list, list[dict]]:
    """The book's own table: from its "No." header row to the first empty row (the totals follow it)."""
    rows = _xlsx(admin_client, slug, **params)
    start = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    header, table = rows[start][1:], []
    for r in rows[start + 1:]:
        if not any(r):
            break
        table.append(dict(zip(header, r[1:])))
    return header, table


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
    # "Rp8.000.000" or the SDK's "Rp 8.000.000": the amount is the point, not the space
    assert dijual["Mutasi tahun ini"].replace("Rp ", "Rp") == f"3 Mar {TAHUN}: dijual kepada Datuak Rajo seharga " \
        "Rp8.000.000"
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


def test_a_cancelled_sale_is_not_in_a3_and_the_asset_counts_as_owned(admin_client, balai):
    from tests.test_aset_layanan import permintaan

    motor = daftarkan(balai)
    jual = mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo", nilai="8.000.000")
    before = run_sync(rekap()).total.jumlah
    run_sync(layanan.batalkan_mutasi(permintaan(balai), motor, jual, {"alasan": "Salah pilih aset"},
                                     hari_ini=HARI_INI))
    _, a3 = _tabel(admin_client, "a3", periode=str(TAHUN))
    [row] = [r for r in a3 if r["Jenis barang/bangunan"] == "Sepeda motor Honda Supra"]
    assert row["Penghapusan"] == "" and row["Keadaan akhir tahun"] == "Baik"
    assert "dijual" not in row["Mutasi tahun ini"].lower()
    assert run_sync(rekap()).total.jumlah == before + 1 and run_sync(layanan.baca(motor))["status"] == "aktif"


def _angka(text: str) -> int:
    """"Rp1.015.000.001", "1.015.000.001" or "4" -> 1015000001 or 4."""
    return int(re.sub(r"\D", "", text))


def _html_totals(html: str, table_id: str) -> dict[str, tuple[int, int]]:
    """The (items, value in whole rupiah) of each row of an HTML table of totals, by its first cell."""
    table = re.search(r'<table[^>]*id="' + table_id + r'".*?</table>', html, re.S).group(0)
    out = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        if len(cells) == 3 and re.search(r"\d", cells[1]):
            out[cells[0]] = (_angka(cells[1]), _angka(cells[2]))
    return out


def _xlsx_totals(rows: list[list], judul: str) -> dict[str, tuple[int, int]]:
    """The rows of the table of totals titled `judul` under the book's table in the spreadsheet."""
    start = next(i for i, r in enumerate(rows) if judul in r)
    header = next(i for i in range(start, len(rows)) if "Barang" in rows[i])
    out = {}
    for r in rows[header + 1:]:
        if not any(r):
            break
        out[r[1]] = (r[2], r[3])
    return out


def test_a3s_totals_per_class_and_in_all_are_the_list_pages_and_rekaps(admin_client, balai):
    # two half-rupiahs in two classes and two origins: the grand total is rounded once (1.015.000.001), never
    # summed from rounded assets, classes or origins (1.015.000.002)
    daftarkan(balai, golongan="C", kode_barang="1.3.3.01.01", nama="Kantor Wali Nagari", asal="bantuan_kabupaten",
              nilai="850.000.000,50", tahun_perolehan=str(TAHUN - 5))
    motor = daftarkan(balai)  # sold last year: in last year's rows, in no total of this year
    mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo", nilai="8.000.000")
    daftarkan(balai, kode_barang="1.3.2.10.01", nama="Laptop", asal="add", nilai="10.000.000,50",
              tahun_perolehan=str(HARI_INI.year))
    daftarkan(balai, kode_barang="1.3.2.10.02", nama="Printer", asal="pad", nilai="5.000.000",
              tahun_perolehan=str(TAHUN - 1))
    daftarkan(balai, golongan="A", kode_barang="1.3.1.01", nama="Sawah kas Koto Tuo", asal="pad",
              nilai="150.000.000", luas="2.500")
    B, JUMLAH = "B. Peralatan dan Mesin", "Jumlah"

    truth = run_sync(rekap())
    peralatan = next(p for p in truth.per_golongan if p.kode == "B")
    expected = {B: (peralatan.jumlah, (peralatan.nilai + 50) // 100),
                JUMLAH: (truth.total.jumlah, (truth.total.nilai + 50) // 100)}
    assert expected == {B: (2, 15_000_001), JUMLAH: (4, 1_015_000_001)}  # the scenario is what we think it is

    listing = admin_client.get("/admin/aset").text
    per_class = _html_totals(listing, "rekap-golongan")
    assert {B: per_class[B], JUMLAH: per_class[JUMLAH]} == expected
    assert _angka(re.search(r'id="nilai-total">(.*?)<', listing).group(1)) == expected[JUMLAH][1]

    book = admin_client.get("/admin/buku/a3")  # no period: this year, owned today
    assert book.status_code == 200 and "Jumlah aset per golongan" in book.text
    on_page = _html_totals(book.text, "ringkasan-1")
    assert {B: on_page[B], JUMLAH: on_page[JUMLAH]} == expected
    assert _html_totals(book.text, "ringkasan-2")[JUMLAH] == expected[JUMLAH]  # per origin: the same grand total
    searched = _html_totals(admin_client.get("/admin/buku/a3", params={"cari": "laptop"}).text, "ringkasan-1")
    assert searched[JUMLAH] == expected[JUMLAH]  # a search narrows the rows, never the totals

    sheet = _xlsx(admin_client, "a3")
    in_file = _xlsx_totals(sheet, "Jumlah aset per golongan")
    assert {B: in_file[B], JUMLAH: in_file[JUMLAH]} == expected
    assert _xlsx_totals(sheet, "Jumlah aset per asal perolehan")[JUMLAH] == expected[JUMLAH]

    queued = post_form(admin_client, "/admin/buku/a3/ekspor", {"format": "pdf", "kertas": "A4"},
                       follow_redirects=False)
    printed = pdf_text(admin_client.get(finish(admin_client, balai, queued.headers["location"])["tautan"]).content)
    assert f"{B} 2 15.000.001" in printed and "Jumlah 4 1.015.000.001" in printed

    # last year's book: the totals on 31 December of that year (the laptop not yet bought, the motorcycle sold)
    last_year = run_sync(rekap(per_tanggal=date(TAHUN, 12, 31)))
    old = _html_totals(admin_client.get("/admin/buku/a3", params={"periode": str(TAHUN)}).text, "ringkasan-1")
    assert old[JUMLAH] == (last_year.total.jumlah, (last_year.total.nilai + 50) // 100) == (3, 1_005_000_001)


def test_the_kaur_keuangan_opens_the_asset_books_but_not_the_books_of_residents(client, balai):
    daftarkan(balai)
    run_sync(create_user("kaur", "Kaur Keuangan", "sandi-kaur-keuangan-1", "kaur_keuangan"))
    login(client, "kaur", "sandi-kaur-keuangan-1")
    listing = client.get("/admin/buku")
    assert listing.status_code == 200
    assert "/admin/buku/a3" in listing.text and "/admin/buku/a5" in listing.text
    assert "/admin/buku/b1" not in listing.text and "/admin/buku/b5" not in listing.text
    a3 = client.get("/admin/buku/a3")
    assert a3.status_code == 200 and "Sepeda motor Honda Supra" in a3.text
    assert client.get("/admin/buku/a3/unduh.xlsx").status_code == 200
    for url in ("/admin/buku/b1", "/admin/buku/b2", "/admin/buku/b4", "/admin/buku/b1/unduh.xlsx"):
        assert client.get(url).status_code == 403, url
    refused = post_form(client, "/admin/buku/b1/ekspor", {"format": "pdf", "kertas": "A4"}, follow_redirects=False)
    assert refused.status_code == 403
