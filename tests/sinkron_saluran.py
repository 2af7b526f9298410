"""The lossy channel between a `sinkron` node and the hub, the protocol's model (a node and a hub in memory), and
the runs the property tests draw (tests/test_sinkron_sifat.py): each upload can be lost, applied with its answer
lost, cut after some frames, reordered, duplicated, held back and delivered after newer uploads, or meet a hub that
dies mid-apply (its open transaction rolled back)."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field

from hypothesis import HealthCheck, example, settings
from hypothesis import strategies as st

from plugins.sinkron.protokol import ProtokolError, bungkus, buka

CONTOH = int(os.environ.get("SINKRON_CONTOH", "25"))
SIFAT = settings(max_examples=CONTOH, deadline=None, database=None, suppress_health_check=list(HealthCheck))
KODE = "13.07.05.2001"


class HubMati(Exception):
    """The hub died (or restarted) in the middle of an apply: its open transaction is rolled back and the node
    gets no answer."""


class JaringanPutus(Exception):
    """What the node sees when an upload fails: nothing is known about what the hub applied."""


@dataclass(frozen=True)
class Gangguan:
    """The fate of one upload (the defaults: a clean delivery)."""

    hilang: bool = False              # lost before it reached the hub
    jawaban_hilang: bool = False      # the hub applied it; its answer never came back
    potong: int | None = None         # the upload broke after this many frames (the hub saw only those)
    acak: int | None = None           # the frames arrive shuffled (this seed)
    ganda: bool = False               # the same upload arrives twice
    tunda: bool = False               # held in the network, delivered after a later upload (its answer lost)
    mati_pada: int | None = None      # the hub dies while applying the frame with this index, rolling it back


BERSIH = Gangguan()
_kecil = st.none() | st.integers(0, 3)
#: One fault alone most of the time (each reaches the hub often enough to matter in 25 examples), or several.
GANGGUAN = st.one_of(
    st.just(BERSIH), st.just(Gangguan(hilang=True)), st.just(Gangguan(jawaban_hilang=True)),
    st.just(Gangguan(ganda=True)), st.just(Gangguan(tunda=True)), st.builds(Gangguan, potong=st.integers(0, 3)),
    st.builds(Gangguan, acak=st.integers(0, 99)), st.builds(Gangguan, mati_pada=st.integers(0, 3)),
    st.builds(Gangguan, hilang=st.booleans(), jawaban_hilang=st.booleans(), potong=_kecil,
              acak=st.none() | st.integers(0, 99), ganda=st.booleans(), tunda=st.booleans(), mati_pada=_kecil))


@dataclass
class Saluran:
    """The network between one node and the hub. A hub is an object with `async terima(frames) -> (status, body)`
    and a `mati_pada` attribute (the index of the frame whose apply transaction it dies in, or None)."""

    tertahan: list[list[dict]] = field(default_factory=list)
    mati: int = 0  # times the hub died mid-apply

    async def _ke_hub(self, hub, frames: list[dict], mati_pada: int | None) -> tuple[int, dict]:
        hub.mati_pada = mati_pada
        try:
            return await hub.terima(frames)
        except HubMati:
            self.mati += 1
            raise JaringanPutus("hub mati") from None
        finally:
            hub.mati_pada = None

    async def antar(self, hub, frames: list[dict], g: Gangguan = BERSIH) -> tuple[int, dict]:
        """One upload; returns the hub's answer as the node receives it, or raises JaringanPutus."""
        for lama in self.tertahan[:]:  # late arrivals from earlier uploads land first; their answers go nowhere
            self.tertahan.remove(lama)
            try:
                await self._ke_hub(hub, lama, None)
            except JaringanPutus:
                pass
        if g.tunda:
            self.tertahan.append(list(frames))
            raise JaringanPutus("tertahan")
        if g.hilang:
            raise JaringanPutus("hilang")
        sampai = list(frames if g.potong is None else frames[:g.potong])
        if g.acak is not None:
            random.Random(g.acak).shuffle(sampai)
        jawab = await self._ke_hub(hub, sampai, g.mati_pada)
        if g.ganda:
            jawab = await self._ke_hub(hub, sampai, None)
        if g.jawaban_hilang or g.potong is not None:
            raise JaringanPutus("jawaban hilang")
        return jawab

    async def kosongkan(self, hub) -> None:
        """Whatever is still held in the network arrives (after everything else: the latest a packet can be)."""
        for lama in self.tertahan[:]:
            self.tertahan.remove(lama)
            await self._ke_hub(hub, lama, None)


# --- the protocol model: a node and a hub in memory (no database), on protokol.py's real frames ----------------

def _kunci():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


class NodeModel:
    """A node: a change log of releases, an outbox of signed frames with gapless seq, a cursor; sends at most
    `per_unggahan` frames from the first unacknowledged one."""

    def __init__(self, per_unggahan: int = 3):
        self.kunci, self.kid = _kunci(), "k1"
        self.log: list[dict] = []          # satu_data's change log: every new period or revision
        self.rilis: dict = {}              # (dataset, periode) -> (versi, baris): what the node publishes now
        self.kotak: list[dict] = []        # the outbox; kotak[i] is seq i + 1
        self.kursor = 0
        self.diakui = 0
        self.per_unggahan = per_unggahan

    def terbit(self, dataset: str, periode: str, nilai: int) -> None:
        versi, baris = self.rilis.get((dataset, periode), (0, None))
        if baris == [[periode, KODE, nilai]]:
            return  # the same figures: no revision
        self.rilis[(dataset, periode)] = (versi + 1, [[periode, KODE, nilai]])
        self.log.append({"dataset": dataset, "periode": periode})

    def kemas(self) -> None:
        baru = self.log[self.kursor:self.kursor + 2]
        if not baru:
            return
        rilis = [{"dataset": c["dataset"], "periode": c["periode"], "versi": versi, "baris": baris}
                 for c in baru for versi, baris in [self.rilis[(c["dataset"], c["periode"])]]]
        self.kotak.append(bungkus(KODE, len(self.kotak) + 1, {"rilis": rilis}, self.kunci, self.kid))
        self.kursor += len(baru)

    def antrean(self) -> list[dict]:
        return self.kotak[self.diakui:self.diakui + self.per_unggahan]

    def jawaban(self, status: int, isi: dict) -> None:
        if status == 200:
            self.diakui = max(self.diakui, isi["diakui"])
        elif status == 409:  # the hub has everything before `harap` (maybe less than it once said): send from there
            self.diakui = isi["harap"] - 1


class HubModel:
    """The hub's apply rule (design "Apply"): verify, skip applied, stop at a gap, apply the next one atomically."""

    def __init__(self, publik: dict):
        self.publik = publik
        self.seq = 0
        self.rilis: dict = {}
        self.diterapkan: list[int] = []
        self.mati_pada: int | None = None
        self.salinan = (0, {}, [])

    def cadangan(self) -> None:
        self.salinan = (self.seq, dict(self.rilis), list(self.diterapkan))

    def pulih(self) -> None:
        self.seq, self.rilis, self.diterapkan = self.salinan[0], dict(self.salinan[1]), list(self.salinan[2])

    async def terima(self, frames: list[dict]) -> tuple[int, dict]:
        for i, frame in enumerate(frames):
            try:
                node, seq, isi = buka(frame, self.publik)
            except ProtokolError as exc:
                return 400, {"galat": str(exc)}
            if node != KODE:
                return 403, {"galat": "Bingkai nagari lain."}
            if seq <= self.seq:
                continue
            if seq > self.seq + 1:
                return 409, {"harap": self.seq + 1, "galat": "Ada bingkai yang belum sampai."}
            rilis = dict(self.rilis)  # the transaction: written only when it commits
            for r in isi["rilis"]:
                lama = rilis.get((r["dataset"], r["periode"]))
                if lama is None or lama[0] < r["versi"]:
                    rilis[(r["dataset"], r["periode"])] = (r["versi"], r["baris"])
            if self.mati_pada == i:
                raise HubMati()
            self.rilis, self.seq = rilis, seq
            self.diterapkan.append(seq)
        return 200, {"diakui": self.seq}


#: A run: ("terbit", dataset, period, value) publishes on the node (a new period, a revision, or the same figures
#: again: nothing); ("kirim", Gangguan) packs what is new and makes one upload through the channel.
#: ("peristiwa", month, count) changes an event summary of one of the last three months (the real node only);
#: ("usb", lines, twice) carries the unacknowledged frames on a file, maybe cut after some lines, maybe imported twice;
#: ("cadangan",) backs the hub up, ("pulih",) restores that backup (the hub forgets batches the node saw
#: acknowledged: the node learns it from a 409 on its next batch and sends them again).
LANGKAH = st.lists(st.one_of(
    st.tuples(st.just("terbit"), st.integers(0, 1), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("kirim"), GANGGUAN),
    st.tuples(st.just("peristiwa"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("usb"), st.none() | st.integers(0, 2), st.booleans()),
    st.just(("cadangan",)), st.just(("pulih",))), max_size=30)
_T = [("terbit", d, p, 1) for d in (0, 1) for p in (0, 1, 2)]
#: The cases that must always run, whatever the random draw: an answer lost then the batch again, frames
#: reordered across a gap, an old upload arriving after newer ones, the hub dying mid-apply, an upload cut short,
#: the hub restored from a backup older than what it acknowledged.
KASUS = [
    [_T[0], ("kirim", Gangguan(jawaban_hilang=True)), ("terbit", 0, 0, 2), ("kirim", Gangguan(ganda=True))],
    [_T[0], ("kirim", Gangguan(hilang=True)), _T[1], ("kirim", Gangguan(hilang=True)), _T[2], _T[3],
     ("kirim", Gangguan(acak=4))],
    [_T[0], ("kirim", Gangguan(tunda=True)), ("terbit", 0, 0, 3), ("kirim", BERSIH), _T[4], ("kirim", BERSIH)],
    [_T[0], ("kirim", Gangguan(hilang=True)), _T[1], ("kirim", Gangguan(mati_pada=1)), _T[5],
     ("kirim", Gangguan(potong=1))],
    [_T[0], ("kirim", BERSIH), ("cadangan",), _T[1], ("kirim", BERSIH), _T[2], ("kirim", BERSIH), ("pulih",)],
]


def kasus(**lain):
    """Every case of KASUS as an explicit Hypothesis example (with the test's other arguments)."""
    def pasang(test):
        for langkah in reversed(KASUS):
            test = example(langkah=langkah, **lain)(test)
        return test
    return pasang
