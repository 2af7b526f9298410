"""The dataset registry: what the enabled plugins contribute through the `satu_data_dataset` event, checked.

A faulty contribution (a bad name, a column without a definition, a name another plugin already took) is logged
and left out, never a reason for the catalogue to fail: the other datasets stay.
"""

from __future__ import annotations

import dataclasses
import logging

from plugin_sdk import emit

from plugins.satu_data.dataset import GRUP, Dataset, masalah

log = logging.getLogger(__name__)


async def semua(ctx) -> list[Dataset]:
    """Every sound dataset of the enabled plugins, in the order of GRUP then title. `ctx`: a request or a job's
    context (both fire events)."""
    found: dict[str, Dataset] = {}
    answers = await emit(ctx, "satu_data_dataset") or []
    for answer in answers:
        for ds in answer or []:
            if not isinstance(ds, Dataset):
                log.warning("satu_data: kontribusi %r bukan Dataset, dilewati", ds)
                continue
            if salah := masalah(ds):
                log.warning("satu_data: dataset %r dilewati: %s", getattr(ds, "nama", "?"), "; ".join(salah))
                continue
            if ds.nama in found:
                log.warning("satu_data: nama dataset %r sudah dipakai, yang kedua dilewati", ds.nama)
                continue
            if ds.grup not in GRUP:
                ds = dataclasses.replace(ds, grup="lainnya")
            found[ds.nama] = ds
    urutan = list(GRUP)
    return sorted(found.values(), key=lambda d: (urutan.index(d.grup), d.judul.lower(), d.nama))


async def satu(ctx, nama: str) -> Dataset | None:
    return next((d for d in await semua(ctx) if d.nama == nama), None)
