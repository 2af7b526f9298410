"""Amounts in the village budget (plugin `keuangan`, issue 22): what an operator types, what Siskeudes writes, and
how sen are printed. Pure functions: no database."""

from __future__ import annotations

import pytest

from plugins.keuangan.jumlah import JumlahError, angka, baca_angka_siskeudes, baca_jumlah, persen, rupiah


@pytest.mark.parametrize("teks, sen", [
    ("1.250.000,00", 125_000_000),
    ("1.250.000", 125_000_000),
    ("1250000", 125_000_000),
    ("1250000,5", 125_000_050),
    ("Rp 1.250.000", 125_000_000),
    ("Rp. 1.250.000,75", 125_000_075),
    ("rp1.250.000", 125_000_000),
    ("1,250,000.00", 125_000_000),
    ("1,250.5", 125_050),
    ("1.250", 125_000),          # one dot and three digits: Indonesian thousands, never 1,25 rupiah
    ("1,25", 125),               # one comma: the decimal comma
    ("1250000.50", 125_000_050),  # a spreadsheet's decimal point
    (" 1 250 000 ", 125_000_000),
    ("1\u00a0250\u00a0000", 125_000_000),
    ("0", 0),
    ("Rp1.250.000,-", 125_000_000),  # ",-": no sen, as written on receipts
    ("1.000.000.000.000.000", 100_000_000_000_000_000),  # the largest amount allowed
])
def test_operator_amounts_are_read_into_sen(teks, sen):
    assert baca_jumlah(teks) == sen


@pytest.mark.parametrize("teks, pesan", [
    ("", "wajib diisi"),
    ("   ", "wajib diisi"),
    ("Rp", "wajib diisi"),
    ("-5.000", "Jumlah tidak boleh negatif."),
    ("Rp -5.000", "Jumlah tidak boleh negatif."),
    ("(5.000)", "Jumlah tidak boleh negatif."),
    ("lima ribu", "hanya boleh berisi angka"),
    ("12a", "hanya boleh berisi angka"),
    ("1,255", "tulis ribuan dengan titik"),   # English thousands with one comma: ambiguous, explained
    ("1,2555", "dua angka di belakang koma"),
    ("1.250,125", "dua angka di belakang koma"),
    ("1.25.000", "Pemisah ribuan"),
    ("1,250,00", "Pemisah ribuan"),
    ("1.250.000,00,1", "desimal hanya boleh satu"),
    (".5", "diawali atau diakhiri"),
    ("5.", "diawali atau diakhiri"),
    ("1.000.000.000.000.001", "terlalu besar"),
    ("9" * 5000, "terlalu besar"),
])
def test_bad_operator_amounts_get_a_message_in_indonesian(teks, pesan):
    with pytest.raises(JumlahError) as galat:
        baca_jumlah(teks)
    assert pesan in galat.value.pesan and pesan in str(galat.value)


@pytest.mark.parametrize("teks, sen", [
    ("1250000", 125_000_000), ("1250000.00", 125_000_000), ("1250000,00", 125_000_000),
    ("-50000.5", -5_000_050), ("", 0), ("  ", 0), ("0.005", 1), ("1.25E+06", 125_000_000), ("12,3456", 1235),
])
def test_siskeudes_numbers_may_be_negative_and_empty_is_zero(teks, sen):
    assert baca_angka_siskeudes(teks) == sen


@pytest.mark.parametrize("teks", ["abc", "1.250.000,00", "Rp100", "--5", "nan", "1e999999"])
def test_siskeudes_non_numbers_are_refused(teks):
    with pytest.raises(JumlahError):
        baca_angka_siskeudes(teks)


def test_rupiah_prints_indonesian_separators_without_a_space():
    assert rupiah(125_000_000) == "Rp1.250.000"
    assert rupiah(125_000_000, sen_tampil=True) == "Rp1.250.000,00"
    assert rupiah(125_000_075, sen_tampil=True) == "Rp1.250.000,75"
    assert rupiah(-125_000_000) == "-Rp1.250.000"
    assert rupiah(-5, sen_tampil=True) == "-Rp0,05"
    assert rupiah(0) == "Rp0"
    assert rupiah(150) == "Rp2"     # half a rupiah rounds up
    assert rupiah(149) == "Rp1"
    assert rupiah(-20) == "Rp0"      # no "minus nothing"


def test_angka_is_whole_rupiah_rounded_half_up():
    assert angka(125_000_000) == "1.250.000"
    assert angka(125_000_050) == "1.250.001"
    assert angka(125_000_049) == "1.250.000"
    assert angka(-250_000) == "-2.500"
    assert angka(0) == "0"


def test_persen_has_one_decimal_comma_and_a_dash_without_total():
    assert persen(453, 1000) == "45,3%"
    assert persen(2, 3) == "66,7%"
    assert persen(1, 1) == "100,0%"
    assert persen(3, 2) == "150,0%"
    assert persen(0, 5) == "0,0%"
    assert persen(5, 0) == "\u2013"


def test_one_percentage_for_every_door_rounded_half_up():
    """The page prints persen(), the CSV and the spreadsheet write persen_angka(): the same number. 1/16 is 6,25%:
    half up gives 6,3 where a float's own rounding gives 6,2."""
    from decimal import Decimal

    from plugins.keuangan.jumlah import persen_angka

    assert persen_angka(1, 16) == Decimal("6.3") and persen(1, 16) == "6,3%"
    assert persen_angka(31_000_000_000, 45_000_000_050) == Decimal("68.9")  # never 68.89 in one door
    assert str(persen_angka(0, 5)) == "0.0" and persen_angka(5, 0) is None
    assert persen_angka(-1, 16) == Decimal("-6.3")  # a correcting entry rounds away from zero, as printed


def test_totals_are_per_part_of_the_apb_never_one_sum():
    from plugins.keuangan.jumlah import per_bagian

    assert per_bagian([("5.1.1.01", 300), ("4.2.1", 1000), ("6.1.1", 20), ("5.3.1", 200), ("6.2.1", 5)]) == [
        ("Pendapatan", 1000), ("Belanja", 500), ("Penerimaan pembiayaan", 20), ("Pengeluaran pembiayaan", 5)]
    assert per_bagian([("5.2.1", 7)]) == [("Belanja", 7)] and per_bagian([]) == []
    assert per_bagian([("6.10.1", 3)]) == [("Lainnya", 3)]  # "6.10" is not "6.1": a typo counts apart
