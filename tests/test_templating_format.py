"""Numbers, dates and times on every screen are written the Indonesian way, in the nagari's time zone."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from core.web.templating import angka_indonesia, build_environment, waktu_indonesia


def test_numbers_use_a_dot_for_thousands_and_a_comma_for_decimals():
    assert angka_indonesia(20000) == "20.000"
    assert angka_indonesia(5) == "5"
    assert angka_indonesia(1234567) == "1.234.567"
    assert angka_indonesia(-20000) == "-20.000"
    assert angka_indonesia(12.5) == "12,5"
    assert angka_indonesia(3.0) == "3"
    assert angka_indonesia(1234.5) == "1.234,5"
    assert angka_indonesia(Decimal("2500000.75")) == "2.500.000,75"
    assert angka_indonesia(2.0 / 3) == "0,67"
    assert angka_indonesia(12.5, 2) == "12,50"
    assert angka_indonesia(None) == "" and angka_indonesia("—") == "—"


def test_times_are_written_in_the_nagari_zone_with_indonesian_months():
    utc = datetime(2026, 12, 3, 7, 5, tzinfo=timezone.utc)
    assert waktu_indonesia(utc) == "3 Desember 2026 pukul 14.05"  # WIB, UTC+7, when the profile says nothing
    assert waktu_indonesia(utc, {"zona_waktu": "WIT"}) == "3 Desember 2026 pukul 16.05"
    assert waktu_indonesia(datetime(2026, 12, 3, 19, 30, tzinfo=timezone.utc)) == "4 Desember 2026 pukul 02.30"
    assert waktu_indonesia(datetime(2026, 12, 3, 7, 5)) == "3 Desember 2026 pukul 14.05"  # stored naive = UTC
    assert waktu_indonesia(None) == ""


def test_relative_days_count_the_nagari_calendar():
    backup = datetime(2026, 12, 3, 19, 0, tzinfo=timezone.utc)  # 4 Desember 02.00 WIB
    now = datetime(2026, 12, 5, 3, 0, tzinfo=timezone.utc)  # 5 Desember 10.00 WIB
    assert waktu_indonesia(backup, relatif=True, sekarang=now) == "4 Desember 2026 pukul 02.00 (kemarin)"
    assert waktu_indonesia(backup, relatif=True, sekarang=backup) == "4 Desember 2026 pukul 02.00 (hari ini)"
    later = now + timedelta(days=4)
    assert waktu_indonesia(backup, relatif=True, sekarang=later).endswith("(5 hari lalu)")


def test_templates_use_the_filters_and_the_profile_zone():
    env = build_environment(None, {})
    page = env.from_string("{{ n | angka }} · {{ t | waktu }} · {{ d | tanggal }}")
    utc = datetime(2026, 12, 3, 7, 5, tzinfo=timezone.utc)
    shown = page.render(n=20000, t=utc, d=date(2026, 11, 27), nagari={"zona_waktu": "WITA"})
    assert shown == "20.000 · 3 Desember 2026 pukul 15.05 · 27 November 2026"
    assert "pukul 14.05" in page.render(n=1, t=utc, d=None)  # no profile in the context: WIB
