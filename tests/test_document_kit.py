"""The document kit: Indonesian numbers in words, dates, Roman months and signature blocks."""

from datetime import date

import pytest

from core.dokumen.tanda_tangan import blok
from core.dokumen.teks import bulan_romawi, rupiah_terbilang, tanggal_panjang, terbilang


@pytest.mark.parametrize("n, words", [
    (0, "nol"), (1, "satu"), (11, "sebelas"), (12, "dua belas"), (20, "dua puluh"), (100, "seratus"),
    (115, "seratus lima belas"), (1000, "seribu"), (1500, "seribu lima ratus"), (2026, "dua ribu dua puluh enam"),
    (1_000_000, "satu juta"), (250_000_000, "dua ratus lima puluh juta"),
    (1_250_000_001, "satu miliar dua ratus lima puluh juta satu"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_dates_and_roman_months():
    assert tanggal_panjang(date(2026, 11, 27)) == "27 November 2026"
    assert tanggal_panjang(date(2026, 11, 27), with_weekday=True) == "Jumat, 27 November 2026"
    assert [bulan_romawi(m) for m in (1, 4, 9, 11, 12)] == ["I", "IV", "IX", "XI", "XII"]
    assert rupiah_terbilang(250000) == "Dua ratus lima puluh ribu rupiah"


WALI = {"nama": "Datuak Rajo", "jabatan": "Wali Nagari", "nip": "", "nomor_staf": "WN-01",
        "cara_tanda_tangan": "kepala"}
SEKRETARIS = {"nama": "Yusrizal", "jabatan": "Sekretaris Nagari", "nip": "198203142009011003", "nomor_staf": "",
              "cara_tanda_tangan": "an"}
KASI = {"nama": "Rahmi", "jabatan": "Kasi Pelayanan", "nip": "", "nomor_staf": "PN-07", "cara_tanda_tangan": "ub"}


def test_signature_blocks_follow_an_and_ub():
    assert blok(WALI, "Wali Nagari Taram").atas == ("Wali Nagari Taram",)
    sek = blok(SEKRETARIS, "Wali Nagari Taram")
    assert sek.atas == ("a.n. Wali Nagari Taram", "Sekretaris Nagari") and sek.nomor == "NIP. 198203142009011003"
    kasi = blok(KASI, "Wali Nagari Taram", superior=SEKRETARIS)
    assert kasi.atas == ("a.n. Wali Nagari Taram", "Sekretaris Nagari", "u.b. Kasi Pelayanan")
    assert kasi.nomor == "NIPD. PN-07" and kasi.baris[-2:] == ("Rahmi", "NIPD. PN-07")
    with pytest.raises(ValueError, match="atasan"):
        blok(KASI, "Wali Nagari Taram")


def test_signature_block_from_the_officials_on_record(balai):
    from core.dokumen.tanda_tangan import block_for, signatories
    from core.tables import Perangkat
    from plugin_sdk.testing import run_sync

    sek = run_sync(Perangkat.insert(Perangkat(**SEKRETARIS, boleh_tanda_tangan=True)).returning(Perangkat.id).run())
    kasi = run_sync(Perangkat.insert(Perangkat(**KASI, atasan=sek[0]["id"], boleh_tanda_tangan=True)).returning(
        Perangkat.id).run())
    staff = run_sync(Perangkat.insert(Perangkat(nama="Ani", jabatan="Staf")).returning(Perangkat.id).run())
    assert [o["nama"] for o in run_sync(signatories())] == ["Yusrizal", "Rahmi"]
    block = run_sync(block_for(kasi[0]["id"], {"sebutan_kepala": "Wali Nagari", "nama": "Taram"}))
    assert block.atas == ("a.n. Wali Nagari Taram", "Sekretaris Nagari", "u.b. Kasi Pelayanan")
    with pytest.raises(ValueError, match="tidak berwenang"):
        run_sync(block_for(staff[0]["id"], {}))
