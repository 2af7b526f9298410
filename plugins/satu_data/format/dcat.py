"""DCAT-AP metadata as JSON-LD: the catalogue (`/data/katalog.jsonld`) and each dataset
(`/data/unduh/<name>.jsonld`), for portals that harvest DCAT (ckanext-dcat, data.europa.eu-style harvesters).

Controlled values come from the vocabularies DCAT-AP names: the EU frequency, access-right, file-type, language
and data-theme authority tables, and IANA media types. Each group of the catalogue is also a concept of the
nagari's own (its filtered catalogue page), so the group's Indonesian name travels with the record.
"""

from __future__ import annotations

from plugins.satu_data.dataset import GRUP
from plugins.satu_data.format.konteks import FORMAT, Konteks, cakupan, iso, nama_nagari, sensor
from plugins.satu_data.katalog import Katalog, Paket

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
EU = "http://publications.europa.eu/resource/authority"
FREKUENSI = {"bulanan": f"{EU}/frequency/MONTHLY", "tahunan": f"{EU}/frequency/ANNUAL"}
PUBLIK = f"{EU}/access-right/PUBLIC"
BAHASA = f"{EU}/language/IND"
#: The EU data theme closest to each group of the catalogue.
TEMA = {"kependudukan": "SOCI", "pelayanan": "GOVE", "keuangan": "GOVE", "potensi": "AGRI", "aset": "GOVE",
        "sosial": "SOCI", "lainnya": "REGI"}
IANA = "http://www.iana.org/assignments/media-types/"
TIPE_BERKAS = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}


def _id(url: str) -> dict:
    return {"@id": url}


def _teks(nilai: str) -> dict:
    return {"@value": nilai, "@language": "id"}


def _waktu(waktu) -> dict:
    return {"@value": iso(waktu), "@type": "xsd:dateTime"}


def _tanggal(hari) -> dict:
    return {"@value": hari.isoformat(), "@type": "xsd:date"}


def penerbit(kx: Konteks) -> dict:
    """The producer, as DCAT-AP's publisher (a foaf:Agent)."""
    hasil = {"@type": "foaf:Organization", "foaf:name": kx.produsen.nama, "foaf:homepage": _id(f"{kx.base}/")}
    if kx.produsen.email:
        hasil["foaf:mbox"] = _id(f"mailto:{kx.produsen.email}")
    return hasil


def kontak(kx: Konteks) -> dict:
    hasil = {"@type": "vcard:Organization", "vcard:fn": kx.produsen.kontak or kx.produsen.nama}
    if kx.produsen.email:
        hasil["vcard:hasEmail"] = _id(f"mailto:{kx.produsen.email}")
    if kx.produsen.telepon:
        hasil["vcard:hasTelephone"] = _id("tel:" + "".join(c for c in kx.produsen.telepon if c.isdigit() or c == "+"))
    return hasil


def wilayah(k: Katalog) -> dict:
    """The nagari as a dct:Location, identified by its Kemendagri code."""
    return {"@type": "dct:Location", "dct:identifier": k.kode_wilayah, "skos:prefLabel": nama_nagari(k.profil)}


def distribusi(p: Paket, kx: Konteks) -> list[dict]:
    hasil = []
    for akhiran, (media, judul) in FORMAT.items():
        url = kx.unduhan(p.ds.nama, akhiran)
        hasil.append({
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": _teks(f"{p.ds.judul} ({judul})"),
            "dcat:accessURL": _id(url),
            "dcat:downloadURL": _id(url),
            "dct:format": _id(f"{EU}/file-type/{TIPE_BERKAS[akhiran]}"),
            "dcat:mediaType": _id(IANA + media),
            "dct:license": _id(kx.lisensi.url),
            "dct:modified": _waktu(p.diubah),
        })
    return hasil


def dataset(p: Paket, k: Katalog, kx: Konteks) -> dict:
    """One published dataset as a dcat:Dataset node (no @context: see `dataset_dokumen`)."""
    ds = p.ds
    mulai, akhir = cakupan(p)
    asal = f"Sumber: {ds.sumber}. " if ds.sumber else ""
    return {
        "@id": kx.halaman(ds.nama),
        "@type": "dcat:Dataset",
        "dct:identifier": p.id,
        "dct:title": _teks(ds.judul),
        "dct:description": _teks(ds.deskripsi),
        "dcat:keyword": list(ds.tag),
        "dcat:theme": [_id(f"{EU}/data-theme/{TEMA.get(ds.grup, 'REGI')}"),
                       {"@id": f"{kx.base}/data?grup={ds.grup}", "@type": "skos:Concept",
                        "skos:prefLabel": _teks(GRUP.get(ds.grup, ds.grup))}],
        "dct:publisher": penerbit(kx),
        "dcat:contactPoint": kontak(kx),
        "dct:license": _id(kx.lisensi.url),
        "dct:accessRights": _id(PUBLIK),
        "dct:language": _id(BAHASA),
        "dct:spatial": wilayah(k),
        "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": _tanggal(mulai),
                         "dcat:endDate": _tanggal(akhir)},
        "dct:accrualPeriodicity": _id(FREKUENSI.get(ds.frekuensi, FREKUENSI["bulanan"])),
        "dct:issued": _waktu(p.dibuat),
        "dct:modified": _waktu(p.diubah),
        # where the figures come from and how small counts are hidden
        "dct:provenance": {"@type": "dct:ProvenanceStatement", "rdfs:label": _teks(asal + sensor(p))},
        "dcat:landingPage": _id(kx.halaman(ds.nama)),
        "dcat:distribution": distribusi(p, kx),
    }


def dataset_dokumen(p: Paket, k: Katalog, kx: Konteks) -> dict:
    """A dataset's own JSON-LD document."""
    return {"@context": CONTEXT, **dataset(p, k, kx)}


def katalog_dokumen(k: Katalog, kx: Konteks) -> dict:
    """The whole catalogue as a dcat:Catalog with its datasets."""
    nagari = nama_nagari(k.profil)
    hasil = {
        "@context": CONTEXT,
        "@id": f"{kx.base}/data",
        "@type": "dcat:Catalog",
        "dct:title": _teks(f"Data terbuka {nagari}".strip()),
        "dct:description": _teks(f"Katalog data agregat {nagari} untuk Satu Data: dataset dengan metadata, "
                                 f"unduhan CSV, JSON dan XLSX."),
        "dct:publisher": penerbit(kx),
        "dct:spatial": wilayah(k),
        "dct:language": _id(BAHASA),
        "dct:license": _id(kx.lisensi.url),
        "foaf:homepage": _id(f"{kx.base}/data"),
        "dcat:dataset": [dataset(p, k, kx) for p in k.paket],
    }
    if k.dibuat is not None:
        hasil["dct:modified"] = _waktu(k.dibuat)
    return hasil
