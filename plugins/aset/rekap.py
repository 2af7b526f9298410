"""THE one computation of the totals of the assets the nagari owns: per KIB class, per origin, and in all.

The list page, the books' footers and (later) the open data lay out `rekap()`; none of them sums on its own, so
they never disagree. One GROUP BY query per call.

"Owned on a date" means acquired on or before it (its acquisition date, or, without one, its year) and not ended
by a sale, transfer or write-off dated on or before it. A cancelled mutation never happened (mutasi.berlaku): a sale
that a `pembatalan` names ends nothing. Without a date: every asset whose status is still owned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from plugins.aset.kib import AKTIF, ASAL, GOLONGAN, MUTASI_AKHIR
from plugins.aset.tables import Aset

__all__ = ["Pos", "Rekap", "rekap", "syarat_dimiliki"]


@dataclass(frozen=True)
class Pos:
    """One line of the totals: a class ("A") or an origin ("dana_desa") with its name, how many assets (registered
    items) and their value in sen."""

    kode: str
    nama: str
    jumlah: int
    nilai: int


@dataclass(frozen=True)
class Rekap:
    """The totals on `per_tanggal` (None: now). `per_golongan` has every class A-F in order and `per_asal` every
    origin in ASAL's order, zeros included, so a table's rows never move; `total` is their sum."""

    per_tanggal: date | None
    per_golongan: tuple[Pos, ...]
    per_asal: tuple[Pos, ...]
    total: Pos


def syarat_dimiliki(sejak: date, sampai: date, alias: str = "a") -> tuple[str, list[Any]]:
    """SQL condition (with {} placeholders) and its arguments for assets owned at some time from `sejak` to
    `sampai` (one date when both are equal): acquired by `sampai`, not ended before `sejak` by a mutation that
    stands (no cancellation names it)."""
    akhir = ", ".join(f"'{j}'" for j in MUTASI_AKHIR)
    sql = (f"({alias}.tanggal_perolehan <= {{}} OR ({alias}.tanggal_perolehan IS NULL AND "
           f"{alias}.tahun_perolehan <= {{}})) AND NOT EXISTS (SELECT 1 FROM aset_mutasi m WHERE m.aset = {alias}.id "
           f"AND m.jenis IN ({akhir}) AND m.tanggal < {{}} "
           f"AND NOT EXISTS (SELECT 1 FROM aset_mutasi b WHERE b.membatalkan = m.id))")
    return sql, [sampai, sampai.year, sejak]


async def rekap(*, per_tanggal: date | None = None) -> Rekap:
    """Totals of the assets owned on `per_tanggal` (default: owned now), per class and origin."""
    if per_tanggal is None:
        syarat, args = "a.status = {}", [AKTIF]
    else:
        # ended "on or before" the date: not owned from the day after it
        syarat, args = syarat_dimiliki(date.fromordinal(per_tanggal.toordinal() + 1), per_tanggal)
    rows = await Aset.raw("SELECT a.golongan, a.asal, COUNT(*) AS jumlah, COALESCE(SUM(a.nilai), 0) AS nilai "
                          f"FROM aset_barang a WHERE {syarat} GROUP BY a.golongan, a.asal", *args).run()
    golongan: dict[str, list[int]] = {k: [0, 0] for k in GOLONGAN}
    asal: dict[str, list[int]] = {k: [0, 0] for k in ASAL}
    for r in rows:  # at most 6 x 9 groups
        for tujuan, kunci in ((golongan, r["golongan"]), (asal, r["asal"])):
            jumlah = tujuan.setdefault(kunci, [0, 0])
            jumlah[0] += int(r["jumlah"])
            jumlah[1] += int(r["nilai"])
    jumlah, nilai = sum(v[0] for v in golongan.values()), sum(v[1] for v in golongan.values())
    return Rekap(per_tanggal,
                 tuple(Pos(k, GOLONGAN.get(k, k), *v) for k, v in golongan.items()),
                 tuple(Pos(k, ASAL.get(k, k), *v) for k, v in asal.items()),
                 Pos("", "Jumlah", jumlah, nilai))
