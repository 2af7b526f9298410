"""Words and dates as Indonesian documents print them: terbilang, Roman months, long dates; and URL names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
           "sebelas")
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def bulan_romawi(month: int) -> str:
    """11 -> "XI", as in letter numbers like 400.8.1.6/012/NGR-TRM/XI/2026."""
    return ROMAWI[month - 1]


def tanggal_panjang(day: date, with_weekday: bool = False) -> str:
    """27 November 2026 (or "Jumat, 27 November 2026"), whatever the server's locale."""
    text = f"{day.day} {BULAN[day.month - 1]} {day.year}"
    return f"{HARI[day.weekday()]}, {text}" if with_weekday else text


def _below_thousand(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        return f"{_SATUAN[n // 10]} puluh {_SATUAN[n % 10]}".strip()
    head = "seratus" if n // 100 == 1 else f"{_SATUAN[n // 100]} ratus"
    return f"{head} {_below_thousand(n % 100)}".strip()


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: 1500 -> "seribu lima ratus", 0 -> "nol"."""
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n == 0:
        return "nol"
    words = []
    for size, name in _SKALA:
        if n >= size:
            count, n = divmod(n, size)
            words.append("seribu" if size == 1000 and count == 1 else f"{terbilang(count)} {name}")
    if n:
        words.append(_below_thousand(n))
    return " ".join(words)


def rupiah_terbilang(amount: int) -> str:
    """For amounts written out on documents: 250000 -> "Dua ratus lima puluh ribu rupiah"."""
    return f"{terbilang(amount)} rupiah".capitalize()


def slugify(text: str, limit: int = 200) -> str:
    """A URL name from a title: 'Gotong Royong di Jorong Koto!' -> 'gotong-royong-di-jorong-koto' (ASCII only,
    as CKAN names and Frictionless package names require)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:limit].rstrip("-")
