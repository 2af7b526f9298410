"""The whole catalogue as a Frictionless Tabular Data Package: `datapackage.json` with a Table Schema per dataset
(https://specs.frictionlessdata.io/tabular-data-package/), and the zip of it with every CSV.

A schema states only what holds for every published row, so a validator never rejects the package: a key column
is "required" when no row leaves it empty, the key columns are the primaryKey when they are all required and no
two rows share them, and a text column's code list is its "enum" when every value is in it. A code list or key the
rows break is a fault of the contributing plugin: logged, and the constraint left out.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Mapping
from datetime import datetime

from plugin_sdk.dokumen import csv_cell

from plugins.satu_data.dataset import Kolom
from plugins.satu_data.format.konteks import Konteks, deskripsi_kolom, iso, nama_nagari, utc
from plugins.satu_data.katalog import Katalog, Paket, id_dari

log = logging.getLogger(__name__)


def _kosong(nilai) -> bool:
    return nilai is None or nilai == ""  # "" is a missing value in the CSV (missingValues)


def _enum(p: Paket, kol: Kolom) -> list[str] | None:
    """The code list as an enum constraint, when its codes are text and every row keeps to it."""
    if kol.tipe != "string" or not kol.kode or not all(isinstance(kode, str) for kode, _ in kol.kode):
        return None
    kode = [k for k, _ in kol.kode]
    sah = set(kode)
    asing = {v for r in p.baris if not _kosong(v := r.get(kol.nama)) and csv_cell(v) not in sah}
    if asing:
        log.warning("satu_data: dataset %s kolom %s berisi nilai di luar daftar kodenya: %s", p.ds.nama, kol.nama,
                    ", ".join(sorted(map(str, asing))[:5]))
        return None
    return kode


def _kunci_unik(p: Paket, kunci: list[str]) -> bool:
    terlihat = set()
    for r in p.baris:
        nilai = tuple(r.get(n) for n in kunci)
        if nilai in terlihat:
            log.warning("satu_data: dataset %s punya dua baris dengan kunci %s yang sama", p.ds.nama, nilai)
            return False
        terlihat.add(nilai)
    return True


def skema(p: Paket) -> dict:
    """The Table Schema of one dataset."""
    fields, wajib = [], set()
    for kol in p.ds.kolom_penuh():
        field = {"name": kol.nama, "title": kol.judul, "description": deskripsi_kolom(kol), "type": kol.tipe}
        batas: dict = {}
        if kol.kunci and not any(_kosong(r.get(kol.nama)) for r in p.baris):
            batas["required"] = True
            wajib.add(kol.nama)
        if (enum := _enum(p, kol)) is not None:
            batas["enum"] = enum
        if batas:
            field["constraints"] = batas
        fields.append(field)
    hasil = {"fields": fields, "missingValues": [""]}
    kunci = [kol.nama for kol in p.ds.kolom_penuh() if kol.kunci]
    if set(kunci) <= wajib and _kunci_unik(p, kunci):
        hasil["primaryKey"] = kunci
    return hasil


def sumber_daya(p: Paket, kx: Konteks, csv: bytes, *, lokal: bool) -> dict:
    """One dataset as a tabular data resource; `lokal`: its CSV is `data/<name>.csv` beside the descriptor."""
    ds = p.ds
    hasil = {
        "name": ds.nama,
        "path": f"data/{ds.nama}.csv" if lokal else kx.unduhan(ds.nama, "csv"),
        "profile": "tabular-data-resource",
        "title": ds.judul,
        "description": ds.deskripsi,
        "homepage": kx.halaman(ds.nama),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(csv),
        "hash": "sha256:" + hashlib.sha256(csv).hexdigest(),
        "schema": skema(p),
    }
    if ds.sumber:
        hasil["sources"] = [{"title": ds.sumber}]
    return hasil


def nomor_versi(diubah: datetime) -> str:
    """The package's version: the moment its content last changed, in UTC ("2026.12.07.093015"). It only grows,
    whatever changed (a release, a revision, a dataset withdrawn), so a harvester comparing versions sees the
    change; the zero-padded parts compare the same as text and as numbers."""
    return f"{utc(diubah):%Y.%m.%d.%H%M%S}"


def paket_data(k: Katalog, kx: Konteks, csv: Mapping[str, bytes], versi: str, *, lokal: bool = False) -> dict:
    """The descriptor of the catalogue. `csv`: each dataset's CSV bytes (for its size and hash); `versi`: from
    `nomor_versi`."""
    nagari = nama_nagari(k.profil)
    kontributor = {"title": kx.produsen.kontak or kx.produsen.nama, "role": "publisher",
                   "organization": kx.produsen.nama}
    if kx.produsen.email:
        kontributor["email"] = kx.produsen.email
    hasil = {
        "profile": "tabular-data-package",
        "name": f"{k.organisasi['name']}-data-terbuka",
        "id": id_dari(k.kode_wilayah, "paket-data"),
        "title": f"Data terbuka {nagari}".strip(),
        "description": (f"Data agregat {nagari} ({k.kode_wilayah}) untuk Satu Data: setiap dataset yang "
                        f"diterbitkan kantor {nagari}, semua periodenya, dengan metadata dan definisi variabel."),
        "homepage": f"{kx.base}/data",
        "version": versi,
        "keywords": sorted({t for p in k.paket for t in p.ds.tag} | {"satu-data", "data-terbuka"}),
        "licenses": [{"name": kx.lisensi.spdx, "path": kx.lisensi.url, "title": kx.lisensi.judul}],
        "sources": [{"title": kx.produsen.nama, "path": f"{kx.base}/data"}],
        "contributors": [kontributor],
        "resources": [sumber_daya(p, kx, csv[p.ds.nama], lokal=lokal) for p in k.paket],
    }
    if k.dibuat is not None:
        hasil["created"] = iso(k.dibuat)
    return hasil


def json_bytes(deskriptor: dict) -> bytes:
    return json.dumps(deskriptor, ensure_ascii=False, indent=1).encode("utf-8")


def zip_bytes(k: Katalog, kx: Konteks, csv: Mapping[str, bytes], versi: str) -> bytes:
    """The full export: datapackage.json (relative paths) and data/<name>.csv, dated at the newest release so
    the same catalogue always gives the same bytes."""
    waktu = (utc(k.dibuat).timetuple()[:6] if k.dibuat is not None else (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        berkas = [("datapackage.json", json_bytes(paket_data(k, kx, csv, versi, lokal=True))),
                  *((f"data/{p.ds.nama}.csv", csv[p.ds.nama]) for p in k.paket)]
        for nama, isi in berkas:
            info = zipfile.ZipInfo(nama, date_time=waktu)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, isi)
    return out.getvalue()
