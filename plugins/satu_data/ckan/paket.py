"""CKAN's view of the published catalogue: package, resource, organization, group and tag dicts as CKAN 2.10's
package_show and friends give them, built once per catalogue snapshot and shared by every action.

The nagari office is the one organization; the catalogue's themes (dataset.GRUP) that have a published dataset are
the groups; each dataset is a package with one resource, its CSV, whose rows datastore_search serves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from plugin_sdk import public_url

from plugins.satu_data import metadata
from plugins.satu_data.ckan.amplop import waktu
from plugins.satu_data.dataset import GRUP
from plugins.satu_data.format.konteks import cakupan, nama_nagari, sensor, utc
from plugins.satu_data.katalog import Katalog, Paket, id_dari, katalog
from plugins.satu_data.metadata import Lisensi, Produsen

CKAN_VERSION = "2.10.4"
#: Every licence the office may choose is open (opendefinition.org), so every package is ``isopen``.
TERBUKA = set(metadata.LISENSI)


@dataclass
class Entri:
    """One package: its dict and what a search compares (lowercased text, names, UTC moments)."""

    paket: Paket
    data: dict
    teks: dict[str, str]          # title / notes / name / tags, lowercased, for q
    tag: frozenset[str]
    dibuat: datetime              # naive UTC
    diubah: datetime


@dataclass
class Pandangan:
    """The catalogue as CKAN shows it, for one snapshot and public URL."""

    katalog: Katalog
    base: str
    status: dict
    organisasi: dict
    entri: list[Entri]
    grup: dict[str, dict]         # name -> group dict; group_show adds package_count and packages
    tag: dict[str, dict]          # name -> tag dict, by name
    _kunci: dict[str, Entri] = field(default_factory=dict, repr=False)
    _resource: dict[str, Entri] = field(default_factory=dict, repr=False)
    _grup_id: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for e in self.entri:
            self._kunci[e.paket.ds.nama] = self._kunci[e.paket.id] = e
            self._resource[e.paket.resource_id] = e
        self._grup_id = {g["id"]: nama for nama, g in self.grup.items()}

    def paket(self, nama_atau_id: str) -> Entri | None:
        return self._kunci.get(nama_atau_id)

    def resource(self, resource_id: str) -> Entri | None:
        return self._resource.get(resource_id)

    def satu_grup(self, nama_atau_id: str) -> dict | None:
        return self.grup.get(self._grup_id.get(nama_atau_id, nama_atau_id))

    def organisasi_ini(self, nama_atau_id: str) -> bool:
        return nama_atau_id in (self.organisasi["id"], self.organisasi["name"])


def _organisasi(k: Katalog, base: str, produsen: Produsen, dibuat: str | None) -> dict:
    profil = k.profil
    tempat = ", ".join(f"{s} {profil[x]}" for s, x in (("Kecamatan", "kecamatan"), ("Kabupaten", "kabupaten"),
                                                       ("Provinsi", "provinsi")) if profil.get(x))
    kontak = "; ".join(filter(None, (produsen.alamat, produsen.telepon, produsen.email)))
    deskripsi = (f"{k.organisasi['title']}" + (f", {tempat}" if tempat else "") + "." +
                 (f" Kode wilayah Kemendagri {k.kode_wilayah}." if k.kode_wilayah else "") +
                 (f" Kontak: {kontak}." if kontak else ""))
    return {"id": k.organisasi["id"], "name": k.organisasi["name"], "title": k.organisasi["title"],
            "type": "organization", "description": deskripsi,
            "image_url": f"{base}/berkas/logo" if profil.get("logo") else "", "created": dibuat,
            "is_organization": True, "approval_status": "approved", "state": "active"}


def _grup_ringkas(g: dict) -> dict:
    return {key: g[key] for key in ("id", "name", "title", "display_name", "description", "image_display_url")}


def _tag(k: Katalog, nama: str) -> dict:
    return {"id": id_dari(k.kode_wilayah, "tag", nama), "name": nama, "display_name": nama, "state": "active",
            "vocabulary_id": None}


def _variabel(p: Paket) -> str:
    return json.dumps([{"nama": c.nama, "judul": c.judul, "tipe": c.tipe, "definisi": c.definisi,
                        "satuan": c.satuan, "kode": [[kode, label] for kode, label in c.kode],
                        "daftar_kode": c.daftar_kode, "kunci": c.kunci} for c in p.ds.kolom_penuh()],
                      ensure_ascii=False)


def _catatan(k: Katalog, p: Paket, produsen: Produsen) -> str:
    """The description and a short metadata paragraph (CKAN's notes are Markdown)."""
    ds = p.ds
    periode = p.periode[0] if len(p.periode) == 1 else f"{p.periode[0]} sampai {p.periode[-1]}"
    kalimat = [f"Periode {periode}, terbit {ds.frekuensi}."]
    if p.sementara:
        kalimat.append(f"Periode {p.periode[-1]} masih sementara dan dapat direvisi.")
    kalimat.append(f"Wilayah: {nama_nagari(k.profil)}" + (f", kode Kemendagri {k.kode_wilayah}." if k.kode_wilayah
                                                           else "."))
    kalimat.append(f"Produsen data: {produsen.nama}; kontak: {produsen.kontak}"
                   + (f" ({produsen.email})." if produsen.email else "."))
    if ds.sumber:
        kalimat.append(f"Sumber: {ds.sumber.rstrip('.')}.")
    kalimat.append(f"Penyembunyian angka kecil: {sensor(p)}")
    return f"{ds.deskripsi.strip()}\n\n{' '.join(kalimat)}"


def _extras(k: Katalog, p: Paket, produsen: Produsen) -> list[dict]:
    awal, akhir = cakupan(p)
    nilai = {"frekuensi": p.ds.frekuensi, "judul_dataset": p.ds.judul, "kode_wilayah": k.kode_wilayah,
             "metode_penyembunyian": sensor(p), "periode": ", ".join(p.periode), "produsen": produsen.nama,
             "sumber": p.ds.sumber, "temporal_start": awal.isoformat(), "temporal_end": akhir.isoformat(),
             "variabel": _variabel(p), "versi": json.dumps(p.versi), "wilayah": nama_nagari(k.profil)}
    if p.sementara:
        nilai["periode_sementara"] = p.periode[-1]
    return [{"key": kunci, "value": v} for kunci, v in sorted(nilai.items()) if v]


def _resource(base: str, p: Paket) -> dict:
    return {"id": p.resource_id, "package_id": p.id, "name": p.ds.judul,
            "description": "Semua periode yang terbit dalam satu tabel CSV (UTF-8), kolom periode dan kode_wilayah "
                           "lebih dulu. Barisnya juga dapat dibaca lewat datastore_search.",
            "format": "CSV", "mimetype": "text/csv", "url": f"{base}/data/unduh/{p.ds.nama}.csv", "url_type": None,
            "datastore_active": True, "created": waktu(p.dibuat), "last_modified": waktu(p.diubah),
            "metadata_modified": waktu(p.diubah), "position": 0, "state": "active", "hash": "", "size": None,
            "cache_url": None, "mimetype_inner": None, "resource_type": None}


def _judul(k: Katalog, p: Paket) -> str:
    """The package's title names the nagari: a kabupaten portal harvests every nagari's "Penduduk menurut agama"
    into one catalogue, where the dataset's own title (extra ``judul_dataset``) alone would repeat."""
    return f"{p.ds.judul} - {nama_nagari(k.profil)}"


def _paket(k: Katalog, p: Paket, base: str, lisensi: Lisensi, produsen: Produsen, org: dict,
           grup: dict[str, dict]) -> dict:
    ds = p.ds
    tags = [_tag(k, t) for t in sorted(set(ds.tag))]
    groups = [_grup_ringkas(grup[ds.grup])]
    return {
        "id": p.id, "name": ds.nama, "title": _judul(k, p), "notes": _catatan(k, p, produsen),
        "url": f"{base}/data/{ds.nama}", "author": produsen.nama, "author_email": produsen.email or None,
        "maintainer": produsen.kontak, "maintainer_email": produsen.email or None,
        "license_id": lisensi.id, "license_title": lisensi.judul, "license_url": lisensi.url,
        "isopen": lisensi.id in TERBUKA, "organization": org, "owner_org": org["id"], "groups": groups,
        "tags": tags, "num_tags": len(tags), "resources": [_resource(base, p)], "num_resources": 1,
        "extras": _extras(k, p, produsen), "metadata_created": waktu(p.dibuat), "metadata_modified": waktu(p.diubah),
        "state": "active", "private": False, "type": "dataset", "version": None,
        "relationships_as_object": [], "relationships_as_subject": [],
    }


def _grup(k: Katalog, paket: list[Paket]) -> dict[str, dict]:
    hasil = {}
    for nama, judul in GRUP.items():
        anggota = [p for p in paket if p.ds.grup == nama]
        if not anggota:
            continue
        hasil[nama] = {
            "id": id_dari(k.kode_wilayah, "grup", nama), "name": nama, "title": judul, "display_name": judul,
            "description": f"Dataset bertema {judul.lower()} dari {k.organisasi['title']}.",
            "image_url": "", "image_display_url": "", "created": waktu(min(p.dibuat for p in anggota)),
            "is_organization": False, "type": "group", "state": "active", "approval_status": "approved",
            "num_followers": 0,
            "users": [], "groups": [], "tags": [], "extras": [],
        }
    return hasil


def bangun(k: Katalog, base: str, lisensi: Lisensi, produsen: Produsen) -> Pandangan:
    dibuat = waktu(min((p.dibuat for p in k.paket), default=None))
    org = _organisasi(k, base, produsen, dibuat)
    grup = _grup(k, k.paket)
    entri = []
    for p in k.paket:
        data = _paket(k, p, base, lisensi, produsen, org, grup)
        teks = {"title": data["title"].casefold(), "notes": data["notes"].casefold(), "name": p.ds.nama,
                "tags": " ".join(p.ds.tag).casefold()}
        entri.append(Entri(p, data, teks, frozenset(p.ds.tag), utc(p.dibuat).replace(tzinfo=None),
                           utc(p.diubah).replace(tzinfo=None)))
    tag = {t: _tag(k, t) for t in sorted({t for p in k.paket for t in p.ds.tag})}
    judul = f"Data Terbuka {k.organisasi['title']}"
    status = {"site_title": judul, "site_url": base, "ckan_version": CKAN_VERSION,
              "site_description": f"Data agregat {k.organisasi['title']} untuk Satu Data Indonesia: dataset dengan "
                                  "metadata, unduhan CSV, dan API yang dapat dipanen portal CKAN.",
              "error_emails_to": None, "locale_default": "id", "extensions": ["datastore"]}
    return Pandangan(k, base, status, org, entri, grup, tag)


_pandangan: dict = {"nilai": None}


async def pandangan(request) -> Pandangan:
    """CKAN's view of the catalogue now: rebuilt with each catalogue snapshot (a release, a change of the
    office's choices or of the plugin's settings moves it) or a change of the public address."""
    k = await katalog(request)
    base = public_url(request).rstrip("/")
    lama = _pandangan["nilai"]
    if lama is None or lama.katalog is not k or lama.base != base:
        lama = _pandangan["nilai"] = bangun(k, base, await metadata.lisensi(), await metadata.produsen(k.profil))
    return lama


def lupakan() -> None:
    """Drop what is kept (tests)."""
    _pandangan["nilai"] = None
