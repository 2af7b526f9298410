"""Applying a nagari's batches at the hub: each once, in order, only when signed by one of its keys, each in one
write transaction with the batch's record (so a crash mid-apply leaves nothing half-applied and the node resends).

    hasil = await terima(frames, "13.07.05.2001", "http", detak={...})
    hasil == {"status": 200, "diakui": 7}              # every batch up to 7 is applied
          or {"status": 409, "harap": 5, "galat": ...}  # a gap: send from 5
          or {"status": 403 | 400, "galat": ..., "diakui": n}  # refused: unknown/revoked node or key, bad frame
          or {"status": 409, "bentrok": 5, "galat": ...}  # batch 5 differs from the one applied: old backup

A frame numbered at or below what the hub applied is a harmless copy when its payload's digest equals the applied
batch's (`BatchHub.sidik`); a different payload under that number means the nagari was restored from an old backup
and numbers new batches again, so the whole upload is refused (nothing of it applied) and the nagari re-enrols.

`status` is the HTTP code of the answer; the rest is its JSON body. The same function applies a USB file
(`impor_berkas`).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import msgspec

from plugin_sdk import write_transaction

from plugins.sinkron.hub.tables import AKTIF, DICABUT, LAMA, MENUNGGU, BatchHub, NodeHub, RilisHub
from plugins.sinkron.protokol import BATAS_BINGKAI, ProtokolError, buka, kepala, kunci_dari_teks

KODE_WILAYAH = "kode_wilayah"
#: Columns that would carry a person's identity: a batch holding one is refused whole (aggregates only).
TERLARANG = {"nik", "no_kk", "nomor_kk", "kk", "tanggal_lahir", "tgl_lahir", "nama_lengkap"}
NAMA_DATASET = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
BULAN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DETAK = {"versi": 40, "cadangan_terakhir": 40, "disk_bebas": None, "tertunda": None, "waktu": 40}
BATAS_BERKAS = 64 * 1024 * 1024  # a year of a nagari's batches is a few MB
GRUP = 16  # batches of one upload applied in one transaction (each still with its record; a backlog commits once)

#: A batch in one statement, after the node's row moved on (seq n-1 -> n, active only): its record, its releases (the
#: highest version kept) and event summaries; nothing when the node did not move. Lists travel as arrays, so the
#: statement is the same for any batch (asyncpg prepares it once per connection).
TERAPKAN_SQL = """WITH maju AS (
    UPDATE hub_node SET seq_terakhir = {}, terakhir_terlihat = {}, detak = COALESCE({}, detak)
    WHERE kode_wilayah = {} AND status = {} AND seq_terakhir = {} RETURNING kode_wilayah),
batch AS (INSERT INTO hub_batch (kode_wilayah, seq, diterapkan, ukuran, lewat, sidik)
    SELECT kode_wilayah, {}, {}, {}, {}, {} FROM maju),
rilis AS (INSERT INTO hub_rilis (kode_wilayah, dataset, periode, versi, sementara, kolom, baris, diterima, diubah)
    SELECT maju.kode_wilayah, r.*, {}, {} FROM maju,
        unnest({}::varchar[], {}::varchar[], {}::integer[], {}::boolean[], {}::text[], {}::text[]) AS r
    ON CONFLICT (kode_wilayah, dataset, periode) DO UPDATE SET versi = EXCLUDED.versi,
        sementara = EXCLUDED.sementara, kolom = EXCLUDED.kolom, baris = EXCLUDED.baris, diubah = EXCLUDED.diubah
    WHERE hub_rilis.versi < EXCLUDED.versi),
peristiwa AS (INSERT INTO hub_peristiwa (kode_wilayah, bulan, baris, diterima)
    SELECT maju.kode_wilayah, p.*, {} FROM maju, unnest({}::varchar[], {}::text[]) AS p
    ON CONFLICT (kode_wilayah, bulan) DO UPDATE SET baris = EXCLUDED.baris, diterima = EXCLUDED.diterima)
SELECT count(*) AS maju FROM maju"""
#: The node and its keys that verify (active, or rotated out but still checking older frames), in one query.
NODE_SQL = """SELECT n.status, n.seq_terakhir, k.kid, k.kunci FROM hub_node n
LEFT JOIN hub_kunci k ON k.node = n.kode_wilayah AND k.status IN ({}, {}) WHERE n.kode_wilayah = {}"""


BENTROK = ("Batch {seq} dalam kiriman ini berbeda dengan batch {seq} yang sudah diterima hub dari nagari {kode}: "
           "nagari ini tampaknya dipulihkan dari cadangan lama, sehingga nomor batch barunya sudah terpakai. Seluruh "
           "kiriman ditolak, tidak ada yang diterapkan. Nagari harus daftar ulang: Diskominfo mencabut pendaftarannya "
           "dan memberi kode undangan baru, lalu nagari mendaftar lagi dan seluruh datanya dikirim ulang.")


def sidik_isi(isi: dict) -> str:
    """SHA-256 of a payload in one canonical form (keys sorted): the same batch gives the same digest however its
    frame was compressed."""
    return hashlib.sha256(msgspec.json.encode(isi, order="sorted")).hexdigest()


class IsiSalah(ValueError):
    """A payload that must not be applied (the whole batch is refused); the message says why, in Indonesian."""


def _json(isi: object) -> str:
    return msgspec.json.encode(isi).decode()


def _sah(kolom: object, n: int) -> bool:
    """A column of `nilai`: n values, or distinct values and n positions in them (protokol.ke_kolom)."""
    if isinstance(kolom, list):
        return len(kolom) == n
    if not isinstance(kolom, dict) or kolom.keys() != {"kamus", "indeks"}:
        return False
    kamus, indeks = kolom["kamus"], kolom["indeks"]
    return (isinstance(kamus, list) and isinstance(indeks, list) and len(indeks) == n
            and set(map(type, indeks)) <= {int} and (not indeks or 0 <= min(indeks) and max(indeks) < len(kamus)))


def _kolom(r: dict, nama: str, kode: str) -> tuple[list, dict]:
    """A release's columns and its rows in column form (protokol.ke_kolom), checked; a release still in the row
    form (`baris`: lists in the order of `kolom`, as nodes packed before) is turned into the column form."""
    kolom = r.get("kolom")
    if not isinstance(kolom, list) or not all(isinstance(k, str) for k in kolom) or len(set(kolom)) != len(kolom):
        raise IsiSalah(f"Kolom rilis {nama} harus daftar nama yang berbeda.")
    if TERLARANG & {k.lower() for k in kolom}:
        raise IsiSalah(f"Rilis {nama} memuat kolom data pribadi; hanya data agregat yang diterima.")
    if "nilai" in r:
        n, tetap, nilai = r.get("jumlah_baris"), r.get("tetap"), r.get("nilai")
        if (not isinstance(n, int) or isinstance(n, bool) or n < 0 or not isinstance(tetap, dict)
                or not isinstance(nilai, dict) or tetap.keys() & nilai.keys() or {*tetap, *nilai} != set(kolom)
                or not all(_sah(v, n) for v in nilai.values())):
            raise IsiSalah(f"Nilai rilis {nama} tidak sesuai kolomnya.")
    else:
        baris = r.get("baris")
        if not isinstance(baris, list) or not all(isinstance(b, list) and len(b) == len(kolom) for b in baris):
            raise IsiSalah(f"Baris rilis {nama} tidak sesuai kolomnya.")
        n, tetap = len(baris), {}
        nilai = {k: list(v) for k, v in zip(kolom, zip(*baris))} if baris else {k: [] for k in kolom}
    if n:
        if KODE_WILAYAH not in kolom:
            raise IsiSalah(f"Rilis {nama} tanpa kolom kode_wilayah.")
        kode_kolom = nilai.get(KODE_WILAYAH, [tetap.get(KODE_WILAYAH)])
        asing = [v for v in (kode_kolom["kamus"] if isinstance(kode_kolom, dict) else kode_kolom) if v != kode]
        if asing:
            raise IsiSalah(f"Rilis {nama} memuat baris wilayah lain ({asing[0]}); nagari {kode} hanya boleh "
                           "mengirim datanya sendiri.")
    return kolom, {"jumlah_baris": n, "tetap": tetap, "nilai": nilai}


def _rilis(r: object, kode: str) -> tuple:
    if not isinstance(r, dict):
        raise IsiSalah("Rilis dalam batch harus objek JSON.")
    dataset, periode, versi = r.get("dataset"), r.get("periode"), r.get("versi")
    if not isinstance(dataset, str) or not NAMA_DATASET.match(dataset):
        raise IsiSalah("Rilis tanpa nama dataset yang sah.")
    if not isinstance(periode, str) or not 1 <= len(periode) <= 10:
        raise IsiSalah(f"Rilis {dataset} tanpa periode yang sah.")
    if not isinstance(versi, int) or isinstance(versi, bool) or versi < 1:
        raise IsiSalah(f"Versi rilis {dataset} {periode} harus bilangan bulat mulai 1.")
    kolom, isi = _kolom(r, f"{dataset} {periode}", kode)
    return dataset, periode, versi, bool(r.get("sementara")), _json(kolom), _json(isi)


def _peristiwa(p: object) -> tuple:
    if not isinstance(p, dict) or not isinstance(p.get("bulan"), str) or not BULAN.match(p["bulan"]):
        raise IsiSalah("Ringkasan peristiwa tanpa bulan yang sah (TTTT-BB).")
    baris = p.get("baris")
    if not isinstance(baris, list) or not all(isinstance(b, dict) for b in baris):
        raise IsiSalah(f"Baris ringkasan peristiwa {p['bulan']} harus daftar objek.")
    if any(TERLARANG & {k.lower() for k in b} for b in baris):
        raise IsiSalah(f"Ringkasan peristiwa {p['bulan']} memuat data pribadi; hanya jumlah yang diterima.")
    return p["bulan"], _json(baris)


def periksa_isi(isi: dict, kode: str) -> tuple[list[tuple], list[tuple]]:
    """The releases and event summaries of a payload, checked whole before anything is written."""
    rilis, peristiwa = isi.get("rilis", []), isi.get("peristiwa", [])
    if not isinstance(rilis, list) or not isinstance(peristiwa, list):
        raise IsiSalah("Isi batch harus memuat daftar rilis dan daftar peristiwa.")
    return [_rilis(r, kode) for r in rilis], [_peristiwa(p) for p in peristiwa]


def _detak(detak: object) -> str | None:
    """The heartbeat's known fields, short strings and plain numbers only (it is shown on the hub's pages)."""
    if not isinstance(detak, dict):
        return None
    hasil = {}
    for kunci, batas in DETAK.items():
        nilai = detak.get(kunci)
        if batas and isinstance(nilai, str):
            hasil[kunci] = nilai[:batas]
        elif batas is None and isinstance(nilai, int) and not isinstance(nilai, bool):
            hasil[kunci] = nilai
    return _json(hasil)


async def _node(kode: str) -> tuple[dict | None, dict]:
    """The node's status and last applied seq (None: not enrolled), and its keys that verify (key id -> key)."""
    rows = await NodeHub.raw(NODE_SQL, AKTIF, LAMA, kode).run()
    if not rows:
        return None, {}
    return rows[0], {r["kid"]: kunci_dari_teks(r["kunci"]) for r in rows if r["kid"] is not None}


def _ditolak_node(node: dict | None, kode: str) -> dict | None:
    if node is None:
        return {"status": 403, "status_node": "tidak_dikenal",
                "galat": f"Nagari {kode} tidak terdaftar di hub kabupaten ini."}
    if node["status"] == MENUNGGU:
        return {"status": 403, "status_node": MENUNGGU,
                "galat": "Pendaftaran nagari menunggu konfirmasi sidik jari oleh operator kabupaten."}
    if node["status"] == DICABUT:
        return {"status": 403, "status_node": DICABUT,
                "galat": "Pendaftaran nagari ini dicabut oleh kabupaten; daftar ulang dengan kode undangan baru."}
    return None


def _terakhir_saja(rilis: list[tuple]) -> list[tuple]:
    """One row per (dataset, period), the highest version (one statement may not touch a row twice)."""
    hasil: dict[tuple, tuple] = {}
    for r in rilis:
        if r[:2] not in hasil or hasil[r[:2]][2] <= r[2]:
            hasil[r[:2]] = r
    return list(hasil.values())


async def _terapkan(kode: str, siap: list[tuple], lewat: str, detak: str | None) -> tuple[int | None, dict | None]:
    """Apply checked batches `siap` ((seq, (releases, event summaries), size, digest), in seq order) in one
    transaction, each with its record: (the node's last applied seq afterwards or None when none moved it, the
    answer to stop with).
    One transaction for a node's backlog: one commit to disk (~1-7 ms here) for up to GRUP batches, not one each."""
    sekarang, diakui = datetime.now(timezone.utc), None
    async with write_transaction():
        for seq, (rilis, peristiwa), ukuran, sidik in siap:
            kolom_rilis = [list(k) for k in zip(*_terakhir_saja(rilis))] or [[]] * 6  # six arrays, one per column
            peristiwa = dict(peristiwa)
            # the usual case in one statement: an active node whose next batch this is moves on, with its data
            [maju] = await RilisHub.raw(TERAPKAN_SQL, seq, sekarang, detak, kode, AKTIF, seq - 1, seq, sekarang,
                                        ukuran, lewat, sidik, sekarang, sekarang, *kolom_rilis, sekarang,
                                        list(peristiwa), list(peristiwa.values())).run()
            if maju["maju"]:
                diakui = seq
                continue
            node = await NodeHub.select(NodeHub.status, NodeHub.seq_terakhir).where(
                NodeHub.kode_wilayah == kode).first().run()
            ditolak = _ditolak_node(node, kode)
            if ditolak:
                return diakui, ditolak
            terakhir = node["seq_terakhir"]
            if seq > terakhir:
                return terakhir, {"status": 409, "harap": terakhir + 1, "diakui": terakhir,
                                  "galat": f"Batch {terakhir + 1} belum diterima; kirim mulai dari batch itu."}
            diakui = max(diakui or 0, terakhir)
    return diakui, None


def _bentrok(seq: int, kode: str, diakui: int) -> dict:
    return {"status": 409, "bentrok": seq, "diakui": diakui, "galat": BENTROK.format(seq=seq, kode=kode)}


async def _beda_lama(kode: str, lama: dict[int, str], diakui: int) -> dict | None:
    """The refusal when a frame the hub counts as applied (seq -> its digest) differs from the batch applied under
    that number; a batch applied before digests were kept ('') is not compared."""
    rows = await BatchHub.select(BatchHub.seq, BatchHub.sidik).where(
        BatchHub.kode_wilayah == kode, BatchHub.seq.is_in(list(lama))).run()
    beda = sorted(r["seq"] for r in rows if r["sidik"] and r["sidik"] != lama[r["seq"]])
    return _bentrok(beda[0], kode, diakui) if beda else None


async def _seq_terakhir(kode: str) -> int:
    row = await NodeHub.select(NodeHub.seq_terakhir).where(NodeHub.kode_wilayah == kode).first().run()
    return row["seq_terakhir"] if row else 0


async def terima(frames: object, kode_node: object, lewat: str = "http", detak: object = None) -> dict:
    """Apply a node's frames (any order; applied by sequence number) and answer as the API does (module doc)."""
    if not isinstance(kode_node, str) or not kode_node or not isinstance(frames, list):
        return {"status": 400, "galat": "Permintaan sinkron harus memuat kode nagari (node) dan daftar bingkai."}
    node, kunci = await _node(kode_node)
    ditolak = _ditolak_node(node, kode_node)
    if ditolak:
        return ditolak
    diakui = node["seq_terakhir"]
    try:
        urut = sorted(((kepala(f)[1], f) for f in frames), key=lambda p: p[0])
    except ProtokolError as e:
        return {"status": 400, "galat": str(e), "diakui": diakui}
    sah, diterapkan, jawab, teks_detak = False, False, None, _detak(detak)
    siap: list[tuple] = []  # checked, waiting for their transaction
    lama: dict[int, str] = {}  # seq -> digest of frames the hub counts as applied, compared before anything applies
    dikirim: dict[int, str] = {}  # seq -> digest of this upload's frames queued to apply
    for seq, frame in urut:
        node_f, _, kid = kepala(frame)
        if node_f != kode_node:
            jawab = {"status": 400, "galat": f"Batch {seq} ditolak: bingkai milik nagari {node_f} dikirim atas nama "
                                             f"nagari {kode_node}."}
        elif kid not in kunci:
            jawab = {"status": 403, "galat": f"Batch {seq} ditolak: ditandatangani kunci yang tidak dikenal atau "
                                             "sudah dicabut oleh kabupaten."}
        else:
            try:
                _, _, isi = buka(frame, kunci)
                sah, sidik = True, sidik_isi(isi)
                # seq_terakhir only grows: an older one (or a copy of one queued) is known applied, no transaction;
                # it must be the same batch (its digest), else the node reuses numbers (restored from a backup)
                if seq > max(diakui, siap[-1][0] if siap else 0):
                    siap.append((seq, periksa_isi(isi, kode_node), len(frame["data"]), sidik))
                    dikirim[seq] = sidik
                elif seq not in dikirim and seq not in lama:
                    lama[seq] = sidik
                elif dikirim.get(seq, lama.get(seq)) != sidik:  # two different batches under one number
                    jawab, siap = _bentrok(seq, kode_node, diakui), []
            except (ProtokolError, IsiSalah) as e:
                jawab = {"status": 400, "galat": f"Batch {seq} ditolak: {e}"}
        if lama and (siap or jawab is not None or frame is urut[-1][1]):
            # frames sort by seq: every older one is here before the first new batch is applied
            beda = await _beda_lama(kode_node, lama, diakui)
            lama = {}
            if beda is not None:
                jawab, siap = beda, []
        if siap and (jawab is not None or len(siap) >= GRUP or frame is urut[-1][1]):
            baru, berhenti = await _terapkan(kode_node, siap, lewat, teks_detak)
            siap = []
            diterapkan = diterapkan or (baru is not None and baru > diakui)
            diakui = max(diakui, baru or 0)
            jawab = berhenti or jawab  # a gap or refusal at an earlier seq is the answer, not this frame's fault
        if jawab is not None:
            jawab.setdefault("diakui", diakui)
            break
    if sah and not diterapkan:  # only a request carrying a frame the node signed may update what the hub shows
        await _catat_detak(kode_node, teks_detak)
    return jawab or {"status": 200, "diakui": diakui}


async def _catat_detak(kode: str, teks: str | None) -> None:
    baru = {NodeHub.terakhir_terlihat: datetime.now(timezone.utc)}
    if teks is not None:
        baru[NodeHub.detak] = teks
    async with write_transaction():
        await NodeHub.update(baru).where(NodeHub.kode_wilayah == kode).run()


def uraikan_berkas(teks: str, nama: str) -> tuple[str, list]:
    """(node, frames) of a USB file's text: a header line ``{"balai_sinkron": 1, "node": ..., "dibuat": ...}``,
    then one frame per line. Raises IsiSalah with the reason."""
    baris = [b for b in teks.splitlines() if b.strip()]
    try:
        kepala_berkas = json.loads(baris[0]) if baris else None
    except ValueError:
        kepala_berkas = None
    if not isinstance(kepala_berkas, dict) or kepala_berkas.get("balai_sinkron") != 1 or not isinstance(
            kepala_berkas.get("node"), str) or not kepala_berkas["node"]:
        raise IsiSalah(f"Berkas {nama} bukan berkas sinkron Balai (kepala berkas tidak dikenal).")
    frames = []
    for nomor, isi in enumerate(baris[1:], start=2):
        if len(isi) > BATAS_BINGKAI * 2:
            raise IsiSalah(f"Baris {nomor} berkas {nama} terlalu besar.")
        try:
            frames.append(json.loads(isi))
        except (ValueError, RecursionError):
            raise IsiSalah(f"Baris {nomor} berkas {nama} rusak (bukan JSON); salin ulang berkas dari nagari.") from None
    return kepala_berkas["node"], frames


async def impor(teks: str, nama: str) -> tuple[bool, str]:
    """Apply a nagari's USB file (its text): (all applied, what happened in Indonesian). Importing the same file
    again changes nothing: applied batches are skipped."""
    try:
        node, frames = uraikan_berkas(teks, nama)
    except IsiSalah as e:
        return False, f"Gagal: {e}"
    sebelum = await _seq_terakhir(node)
    hasil = await terima(frames, node, "berkas")
    diakui = hasil.get("diakui", sebelum)
    ringkas = (f"Nagari {node}: {len(frames)} batch dalam berkas, {max(diakui - sebelum, 0)} baru diterapkan; "
               f"hub kini menerima sampai batch {diakui}.")
    if hasil["status"] == 200:
        return True, ringkas
    return False, f"{ringkas} Berhenti: {hasil['galat']}"


async def impor_berkas(path: Path | str) -> tuple[bool, str]:
    """`balai sync impor FILE`: apply a nagari's USB file; (everything applied, what happened in Indonesian)."""
    path = Path(path)
    try:
        if path.stat().st_size > BATAS_BERKAS:
            return False, f"Gagal: berkas {path.name} terlalu besar (paling besar {BATAS_BERKAS // 2**20} MB)."
        teks = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False, f"Gagal: berkas {path.name} tidak dapat dibaca sebagai berkas sinkron."
    return await impor(teks, path.name)
