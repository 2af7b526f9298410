"""The `akun_warga` section of a preset (<preset>/akun_warga/akun.toml): residents with a self-service account and
a PIN the trainer knows, so the residents' side can be shown at once.

``akun.toml``: one ``[[akun]]`` per account; the resident is named by a rule over the preset's residents, never by
a NIK (the residents are synthetic and drawn from the seed):

- ``warga = 1``: the n-th living resident in register order (1 = the first), counted among those matching
  ``umur_min`` (optional, age in years on the day applied) and ``jenis_kelamin`` (optional, 1 male, 2 female);
- ``pin = "258036"``: six digits, refused by the same rules as a PIN a resident chooses (no run, no birth date);
  a training room's PIN, not a secret;
- ``wajib_ganti_pin = false`` (default true: the resident is asked to change it at first login, as at the counter);
- ``tanda = "demo"``: written as who issued the PIN (`pin_dari`), so a script can find the account again.

Everything is checked before the first account is written. There is no export: accounts belong to residents and
a PIN hash is a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plugin_sdk import log_change, register
from plugin_sdk.masuk import hash_secret
from plugin_sdk.preset import GalatPreset, baca_toml

from plugins.akun_warga.akun import pin_problem
from plugins.akun_warga.tables import AkunWarga

BERKAS = "akun.toml"


@dataclass(frozen=True)
class Akun:
    tempat: str
    warga: int
    pin: str
    wajib_ganti_pin: bool
    tanda: str
    umur_min: int | None
    jenis_kelamin: int | None


def _bulat(isi: dict, kunci: str, tempat: str, bawah: int, atas: int) -> int | None:
    nilai = isi.get(kunci)
    if nilai is None:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not bawah <= nilai <= atas:
        raise GalatPreset(f"{tempat}: '{kunci}' harus bilangan bulat {bawah} sampai {atas}.")
    return nilai


def baca(folder: Path) -> list[Akun]:
    data = baca_toml(folder / BERKAS, f"akun_warga/{BERKAS}", wajib=True)
    hasil = []
    for n, isi in enumerate(data.get("akun") or [], start=1):
        tempat = f"akun_warga/{BERKAS}, [[akun]] ke-{n}"
        if not isinstance(isi, dict):
            raise GalatPreset(f"{tempat}: harus berupa tabel.")
        if asing := sorted(set(isi) - {"warga", "pin", "wajib_ganti_pin", "tanda", "umur_min", "jenis_kelamin"}):
            raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(asing)}.")
        warga = _bulat(isi, "warga", tempat, 1, 1_000_000)
        if warga is None:
            raise GalatPreset(f"{tempat}: tulis 'warga' (1 = penduduk hidup pertama di register).")
        pin = str(isi.get("pin") or "")
        if masalah := pin_problem(pin):
            raise GalatPreset(f"{tempat}: {masalah}")
        hasil.append(Akun(tempat, warga, pin, bool(isi.get("wajib_ganti_pin", True)), str(isi.get("tanda") or "preset"),
                          _bulat(isi, "umur_min", tempat, 0, 120), _bulat(isi, "jenis_kelamin", tempat, 1, 2)))
    return hasil


def _umur(lahir: date | None, hari_ini: date) -> int:
    if lahir is None:
        return -1
    return hari_ini.year - lahir.year - ((hari_ini.month, hari_ini.day) < (lahir.month, lahir.day))


async def _warga(a: Akun, hari_ini: date) -> dict:
    """The resident the rule names (living, in register order)."""
    n = 0
    async for p in register.stream_residents(("id", "tanggal_lahir", "jenis_kelamin")):
        if a.umur_min is not None and _umur(p["tanggal_lahir"], hari_ini) < a.umur_min:
            continue
        if a.jenis_kelamin is not None and p["jenis_kelamin"] != a.jenis_kelamin:
            continue
        n += 1
        if n == a.warga:
            return p
    raise GalatPreset(f"{a.tempat}: register hanya punya {n} penduduk hidup yang cocok, bukan {a.warga}.")


async def terapkan(konteks, folder: Path) -> None:
    """Apply <preset>/akun_warga/: every rule resolved and every PIN checked before the first write."""
    akun = baca(folder)
    pilih = []
    for a in akun:
        p = await _warga(a, konteks.hari_ini)
        if masalah := pin_problem(a.pin, p["tanggal_lahir"]):
            raise GalatPreset(f"{a.tempat}: {masalah}")
        if any(p["id"] == q["id"] for _, q in pilih):
            raise GalatPreset(f"{a.tempat}: penduduk itu sudah mendapat akun di atasnya.")
        pilih.append((a, p))
    for a, p in pilih:
        await AkunWarga.insert(AkunWarga(penduduk=p["id"], pin_hash=hash_secret(a.pin),
                                         wajib_ganti_pin=a.wajib_ganti_pin, pin_dari=a.tanda)).run()
        await log_change(konteks.request, "pin_baru", "penduduk", p["id"], {"akun_warga": "PIN dari preset"})
    konteks.catat(f"akun_warga: {len(pilih)} akun warga")
