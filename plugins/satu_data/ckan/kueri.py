"""The part of Solr's query syntax that CKAN clients send in package_search's ``q`` and ``fq``, parsed into a small
tree that is evaluated in Python over the catalogue (there is no Solr and never any SQL).

Understood: words and "phrases"; ``field:value``, ``field:"a phrase"``, ``field:(a OR b)``, ``field:*``;
date ranges ``field:[2026-01-01T00:00:00Z TO *]`` (``{...}`` exclusive) with Solr's date math (``NOW-7DAYS``,
``NOW/DAY``); ``OR``, ``AND``, ``NOT``, ``+`` and ``-``; parentheses; ``*:*`` for everything. Terms side by side
must all match (ckanext-harvest joins its filters with spaces and means AND). Anything else is a Validation Error
naming the parameter, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from dateutil.relativedelta import relativedelta

from plugins.satu_data.ckan.amplop import validasi

KEDALAMAN_MAKS = 10
_MEDAN = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*):")
_KATA = re.compile(r"(?:\\.|[^\s()\"])+")
_TANGGAL = re.compile(r"(NOW|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.(\d{1,9}))?)?)?Z?)"
                      r"((?:[+-]\d{1,6}[A-Z]+|/[A-Z]+)*)")
_SATUAN = {"YEAR": "years", "MONTH": "months", "DAY": "days", "DATE": "days", "HOUR": "hours", "MINUTE": "minutes",
           "SECOND": "seconds"}


@dataclass(frozen=True)
class Semua:
    pass


@dataclass(frozen=True)
class Kata:
    """A free word or phrase (lowercased), matched against the searchable text."""

    teks: str


@dataclass(frozen=True)
class Medan:
    """``field:value``; `nilai` "*" matches any value; a value may end or contain * and ? (wildcards)."""

    medan: str
    nilai: str


@dataclass(frozen=True)
class Rentang:
    medan: str
    awal: datetime | None
    akhir: datetime | None
    awal_masuk: bool
    akhir_masuk: bool


@dataclass(frozen=True)
class Dan:
    anak: tuple


@dataclass(frozen=True)
class Atau:
    anak: tuple


@dataclass(frozen=True)
class Bukan:
    anak: object


def tanggal(teks: str, kunci: str, sekarang: datetime) -> datetime | None:
    """A Solr date (``2026-01-01T00:00:00Z``, ``2026-01-01T00:00:00.123456Z``, ``NOW``) with date math, as naive
    UTC; ``*`` is an open end (None)."""
    if teks == "*":
        return None
    m = _TANGGAL.fullmatch(teks)
    if m is None:
        raise validasi(kunci, f"Tanggal tidak dapat dibaca: {teks[:60]!r} (contoh: 2026-01-01T00:00:00Z, NOW-7DAYS).")
    dasar = m.group(1)
    try:
        if dasar == "NOW":
            saat = sekarang
        else:
            pecahan = m.group(2)
            bersih = dasar.rstrip("Z")
            if pecahan:
                bersih = bersih[: len(bersih) - len(pecahan)] + pecahan[:6].ljust(6, "0")
            saat = datetime.fromisoformat(bersih)
        for tanda, satuan in re.findall(r"([+-]\d+|/)([A-Z]+)", m.group(3)):
            nama = _SATUAN.get(satuan.rstrip("S") if satuan not in _SATUAN else satuan)
            if nama is None:
                raise validasi(kunci, f"Satuan waktu tidak dikenal: {satuan[:20]}.")
            if tanda == "/":
                saat = _bulatkan(saat, nama)
            else:
                saat = saat + relativedelta(**{nama: int(tanda)})
    except (ValueError, OverflowError):
        raise validasi(kunci, f"Tanggal tidak sah: {teks[:60]!r}.") from None
    return saat.replace(tzinfo=None)


def _bulatkan(saat: datetime, satuan: str) -> datetime:
    urutan = ["years", "months", "days", "hours", "minutes", "seconds"]
    nol = {"months": 1, "days": 1, "hours": 0, "minutes": 0, "seconds": 0}
    bagian = {"months": "month", "days": "day", "hours": "hour", "minutes": "minute", "seconds": "second"}
    ganti = {bagian[u]: nol[u] for u in urutan[urutan.index(satuan) + 1:]}
    return saat.replace(microsecond=0, **ganti)


class Pengurai:
    """A recursive-descent parser of one parameter (`kunci` names it in errors)."""

    def __init__(self, teks: str, kunci: str, sekarang: datetime | None = None) -> None:
        self.s, self.i, self.kunci, self.kedalaman = teks, 0, kunci, 0
        self.sekarang = (sekarang or datetime.now(timezone.utc)).replace(tzinfo=None)

    def galat(self, pesan: str):
        return validasi(self.kunci, f"{pesan} (posisi {self.i + 1}).")

    def _spasi(self) -> None:
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def _kata_kunci(self, kata: str) -> bool:
        """The operator word `kata` at the cursor (followed by a space or parenthesis): consumed."""
        akhir = self.i + len(kata)
        if self.s.startswith(kata, self.i) and (akhir == len(self.s) or self.s[akhir].isspace()
                                                 or self.s[akhir] == "("):
            self.i = akhir
            return True
        return False

    def urai(self):
        hasil = self._ekspresi(None, tutup=False)
        if self.i < len(self.s):
            raise self.galat("Tanda kurung tutup tanpa pasangan")
        return hasil

    def _ekspresi(self, medan: str | None, tutup: bool):
        anak = []
        while True:
            self._spasi()
            if self.i >= len(self.s) or (tutup and self.s[self.i] == ")"):
                break
            if self.s[self.i] == ")":
                raise self.galat("Tanda kurung tutup tanpa pasangan")
            if self._kata_kunci("AND") or self.s.startswith("&&", self.i) and self._lewati(2):
                continue
            anak.append(self._atau(medan))
        return anak[0] if len(anak) == 1 else Dan(tuple(anak))

    def _lewati(self, n: int) -> bool:
        self.i += n
        return True

    def _atau(self, medan: str | None):
        anak = [self._tunggal(medan)]
        while True:
            simpan = self.i
            self._spasi()
            if self._kata_kunci("OR") or (self.s.startswith("||", self.i) and self._lewati(2)):
                self._spasi()
                anak.append(self._tunggal(medan))
            else:
                self.i = simpan
                break
        return anak[0] if len(anak) == 1 else Atau(tuple(anak))

    def _tunggal(self, medan: str | None):
        self._spasi()
        if self.i >= len(self.s):
            raise self.galat("Kueri berakhir sebelum waktunya")
        tanda = self.s[self.i]
        if tanda in "+-" and self.i + 1 < len(self.s) and not self.s[self.i + 1].isspace():
            self.i += 1
            node = self._dasar(medan)
            return Bukan(node) if tanda == "-" else node
        if self._kata_kunci("NOT"):
            self._spasi()
            return Bukan(self._dasar(medan))
        return self._dasar(medan)

    def _dasar(self, medan: str | None):
        s = self.s
        if self.i >= len(s):
            raise self.galat("Kueri berakhir sebelum waktunya")
        if s.startswith("*:*", self.i):
            self.i += 3
            return Semua()
        if s[self.i] == "(":
            self.kedalaman += 1
            if self.kedalaman > KEDALAMAN_MAKS:
                raise self.galat("Tanda kurung terlalu dalam")
            self.i += 1
            isi = self._ekspresi(medan, tutup=True)
            if self.i >= len(s) or s[self.i] != ")":
                raise self.galat("Tanda kurung tidak ditutup")
            self.i += 1
            self.kedalaman -= 1
            return isi
        if medan is None and (m := _MEDAN.match(s, self.i)):
            self.i = m.end()
            nama = m.group(1)
            if self.i < len(s) and s[self.i] == "(":
                return self._dasar(nama)
            if self.i < len(s) and s[self.i] in "[{":
                return self._rentang(nama)
            return Medan(nama, self._nilai())
        nilai = self._nilai()
        return Medan(medan, nilai) if medan is not None else Kata(nilai.casefold())

    def _nilai(self) -> str:
        s = self.s
        if self.i < len(s) and s[self.i] == '"':
            akhir = self.i + 1
            while akhir < len(s) and s[akhir] != '"':
                akhir += 2 if s[akhir] == "\\" else 1
            if akhir >= len(s):
                raise self.galat("Tanda petik tidak ditutup")
            nilai = re.sub(r"\\(.)", r"\1", s[self.i + 1:akhir])
            self.i = akhir + 1
            return nilai
        m = _KATA.match(s, self.i)
        if m is None:
            raise self.galat("Nilai kosong")
        self.i = m.end()
        return re.sub(r"\\(.)", r"\1", m.group(0))

    def _rentang(self, medan: str) -> Rentang:
        buka = self.s[self.i]
        akhir = min((j for j in (self.s.find("]", self.i), self.s.find("}", self.i)) if j >= 0), default=-1)
        if akhir < 0:
            raise self.galat("Rentang tidak ditutup dengan ] atau }")
        bagian = self.s[self.i + 1:akhir].split()
        if len(bagian) != 3 or bagian[1] != "TO":
            raise self.galat("Rentang harus berbentuk [awal TO akhir]")
        tutup = self.s[akhir]
        self.i = akhir + 1
        return Rentang(medan, tanggal(bagian[0], self.kunci, self.sekarang),
                       tanggal(bagian[2], self.kunci, self.sekarang), buka == "[", tutup == "]")


def urai(teks: str, kunci: str, sekarang: datetime | None = None):
    """The tree of `teks` (Semua for an empty text)."""
    if not teks.strip():
        return Semua()
    return Pengurai(teks, kunci, sekarang).urai()
