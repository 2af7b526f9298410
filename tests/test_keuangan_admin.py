"""The office's budget pages (issue 22): a Kaur Keuangan enters a year's APB Desa by hand and by pasting a table,
sets it in force, records realisation, makes a Perubahan; bad input is answered per field or row and saves nothing;
a line with realisation cannot be deleted; who may read and who may write.

The year is last year, so every date in it is a valid realisation date whatever day the suite runs."""

from datetime import date

import pytest

from core.identity.users import create_user
from plugin_sdk import public_version
from plugin_sdk.testing import login, post_form, run_sync
from plugins.keuangan.ringkasan import ringkasan
from plugins.keuangan.tables import Apbdes, BarisAnggaran, Kegiatan, Realisasi
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

TAHUN = nagari_today().year - 1
KAUR = ("kaur1", "Kaur Keuangan", "sandi-kaur-keuangan-1")


def rows(table):
    return run_sync(table.select().order_by(table.id).run())


def kirim(client, url, **fields):
    return post_form(client, url, {k: str(v) for k, v in fields.items()}, follow_redirects=False)


def berhasil(response):
    assert response.status_code in (302, 303), response.text[:2000]
    return response.headers["location"]


@pytest.fixture
def kaur(client):
    run_sync(create_user(KAUR[0], KAUR[1], KAUR[2], "kaur_keuangan"))
    login(client, KAUR[0], KAUR[2])
    return client


def buat_tahun(client, tahun=TAHUN) -> dict:
    berhasil(kirim(client, "/admin/keuangan/baru", tahun=tahun))
    return run_sync(Apbdes.select().where(Apbdes.tahun == tahun).order_by(Apbdes.versi, ascending=False)
                    .first().run())


def baris(client, apbdes_id, **fields):
    data = {"kegiatan": "", "kegiatan_nama": "", "akun": "", "uraian": "", "anggaran": "", "sumber_dana": "",
            **fields}
    return kirim(client, f"/admin/keuangan/apbdes/{apbdes_id}/baris/baru", **data)


def test_kaur_keuangan_enters_a_budget_by_hand_sets_it_in_force_and_records_realisation(kaur):
    assert kaur.get("/admin/keuangan").status_code == 200
    empty = kaur.get(f"/admin/keuangan/{TAHUN}")
    assert empty.status_code == 200 and f"Belum ada APB Desa tahun {TAHUN}" in empty.text
    v = buat_tahun(kaur)
    assert v["status"] == "draf" and v["nama"] == f"APB Desa {TAHUN}"

    berhasil(baris(kaur, v["id"], akun="4.2.1", uraian="Dana Desa", anggaran="850.000.000", sumber_dana="DDS"))
    berhasil(baris(kaur, v["id"], kegiatan="02.03.01", kegiatan_nama="Pembangunan jalan usaha tani",
                   akun="5.3.2.01", uraian="Semen dan pasir", anggaran="Rp 1.250.000,50", sumber_dana="dds"))
    [pendapatan, belanja] = sorted(rows(BarisAnggaran), key=lambda b: b["akun"])
    assert pendapatan["anggaran"] == 85_000_000_000 and pendapatan["kegiatan"] == ""
    assert belanja["anggaran"] == 125_000_050 and belanja["sumber_dana"] == "DDS"
    assert [k["nama"] for k in rows(Kegiatan)] == ["Pembangunan jalan usaha tani"]

    page = kaur.get(f"/admin/keuangan/{TAHUN}").text
    assert "Rancangan" in page and "850.000.000" in page and "1.250.001" in page  # whole rupiah, rounded half up
    assert "Pembangunan jalan usaha tani" in page and "Pelaksanaan Pembangunan Desa" in page
    assert run_sync(ringkasan(TAHUN)) is None  # a draft is not in force: nothing public yet

    before = run_sync(public_version())
    berhasil(kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-01-10",
                   nomor_perdes=f"Perdes Nomor 1 Tahun {TAHUN}"))
    assert run_sync(public_version()) > before  # the public pages are told
    r = run_sync(ringkasan(TAHUN))
    assert r.apbdes["status"] == "berlaku" and r.belanja.anggaran == 125_000_050
    in_force = kaur.get(f"/admin/keuangan/{TAHUN}").text
    assert "Berlaku sejak" in in_force and "/laporan" in in_force
    assert "/admin/buku/c1" in in_force  # the budget books are the Kaur Keuangan's to open (issue 24)
    assert kaur.get("/admin/buku/c1", params={"periode": str(TAHUN)}).status_code == 200

    form = kaur.get(f"/admin/keuangan/{TAHUN}/realisasi/baru?kegiatan=02.03.01&akun=5.3.2.01").text
    assert 'value="02.03.01|5.3.2.01" selected' in form  # "Catat realisasi" on a line picks that line
    saved = post_form(kaur, f"/admin/keuangan/{TAHUN}/realisasi/baru", {
        "pos": "02.03.01|5.3.2.01", "tanggal": f"{TAHUN}-03-05", "jumlah": "2.000.000", "uraian": "Semen 40 sak",
        "bukti": "KW-01"})
    assert saved.status_code == 200
    assert "melebihi anggarannya" in saved.text  # over budget is allowed, and said
    [real] = rows(Realisasi)
    assert real["jumlah"] == 200_000_000 and real["tanggal"] == date(TAHUN, 3, 5) and real["bukti"] == "KW-01"
    listing = kaur.get(f"/admin/keuangan/{TAHUN}/realisasi?bulan=3&kegiatan=02.03.01").text
    assert "Semen 40 sak" in listing and "2.000.000" in listing
    assert "Semen 40 sak" not in kaur.get(f"/admin/keuangan/{TAHUN}/realisasi?bulan=4").text
    year = kaur.get(f"/admin/keuangan/{TAHUN}").text
    assert "melebihi anggaran" in year and 'class="keu-tingkat-3 keu-baris-lebih"' in year  # the line is flagged

    berhasil(kirim(kaur, f"/admin/keuangan/realisasi/{real['id']}", pos="02.03.01|5.3.2.01",
                   tanggal=f"{TAHUN}-03-06", jumlah="1.000.000", uraian="Semen 20 sak", bukti="KW-01"))
    assert rows(Realisasi)[0]["jumlah"] == 100_000_000
    berhasil(kirim(kaur, f"/admin/keuangan/realisasi/{real['id']}/hapus"))
    assert rows(Realisasi) == []


def test_bad_input_is_answered_next_to_each_field_and_saves_nothing(kaur):
    year = kirim(kaur, "/admin/keuangan/baru", tahun="dua ribu")
    assert year.status_code == 400 and "4 angka" in year.text and 'value="dua ribu"' in year.text
    v = buat_tahun(kaur)
    twice = kirim(kaur, "/admin/keuangan/baru", tahun=TAHUN)
    assert twice.status_code == 400 and "sudah ada" in twice.text

    bad = baris(kaur, v["id"], kegiatan="", akun="5.2.1.01", uraian="Alat tulis kantor", anggaran="-5.000")
    assert bad.status_code == 400
    assert "Jumlah tidak boleh negatif." in bad.text and "Belanja harus di bawah sebuah kegiatan" in bad.text
    assert 'value="Alat tulis kantor"' in bad.text and 'value="-5.000"' in bad.text  # what was typed stays
    unknown = baris(kaur, v["id"], akun="9.9.9", uraian="Entah", anggaran="1000")
    assert unknown.status_code == 400 and 'id="galat-akun"' in unknown.text
    letters = baris(kaur, v["id"], akun="4.1.1", uraian="Hasil usaha", anggaran="satu juta")
    assert letters.status_code == 400 and 'id="galat-anggaran"' in letters.text
    long = baris(kaur, v["id"], akun="4.1.1", uraian="Hasil usaha " + "x" * 300, anggaran="1.000")
    assert long.status_code == 400 and 'id="galat-uraian"' in long.text  # said, not silently cut
    assert rows(BarisAnggaran) == [] and rows(Kegiatan) == []
    berhasil(baris(kaur, v["id"], akun="4.1.1", uraian="Hasil\x00 usaha\x07", anggaran="1.000"))
    assert rows(BarisAnggaran)[0]["uraian"] == "Hasil usaha"  # control characters never reach the database
    berhasil(kirim(kaur, f"/admin/keuangan/baris/{rows(BarisAnggaran)[0]['id']}/hapus"))

    empty = kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-01-10")
    assert empty.status_code == 400 and "belum berisi baris anggaran" in empty.text
    berhasil(baris(kaur, v["id"], akun="4.1.1", uraian="Hasil usaha", anggaran="10.000.000"))
    far = kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak="1999-01-01")
    assert far.status_code == 400 and 'id="galat-berlaku_sejak"' in far.text
    assert rows(Apbdes)[0]["status"] == "draf"

    berhasil(kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-01-10"))
    url = f"/admin/keuangan/{TAHUN}/realisasi/baru"
    future = kirim(kaur, url, pos="|4.1.1", tanggal=f"{TAHUN + 2}-01-01", jumlah="5.000", uraian="", bukti="")
    assert future.status_code == 400 and 'id="galat-tanggal"' in future.text
    zero = kirim(kaur, url, pos="|4.1.1", tanggal=f"{TAHUN}-02-01", jumlah="0", uraian="", bukti="")
    assert zero.status_code == 400 and "lebih dari nol" in zero.text
    nowhere = kirim(kaur, url, pos="|4.2.1", tanggal=f"{TAHUN}-02-01", jumlah="5.000", uraian="", bukti="")
    assert nowhere.status_code == 400 and 'id="galat-pos"' in nowhere.text
    assert rows(Realisasi) == []


def test_pasted_table_is_previewed_with_each_rows_problems_and_saved_all_or_nothing(kaur):
    v = buat_tahun(kaur)
    url = f"/admin/keuangan/apbdes/{v['id']}/tempel"
    assert kaur.get(url).status_code == 200
    table = ("Kegiatan\tAkun\tUraian\tAnggaran\tSumber dana\n"
             "\t4.2.1\tDana Desa\t850.000.000\tDDS\n"
             "01.01.01 Penyelenggaraan belanja siltap\t5.1.1.01\tPenghasilan tetap kepala desa\t36.000.000\tADD\n"
             "01.01.01\t5.1.1.02\tPenghasilan tetap perangkat\t120.000.000\tADD\n"
             "\t5.2.1.01\tAlat tulis kantor\t1.500.000\tADD\n"
             "\t6.1.1\tSiLPA tahun\x00 sebelumnya\tdua juta\t\n")
    preview = kirim(kaur, url, isi=table, aksi="periksa")
    assert preview.status_code == 400
    assert "2 dari 5 baris bermasalah" in preview.text and "Belum ada yang disimpan" in preview.text
    assert "Belanja harus di bawah sebuah kegiatan" in preview.text and "Simpan 5 baris" not in preview.text
    assert "Penghasilan tetap perangkat" in preview.text  # the good rows are shown too
    forced = kirim(kaur, url, isi=table, aksi="simpan")  # "Simpan" on a table with problems saves nothing
    assert forced.status_code == 400 and rows(BarisAnggaran) == [] and rows(Kegiatan) == []

    fixed = (table.replace("\t5.2.1.01\t", "01.01.01\t5.2.1.01\t").replace("dua juta", "2.000.000")
             .replace("\t", ";"))
    ok = kirim(kaur, url, isi=fixed, aksi="periksa")
    assert ok.status_code == 200 and "5 baris siap disimpan" in ok.text and "Simpan 5 baris" in ok.text
    ready = ok.text.split('id="siap">')[1].split("</div>")[0]
    # a total per part: pendapatan, belanja and pembiayaan added together would mean nothing
    assert "Pendapatan Rp850.000.000" in ready and "Belanja Rp157.500.000" in ready
    assert "Penerimaan pembiayaan Rp2.000.000" in ready and "1.009.500.000" not in ready
    assert rows(BarisAnggaran) == []  # "Periksa" saves nothing
    berhasil(kirim(kaur, url, isi=fixed, aksi="simpan"))
    saved = {b["akun"]: b for b in rows(BarisAnggaran)}
    assert set(saved) == {"4.2.1", "5.1.1.01", "5.1.1.02", "5.2.1.01", "6.1.1"}
    assert saved["5.1.1.02"]["kegiatan"] == "01.01.01" and saved["6.1.1"]["anggaran"] == 200_000_000
    assert saved["6.1.1"]["uraian"] == "SiLPA tahun sebelumnya" and saved["4.2.1"]["sumber_dana"] == "DDS"
    assert [k["nama"] for k in rows(Kegiatan)] == ["Penyelenggaraan belanja siltap"]


def test_a_long_budget_shows_belanja_down_to_the_kegiatan_until_a_bidang_is_chosen(kaur, monkeypatch):
    from plugins.keuangan.halaman import apbdes

    v = buat_tahun(kaur)
    berhasil(baris(kaur, v["id"], kegiatan="01.01.01", kegiatan_nama="Siltap", akun="5.1.1.01",
                   uraian="Siltap kepala", anggaran="40.000.000"))
    berhasil(baris(kaur, v["id"], kegiatan="03.01.01", kegiatan_nama="Linmas", akun="5.2.2.01",
                   uraian="Honor linmas", anggaran="12.000.000"))
    full = kaur.get(f"/admin/keuangan/{TAHUN}").text
    assert "Siltap kepala" in full and "Honor linmas" in full and 'id="belanja-ringkas"' not in full
    monkeypatch.setattr(apbdes, "BANYAK", 1)
    short = kaur.get(f"/admin/keuangan/{TAHUN}").text
    assert 'id="belanja-ringkas"' in short and "Linmas" in short and "Honor linmas" not in short
    one = kaur.get(f"/admin/keuangan/{TAHUN}?versi=1&bidang=03").text
    assert "Honor linmas" in one and "Siltap" not in one and "Belanja bidang 03" in one and "12.000.000" in one
    assert kaur.get(f"/admin/keuangan/{TAHUN}?bidang=04").status_code == 404


def test_a_line_with_realisation_cannot_be_deleted_and_a_perubahan_replaces_the_version_in_force(kaur):
    v = buat_tahun(kaur)
    berhasil(baris(kaur, v["id"], akun="4.2.1", uraian="Dana Desa", anggaran="500.000.000"))
    berhasil(baris(kaur, v["id"], kegiatan="03.01.01", kegiatan_nama="Pembinaan ketenteraman", akun="5.2.2.01",
                   uraian="Honor linmas", anggaran="12.000.000"))
    berhasil(baris(kaur, v["id"], kegiatan="03.01.01", akun="5.2.1.01", uraian="ATK", anggaran="1.000.000"))
    berhasil(kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-01-02"))
    berhasil(kirim(kaur, f"/admin/keuangan/{TAHUN}/realisasi/baru", pos="03.01.01|5.2.2.01",
                   tanggal=f"{TAHUN}-02-01", jumlah="1.000.000", uraian="Honor Januari", bukti=""))
    honor = next(b for b in rows(BarisAnggaran) if b["akun"] == "5.2.2.01")
    atk = next(b for b in rows(BarisAnggaran) if b["akun"] == "5.2.1.01")

    confirm = kaur.get(f"/admin/keuangan/baris/{honor['id']}/hapus")
    assert "sudah ada realisasinya" in confirm.text and "Ya, hapus" not in confirm.text
    refused = post_form(kaur, f"/admin/keuangan/baris/{honor['id']}/hapus")
    assert "sudah ada realisasinya" in refused.text and "ubah anggarannya" in refused.text
    assert len(rows(BarisAnggaran)) == 3
    berhasil(kirim(kaur, f"/admin/keuangan/baris/{atk['id']}/hapus"))  # no realisation: it goes
    assert len(rows(BarisAnggaran)) == 2

    new = berhasil(kirim(kaur, f"/admin/keuangan/{TAHUN}/perubahan"))
    assert new.endswith("?versi=2")
    draft = run_sync(Apbdes.select().where(Apbdes.versi == 2).first().run())
    assert draft["nama"] == f"APB Desa Perubahan {TAHUN}" and draft["status"] == "draf"
    copied = {b["akun"]: b for b in rows(BarisAnggaran) if b["apbdes"] == draft["id"]}
    assert set(copied) == {"4.2.1", "5.2.2.01"}
    again = post_form(kaur, f"/admin/keuangan/{TAHUN}/perubahan")
    assert "Masih ada rancangan" in again.text and len(rows(Apbdes)) == 2
    edit = kaur.get(f"/admin/keuangan/baris/{copied['5.2.2.01']['id']}").text
    assert 'value="12.000.000"' in edit  # the stored amount, as an operator writes it
    berhasil(kirim(kaur, f"/admin/keuangan/baris/{copied['5.2.2.01']['id']}", kegiatan="03.01.01",
                   kegiatan_nama="", akun="5.2.2.01", uraian="Honor linmas", anggaran="15.000.000", sumber_dana=""))
    renamed = kirim(kaur, f"/admin/keuangan/apbdes/{draft['id']}/kegiatan", kode="03.01.01", nama="Linmas nagari")
    berhasil(renamed)
    wrong = kirim(kaur, f"/admin/keuangan/apbdes/{draft['id']}/kegiatan", kode="09.01.01", nama="Entah")
    assert wrong.status_code == 400 and 'id="galat-kode"' in wrong.text and 'value="Entah"' in wrong.text
    shown = kaur.get(f"/admin/keuangan/{TAHUN}?versi=2").text
    assert "Linmas nagari" in shown and "Pembinaan ketenteraman" not in shown
    assert "15.000.000" in shown and "Tetapkan" in shown
    in_force = kaur.get(f"/admin/keuangan/{TAHUN}").text  # the version in force is still version 1
    assert "12.000.000" in in_force and "Pembinaan ketenteraman" in in_force
    berhasil(kirim(kaur, f"/admin/keuangan/apbdes/{draft['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-07-01",
                   nomor_perdes="Perdes 5/2025"))
    status = {a["versi"]: a["status"] for a in rows(Apbdes)}
    assert status == {1: "diganti", 2: "berlaku"}
    r = run_sync(ringkasan(TAHUN))
    assert r.apbdes["versi"] == 2 and r.belanja.anggaran == 1_500_000_000 and r.belanja.realisasi == 100_000_000
    old = kaur.get(f"/admin/keuangan/{TAHUN}?versi=1").text
    assert "sudah diganti oleh perubahannya" in old and "Tambah baris" not in old  # kept as it was, no edit links
    listing = kaur.get("/admin/keuangan").text
    assert "Sudah diganti" in listing and f"APB Desa Perubahan {TAHUN}" in listing


def test_only_finance_staff_write_and_the_wali_nagari_reads(client, balai):
    run_sync(create_user("operator1", "Operator", "sandi-operator-1", "operator"))
    run_sync(create_user("wali1", "Wali Nagari", "sandi-wali-nagari-1", "wali_nagari"))
    run_sync(create_user(KAUR[0], KAUR[1], KAUR[2], "kaur_keuangan"))
    login(client, KAUR[0], KAUR[2])
    v = buat_tahun(client)
    berhasil(baris(client, v["id"], akun="4.2.1", uraian="Dana Desa", anggaran="500.000.000"))
    line = rows(BarisAnggaran)[0]
    post_form(client, "/keluar")

    login(client, "operator1", "sandi-operator-1")
    for url in ("/admin/keuangan", f"/admin/keuangan/{TAHUN}", f"/admin/keuangan/{TAHUN}/realisasi",
                f"/admin/keuangan/apbdes/{v['id']}/tempel", f"/admin/keuangan/baris/{line['id']}"):
        assert client.get(url).status_code == 403, url
    assert baris(client, v["id"], akun="4.1.1", uraian="x", anggaran="1").status_code == 403
    assert kirim(client, "/admin/keuangan/baru", tahun=TAHUN + 1).status_code == 403
    post_form(client, "/keluar")

    login(client, "wali1", "sandi-wali-nagari-1")
    seen = client.get(f"/admin/keuangan/{TAHUN}")
    assert seen.status_code == 200 and "500.000.000" in seen.text
    assert "Tambah baris" not in seen.text and "Tetapkan" not in seen.text  # no buttons it cannot use
    assert client.get(f"/admin/keuangan/{TAHUN}/realisasi").status_code == 200
    assert client.get(f"/admin/keuangan/apbdes/{v['id']}/baris/baru").status_code == 403
    assert kirim(client, f"/admin/keuangan/baris/{line['id']}/hapus").status_code == 403
    assert kirim(client, f"/admin/keuangan/apbdes/{v['id']}/tetapkan",
                 berlaku_sejak=f"{TAHUN}-01-02").status_code == 403
    assert len(rows(BarisAnggaran)) == 1 and rows(Apbdes)[0]["status"] == "draf"


def test_the_administrator_runs_it_too_and_the_dashboard_card_shows_this_years_spending(admin_client):
    this_year = nagari_today().year
    assert "Belum ada APB Desa" in admin_client.get("/admin").text
    v = buat_tahun(admin_client, this_year)
    berhasil(baris(admin_client, v["id"], kegiatan="01.01.01", kegiatan_nama="Siltap", akun="5.1.1.01",
                   uraian="Siltap kepala", anggaran="40.000.000"))
    berhasil(kirim(admin_client, f"/admin/keuangan/apbdes/{v['id']}/tetapkan",
                   berlaku_sejak=f"{this_year}-01-01"))
    assert "/admin/buku/c1" in admin_client.get(f"/admin/keuangan/{this_year}").text
    card = admin_client.get("/admin").text
    assert "APB Desa" in card and "Rp40.000.000" in card
    assert admin_client.get(f"/admin/keuangan/{this_year + 500}").status_code == 404
    assert admin_client.get(f"/admin/keuangan/{this_year}?versi=9").status_code == 404


def test_the_realisation_list_totals_each_part_on_its_own(kaur):
    v = buat_tahun(kaur)
    berhasil(baris(kaur, v["id"], akun="4.2.1", uraian="Dana Desa", anggaran="850.000.000", sumber_dana="DDS"))
    berhasil(baris(kaur, v["id"], kegiatan="02.03.01", kegiatan_nama="Pembangunan jalan usaha tani",
                   akun="5.3.2.01", uraian="Semen dan pasir", anggaran="125.000.000", sumber_dana="DDS"))
    berhasil(kirim(kaur, f"/admin/keuangan/apbdes/{v['id']}/tetapkan", berlaku_sejak=f"{TAHUN}-01-10"))
    url = f"/admin/keuangan/{TAHUN}/realisasi/baru"
    berhasil(kirim(kaur, url, pos="|4.2.1", tanggal=f"{TAHUN}-03-01", jumlah="400.000.000", uraian="Tahap I",
                   bukti="TBP-1"))
    berhasil(kirim(kaur, url, pos="02.03.01|5.3.2.01", tanggal=f"{TAHUN}-03-05", jumlah="2.000.000",
                   uraian="Semen 40 sak", bukti="KW-01"))
    listing = kaur.get(f"/admin/keuangan/{TAHUN}/realisasi").text
    total = listing.split('id="jumlah-realisasi">')[1].split("</p>")[0]
    assert "2 catatan" in total and "Pendapatan Rp400.000.000" in total and "Belanja Rp2.000.000" in total
    assert "402.000.000" not in total  # money in and money out are not one sum
    only = kaur.get(f"/admin/keuangan/{TAHUN}/realisasi?kegiatan=02.03.01").text
    total = only.split('id="jumlah-realisasi">')[1].split("</p>")[0]
    assert "1 catatan" in total and "Belanja Rp2.000.000" in total and "Pendapatan" not in total
