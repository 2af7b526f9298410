"""package_search over the catalogue in memory: ``q`` and ``fq`` (kueri.py), ``sort``, ``rows``/``start``, facets,
with CKAN 2.10's parameters, defaults and result keys (count, results, sort, facets, search_facets).

A catalogue is tens of datasets, so a search is a pass over them: no index beyond what each `Entri` keeps.
"""

from __future__ import annotations

import fnmatch
import re
from datetime import datetime, timezone

from plugins.satu_data.ckan import parameter as prm
from plugins.satu_data.ckan.amplop import validasi
from plugins.satu_data.ckan.kueri import Atau, Bukan, Dan, Kata, Medan, Rentang, Semua, tanggal, urai
from plugins.satu_data.ckan.paket import Entri, Pandangan

URUTAN_BAWAAN = "score desc, metadata_modified desc"
BARIS_BAWAAN, BARIS_MAKS = 10, 1000
#: Where a free word counts, and how much (the title weighs most, as CKAN's Solr boosts it).
BOBOT = {"title": 4, "tags": 3, "name": 2, "notes": 1}
URUT = ("id", "metadata_created", "metadata_modified", "name", "num_resources", "num_tags", "score", "title",
        "title_string")
FACET = ("organization", "groups", "tags", "res_format", "license_id")
_MEDAN_TEKS = {"title": ("title",), "notes": ("notes",), "text": tuple(BOBOT)}
_MEDAN_WAKTU = {"metadata_modified": "diubah", "metadata_created": "dibuat"}
#: Fields matched by exact value (with * and ? as wildcards).
MEDAN_PERSIS = ("tags", "groups", "organization", "owner_org", "name", "id", "res_format", "license_id",
                "dataset_type", "type", "state", "capacity", "site_id")


def _nilai_medan(pandangan: Pandangan, e: Entri, medan: str) -> set[str]:
    """The values an entry holds in an exact-match field (one of MEDAN_PERSIS)."""
    d = e.data
    nilai = {
        "tags": e.tag, "groups": {g["name"] for g in d["groups"]}, "organization": {d["organization"]["name"]},
        "owner_org": {d["owner_org"]}, "name": {d["name"]}, "id": {d["id"]}, "res_format": {"CSV"},
        "license_id": {d["license_id"]}, "dataset_type": {"dataset"}, "type": {"dataset"}, "state": {"active"},
        "capacity": {"public"}, "site_id": {pandangan.base},
    }
    return nilai[medan]


def _cocok_pola(pola: str, nilai: set[str]) -> bool:
    if pola == "*":
        return bool(nilai)
    if "*" in pola or "?" in pola:
        rx = re.compile(fnmatch.translate(pola.replace("[", "[[]")))
        return any(rx.match(v) for v in nilai)
    return pola in nilai


def _kata(e: Entri, kata: str, medan: tuple[str, ...]) -> int:
    """The weight with which `kata` appears in the entry's `medan` (0: not at all)."""
    if kata in ("*", ""):
        return 1
    return sum(BOBOT[m] for m in medan if kata in e.teks[m])


def periksa(node, kunci: str) -> None:
    """Refuse a field or range the search does not know, before any dataset is looked at (so an empty catalogue
    answers a bad query as a full one does)."""
    if isinstance(node, (Dan, Atau)):
        for anak in node.anak:
            periksa(anak, kunci)
    elif isinstance(node, Bukan):
        periksa(node.anak, kunci)
    elif isinstance(node, Rentang) and node.medan not in _MEDAN_WAKTU:
        raise validasi(kunci, f"Rentang hanya untuk {', '.join(_MEDAN_WAKTU)}, bukan {node.medan[:40]!r}.")
    elif isinstance(node, Medan) and node.medan not in _MEDAN_TEKS and node.medan not in _MEDAN_WAKTU \
            and node.medan not in MEDAN_PERSIS:
        raise validasi(kunci, f"Kolom pencarian tidak dikenal: {node.medan[:40]!r}. Yang dikenal: "
                              f"{', '.join(sorted({*MEDAN_PERSIS, *_MEDAN_TEKS, *_MEDAN_WAKTU}))}.")
    elif isinstance(node, Medan) and node.medan in _MEDAN_WAKTU and node.nilai != "*":
        tanggal(node.nilai, kunci, datetime.now(timezone.utc).replace(tzinfo=None))


def _cocok(pandangan: Pandangan, e: Entri, node) -> bool:
    """Whether the entry answers the (checked) tree."""
    if isinstance(node, Semua):
        return True
    if isinstance(node, Kata):
        return _kata(e, node.teks, tuple(BOBOT)) > 0
    if isinstance(node, Dan):
        return all(_cocok(pandangan, e, n) for n in node.anak)
    if isinstance(node, Atau):
        return any(_cocok(pandangan, e, n) for n in node.anak)
    if isinstance(node, Bukan):
        return not _cocok(pandangan, e, node.anak)
    if isinstance(node, Rentang):
        saat = getattr(e, _MEDAN_WAKTU[node.medan])
        if node.awal is not None and (saat < node.awal or (saat == node.awal and not node.awal_masuk)):
            return False
        return node.akhir is None or saat < node.akhir or (saat == node.akhir and node.akhir_masuk)
    assert isinstance(node, Medan)
    if node.medan in _MEDAN_TEKS:
        return _kata(e, node.nilai.casefold(), _MEDAN_TEKS[node.medan]) > 0
    if node.medan in _MEDAN_WAKTU:
        return node.nilai == "*" or _sama_waktu(e, node)
    return _cocok_pola(node.nilai, _nilai_medan(pandangan, e, node.medan))


def _sama_waktu(e: Entri, node: Medan) -> bool:
    sekarang = datetime.now(timezone.utc).replace(tzinfo=None)
    return getattr(e, _MEDAN_WAKTU[node.medan]) == tanggal(node.nilai, "fq", sekarang)


def _skor(e: Entri, node) -> int:
    """How well the entry answers the free words of `q` (Solr's score, roughly: title hits weigh most)."""
    if isinstance(node, Kata):
        return _kata(e, node.teks, tuple(BOBOT))
    if isinstance(node, (Dan, Atau)):
        return sum(_skor(e, n) for n in node.anak)
    if isinstance(node, Medan) and node.medan in _MEDAN_TEKS:
        return _kata(e, node.nilai.casefold(), _MEDAN_TEKS[node.medan])
    return 0


def _kunci_urut(medan: str, skor: dict[int, int]):
    if medan == "score":
        return lambda e: skor[id(e)]
    if medan in _MEDAN_WAKTU:
        return lambda e: getattr(e, _MEDAN_WAKTU[medan])
    if medan in ("title", "title_string"):
        return lambda e: e.data["title"].casefold()
    return lambda e: e.data[medan]


def _facet(pandangan: Pandangan, hasil: list[Entri], medan: list[str], batas: int, minimal: int) -> tuple:
    facets, search_facets = {}, {}
    for f in medan:
        if f not in FACET:
            raise validasi("facet.field", f"Facet tidak dikenal: {f[:40]!r}. Yang dikenal: {', '.join(FACET)}.")
        hitung: dict[str, int] = {}
        for e in hasil:
            for v in _nilai_medan(pandangan, e, f):
                hitung[v] = hitung.get(v, 0) + 1
        urut = sorted(((v, n) for v, n in hitung.items() if n >= minimal), key=lambda x: (-x[1], x[0]))
        if batas >= 0:
            urut = urut[:batas]
        facets[f] = dict(urut)
        label = {pandangan.organisasi["name"]: pandangan.organisasi["title"],
                 **{g["name"]: g["title"] for g in pandangan.grup.values()}}
        search_facets[f] = {"title": f, "items": [{"name": v, "display_name": label.get(v, v), "count": n}
                                                  for v, n in urut]}
    return facets, search_facets


def package_search(pandangan: Pandangan, data: dict) -> dict:
    q = prm.teks(data, "q", "") or ""
    fq = prm.teks(data, "fq", "") or ""
    baris = prm.bilangan(data, "rows", BARIS_BAWAAN, maks=BARIS_MAKS, jepit=True)
    mulai = prm.bilangan(data, "start", 0)
    teks_urut = (prm.teks(data, "sort") or "").strip() or URUTAN_BAWAAN
    kunci_urut = prm.urutan(teks_urut, URUT, arah_wajib=True)
    fl = prm.daftar_teks(data, "fl", pemisah=", ")
    facet = prm.boolean(data, "facet", True)
    medan_facet = (prm.daftar_teks(data, "facet.field") or []) if facet else []
    batas_facet = prm.bulat(data, "facet.limit", 50)
    minimal = prm.bilangan(data, "facet.mincount", 1)

    pohon_q, pohon_fq = urai(q, "q"), urai(fq, "fq")
    periksa(pohon_q, "q")
    periksa(pohon_fq, "fq")
    hasil = [e for e in pandangan.entri if _cocok(pandangan, e, pohon_fq) and _cocok(pandangan, e, pohon_q)]
    skor = {id(e): _skor(e, pohon_q) for e in hasil}
    for medan, turun in reversed(kunci_urut):
        hasil.sort(key=_kunci_urut(medan, skor), reverse=turun)
    facets, search_facets = _facet(pandangan, hasil, medan_facet, batas_facet, minimal)
    halaman = [e.data for e in hasil[mulai:mulai + baris]]
    if fl:
        halaman = [{k: d[k] for k in fl if k in d} for d in halaman]
    return {"count": len(hasil), "facets": facets, "results": halaman, "sort": teks_urut,
            "search_facets": search_facets}
