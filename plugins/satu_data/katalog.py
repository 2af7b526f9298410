"""The published catalogue, read once and kept in memory: every page, download, data package and CKAN answer is
built from this one snapshot, so they all show the same releases.

The snapshot is rebuilt when the public content's version moves (`terbit.py` calls `public_changed()` after a
release, as does a change of the office's choices) or the enabled plugins change; a worker asks for the version at
most once a second, so a hit does not touch the database.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from plugin_sdk import enabled_plugins, public_version, register, slugify

from plugins.satu_data import registri
from plugins.satu_data.dataset import Dataset
from plugins.satu_data.metadata import kode_wilayah
from plugins.satu_data.tables import PilihanDataset, TerbitanDataset

CHECK_EVERY = 1.0
#: Namespace of the ids: a dataset's id is the same on every visit and differs between nagari (the hub's harvest).
NAMESPACE = uuid.UUID("5b1c1f0e-7d0a-4c1e-9a53-6e1a2f3b4c5d")


@dataclass
class Paket:
    """A published dataset: its definition, ids, every released period's rows (oldest period first)."""

    ds: Dataset
    id: str
    resource_id: str
    baris: list[dict]
    periode: list[str]
    dibuat: datetime
    diubah: datetime
    sementara: bool          # the newest period is provisional
    versi: dict[str, int]    # periode -> revision number
    jadwal: str


@dataclass
class Katalog:
    profil: dict
    kode_wilayah: str
    organisasi: dict         # {"id", "name", "title"}: the nagari office, CKAN's organization
    paket: list[Paket]
    dibuat: datetime | None  # the newest published release's moment (None: nothing published)
    #: The newest change of what the catalogue holds: a release, or the office choosing or withdrawing a dataset
    #: (a withdrawal changes the catalogue without a release); None for an installation that never chose.
    diubah: datetime | None = None
    _nama: dict = field(default_factory=dict, repr=False)
    _id: dict = field(default_factory=dict, repr=False)
    _resource: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._nama = {p.ds.nama: p for p in self.paket}
        self._id = {p.id: p for p in self.paket}
        self._resource = {p.resource_id: p for p in self.paket}

    def cari(self, nama_atau_id: str) -> Paket | None:
        """A package by its name or id (CKAN accepts either)."""
        return self._nama.get(nama_atau_id) or self._id.get(nama_atau_id)

    def resource(self, resource_id: str) -> Paket | None:
        return self._resource.get(resource_id)


def id_dari(kode_wilayah: str, *bagian: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(("balai", kode_wilayah, *bagian))))


_cache: dict = {"key": None, "checked": 0.0, "katalog": None}
_lock = asyncio.Lock()


async def katalog(request, *, versi: int | None = None) -> Katalog:
    """The catalogue as published now (cached; see the module's docstring). `versi`: a public version another
    cache already saw (a page cache's key): the snapshot is rebuilt when it is older, so a page rebuilt for a new
    release is never built from the snapshot before it."""
    lokal = tuple(await enabled_plugins(request))
    segar = versi is None or (_cache["key"] is not None and _cache["key"][0] >= versi)
    if (_cache["katalog"] is not None and time.monotonic() - _cache["checked"] < CHECK_EVERY
            and _cache["key"][1] == lokal and segar):
        return _cache["katalog"]
    async with _lock:
        key = (await public_version(), lokal)
        _cache["checked"] = time.monotonic()
        if key != _cache["key"] or _cache["katalog"] is None:
            _cache.update(katalog=await bangun(request), key=key)
        return _cache["katalog"]


def lupakan() -> None:
    """Drop the snapshot (tests; a publication in this process already moves the version)."""
    _cache.update(key=None, checked=0.0, katalog=None)


async def bangun(ctx) -> Katalog:
    """Read the catalogue from the database: the datasets the office publishes that have at least one release."""
    profil = await register.stored_profile()
    kode = kode_wilayah(profil)
    nama_nagari = profil.get("nama") or ""
    sebutan = profil.get("sebutan_desa") or "Nagari"
    organisasi = {"id": id_dari(kode, "organisasi"), "name": slugify(f"{sebutan} {nama_nagari}", 100) or "nagari",
                  "title": f"Pemerintah {sebutan} {nama_nagari}".strip()}
    semua_pilihan = await PilihanDataset.select(PilihanDataset.dataset, PilihanDataset.jadwal, PilihanDataset.terbit,
                                                PilihanDataset.diubah).run()
    pilihan = {r["dataset"]: r["jadwal"] for r in semua_pilihan if r["terbit"]}
    datasets = [d for d in await registri.semua(ctx) if d.nama in pilihan]
    terbitan: dict[str, list[dict]] = {}
    if datasets:
        tanpa_mentah = (c for c in TerbitanDataset._meta.columns if c._meta.name != "mentah")  # the hub's, not ours
        rows = await TerbitanDataset.select(*tanpa_mentah).where(
            TerbitanDataset.dataset.is_in([d.nama for d in datasets])).order_by(TerbitanDataset.periode).run()
        for r in rows:
            terbitan.setdefault(r["dataset"], []).append(r)
    paket = []
    for ds in datasets:
        rilis = terbitan.get(ds.nama)
        if not rilis:
            continue
        baris = [row for r in rilis for row in json.loads(r["baris"])]
        paket.append(Paket(
            ds=ds, id=id_dari(kode, "dataset", ds.nama), resource_id=id_dari(kode, "resource", ds.nama),
            baris=baris, periode=[r["periode"] for r in rilis], dibuat=min(r["dibuat"] for r in rilis),
            diubah=max(r["diubah"] for r in rilis), sementara=rilis[-1]["sementara"],
            versi={r["periode"]: r["versi"] for r in rilis}, jadwal=pilihan[ds.nama]))
    return Katalog(profil=profil, kode_wilayah=kode, organisasi=organisasi, paket=paket,
                   dibuat=max((p.diubah for p in paket), default=None),
                   diubah=max([*(p.diubah for p in paket), *(r["diubah"] for r in semua_pilihan)], default=None))
