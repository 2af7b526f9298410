"""The contract of `bantuan` for other plugins (satu_data, a report): aggregates only, never a person.

    from plugins.bantuan import api as bantuan        # enhances=("bantuan",): import inside, it may be off
    for p in await bantuan.program():                  # every program with how many receive now
        p["nama"], p["sumber_nama"], p["sasaran"], p["penerima"]
    await bantuan.penerima_per_jorong(p["id"])         # [{"jorong": "Koto Tuo", "jumlah": 12}, ...]
    await bantuan.dtks_per_desil()                     # families per DTKS/DTSEN desil

Counts come from the latest approved list of each program (penerima.py), the same computation as the office's
pages, the public list and the statistics category. Adding a name or a key is a minor version of API_VERSION;
changing or removing one is a major version.
"""

from __future__ import annotations

from plugins.bantuan.kode import SASARAN, SUMBER

API_VERSION = "1.0"

_KOLOM = ("id", "nama", "sumber", "sumber_lain", "sasaran", "status", "mulai", "selesai", "kuota", "bentuk")


async def program() -> list[dict]:
    """Every program (running first, then by name): its public facts, `sumber_nama`, `sasaran_nama`, `penerima`
    (units receiving now) and `siklus` (the name of its latest approved cycle, or "")."""
    from plugins.bantuan.program import daftar_program
    from plugins.bantuan.penerima import siklus_terakhir

    hasil = []
    for p in await daftar_program():
        terakhir = await siklus_terakhir(p["id"])
        hasil.append({**{k: p[k] for k in _KOLOM}, "sumber_nama": SUMBER.get(p["sumber"], p["sumber"]),
                      "sasaran_nama": SASARAN.get(p["sasaran"], p["sasaran"]), "penerima": p["penerima"],
                      "siklus": terakhir["nama"] if terakhir else ""})
    return hasil


async def penerima_per_jorong(program_id: int) -> list[dict]:
    """How many units receive the program now per jorong (as approved: the jorong frozen with the list), by jorong
    name; units without a jorong (groups) under ""."""
    from plugins.bantuan.penerima import penerima

    per: dict[str, int] = {}
    for e in await penerima(program_id):
        jorong = (e["data"] or {}).get("jorong") or ""
        per[jorong] = per.get(jorong, 0) + 1
    return [{"jorong": j, "jumlah": n} for j, n in sorted(per.items(), key=lambda kv: (kv[0] == "", kv[0]))]


async def dtks_per_desil() -> dict:
    """Families with DTKS/DTSEN data: `per_desil` {1..10: n}, `tanpa_desil`, `tidak` (not registered),
    `terdaftar` and `keluarga` (families in the register)."""
    from plugins.bantuan.dtks import ringkasan

    r = await ringkasan()
    return {k: r[k] for k in ("per_desil", "tanpa_desil", "tidak", "terdaftar", "keluarga")}


__all__ = ["API_VERSION", "program", "penerima_per_jorong", "dtks_per_desil"]
