"""How the pages word a dataset: a period in Indonesian, a column's type, a release list, the catalogue's search and
filters. Pure functions over the catalogue's `Paket`s, shared by the office page and the public pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from plugin_sdk.dokumen import tanggal_panjang

from plugins.satu_data.dataset import GRUP, Dataset
from plugins.satu_data.katalog import Paket

TIPE = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "ya/tidak", "date": "tanggal"}
#: Longest search text kept (and cached on): a longer one is cut, so random input cannot grow the page cache's keys.
CARI_MAKS = 100
#: Code lists longer than this fold into a <details> on the dataset page.
KODE_LIPAT = 6


def label_periode(periode: str) -> str:
    """"2026-11" -> "November 2026"; a year stays as it is."""
    tahun, _, bulan = periode.partition("-")
    try:
        awal = date(int(tahun), int(bulan), 1)
    except ValueError:  # a year, or not a period at all
        return periode
    # the kernel's month names: "1 November 2026" without its day (the SDK prints whole dates only)
    return tanggal_panjang(awal).partition(" ")[2]


def rentang(paket: Paket) -> str:
    """The published periods in a few words: "November 2026" or "Januari 2025 sampai Desember 2026"."""
    if not paket.periode:
        return ""
    awal, akhir = label_periode(paket.periode[0]), label_periode(paket.periode[-1])
    return awal if awal == akhir else f"{awal} sampai {akhir}"


def rilis(periode: list[str], versi: dict[str, int], sementara_terakhir: bool) -> list[dict]:
    """The periods newest first, each with its revision and whether it is still provisional (only the newest can
    be: an older period has closed)."""
    n = len(periode)
    return [{"periode": p, "label": label_periode(p), "versi": versi.get(p, 1),
             "sementara": sementara_terakhir and i == n - 1} for i, p in reversed(list(enumerate(periode)))]


def tag_semua(paket: list[Paket]) -> list[tuple[str, int]]:
    """Every tag of the published datasets with how many carry it, by name."""
    hitung: dict[str, int] = {}
    for p in paket:
        for t in p.ds.tag:
            hitung[t] = hitung.get(t, 0) + 1
    return sorted(hitung.items())


def grup_semua(paket: list[Paket]) -> list[tuple[str, str, int]]:
    """(code, label, count) of the groups that have a published dataset, in GRUP's order."""
    return [(kode, nama, n) for kode, nama in GRUP.items() if (n := sum(1 for p in paket if p.ds.grup == kode))]


def bersihkan_cari(teks: str | None) -> str:
    """The search text as kept: single spaces, at most CARI_MAKS characters."""
    return " ".join((teks or "").split())[:CARI_MAKS]


def _teks_dataset(ds: Dataset) -> str:
    return " ".join((ds.judul, ds.deskripsi, ds.nama, *ds.tag)).casefold()


@dataclass(frozen=True)
class Saringan:
    """What a visitor narrowed the catalogue to: words that must all appear (title, description, name, tags), a
    group and a tag. Unknown groups and tags are dropped by `saringan`, never kept."""

    cari: str = ""
    grup: str = ""
    tag: str = ""

    def cocok(self, paket: Paket) -> bool:
        if self.grup and paket.ds.grup != self.grup:
            return False
        if self.tag and self.tag not in paket.ds.tag:
            return False
        teks = _teks_dataset(paket.ds)
        return all(kata in teks for kata in self.cari.casefold().split())

    def url(self, **ganti: str) -> str:
        """The catalogue's address with one filter changed and the others kept (empty ones left out)."""
        nilai = {"q": self.cari, "grup": self.grup, "tag": self.tag}
        nilai.update(ganti)
        query = urlencode({k: v for k, v in nilai.items() if v})
        return f"/data?{query}" if query else "/data"


def saringan(paket: list[Paket], q: str | None, grup: str | None, tag: str | None) -> Saringan:
    """The filter from the query string; a group or tag no published dataset has is ignored."""
    tags = {t for p in paket for t in p.ds.tag}
    return Saringan(cari=bersihkan_cari(q), grup=grup if grup in GRUP else "", tag=tag if tag in tags else "")
