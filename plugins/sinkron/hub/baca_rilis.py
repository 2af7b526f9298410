"""The releases the hub holds, as the kabupaten's sums read them: a period's data version, its releases in one
query, and a release's rows decoded (stored in the wire's column form, protokol.ke_kolom; rows of lists or dicts
from before are still read).

    rows = sebagai_dict(r["kolom"], r["baris"], hanya_nagari=True)   # [{"kode_wilayah": ..., "jumlah": 3}, ...]
"""

from __future__ import annotations

from collections import defaultdict
from itertools import compress

import msgspec

from plugins.sinkron.protokol import ke_baris, nilai_kolom

NAGARI = "nagari"  # a text `tingkat` naming the nagari's own rows (the others are its jorong's)


def sebagai_dict(kolom, baris, hanya_nagari: bool = False) -> list[dict]:
    """A release's rows as dicts, stored in column form (protokol.ke_kolom) or as rows (lists beside their column
    names, or dicts). `hanya_nagari`: only the rows of the nagari itself (its text `tingkat` is "nagari"), left out
    before a dict is built."""
    kolom = msgspec.json.decode(kolom) if isinstance(kolom, str) else (kolom or [])
    baris = msgspec.json.decode(baris) if isinstance(baris, str) else (baris or [])
    if isinstance(baris, dict):
        tetap, nilai = baris["tetap"], baris["nilai"]
        if hanya_nagari and "tingkat" in nilai:
            pilih = [i for i, t in enumerate(nilai_kolom(nilai["tingkat"])) if t in (None, NAGARI)]
            baris = {"jumlah_baris": len(pilih), "tetap": tetap,
                     "nilai": {k: [v[i] for i in pilih] for k, v in ((k, nilai_kolom(v)) for k, v in nilai.items())}}
        elif hanya_nagari and tetap.get("tingkat", NAGARI) not in (None, NAGARI):
            return []
        return ke_baris(kolom, baris)
    if baris and isinstance(baris[0], dict):
        return [r for r in baris if not hanya_nagari or r.get("tingkat") in (None, NAGARI)]
    if hanya_nagari and "tingkat" in kolom:
        i = kolom.index("tingkat")
        baris = [r for r in baris if r[i] in (None, NAGARI)]
    return [dict(zip(kolom, r)) for r in baris]


async def tanda(periode: str) -> dict[str, tuple]:
    """Per dataset of a period, what changes whenever a release of it is received (the hub's data version)."""
    from piccolo.query.methods.select import Count, Max, Sum

    from plugins.sinkron.hub.tables import RilisHub as R

    rows = await R.select(R.dataset, Count(alias="n"), Max(R.diubah, alias="akhir"),
                          Sum(R.versi, alias="versi")).where(R.periode == periode).group_by(R.dataset).run()
    return {r["dataset"]: (r["n"], str(r["akhir"]), r["versi"]) for r in rows}


async def rilis_periode(periode: str, datasets: list[str]) -> dict[str, list[dict]]:
    """The releases of `datasets` for a period, per dataset, in one query."""
    from plugins.sinkron.hub.tables import RilisHub as R

    per: dict[str, list[dict]] = defaultdict(list)
    if datasets:
        for r in await R.select(R.dataset, R.kode_wilayah, R.sementara, R.kolom, R.baris).where(
                R.periode == periode, R.dataset.is_in(datasets)).order_by(R.kode_wilayah).run():
            per[r["dataset"]].append(r)
    return per


class _Kolom(msgspec.Struct):
    """A release stored in column form, each varying column left undecoded until asked for."""

    jumlah_baris: int
    tetap: dict
    nilai: dict[str, msgspec.Raw]


_kolom = msgspec.json.Decoder(_Kolom)


def sebagai_kolom(kolom, baris, perlu: tuple[str, ...], hanya_nagari: bool = False) -> dict[str, list]:
    """Only the columns `perlu` of a release's rows, each as a list (null for a column the release lacks), the
    nagari's own rows only with `hanya_nagari` (as `sebagai_dict`). In column form only those columns are
    decoded: the sums of a people count read 4 of its 9 columns, and no dict per row is built."""
    if not (isinstance(baris, str) and baris.startswith("{")):
        rows = sebagai_dict(kolom, baris, hanya_nagari)
        return {k: [r.get(k) for r in rows] for k in perlu}
    isi = _kolom.decode(baris)
    n, tetap, nilai = isi.jumlah_baris, isi.tetap, isi.nilai

    def ambil(k: str, pilih: list[bool] | None = None) -> list:
        """Column `k`, only the rows `pilih` marks; a `kamus` column's positions are picked before the lookup."""
        kol = msgspec.json.decode(nilai[k]) if k in nilai else [tetap.get(k)] * n
        if isinstance(kol, dict):
            indeks = kol["indeks"] if pilih is None else compress(kol["indeks"], pilih)
            return list(map(kol["kamus"].__getitem__, indeks))
        return kol if pilih is None else list(compress(kol, pilih))

    if hanya_nagari and "tingkat" in nilai:
        tingkat = msgspec.json.decode(nilai["tingkat"])
        if isinstance(tingkat, dict):  # the usual: "nagari" and "jorong" once, each row's position
            milik = [t is None or t == NAGARI for t in tingkat["kamus"]]
            pilih = list(map(milik.__getitem__, tingkat["indeks"]))
        else:
            pilih = [t is None or t == NAGARI for t in tingkat]
        return {k: ambil(k, pilih) for k in perlu}
    if hanya_nagari and tetap.get("tingkat", NAGARI) not in (None, NAGARI):
        return {k: [] for k in perlu}
    return {k: ambil(k) for k in perlu}
