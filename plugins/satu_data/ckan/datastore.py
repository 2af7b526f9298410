"""datastore_search over a published dataset's rows, as CKAN's DataStore answers it: typed ``fields``, records with
``_id``, ``total``, ``_links``; ``filters``, ``q``, ``fields``, ``sort``, ``limit``/``offset``, ``distinct``.

Each resource's rows are indexed once per catalogue snapshot (records with their ``_id``, each row's text for
``q``, and per column a value -> row numbers map, built the first time a filter names the column), so a request
is a few set intersections and a sort over the rows that remain. Rows are never put into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlencode

from plugins.satu_data.ckan import parameter as prm
from plugins.satu_data.ckan.amplop import TidakDitemukan, Validasi, validasi
from plugins.satu_data.ckan.paket import Pandangan
from plugins.satu_data.format.konteks import deskripsi_kolom
from plugins.satu_data.katalog import Paket

BATAS_BAWAAN, BATAS_MAKS = 100, 32000
#: Frictionless Table Schema types (dataset.TIPE) as the DataStore names its column types.
TIPE = {"string": "text", "integer": "int", "number": "numeric", "boolean": "bool", "date": "date"}
KUNCI = {"resource_id", "id", "filters", "q", "distinct", "plain", "language", "limit", "offset", "fields", "sort",
         "include_total", "total_estimation_threshold", "records_format", "full_text"}


@dataclass
class Indeks:
    """One resource's rows, ready to search."""

    paket: Paket
    tipe: dict[str, str]                     # column -> DataStore type, "_id" first
    fields: list[dict]
    records: list[dict]
    teks: list[str]                          # each row's values as lowercased text, for q
    _nilai: dict[str, dict] = field(default_factory=dict)

    def baris_dengan(self, kolom: str, nilai) -> set[int]:
        """The row numbers whose `kolom` equals `nilai` (already normalised to the column's type)."""
        peta = self._nilai.get(kolom)
        if peta is None:
            peta = self._nilai[kolom] = {}
            for i, r in enumerate(self.records):
                peta.setdefault(_kunci(r[kolom]), set()).add(i)
        return peta.get(_kunci(nilai), set())


def _kunci(nilai):
    """Equal values meet whatever Python type carries them (1 and 1.0; True is not 1)."""
    return (type(nilai) is bool, nilai)


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "true" if nilai else "false"
    return str(nilai).casefold()


def _indeks(p: Paket) -> Indeks:
    kolom = p.ds.kolom_penuh()
    tipe = {"_id": "int", **{k.nama: TIPE[k.tipe] for k in kolom}}
    fields = [{"id": "_id", "type": "int"}] + [
        {"id": k.nama, "type": TIPE[k.tipe], "info": {"label": k.judul, "notes": deskripsi_kolom(k)}} for k in kolom]
    records = [{"_id": i, **{k.nama: r.get(k.nama) for k in kolom}} for i, r in enumerate(p.baris, start=1)]
    teks = [" ".join(_teks(r[k.nama]) for k in kolom) for r in records]
    return Indeks(p, tipe, fields, records, teks)


_cache: dict = {"katalog": None, "indeks": {}}


def indeks(pandangan: Pandangan, resource_id: str) -> Indeks:
    e = pandangan.resource(resource_id)
    if e is None:
        raise TidakDitemukan(f"Resource {resource_id[:80]!r} tidak ditemukan.")
    if _cache["katalog"] is not pandangan.katalog:  # a new snapshot: indexes of the old one are dropped
        _cache.update(katalog=pandangan.katalog, indeks={})
    hasil = _cache["indeks"].get(resource_id)
    if hasil is None:
        hasil = _cache["indeks"][resource_id] = _indeks(e.paket)
    return hasil


def _normal(nilai, tipe: str, kolom: str):
    """A filter value as the column's type holds it; Validation Error when it cannot be one."""
    salah = validasi("filters", f"Nilai {str(nilai)[:40]!r} tidak sah untuk kolom {kolom!r} ({tipe}).")
    if nilai is None:
        return None
    if tipe == "text":
        if isinstance(nilai, (dict, list, bool)):
            raise salah
        return str(nilai)
    if tipe == "bool":
        if isinstance(nilai, bool):
            return nilai
        teks = str(nilai).strip().lower()
        if teks in prm.BENAR | prm.SALAH:
            return teks in prm.BENAR
        raise salah
    if tipe == "date":
        try:
            return date.fromisoformat(str(nilai).strip()[:10]).isoformat()
        except ValueError:
            raise salah from None
    if isinstance(nilai, (bool, dict, list)):
        raise salah
    if isinstance(nilai, int) or (isinstance(nilai, str) and re.fullmatch(r"\s*[+-]?\d{1,30}\s*", nilai)):
        return int(nilai)  # exactly, however large (a float would round it)
    try:
        angka = float(nilai)
    except (TypeError, ValueError):
        raise salah from None
    if tipe == "int":
        if not angka.is_integer():
            raise salah
        return int(angka)
    return int(angka) if angka.is_integer() else angka


def _saring(ix: Indeks, filters) -> list[int] | None:
    """The row numbers the filters leave (None: every row)."""
    if filters in (None, "", {}):
        return None
    if not isinstance(filters, dict):
        raise validasi("filters", "Harus objek JSON {\"kolom\": nilai atau [nilai, ...]}.")
    syarat = []
    for kolom, nilai in filters.items():  # every filter checked before any row is looked at
        if kolom not in ix.tipe:
            raise validasi("filters", f"Kolom {str(kolom)[:40]!r} tidak ada di resource ini.")
        pilihan = nilai if isinstance(nilai, list) else [nilai]
        syarat.append((kolom, [_normal(v, ix.tipe[kolom], kolom) for v in pilihan]))
    sisa: set[int] | None = None
    for kolom, pilihan in syarat:
        baris: set[int] = set()
        for v in pilihan:
            baris |= ix.baris_dengan(kolom, v)
        sisa = baris if sisa is None else sisa & baris
        if not sisa:
            break
    return sorted(sisa)


def _kata(teks: str) -> list[str]:
    return [k for k in re.split(r"\s+", teks.casefold()) if k]


def _cari(ix: Indeks, urut: list[int] | None, q) -> list[int] | None:
    """Rows holding every word of `q` (a text: anywhere in the row; an object: in the columns it names)."""
    if q in (None, "", {}):
        return urut
    baris = range(len(ix.records)) if urut is None else urut
    if isinstance(q, str):
        kata = _kata(q)
        return [i for i in baris if all(k in ix.teks[i] for k in kata)]
    if not isinstance(q, dict):
        raise validasi("q", "Harus teks atau objek JSON {\"kolom\": \"kata\"}.")
    syarat = []
    for kolom, teks in q.items():
        if kolom not in ix.tipe or kolom == "_id":
            raise validasi("q", f"Kolom {str(kolom)[:40]!r} tidak ada di resource ini.")
        if not isinstance(teks, (str, int, float)) or isinstance(teks, bool):
            raise validasi("q", f"Kata untuk kolom {kolom!r} harus teks.")
        syarat.append((kolom, _kata(str(teks))))
    return [i for i in baris
            if all(all(k in _teks(ix.records[i][kolom]) for k in kata) for kolom, kata in syarat)]


def _urutkan(ix: Indeks, baris: list[int], urut: list[tuple[str, bool]]) -> list[int]:
    for kolom, turun in reversed(urut):
        # Empty cells last going up and first going down, as PostgreSQL sorts NULLs.
        baris.sort(key=lambda i: (ix.records[i][kolom] is None, ix.records[i][kolom]
                                  if ix.records[i][kolom] is not None else 0), reverse=turun)
    return baris


def _tautan(jalur: str, kueri: str, offset: int, limit: int) -> dict:
    """CKAN's ``_links``: this request's URL from the start and at the next page (relative, as CKAN writes)."""
    argumen = dict(parse_qsl(kueri, keep_blank_values=True))
    awal = {k: v for k, v in argumen.items() if k != "offset"}
    return {"start": f"{jalur}?{urlencode(awal)}" if awal else jalur,
            "next": f"{jalur}?{urlencode({**argumen, 'offset': offset + limit})}"}


def datastore_search(pandangan: Pandangan, data: dict, jalur: str, kueri: str) -> dict:
    asing = sorted(str(k)[:40] for k in data if k not in KUNCI)
    if asing:
        raise Validasi({"__junk": [f"Parameter tidak dikenal: {', '.join(asing[:5])}."]})
    resource_id = prm.teks(data, "resource_id") or prm.teks(data, "id")
    if not resource_id or not resource_id.strip():
        raise validasi("resource_id", "Wajib diisi.")
    ix = indeks(pandangan, resource_id.strip())
    limit = prm.bilangan(data, "limit", BATAS_BAWAAN, maks=BATAS_MAKS)
    offset = prm.bilangan(data, "offset", 0)
    filters = prm.json_atau_nilai(data, "filters")
    q = data.get("q")
    if isinstance(q, dict) or (isinstance(q, str) and q.lstrip().startswith("{")):
        q = prm.json_atau_nilai(data, "q")
    else:
        q = prm.teks(data, "q")
    full_text = prm.teks(data, "full_text")
    medan = prm.daftar_teks(data, "fields")
    urut_teks = data.get("sort")
    urut = prm.urutan(urut_teks, list(ix.tipe)) if urut_teks not in (None, "", []) else []
    if (bentuk := prm.teks(data, "records_format", "objects")) not in ("objects", "lists"):
        raise validasi("records_format", "Hanya 'objects' atau 'lists'.")
    for m in medan or []:
        if m not in ix.tipe:
            raise validasi("fields", f"Kolom {m[:40]!r} tidak ada di resource ini.")
    dengan_total = prm.boolean(data, "include_total", True)
    distinct = prm.boolean(data, "distinct", False)

    baris = _cari(ix, _cari(ix, _saring(ix, filters), q), full_text)
    baris = list(range(len(ix.records))) if baris is None else list(baris)
    if urut:
        baris = _urutkan(ix, baris, urut)
    kolom = medan or list(ix.tipe)
    records = [ix.records[i] for i in baris]
    if medan or distinct:
        records = [{k: r[k] for k in kolom} for r in records]
    if distinct:
        records = list({tuple(r.values()): r for r in records}.values())
    total = len(records)
    records = records[offset:offset + limit]
    if bentuk == "lists":
        records = [list(r.values()) for r in records]
    hasil = {"include_total": dengan_total, "limit": limit, "records_format": bentuk, "resource_id": resource_id,
             "total_estimation_threshold": None, "records": records,
             "fields": [ix.fields[list(ix.tipe).index(m)] for m in medan] if medan else ix.fields,
             "_links": _tautan(jalur, kueri, offset, limit)}
    for kunci, nilai in (("filters", filters), ("q", q), ("sort", urut_teks), ("offset", offset if "offset" in data
                                                                                  else None)):
        if nilai not in (None, "", {}, []):
            hasil[kunci] = nilai
    if dengan_total:
        hasil.update(total=total, total_was_estimated=False)
    return hasil
