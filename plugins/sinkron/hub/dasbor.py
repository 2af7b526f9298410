"""The kabupaten's sums: every dataset the nagari sent, summed over nagari to kecamatan and kabupaten for a period.

    ringkasan = await jumlah(ctx, "penduduk-menurut-agama", "2026-11")
    ringkasan.baris        # kabupaten rows, then each kecamatan's, then each nagari's (suppressed where people)

The ONE computation behind the dashboard pages, their CSV and the hub's own open data (data_terbuka.py), so
the three always agree. Which columns are keys and which are summed comes from the dataset's definition (the hub
runs the same plugins; `satu_data_dataset` answers), else from the values: numbers are summed by the key columns
other than the node's own place (periode, kode_wilayah, wilayah, and a text `tingkat`, of which only the nagari's
own rows are read: its jorong rows would count everyone twice).

Counts of people go through `plugins.statistik.api.suppress` before anything leaves this module: once with the
kecamatan as places (the kabupaten is then the "nagari" level), once per kecamatan with its nagari as places. A
cell hidden for a kecamatan is hidden for each of its nagari too, so the nagari figures cannot add up to it.
Results are kept per (dataset, period) until a release of that period changes (the hub's data version).
"""

from __future__ import annotations

import contextvars
import csv
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

from plugin_sdk import emit

from plugins.sinkron.hub import baca_rilis
from plugins.sinkron.hub.baca_rilis import NAGARI, sebagai_dict, sebagai_kolom

KABUPATEN, KECAMATAN = "kabupaten", "kecamatan"
TINGKAT = {KABUPATEN: "Kabupaten", KECAMATAN: "Kecamatan", NAGARI: "Nagari"}
TINGKAT_DAERAH = "tingkat_daerah"  # the level of a summed row (a dataset may have a `tingkat` of its own)
#: Columns naming the node's own place: the hub writes its own (tingkat_daerah, kode_daerah, daerah) instead.
TEMPAT = ("periode", "kode_wilayah", "wilayah")
TOTAL = "JUMLAH"  # the code of a total row in a person-count dataset (statistik's JUMLAH)
JK = {"L": 1, "P": 2, "L+P": 0}
JK_TEKS = {1: "L", 2: "P", 0: "L+P"}
#: The headline of a person count that counts one group, its first code ("Calon pemilih", "Wajib KTP"), not its
#: total: the total (JUMLAH) of those two is everyone, the "Bukan calon pemilih" too. Others: their total.
UTAMA = {"calon-pemilih": "1", "penduduk-wajib-ktp": "1"}
#: A code whose label is a sex (the category "jenis kelamin" itself, LAKI-LAKI / PEREMPUAN) counts that sex only:
#: its cell of the other sex is always 0, a crossing of the code grid and not a category, so it is left out.
SEKS_LABEL = {"laki-laki": 1, "perempuan": 2}
#: A number that is a ratio: summing it over nagari means nothing, so it is left out of the sums.
RASIO = ("persen",)
#: A number that names a level of detail (keuangan's `tingkat`): kept as a label, never summed.
BUKAN_UKURAN = ("tingkat",)
#: A row whose unit (a `satuan` column) is one of these is a ratio too: its figures are not summed.
SATUAN_RASIO = ("persen", "%")
WILAYAH_CSV = Path(__file__).resolve().parent.parent / "data" / "wilayah-lima-puluh-kota.csv"
_dalam = contextvars.ContextVar("sinkron_dasbor_definisi", default=False)


@dataclass(frozen=True)
class Daerah:
    kode: str
    nama: str
    induk: str = ""


@dataclass(frozen=True)
class Wilayah:
    kabupaten: Daerah
    kecamatan: dict[str, Daerah]
    nagari: dict[str, Daerah]

    def nagari_dari(self, kode: str) -> Daerah:
        """A nagari by its code; one missing from the list is placed by its code's kecamatan part."""
        return self.nagari.get(kode) or Daerah(kode, kode, kode.rsplit(".", 1)[0])

    def kecamatan_dari(self, kode: str) -> Daerah:
        return self.kecamatan.get(kode) or Daerah(kode, kode, self.kabupaten.kode)


@lru_cache(maxsize=1)
def wilayah() -> Wilayah:
    """The kabupaten's regions (committed list: kode,tingkat,nama,kode_induk)."""
    with WILAYAH_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    per = {t: {r["kode"]: Daerah(r["kode"], r["nama"], r["kode_induk"]) for r in rows if r["tingkat"] == t}
           for t in (KABUPATEN, KECAMATAN, NAGARI)}
    return Wilayah(next(iter(per[KABUPATEN].values())), per[KECAMATAN], per[NAGARI])


@dataclass(frozen=True)
class Bentuk:
    """How a dataset is summed: its key columns, label columns (first value kept), summed columns."""

    nama: str
    judul: str
    kunci: tuple[str, ...]
    label: tuple[str, ...]
    ukuran: tuple[str, ...]
    orang: bool
    jenis_kelamin: bool     # a person-count dataset with a jenis_kelamin column
    tingkat_teks: bool      # a text `tingkat` column (nagari/jorong): only the nagari rows are read
    definisi: object = None  # satu_data's Dataset, when the hub knows it

    def judul_kolom(self, nama: str) -> str:
        """A column's title as its plugin declares it (else its name)."""
        return next((k.judul for k in getattr(self.definisi, "kolom", ()) if k.nama == nama), nama)

    @property
    def kolom(self) -> list[str]:
        """The columns of every summed row, in order."""
        jk = ["jenis_kelamin"] if self.jenis_kelamin else []
        tambah = ["disembunyikan"] if self.orang else []
        return [TINGKAT_DAERAH, "kode_daerah", "daerah", *self.kunci, *self.label, *jk, *self.ukuran, *tambah]


@dataclass
class Ringkasan:
    """One dataset summed for one period. The kabupaten and kecamatan rows are computed at once; a kecamatan's
    nagari rows when first asked for (suppressing every kecamatan's nagari is most of the work)."""

    bentuk: Bentuk
    periode: str
    atas: list[dict]
    kecamatan: list[str]
    nagari: list[str] = field(default_factory=list)   # codes of the nagari whose release is in the sums
    sementara: bool = False                            # some release in it is provisional
    bawah: Callable[[str], list[dict]] | None = None   # kecamatan -> its nagari rows
    _bawah: dict[str, list[dict]] = field(default_factory=dict, repr=False)

    def nagari_di(self, kecamatan: str) -> list[dict]:
        if kecamatan not in self._bawah:
            self._bawah[kecamatan] = self.bawah(kecamatan) if self.bawah and kecamatan in self.kecamatan else []
        return self._bawah[kecamatan]

    @property
    def baris(self) -> list[dict]:
        """Every row: the kabupaten, then each kecamatan, then each kecamatan's nagari."""
        return [*self.atas, *(b for k in self.kecamatan for b in self.nagari_di(k))]

    def di(self, tingkat: str, induk: str | None = None) -> list[dict]:
        """The rows of one level; `induk`: only the nagari of that kecamatan."""
        if tingkat == NAGARI:
            return [b for k in ([induk] if induk is not None else self.kecamatan) for b in self.nagari_di(k)]
        return [r for r in self.atas if r[TINGKAT_DAERAH] == tingkat]


def sedang_bertanya() -> bool:
    """True inside `definisi`'s own question to the plugins (the hub's datasets then answer nothing)."""
    return _dalam.get()


_terakhir: dict = {}


async def definisi(ctx) -> dict:
    """Dataset name -> satu_data's definition, from the plugins the hub runs (not the hub's own kabupaten sets).
    Without a context (satu_data's event gives its handlers none): the ones last read with a context."""
    if _dalam.get() or ctx is None:
        return dict(_terakhir)
    token = _dalam.set(True)
    try:
        jawaban = await emit(ctx, "satu_data_dataset") or []
    finally:
        _dalam.reset(token)
    defs = {ds.nama: ds for daftar in jawaban for ds in daftar or [] if hasattr(ds, "kolom")}
    _terakhir.clear()
    _terakhir.update(defs)
    return defs


def bentuk(nama: str, ds, kolom: list[str], contoh: list[dict]) -> Bentuk:
    """The shape of a dataset from its definition `ds` (or None: from the columns and the values of `contoh`)."""
    if ds is not None:
        tipe = {k.nama: k.tipe for k in ds.kolom}
        kunci_def = {k.nama for k in ds.kolom if k.kunci}
        satuan = {k.nama: k.satuan for k in ds.kolom}
        urut, judul, orang = [k.nama for k in ds.kolom], ds.judul, ds.hitungan_orang
    else:
        tipe = {k: _tipe(k, contoh) for k in kolom if k not in TEMPAT}
        kunci_def = {k for k, t in tipe.items() if t == "string"}
        satuan, urut, judul = {}, [k for k in kolom if k not in TEMPAT], nama
        orang = {"jumlah", "disembunyikan"} <= set(kolom)
    tingkat_teks = tipe.get("tingkat") == "string"
    lewat = {*TEMPAT, "disembunyikan", *(["tingkat"] if tingkat_teks else [])}
    jk = orang and "jenis_kelamin" in tipe
    if jk:
        lewat.add("jenis_kelamin")
    kunci = tuple(k for k in urut if k in kunci_def and k not in lewat)
    angka = tuple(k for k in urut if k not in kunci_def and k not in lewat and tipe.get(k) in ("integer", "number")
                  and k not in BUKAN_UKURAN)
    ukuran = ("jumlah",) if orang else tuple(k for k in angka if k not in RASIO and satuan.get(k) != "persen")
    label = tuple(k for k in urut if k not in kunci_def and k not in lewat and k not in angka)
    return Bentuk(nama, judul, kunci, label, ukuran, orang, jk, tingkat_teks, ds)


def _tipe(kolom: str, contoh: list[dict]) -> str:
    nilai = [r.get(kolom) for r in contoh if r.get(kolom) is not None]
    if nilai and all(isinstance(v, bool) for v in nilai):
        return "boolean"
    if nilai and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in nilai):
        return "integer" if all(isinstance(v, int) for v in nilai) else "number"
    return "string"


async def periode_ada() -> list[str]:
    """Every period some release arrived for, newest first."""
    from plugins.sinkron.hub.tables import RilisHub as R

    rows = await R.select(R.periode).distinct().run()
    return sorted({r["periode"] for r in rows}, reverse=True)


async def ambang() -> int:
    from plugins.statistik import api as statistik

    return await statistik.threshold()


_simpanan: dict[tuple[str, str, bool], tuple[tuple, Ringkasan]] = {}


async def semua(ctx, periode: str) -> list[Ringkasan]:
    """Every dataset received for `periode`, summed (by title)."""
    tanda = await baca_rilis.tanda(periode)
    defs = await definisi(ctx)
    batas = await ambang()
    basi = [n for n, t in tanda.items() if not _segar((n, periode, n in defs), (t, batas))]
    rilis = await baca_rilis.rilis_periode(periode, basi)
    hasil = [await _hitung(ctx, nama, periode, (t, batas), defs, rilis.get(nama, [])) for nama, t in tanda.items()]
    return sorted((h for h in hasil if h is not None), key=lambda h: (h.bentuk.judul.lower(), h.bentuk.nama))


async def jumlah(ctx, dataset: str, periode: str, defs: dict | None = None) -> Ringkasan | None:
    """One dataset summed for `periode`; None when no nagari sent it for that period. `defs`: the definitions to
    shape it by (default: `definisi(ctx)`), so a caller that declared columns gets rows of those columns."""
    tanda = (await baca_rilis.tanda(periode)).get(dataset)
    if tanda is None:
        return None
    return await _hitung(ctx, dataset, periode, (tanda, await ambang()), await definisi(ctx) if defs is None else defs)


def _segar(kunci: tuple, tanda: tuple) -> bool:
    lama = _simpanan.get(kunci)
    return lama is not None and lama[0] == tanda


async def _hitung(ctx, nama: str, periode: str, tanda: tuple, defs: dict,
                  rilis: list[dict] | None = None) -> Ringkasan | None:
    kunci = (nama, periode, nama in defs)  # shaped by the definition or from the values
    if _segar(kunci, tanda):
        return _simpanan[kunci][1]
    if rilis is None:
        rilis = (await baca_rilis.rilis_periode(periode, [nama])).get(nama, [])
    if not rilis:
        return None
    kolom = json.loads(rilis[0]["kolom"]) if isinstance(rilis[0]["kolom"], str) else list(rilis[0]["kolom"] or [])
    contoh = [b for r in rilis[:3] for b in sebagai_dict(r["kolom"], r["baris"])[:50]]
    b = bentuk(nama, defs.get(nama), kolom or (list(contoh[0]) if contoh else []), contoh)
    w = wilayah()
    if b.orang:
        perlu = (*b.kunci, *b.label[:1], *(["jenis_kelamin"] if b.jenis_kelamin else []), "jumlah")
        per_nagari = {r["kode_wilayah"]: sebagai_kolom(r["kolom"], r["baris"], perlu, b.tingkat_teks) for r in rilis}
    else:
        per_nagari = {r["kode_wilayah"]: sebagai_dict(r["kolom"], r["baris"], b.tingkat_teks) for r in rilis}
    kecamatan, _ = _urut(w, per_nagari)
    if b.orang:
        atas, bawah = _orang(b, per_nagari, w, tanda[1])
        hasil = Ringkasan(b, periode, atas, kecamatan, sorted(per_nagari), any(r["sementara"] for r in rilis), bawah)
    else:
        semua_baris = _jumlahkan(b, per_nagari, w)
        per_kec: dict[str, list[dict]] = defaultdict(list)
        for r in semua_baris:
            if r[TINGKAT_DAERAH] == NAGARI:
                per_kec[r["induk"]].append(r)
        hasil = Ringkasan(b, periode, [r for r in semua_baris if r[TINGKAT_DAERAH] != NAGARI], kecamatan,
                          sorted(per_nagari), any(r["sementara"] for r in rilis), lambda k: per_kec.get(k, []))
    _simpanan[kunci] = (tanda, hasil)
    return hasil


def _tempat(w: Wilayah, tingkat: str, kode: str) -> dict:
    if tingkat == KABUPATEN:
        return {TINGKAT_DAERAH: KABUPATEN, "kode_daerah": w.kabupaten.kode, "daerah": w.kabupaten.nama, "induk": ""}
    d = w.kecamatan_dari(kode) if tingkat == KECAMATAN else w.nagari_dari(kode)
    return {TINGKAT_DAERAH: tingkat, "kode_daerah": d.kode, "daerah": d.nama, "induk": d.induk}


def _urut(w: Wilayah, nagari) -> tuple[list[str], dict[str, list[str]]]:
    """The kecamatan (in code order) and each one's nagari that reported."""
    anak: dict[str, list[str]] = defaultdict(list)
    for kode in sorted(nagari):
        anak[w.nagari_dari(kode).induk].append(kode)
    return sorted(anak), anak


def _jumlahkan(b: Bentuk, per_nagari: dict[str, list[dict]], w: Wilayah) -> list[dict]:
    """Sums of a dataset that counts no one: every summed column by the key columns, at the three levels."""
    kecamatan, anak = _urut(w, per_nagari)
    kode_urut: dict[tuple, dict] = {}   # key -> labels, in the order first seen
    acc: dict[tuple, dict] = {}
    for kode_n, rows in per_nagari.items():
        kec = w.nagari_dari(kode_n).induk
        for r in rows:
            kunci = tuple(r.get(k) for k in b.kunci)
            kode_urut.setdefault(kunci, {k: r.get(k) for k in b.label})
            rasio = str(r.get("satuan") or "").strip().lower() in SATUAN_RASIO
            for tempat in ((KABUPATEN, ""), (KECAMATAN, kec), (NAGARI, kode_n)):
                sel = acc.setdefault((*tempat, kunci), {})
                for u in () if rasio and tempat[0] != NAGARI else b.ukuran:
                    v = r.get(u)
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        sel[u] = sel.get(u, 0) + v
    out = []
    tempat = [(KABUPATEN, ""), *((KECAMATAN, k) for k in kecamatan),
              *((NAGARI, n) for k in kecamatan for n in anak[k])]
    for tingkat, kode in tempat:
        for kunci, label in kode_urut.items():
            sel = acc.get((tingkat, kode, kunci))
            if sel is None:
                continue
            out.append({**_tempat(w, tingkat, kode), **dict(zip(b.kunci, kunci)), **label,
                        **{u: _bulat(sel.get(u)) for u in b.ukuran}})
    return out


def _bulat(v):
    return round(v, 6) if isinstance(v, float) else v


def _orang(b: Bentuk, per_nagari: dict[str, dict[str, list]], w: Wilayah, batas: int) -> tuple[list[dict], Callable]:
    """Counts of people summed, then suppressed: the kecamatan as places (the rows returned), then each
    kecamatan's nagari (the function returned, for one kecamatan). `per_nagari`: each nagari's columns
    (`orang_perlu`)."""
    from plugins.statistik.api import KEDUA, SEMUA, suppress

    terpisah = b.jenis_kelamin and any({"L", "P"} & set(k["jenis_kelamin"]) for k in per_nagari.values())
    sel: dict[tuple, int] = defaultdict(int)      # (nagari, key, sex) -> count
    sel_kec: dict[tuple, int] = defaultdict(int)  # (kecamatan, key, sex) -> count
    label: dict[tuple, str] = {}
    for kode_n, kol in per_nagari.items():
        kec = w.nagari_dari(kode_n).induk
        n = len(kol["jumlah"])
        kunci_kol = list(zip(*(kol[k] for k in b.kunci))) if b.kunci else [()] * n
        jk_kol = [JK.get(v, KEDUA) for v in kol["jenis_kelamin"]] if terpisah else repeat(1)
        for kunci, jk, teks, jumlah in zip(kunci_kol, jk_kol, kol[b.label[0]] if b.label else repeat(""),
                                          kol["jumlah"]):
            if TOTAL in kunci or (terpisah and jk == KEDUA):
                continue  # margins: suppress makes its own
            if kunci not in label:
                label[kunci] = str(teks or "") if b.label else " / ".join(map(str, kunci))
            if jumlah:  # most cells of a month are 0: absent counts as 0
                sel[(kode_n, kunci, jk)] += jumlah
                sel_kec[(kec, kunci, jk)] += jumlah
    kecamatan, anak = _urut(w, per_nagari)

    def masukan(tempat: list[str], angka: dict[tuple, int]) -> list[dict]:
        return [{"kode": k, "label": label[k], "wilayah": t, "wilayah_nama": t, "jenis_kelamin": s,
                 "jumlah": angka.get((t, k, s), 0)} for t in tempat for k in label for s in (1, 2)]

    tempat = cache(lambda tingkat, kode: _tempat(w, tingkat, kode))  # one place, many rows
    # the sums (as each nagari's rows) cross every code with both sexes: for a code that is a sex, one of them
    # pairs it with the other sex ("Laki-laki / P / 0")
    seks_kode = {k: SEKS_LABEL[t.strip().lower()] for k, t in label.items() if t.strip().lower() in SEKS_LABEL}

    def nyata(r: dict) -> bool:
        return r["jenis_kelamin"] == KEDUA or seks_kode.get(r["kode"], r["jenis_kelamin"]) == r["jenis_kelamin"]

    def keluar(rows: list[dict], tingkat: str, kode=None) -> list[dict]:
        return [{**tempat(tingkat, kode or r["wilayah"]),
                 **({k: TOTAL for k in b.kunci} if r["kode"] == SEMUA else dict(zip(b.kunci, r["kode"]))),
                 **{k: (r["label"] if i == 0 else "") for i, k in enumerate(b.label)},
                 **({"jenis_kelamin": JK_TEKS[r["jenis_kelamin"]]} if b.jenis_kelamin else {}),
                 "jumlah": r["jumlah"], "disembunyikan": r["disembunyikan"]}
                for r in rows if (terpisah and nyata(r)) or r["jenis_kelamin"] == KEDUA]

    if not label:
        return [], lambda kec: []
    atas = suppress({"t": masukan(kecamatan, sel_kec)}, threshold=batas, nagari_name=w.kabupaten.nama)["t"]

    def nagari_dari(kec: str) -> list[dict]:
        tertutup = {(r["kode"], r["jenis_kelamin"]) for r in atas[1] if r["wilayah"] == kec and r["disembunyikan"]}
        bawah = suppress({"t": masukan(anak[kec], sel)}, threshold=batas, nagari_name=kec)["t"][1]
        for r in bawah:
            if (r["kode"], r["jenis_kelamin"]) in tertutup:
                r.update(jumlah=None, disembunyikan=True)
        return keluar(bawah, NAGARI)

    return keluar(atas[0], KABUPATEN, w.kabupaten.kode) + keluar(atas[1], KECAMATAN), nagari_dari


def lupakan() -> None:
    """Drop the kept sums (tests; a hub operator's threshold change is caught by the data version)."""
    _simpanan.clear()
    _terakhir.clear()
