"""The monthly report (Laporan Bulanan; the basis of Buku Rekapitulasi Jumlah Penduduk B.3), from the journal.

One computation for the page, its CSV and XLSX, the dashboard widget and other plugins (through api.py).
Figures follow each entry's report month (`bulan_laporan`): a closed month keeps what it reported and a late
entry counts in the first open month (``terlambat`` says how many). Per place and sex, WNI and WNA
(dual citizenship counts with WNI):

    awal + lahir + datang + pendataan + antar_masuk + koreksi_masuk
         - mati - pindah - antar_keluar - koreksi_keluar = akhir

- datang: pindah masuk; pindah: pindah keluar, hilang and pergi (the kinds that end a stay, DOMAIN.md);
- pendataan: a `pendataan_awal` after the register's first month (someone registered late, not an arrival);
  in the first month it is part of ``awal``;
- antar_masuk / antar_keluar: moves between jorong inside the nagari (and their cancellations); at the level of
  the nagari they cancel out, so they are neither arrivals nor departures;
- koreksi_masuk / koreksi_keluar: corrections of sex, citizenship or place, and cancellations of entries from an
  earlier month (a cancelled death brings the person back here, not in the closed month).
"""

from __future__ import annotations

import re
from datetime import date

from plugin_sdk import register, today as nagari_today

try:  # the contract's error type, once plugins/statistik/kategori.py exists
    from plugins.statistik.kategori import StatistikError as _Base
except ImportError:  # pragma: no cover - while the category module is being built
    _Base = ValueError

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
IN = ("lahir", "datang", "pendataan", "antar_masuk", "koreksi_masuk")
OUT = ("mati", "pindah", "antar_keluar", "koreksi_keluar")
FIGURES = ("awal", *IN, *OUT, "masuk", "keluar", "akhir")
LABELS = {"awal": "Awal bulan", "lahir": "Lahir", "datang": "Datang", "pendataan": "Pendataan",
          "antar_masuk": "Pindah antar jorong masuk", "koreksi_masuk": "Koreksi masuk", "mati": "Meninggal",
          "pindah": "Pindah/pergi", "antar_keluar": "Pindah antar jorong keluar", "koreksi_keluar": "Koreksi keluar",
          "masuk": "Jumlah masuk", "keluar": "Jumlah keluar", "akhir": "Akhir bulan"}
CITIZENS = ("WNI", "WNA")
SEXES = ("L", "P")
MOVES = ("pindah_dalam_nagari", "perubahan_kk")
KIND_COLUMN = {"lahir": "lahir", "pindah_masuk": "datang", "pendataan_awal": "pendataan", "mati": "mati",
               "pindah_keluar": "pindah", "hilang": "pindah", "pergi": "pindah"}


class MonthlyReportError(_Base):
    """A month the report cannot be made for; the message is for the user, in Bahasa Indonesia.

    `tidak_ada` is True when the month is well formed but has no report (future, before the register began)."""

    def __init__(self, message: str, *, tidak_ada: bool = False):
        super().__init__(message)
        self.tidak_ada = tidak_ada


def month_title(bulan: str) -> str:
    return f"{NAMES[int(bulan[5:]) - 1]} {bulan[:4]}"


def shift(bulan: str, months: int) -> str:
    n = int(bulan[:4]) * 12 + int(bulan[5:]) - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _empty() -> dict:
    return {c: {s: dict.fromkeys(FIGURES, 0) for s in SEXES} for c in CITIZENS}


def _cell(rows: dict, place, kwn, jk) -> dict:
    return rows.setdefault(place, _empty())[CITIZENS[1] if kwn == 2 else CITIZENS[0]][SEXES[1] if jk == 2 else SEXES[0]]


def _column(row: dict) -> str:
    jenis = row["jenis"]
    if jenis in KIND_COLUMN:
        return KIND_COLUMN[jenis]
    moving = jenis in MOVES or (jenis == "pembatalan" and row["membatalkan"] in MOVES)
    return ("antar_" if moving else "koreksi_") + ("masuk" if row["arah"] > 0 else "keluar")


def _finish(fig: dict) -> None:
    fig["masuk"] = sum(fig[k] for k in IN)
    fig["keluar"] = sum(fig[k] for k in OUT)
    fig["akhir"] = fig["awal"] + fig["masuk"] - fig["keluar"]


def _net(fig: dict) -> None:
    """At the nagari's level a move or correction between places is no movement: keep only its net effect."""
    for a, b in (("antar_masuk", "antar_keluar"), ("koreksi_masuk", "koreksi_keluar")):
        net = fig[a] - fig[b]
        fig[a], fig[b] = max(net, 0), max(-net, 0)


def _with_sums(cells: dict) -> dict:
    """Add "jumlah" (L + P) per citizenship, and a "jumlah" citizenship (WNI + WNA)."""
    for c in CITIZENS:
        cells[c]["jumlah"] = {k: cells[c]["L"][k] + cells[c]["P"][k] for k in FIGURES}
    cells["jumlah"] = {s: {k: sum(cells[c][s][k] for c in CITIZENS) for k in FIGURES} for s in (*SEXES, "jumlah")}
    return cells


async def check_month(bulan: str, *, today: date | None = None) -> str:
    """`bulan` when the report can be made for it, else MonthlyReportError with the reason in words."""
    today = today or nagari_today(await register.stored_profile())  # the nagari's date, not the server's
    if not isinstance(bulan, str) or not MONTH.match(bulan.strip()):
        raise MonthlyReportError(f"“{bulan}” bukan bulan: tulis tahun dan bulan seperti 2026-05.")
    bulan = bulan.strip()
    current = f"{today.year:04d}-{today.month:02d}"
    if bulan > current:
        raise MonthlyReportError(f"{month_title(bulan)} belum tiba; laporan hanya untuk bulan yang sudah "
                                 f"berjalan.", tidak_ada=True)
    first = await register.journal_first_month()
    if first is None:
        raise MonthlyReportError("Register penduduk masih kosong; belum ada laporan bulanan.", tidak_ada=True)
    if bulan < first:
        raise MonthlyReportError(f"Register penduduk baru dimulai {month_title(first)}; tidak ada laporan untuk "
                                 f"{month_title(bulan)}.", tidak_ada=True)
    return bulan


async def monthly_report(bulan: str, *, tingkat: int = 1, today: date | None = None) -> dict:
    """The monthly report for `bulan` ("YYYY-MM") per jorong (`tingkat` 1) or for the whole nagari (0).

    Returns plain data::

        {"bulan": "2026-05", "judul": "Mei 2026", "tingkat": 1, "berjalan": False, "ditutup": True,
         "terlambat": 2, "kolom": FIGURES,
         "baris": [{"wilayah": 7, "wilayah_nama": "Koto Tuo", "keluarga_awal": 120, "keluarga_akhir": 121,
                    "angka": {"WNI": {"L": {"awal": 300, "lahir": 1, ..., "akhir": 301}, "P": {...},
                                      "jumlah": {...}},
                              "WNA": {...}, "jumlah": {"L": {...}, "P": {...}, "jumlah": {...}}}}, ...],
         "total": {"wilayah": None, "wilayah_nama": "Jumlah", ...same keys...}}

    `baris` has every jorong (zeros included) and a "Tanpa jorong" row only when someone has no place; at
    tingkat 0 it is the nagari's one row (the same as `total`). Raises MonthlyReportError (in Indonesian).
    """
    if tingkat not in (0, 1):
        raise MonthlyReportError("Tingkat laporan bulanan: 0 (seluruh nagari) atau 1 (per jorong).")
    today = today or nagari_today(await register.stored_profile())  # the nagari's date, not the server's
    bulan = await check_month(bulan, today=today)
    first, moves, families_start, families_end = await _from_journal(bulan)
    rows: dict = {}
    late = 0
    for row in moves["sebelum"]:
        _cell(rows, row["wilayah"], row["kewarganegaraan"], row["jenis_kelamin"])["awal"] += row["arah"] * row["jumlah"]
    for row in moves["bulan"]:
        fig = _cell(rows, row["wilayah"], row["kewarganegaraan"], row["jenis_kelamin"])
        if row["jenis"] == "pendataan_awal" and bulan == first:
            fig["awal"] += row["jumlah"]
            continue
        fig[_column(row)] += row["jumlah"]
        if row["terlambat"] and row["jenis"] != "pendataan_awal":
            late += row["jumlah"]
    # By name, as the category pages list them (kategori._places).
    places = {w["id"]: w["nama"] for w in sorted(await register.wilayah_rows(), key=lambda w: (w["nama"], w["id"]))
              if w.get("tingkat") == 1}
    scope = register.current_scope()
    if scope is not None:
        places = {k: v for k, v in places.items() if k in scope["wilayah_ids"]}
    total = _empty()
    out = []
    for place in [*places, *sorted((p for p in rows if p not in places), key=lambda p: (p is None, p or 0))]:
        cells = rows.get(place, _empty())
        for c in CITIZENS:
            for s in SEXES:
                _finish(cells[c][s])
                for k in FIGURES:
                    total[c][s][k] += cells[c][s][k]
        out.append({"wilayah": place, "wilayah_nama": places.get(place, "Tanpa jorong"),
                    "keluarga_awal": families_start.get(place, 0), "keluarga_akhir": families_end.get(place, 0),
                    "angka": _with_sums(cells)})
    for c in CITIZENS:
        for s in SEXES:
            _net(total[c][s])
            _finish(total[c][s])
    total_row = {"wilayah": None, "wilayah_nama": "Jumlah", "keluarga_awal": sum(families_start.values()),
                 "keluarga_akhir": sum(families_end.values()), "angka": _with_sums(total)}
    closed = await register.journal_closed_until()
    current = f"{today.year:04d}-{today.month:02d}"
    return {"bulan": bulan, "judul": month_title(bulan), "tingkat": tingkat, "berjalan": bulan == current,
            "ditutup": bool(closed and bulan <= closed), "terlambat": late, "kolom": FIGURES,
            "baris": [total_row] if tingkat == 0 else out, "total": total_row}


_journal: dict[tuple, tuple] = {}


async def _from_journal(bulan: str) -> tuple:
    """(first month, movements, families at the start, families at the end) of `bulan`: the report's database
    work (a scan of the whole journal, 60-300 ms at 50,000 residents), kept per register version and scope.
    Names of places, closing and today are read fresh by the caller."""
    scope = register.current_scope()
    key = (await register.data_version(), bulan, tuple(scope["wilayah_ids"]) if scope else None)
    if key not in _journal:
        if len(_journal) >= 64:  # a new version makes every kept report stale
            _journal.clear()
        _journal[key] = (await register.journal_first_month(), await register.monthly_movements(bulan, level=1),
                         await register.families_at(bulan, level=1),
                         await register.families_at(shift(bulan, 1), level=1))
    return _journal[key]


async def request_version(request) -> str:
    """`register.data_version()` read once per request: the dashboard's two statistik cards (and anything else
    drawn for the same page) share it, so a page costs one version query, not one per card. Nothing is written
    during a GET, so the version cannot move between the cards; the next request reads it afresh."""
    state = request.state
    if "statistik_versi" not in state:
        state["statistik_versi"] = await register.data_version()
    return state["statistik_versi"]


async def events_this_month(today: date | None = None, _version: str | None = None) -> dict:
    """Births, deaths, arrivals and departures counted in the current month so far (the dashboard widget).

    The same columns as monthly_report's nagari total, from the month's own entries only (no start population,
    no families), so the dashboard stays fast. `_version`: the register version the caller already read."""
    today = today or nagari_today(await register.stored_profile())  # the nagari's date, not the server's
    bulan = f"{today.year:04d}-{today.month:02d}"
    # Cached per register version (one query instead of three on every dashboard), month and scope.
    scope = register.current_scope()
    key = (_version or await register.data_version(), bulan, tuple(scope["wilayah_ids"]) if scope else None)
    if key not in _events:
        if len(_events) >= 64:  # old versions are never asked for again
            _events.clear()
        _events[key] = await _events_this_month(bulan)
    return dict(_events[key])


_events: dict[tuple, dict] = {}


async def _events_this_month(bulan: str) -> dict:
    counts = dict.fromkeys(("lahir", "mati", "datang", "pindah", "pendataan"), 0)
    late = 0
    if await register.journal_first_month() is not None:
        for row in (await register.monthly_movements(bulan, level=None, only_month=True))["bulan"]:
            column = KIND_COLUMN.get(row["jenis"])
            if column:
                counts[column] += row["jumlah"]
                late += row["jumlah"] if row["terlambat"] and column != "pendataan" else 0
    return {"bulan": month_title(bulan), "kode_bulan": bulan, "lahir": counts["lahir"], "mati": counts["mati"],
            "datang": counts["datang"], "pindah": counts["pindah"], "terlambat": late}
