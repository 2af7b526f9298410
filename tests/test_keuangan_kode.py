"""The codes of Permendagri 20/2018 as the budget uses them (plugin `keuangan`, issue 22): accounts and activities."""

from __future__ import annotations

import pytest

from plugins.keuangan import kode
from plugins.keuangan.kode import (BIDANG, SUB_BIDANG, akun, bidang, kelompok_akun, normal_akun, periksa_akun,
                                   periksa_kegiatan, sub_bidang)


def test_codes_from_outside_lose_spaces_and_trailing_dots():
    assert normal_akun("5.2.1.01.") == "5.2.1.01"
    assert normal_akun(" 4.2. ") == "4.2"
    assert kode.normal_kegiatan("02.03.01.") == "02.03.01"


def test_account_names_at_every_level():
    assert akun("4") == "Pendapatan"
    assert akun("4.2") == "Pendapatan Transfer"
    assert akun("4.2.1") == "Dana Desa"
    assert akun("4.2.1.01") == "Dana Desa"          # an objek takes its jenis' name
    assert akun("5.2.1.") == "Belanja Barang Perlengkapan"
    assert akun("6.1.1") == "SILPA Tahun Sebelumnya"
    assert akun("5.9.9") is None and akun("x") is None and akun("") is None


@pytest.mark.parametrize("teks", ["4.2.1", "4.2.1.01", "5.2.1.01", "5.4.1", "6.1.1", "6.2.2.03", "5.2.1.01."])
def test_budget_accounts_are_valid(teks):
    assert periksa_akun(teks) is None


@pytest.mark.parametrize("teks, pesan", [
    ("", "wajib diisi"),
    ("lima", "tidak dikenal"),
    ("5.2", "harus sampai tingkat jenis"),
    ("5", "harus sampai tingkat jenis"),
    ("5.2.1.1", "dua angka"),
    ("5.2.1.001", "dua angka"),
    ("5.9.9", "tidak ada dalam daftar"),
    ("4.2.2.01", None),
    ("1.1.1", "bukan rekening APB Desa"),   # aset: a balance-sheet account, not a budget one
    ("7.1.1", "bukan rekening APB Desa"),
])
def test_accounts_outside_the_list_are_explained(teks, pesan):
    hasil = periksa_akun(teks)
    assert (hasil is None) if pesan is None else (pesan in hasil), hasil


def test_account_must_belong_to_the_part_asked_for():
    assert periksa_akun("5.2.1", untuk="belanja") is None
    assert "bukan rekening pendapatan" in periksa_akun("5.2.1", untuk="pendapatan")
    assert "bukan rekening belanja" in periksa_akun("6.1.1", untuk="belanja")
    assert [kelompok_akun(k) for k in ("4.1.1", "5.3.4.01", "6.2.1")] == ["pendapatan", "belanja", "pembiayaan"]
    with pytest.raises(ValueError):
        kelompok_akun("1.1.1")


def test_bidang_in_order_with_readable_names():
    assert list(BIDANG) == ["01", "02", "03", "04", "05"]
    assert bidang("01") == "Penyelenggaraan Pemerintahan Desa"
    assert bidang("02") == "Pelaksanaan Pembangunan Desa"
    assert bidang("05").startswith("Penanggulangan Bencana")
    assert all(not n.isupper() and not n.startswith("Bidang") for n in BIDANG.values())
    assert bidang("09") == ""


def test_sub_bidang_of_permendagri_20_2018():
    jumlah = {}
    for k in SUB_BIDANG:
        jumlah[k[:2]] = jumlah.get(k[:2], 0) + 1
    assert jumlah == {"01": 5, "02": 8, "03": 4, "04": 7, "05": 3}
    assert sub_bidang("02.03") == "Pekerjaan Umum dan Penataan Ruang"
    assert sub_bidang("02.03.01") == "Pekerjaan Umum dan Penataan Ruang"
    assert sub_bidang("05.03") == "Keadaan Mendesak"
    assert sub_bidang("02.09") == ""


@pytest.mark.parametrize("teks, pesan", [
    ("02.03.01", None), ("05.03.02.", None), ("", "wajib diisi"), ("2.3.1", "harus berbentuk"),
    ("02.03", "harus berbentuk"), ("06.01.01", "Bidang 06 tidak ada"), ("02.09.01", "Sub-bidang 02.09"),
    ("01.01.00", "tidak boleh 00"),
])
def test_activity_codes(teks, pesan):
    hasil = periksa_kegiatan(teks)
    assert (hasil is None) if pesan is None else (pesan in hasil), hasil
