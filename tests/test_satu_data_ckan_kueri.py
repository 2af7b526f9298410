"""The query syntax package_search understands (plugins/satu_data/ckan/kueri.py): Solr's date math as the harvester
and portals write it, the tree of a filter, and that no input whatever makes the parser fail otherwise than with
a Validation Error naming the parameter (a seeded fuzz of operators, quotes, brackets and dates)."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from plugins.satu_data.ckan.amplop import Validasi
from plugins.satu_data.ckan.cari import periksa
from plugins.satu_data.ckan.kueri import Atau, Bukan, Dan, Kata, Medan, Rentang, Semua, tanggal, urai

SEKARANG = datetime(2026, 12, 6, 15, 42, 7, 123456)


@pytest.mark.parametrize("teks, harap", [
    ("2026-11-30T19:00:00Z", datetime(2026, 11, 30, 19)),
    ("2026-11-30T19:00:00.5Z", datetime(2026, 11, 30, 19, 0, 0, 500000)),
    ("2026-11-30T19:00:00.123456789Z", datetime(2026, 11, 30, 19, 0, 0, 123456)),  # Solr's nanoseconds cut
    ("2026-11-30", datetime(2026, 11, 30)),
    ("NOW", SEKARANG),
    ("NOW/DAY", datetime(2026, 12, 6)),
    ("NOW/MONTH-1MONTH", datetime(2026, 11, 1)),
    ("NOW-7DAYS", datetime(2026, 11, 29, 15, 42, 7, 123456)),
    ("NOW+1YEAR/YEAR", datetime(2027, 1, 1)),
    ("2026-01-31T00:00:00Z+1MONTH", datetime(2026, 2, 28)),
    ("*", None),
])
def test_solr_dates_and_date_math_as_portals_write_them(teks, harap):
    assert tanggal(teks, "fq", SEKARANG) == harap


@pytest.mark.parametrize("teks", ["kemarin", "2026-13-01T00:00:00Z", "NOW-1FORTNIGHT", "NOW-", "2026-11-30T19Z"])
def test_a_date_it_cannot_read_is_a_validation_error(teks):
    with pytest.raises(Validasi) as galat:
        tanggal(teks, "fq", SEKARANG)
    assert list(galat.value.salah) == ["fq"]


def test_the_tree_of_the_filters_ckanext_harvest_builds():
    since = "metadata_modified:[2026-12-06T14:42:07.123456Z TO *]"
    pohon = urai(f"organization:a OR organization:b -groups:x {since}", "fq", SEKARANG)
    assert pohon == Dan((Atau((Medan("organization", "a"), Medan("organization", "b"))), Bukan(Medan("groups", "x")),
                         Rentang("metadata_modified", datetime(2026, 12, 6, 14, 42, 7, 123456), None, True, True)))
    assert urai("", "q") == Semua() and urai("*:*", "q") == Semua()
    assert urai('tags:(padi OR "bantuan sosial") AND Saldo', "q") == Dan((
        Atau((Medan("tags", "padi"), Medan("tags", "bantuan sosial"))), Kata("saldo")))
    assert urai("metadata_created:{NOW/DAY TO NOW]", "fq", SEKARANG) == Rentang(
        "metadata_created", datetime(2026, 12, 6), SEKARANG, False, True)


def test_no_input_breaks_the_parser_other_than_with_a_validation_error():
    potongan = ["(", ")", '"', "[", "]", "{", "}", " ", "TO", "OR", "AND", "NOT", "-", "+", "*", ":", "tags",
                "metadata_modified", "NOW", "/DAY", "-1DAY", "2026-01-01T00:00:00Z", "\\", "x", "&&", "||", "?",
                "*:*", "title", "'", ";", "\x00", "é"]
    acak = random.Random(26)
    for _ in range(20000):
        teks = "".join(acak.choice(potongan) for _ in range(acak.randint(1, 9)))
        try:
            periksa(urai(teks, "fq", SEKARANG), "fq")
        except Validasi as galat:
            assert list(galat.salah) == ["fq"] and galat.salah["fq"][0]
