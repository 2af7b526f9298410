"""Reading a Siskeudes export (plugin `keuangan`, issue 22): what the import takes from the zip, and what it refuses."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from plugins.keuangan import contoh
from plugins.keuangan.siskeudes import SiskeudesError, baca_tanggal, baca_zip, kode_kegiatan, urutan_tanggal


def _sample(tahun=2026, **kwargs):
    kegiatan, lines, realisasi = contoh.anggaran_contoh(tahun, baris=60, sampai=date(tahun, 6, 30))
    return kegiatan, lines, realisasi, contoh.tabel_siskeudes(tahun, kegiatan, lines, realisasi, **kwargs)


def _zip(tabel, **kwargs) -> bytes:
    return contoh.zip_dari_tabel(tabel, **kwargs)


def test_the_sample_comes_back_line_for_line_with_its_realisation():
    kegiatan, lines, realisasi, tabel = _sample()
    hasil = baca_zip(_zip(tabel))
    assert hasil.tahun == 2026 and hasil.masalah == []
    assert {(b.kegiatan, b.akun): b.anggaran for b in hasil.baris} == {(x["kegiatan"], x["akun"]): x["anggaran"]
                                                                       for x in lines}
    # split detail rows are summed back; a pos with several detail rows is named after the objek (Ref_Rek4)
    assert len(tabel["Ta_RABRinci"]) > len(lines)
    assert {b.uraian for b in hasil.baris} == {x["uraian"] for x in lines}
    assert hasil.kegiatan == {k["kode"]: k["nama"] for k in kegiatan}
    assert sorted((e.kegiatan, e.akun, e.tanggal, e.jumlah, e.bukti) for e in hasil.realisasi) == sorted(
        (r["kegiatan"], r["akun"], r["tanggal"], r["jumlah"], r["bukti"]) for r in realisasi)
    assert all(b.kegiatan == "" for b in hasil.baris if b.akun[0] in "46")
    assert hasil.sidik == hasil.sidik.lower() and len(hasil.sidik) == 64


def test_budget_after_perubahan_wins_and_an_empty_cell_falls_back_to_anggaran():
    _, lines, _, tabel = _sample()
    first, second = tabel["Ta_RABRinci"][2], tabel["Ta_RABRinci"][3]   # two lines of one detail row each
    first["AnggaranStlhPAK"] = "2500000.00"            # raised in the Perubahan
    second["Anggaran"], second["AnggaranStlhPAK"] = "1000,50", ""
    hasil = {(b.kegiatan, b.akun): b.anggaran for b in baca_zip(_zip(tabel)).baris}
    assert hasil[("", first["Kd_Rincian"].rstrip("."))] == 250_000_000
    assert hasil[("", second["Kd_Rincian"].rstrip("."))] == 100_050


def test_semicolons_cp1252_and_headers_in_any_case_are_read():
    _, lines, _, tabel = _sample()
    tabel["Ta_Kegiatan"][0]["Nama_Kegiatan"] = "Penyediaan Operasional Pemerintahan Nagari – Kantor Jorong"
    tabel["Ta_RABRinci"] = [{k.upper(): v for k, v in r.items()} for r in tabel["Ta_RABRinci"]]
    hasil = baca_zip(_zip(tabel, pemisah=";", encoding="cp1252"))
    assert hasil.masalah == [] and len(hasil.baris) == len(lines)
    assert "Penyediaan Operasional Pemerintahan Nagari – Kantor Jorong" in hasil.kegiatan.values()


def test_realisation_follows_the_normal_balance_and_skips_cash_and_unposted_entries():
    _, _, _, tabel = _sample()
    t = "2026"
    tabel["Ta_JurnalUmum"] = [
        {"Tahun": t, "NoBukti": "A", "Tanggal": "2026-03-15", "Keterangan": "Dana Desa tahap I", "Posted": "1"},
        {"Tahun": t, "NoBukti": "B", "Tanggal": "2026-04-01 00:00:00", "Keterangan": "Honor PAUD", "Posted": "True"},
        {"Tahun": t, "NoBukti": "C", "Tanggal": "2026-04-02", "Keterangan": "Koreksi", "Posted": "-1"},
        {"Tahun": t, "NoBukti": "D", "Tanggal": "2026-04-03", "Keterangan": "Belum diposting", "Posted": "0"},
    ]
    keg = f"{contoh.KD_DESA}02.01.01."
    rinci = [("A", "", "4.2.1.01.", "0", "360000000"), ("A", "", "1.1.1.01.", "360000000", "0"),
             ("B", keg, "5.2.2.01.", "1500000", "0"), ("B", keg, "5.2.2.01.", "500000", "0"),
             ("C", keg, "5.2.2.01.", "0", "200000"),            # a correcting entry: negative realisation
             ("D", keg, "5.2.2.01.", "9000000", "0")]
    tabel["Ta_JurnalUmumRinci"] = [{"Tahun": t, "NoBukti": b, "Kd_Keg": k, "Kd_Rincian": r, "Debet": d, "Kredit": c}
                                   for b, k, r, d, c in rinci]
    hasil = baca_zip(_zip(tabel))
    assert hasil.masalah == []
    assert sorted((e.bukti, e.kegiatan, e.akun, e.tanggal, e.jumlah) for e in hasil.realisasi) == [
        ("A", "", "4.2.1.01", date(2026, 3, 15), 36_000_000_000),
        ("B", "02.01.01", "5.2.2.01", date(2026, 4, 1), 200_000_000),
        ("C", "02.01.01", "5.2.2.01", date(2026, 4, 2), -20_000_000)]
    assert any("belum diposting" in c for c in hasil.catatan)


def test_payment_requests_are_not_realisation():
    _, _, realisasi, tabel = _sample()
    tabel["Ta_SPPRinci"] = [{"Tahun": "2026", "No_SPP": "1", "Kd_Keg": "x", "Kd_Rincian": "5.2.2.01.", "Nilai": "7"}]
    hasil = baca_zip(_zip(tabel))
    assert sum(e.jumlah for e in hasil.realisasi) == sum(r["jumlah"] for r in realisasi)


def test_without_the_journal_the_realisation_is_left_alone():
    _, _, _, tabel = _sample()
    del tabel["Ta_JurnalUmum"], tabel["Ta_JurnalUmumRinci"]
    hasil = baca_zip(_zip(tabel))
    assert not hasil.ada_jurnal and hasil.realisasi == [] and hasil.masalah == []


def test_a_bad_row_is_named_by_file_and_line():
    _, _, _, tabel = _sample()
    rinci = tabel["Ta_RABRinci"]
    rinci[2]["AnggaranStlhPAK"] = "satu juta"
    rinci[3]["Kd_Rincian"] = "5.9.9.01."
    belanja = next(i for i, r in enumerate(rinci) if r["Kd_Rincian"].startswith("5") and i > 3)
    rinci[belanja]["Kd_Keg"] = f"{contoh.KD_DESA}00.00.00."
    masalah = baca_zip(_zip(tabel)).masalah
    assert [(m.berkas, m.baris) for m in masalah] == [("Ta_RABRinci.csv", 4), ("Ta_RABRinci.csv", 5),
                                                      ("Ta_RABRinci.csv", belanja + 2)]
    assert "Bukan angka" in masalah[0].pesan and "5.9.9.01" in masalah[1].pesan
    assert "tanpa kegiatan" in masalah[2].pesan


def test_journal_problems_are_listed_per_row():
    _, _, _, tabel = _sample()
    tabel["Ta_JurnalUmum"][0]["Tanggal"] = "2025-12-31"
    tabel["Ta_JurnalUmumRinci"][2]["Debet"] = "1.000.000"          # not a machine number
    tabel["Ta_JurnalUmumRinci"][4]["NoBukti"] = "TIDAK-ADA"
    masalah = [(m.berkas, m.baris) for m in baca_zip(_zip(tabel)).masalah]
    assert masalah == [("Ta_JurnalUmum.csv", 2), ("Ta_JurnalUmumRinci.csv", 4), ("Ta_JurnalUmumRinci.csv", 6)]


@pytest.mark.parametrize("ubah, pesan", [
    (lambda t: t.pop("Ta_RABRinci"), "Ta_RABRinci.csv tidak ada"),
    (lambda t: [r.pop("Tahun", None) for rows in t.values() for r in rows], "Tahun anggaran tidak ditemukan"),
    (lambda t: t["Ta_RABRinci"][5].update(Tahun="2025"), "lebih dari satu tahun anggaran (2025, 2026)"),
    (lambda t: [r.pop("Kd_Rincian") for r in t["Ta_RABRinci"]], "Ta_RABRinci.csv: kolom Kd_Rincian tidak ada"),
    (lambda t: [r.pop("Debet") for r in t["Ta_JurnalUmumRinci"]], "kolom Debet tidak ada"),
    (lambda t: t.pop("Ta_JurnalUmum"), "Ta_JurnalUmum.csv (tanggal setiap bukti) tidak ada"),
    (lambda t: t["Ta_RABRinci"].clear(), "tidak berisi satu pun baris anggaran"),
])
def test_a_partial_or_wrong_export_is_refused_whole(ubah, pesan):
    _, _, _, tabel = _sample()
    ubah(tabel)
    with pytest.raises(SiskeudesError, match=pesan.replace("(", r"\(").replace(")", r"\)")):
        baca_zip(_zip(tabel))


def _zip_mentah(berkas: dict[str, bytes]) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as arsip:
        for nama, isi in berkas.items():
            arsip.writestr(nama, isi)
    return keluaran.getvalue()


def test_foreign_files_and_zip_bombs_are_refused():
    with pytest.raises(SiskeudesError, match="bukan zip"):
        baca_zip(b"%PDF-1.4 not a zip")
    with pytest.raises(SiskeudesError, match="rusak"):
        baca_zip(b"PK\x03\x04 broken")
    with pytest.raises(SiskeudesError, match="Ta_RABRinci.csv tidak ada"):
        baca_zip(_zip_mentah({"penduduk.csv": b"nik,nama\n1,A\n"}))
    with pytest.raises(SiskeudesError, match="terlalu besar"):  # 200 MB of zeros deflate to ~200 KB
        baca_zip(_zip_mentah({"Ta_RABRinci.csv": b"0" * (200 * 2**20)}))
    with pytest.raises(SiskeudesError, match="terlalu banyak"):
        baca_zip(_zip_mentah({f"x{i}.csv": b"" for i in range(1001)}))


def test_a_table_in_a_sub_folder_is_found():
    _, lines, _, tabel = _sample()
    isi = zipfile.ZipFile(io.BytesIO(_zip(tabel)))
    data = _zip_mentah({f"Export 2026/{n}": isi.read(n) for n in isi.namelist()})
    assert len(baca_zip(data).baris) == len(lines)


def test_activity_codes_lose_the_village_code():
    assert kode_kegiatan("13.07.2005.02.03.01.", "13.07.2005.") == "02.03.01"
    assert kode_kegiatan("00.0000.01.02.03.") == "01.02.03"
    assert kode_kegiatan("00.0000.00.00.00.") == ""
    assert kode_kegiatan("00.0000.") == ""
    assert kode_kegiatan("00.0000.01.") == ""


def test_dates_in_the_formats_siskeudes_writes():
    assert baca_tanggal("2026-03-15") == baca_tanggal("2026-03-15 00:00:00") == date(2026, 3, 15)
    assert baca_tanggal("15/03/2026") == date(2026, 3, 15)
    assert urutan_tanggal(["03/15/2026 00:00:00", "04/01/2026 00:00:00"]) == "mdy"
    assert baca_tanggal("04/01/2026 00:00:00", "mdy") == date(2026, 4, 1)
    assert urutan_tanggal(["04/01/2026"]) == "dmy"          # ambiguous everywhere: day first, as in Indonesia
    assert baca_tanggal("31/02/2026") is None and baca_tanggal("kemarin") is None
    with pytest.raises(SiskeudesError, match="dua urutan"):
        urutan_tanggal(["15/03/2026", "03/15/2026"])


def test_a_month_first_export_reads_the_same_dates():
    _, _, realisasi, tabel = _sample(format_tanggal="mdy")
    hasil = baca_zip(_zip(tabel))
    assert sorted(e.tanggal for e in hasil.realisasi) == sorted(r["tanggal"] for r in realisasi)


def test_the_sample_is_deterministic_and_realistic():
    assert contoh.zip_siskeudes(2026, sampai=date(2026, 5, 1)) == contoh.zip_siskeudes(2026, sampai=date(2026, 5, 1))
    _, lines, realisasi = contoh.anggaran_contoh(2025)
    pendapatan = sum(x["anggaran"] for x in lines if x["akun"][0] == "4")
    belanja = sum(x["anggaran"] for x in lines if x["akun"][0] == "5")
    assert 1_000_000_000_00 <= pendapatan <= 2_000_000_000_00
    assert {x["kegiatan"][:2] for x in lines if x["kegiatan"]} == {"01", "02", "03", "04", "05"}
    assert 0.85 <= sum(r["jumlah"] for r in realisasi if r["akun"][0] == "5") / belanja <= 1.0
    _, big, _ = contoh.anggaran_contoh(2026, baris=2000)
    assert len(big) == 2000 and len({(x["kegiatan"], x["akun"]) for x in big}) == 2000


@pytest.mark.parametrize("isi, pesan", [
    (b"Kd_Keg,Kd_Rincian,Anggaran,Tahun\n,4.1.1.01.,\"" + b"9" * 140_000 + b"\",2026\n", "Ta_RABRinci.csv rusak"),
    (b"Kd_Keg,Kd_Rincian,Anggaran,Tahun\n,4.1.1.01.,\"1000,2026\n,4.1.2.01.,5,2026\n", "Ta_RABRinci.csv rusak"),
])
def test_a_broken_csv_is_refused_with_its_name(isi, pesan):
    with pytest.raises(SiskeudesError, match=pesan):
        baca_zip(_zip_mentah({"Ta_RABRinci.csv": isi}))


def test_a_table_of_too_many_rows_or_too_many_bytes_is_refused():
    kepala = b"Kd_Keg,Kd_Rincian,Anggaran,Tahun\n"
    banyak = kepala + b",4.1.1.01.,1,2026\n" * 100_001               # 1.8 MB of short rows
    with pytest.raises(SiskeudesError, match="Ta_RABRinci.csv memuat lebih dari 100.000 baris"):
        baca_zip(_zip_mentah({"Ta_RABRinci.csv": banyak}))
    besar = kepala + (b",4.1.1.01.,1,2026," + b"x" * 2000 + b"\n") * 11_000   # 22 MB, few rows
    with pytest.raises(SiskeudesError, match="Ta_RABRinci.csv terlalu besar"):
        baca_zip(_zip_mentah({"Ta_RABRinci.csv": besar}))


def test_a_password_protected_zip_says_so():
    data = bytearray(_zip(_sample()[3]))
    for tanda, geser in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):   # set the "encrypted" flag, as zip -e does
        i = data.find(tanda)
        while i != -1:
            data[i + geser] |= 1
            i = data.find(tanda, i + 1)
    with pytest.raises(SiskeudesError, match="terkunci kata sandi; ekspor ulang dari Siskeudes tanpa kata sandi"):
        baca_zip(bytes(data))
