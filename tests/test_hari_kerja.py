"""Working-day arithmetic of the PPID deadlines (UU 14/2008 art. 22 and 36): weekends and holidays skipped, the day
of receipt not counted, across a year's end; the seeded holiday calendar."""

from datetime import date

from plugins.informasi_publik import hari_kerja
from plugins.informasi_publik.hari_kerja import JAWAB, KEBERATAN, PERPANJANG, sisa, tambah, terlambat

TANPA_LIBUR: set = set()
AKHIR_TAHUN = {date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1)}


def test_ten_working_days_skip_weekends_and_a_request_on_saturday_counts_from_monday():
    assert tambah(date(2026, 12, 4), JAWAB, TANPA_LIBUR) == date(2026, 12, 18)  # a Friday: two weeks on
    assert tambah(date(2026, 12, 5), JAWAB, TANPA_LIBUR) == date(2026, 12, 18)  # Saturday: Monday is day one
    assert tambah(date(2026, 12, 7), JAWAB, TANPA_LIBUR) == date(2026, 12, 21)  # Monday: day one is Tuesday


def test_holidays_and_cuti_bersama_are_skipped_across_the_year_end():
    # Thu 17 Dec: 18, 21, 22, 23 (4); 24-25 off; 28, 29, 30, 31 (8); 1 Jan off; 4, 5 Jan (10)
    assert tambah(date(2026, 12, 17), JAWAB, AKHIR_TAHUN) == date(2027, 1, 5)
    assert tambah(date(2026, 12, 17), JAWAB, TANPA_LIBUR) == date(2026, 12, 31)
    # the extension adds 7 working days to the deadline, holidays skipped again
    assert tambah(date(2026, 12, 22), PERPANJANG, AKHIR_TAHUN) == date(2027, 1, 5)  # 23, 28-31, 4, 5
    # the atasan PPID's 30 working days for an objection: six weeks without holidays
    assert tambah(date(2026, 11, 2), KEBERATAN, TANPA_LIBUR) == date(2026, 12, 14)


def test_days_left_counts_working_days_and_overdue_is_negative():
    tenggat = date(2026, 12, 18)  # a Friday
    assert sisa(date(2026, 12, 18), tenggat, TANPA_LIBUR) == 0
    assert sisa(date(2026, 12, 17), tenggat, TANPA_LIBUR) == 1
    assert sisa(date(2026, 12, 11), tenggat, TANPA_LIBUR) == 5
    assert sisa(date(2026, 12, 12), tenggat, TANPA_LIBUR) == 5  # from a Saturday: Mon..Fri
    assert sisa(date(2026, 12, 19), tenggat, TANPA_LIBUR) == -1  # Saturday after: late all the same
    assert sisa(date(2026, 12, 22), tenggat, TANPA_LIBUR) == -2
    assert sisa(date(2026, 12, 28), date(2026, 12, 23), AKHIR_TAHUN) == -1  # 24 and 25 were holidays
    assert terlambat(date(2026, 12, 19), tenggat) and not terlambat(tenggat, tenggat)


def test_seeded_calendar_has_the_skb_2026_holidays_and_cuti_bersama():
    rows = hari_kerja.libur_bawaan()
    tahun_2026 = [r for r in rows if r[0].year == 2026]
    assert sum(1 for r in tahun_2026 if not r[2]) == 17 and sum(1 for r in tahun_2026 if r[2]) == 8
    assert (date(2026, 3, 20), "Cuti bersama Idul Fitri 1447 H", True) in tahun_2026
    assert any(r[0] == date(2027, 8, 17) for r in rows)
    assert len({r[0] for r in rows}) == len(rows)  # one row per date
    # Tue 17 Mar 2026: 18-24 Mar are Nyepi, Idul Fitri and cuti bersama, 3 Apr Good Friday: due Wed 8 Apr
    libur = {r[0] for r in rows}
    assert tambah(date(2026, 3, 17), JAWAB, libur) == date(2026, 4, 8)
