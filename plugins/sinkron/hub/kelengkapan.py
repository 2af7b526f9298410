"""Completeness and timeliness of the monthly data (as DHIS2 reports them): per nagari and month, which monthly
dataset arrived on time, late, only provisional or not at all, and the reporting rates per kecamatan and kabupaten.

A month's release is on time when its final (not provisional) version reached the hub by the end of the deadline
day of the next month (setting `sinkron.batas_lapor`, default the 10th, in the hub's time zone). The datasets
expected are the monthly ones some nagari has sent up to that month; every nagari of the kabupaten is expected,
enrolled or not, so a nagari that never joined shows as missing rather than vanishing from the rates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from plugin_sdk import get_setting, nagari_zone, register

from plugins.sinkron.hub.dasbor import wilayah

BULAN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
BATAS_BAWAAN = 10
TEPAT, TERLAMBAT, SEMENTARA, BELUM = "tepat", "terlambat", "sementara", "belum"
STATUS = {TEPAT: "Tepat waktu", TERLAMBAT: "Terlambat", SEMENTARA: "Baru sementara", BELUM: "Belum diterima"}
STATUS_NODE = {"aktif": "Aktif", "menunggu": "Menunggu konfirmasi", "dicabut": "Dicabut", None: "Belum terdaftar"}


class KelengkapanError(ValueError):
    """A month that cannot be reported; the message says why (Bahasa Indonesia)."""


@dataclass
class Sel:
    status: str
    diterima: datetime | None = None


@dataclass
class BarisNagari:
    kode: str
    nama: str
    kecamatan: str
    status_node: str | None
    sel: dict[str, Sel] = field(default_factory=dict)


@dataclass
class Laju:
    """Reporting rates of a place: reports expected, received final, of which on time."""

    kode: str
    nama: str
    nagari: int = 0
    diharapkan: int = 0
    diterima: int = 0
    tepat: int = 0

    @property
    def persen_diterima(self) -> float:
        return round(100 * self.diterima / self.diharapkan, 1) if self.diharapkan else 0.0

    @property
    def persen_tepat(self) -> float:
        return round(100 * self.tepat / self.diharapkan, 1) if self.diharapkan else 0.0


@dataclass
class Kelengkapan:
    bulan: str
    batas: datetime
    dataset: list[str]
    nagari: list[BarisNagari]
    kecamatan: list[Laju]
    kabupaten: Laju


def periksa_bulan(bulan: str) -> str:
    bulan = (bulan or "").strip()
    if not BULAN.match(bulan):
        raise KelengkapanError("Bulan harus ditulis TTTT-BB, misalnya 2026-11.")
    return bulan


async def hari_batas() -> int:
    """The deadline day of the next month (the setting; a bad value falls back to the 10th)."""
    try:
        hari = int(await get_setting("sinkron", "batas_lapor") or BATAS_BAWAAN)
    except (TypeError, ValueError):
        hari = BATAS_BAWAAN
    return hari if 1 <= hari <= 28 else BATAS_BAWAAN


def batas_waktu(bulan: str, hari: int, zona: timezone) -> datetime:
    """The end of day `hari` of the month after `bulan`, in `zona`."""
    tahun, bln = map(int, bulan.split("-"))
    awal_berikut = date(tahun + bln // 12, bln % 12 + 1, 1)
    return datetime.combine(awal_berikut + timedelta(days=hari), time(0), zona)


def _utc(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


async def dataset_bulanan(bulan: str) -> list[str]:
    """The monthly datasets some nagari has sent for `bulan` or a month before it."""
    from plugins.sinkron.hub.tables import RilisHub as R

    rows = await R.select(R.dataset, R.periode).where(R.periode <= bulan).distinct().run()
    return sorted({r["dataset"] for r in rows if BULAN.match(r["periode"])})


async def kelengkapan(bulan: str) -> Kelengkapan:
    """Who sent what for `bulan`, and when (KelengkapanError for a month that is not one)."""
    from plugins.sinkron.hub.tables import NodeHub, RilisHub as R

    bulan = periksa_bulan(bulan)
    batas = batas_waktu(bulan, await hari_batas(), nagari_zone(await register.stored_profile()))
    w = wilayah()
    status = {r["kode_wilayah"]: r["status"] for r in await NodeHub.select(NodeHub.kode_wilayah, NodeHub.status).run()}
    rilis = await R.select(R.kode_wilayah, R.dataset, R.sementara, R.diubah).where(R.periode == bulan).run()
    datasets = await dataset_bulanan(bulan)
    kode_nagari = sorted({*w.nagari, *status, *(r["kode_wilayah"] for r in rilis)})
    baris = {k: BarisNagari(k, w.nagari_dari(k).nama, w.nagari_dari(k).induk, status.get(k),
                            {d: Sel(BELUM) for d in datasets}) for k in kode_nagari}
    for r in rilis:
        if r["dataset"] not in datasets:
            continue
        tiba = _utc(r["diubah"])
        keadaan = SEMENTARA if r["sementara"] else TEPAT if tiba is not None and tiba <= batas else TERLAMBAT
        baris[r["kode_wilayah"]].sel[r["dataset"]] = Sel(keadaan, tiba)
    per_kec: dict[str, Laju] = {}
    kab = Laju(w.kabupaten.kode, w.kabupaten.nama)
    for b in baris.values():
        kec = per_kec.setdefault(b.kecamatan, Laju(b.kecamatan, w.kecamatan_dari(b.kecamatan).nama))
        for laju in (kec, kab):
            laju.nagari += 1
            laju.diharapkan += len(datasets)
            laju.diterima += sum(s.status in (TEPAT, TERLAMBAT) for s in b.sel.values())
            laju.tepat += sum(s.status == TEPAT for s in b.sel.values())
    return Kelengkapan(bulan, batas, datasets, list(baris.values()), [per_kec[k] for k in sorted(per_kec)], kab)


def baris_csv(k: Kelengkapan) -> tuple[list[str], list[list]]:
    """The report as a long sheet: one row per nagari and dataset."""
    kepala = ["bulan", "kode_kecamatan", "kecamatan", "kode_nagari", "nagari", "status_nagari", "dataset", "status",
              "diterima", "batas"]
    w = wilayah()
    rows = [[k.bulan, b.kecamatan, w.kecamatan_dari(b.kecamatan).nama, b.kode, b.nama,
             STATUS_NODE.get(b.status_node, b.status_node), d, STATUS[s.status],
             s.diterima.isoformat() if s.diterima else "", k.batas.isoformat()]
            for b in k.nagari for d, s in b.sel.items()]
    return kepala, rows
