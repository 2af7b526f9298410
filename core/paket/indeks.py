"""The signed index: an Ed25519-signed JSON list of approved files (module wheels, or a release's wheels).

File format (docs/plugins/publishing.md)::

    {"format": "balai-indeks/1",
     "isi": {"jenis": "modul", "penerbit": "...", "dibuat": "2026-12-07T02:30:00Z", "entri": [{...}, ...]},
     "tanda_tangan": {"algoritma": "ed25519", "kunci": "<public key, 64 hex>", "nilai": "<signature, 128 hex>"}}

The signature covers ``PREFIX + kanonik(isi)``: the ``isi`` object as JSON with sorted keys, no spaces, UTF-8.
The prefix keeps a signature made for anything else (a letter, an audit head) from passing as an index's.
Each entry names one file by ``berkas`` and ``sha256``; everything else in it is description.

    indeks = baca_indeks(path, kunci.tepercaya(data_dir), jenis="modul")   # IndeksError on any doubt
    entri = indeks.periksa_berkas(wheel_path)                              # IndeksError unless listed and equal
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.crypto.keys import sign_hex, verify_hex
from core.paket.kunci import KunciTepercaya, key_id, public_hex_of

FORMAT = "balai-indeks/1"
PREFIX = b"balai-indeks/1\n"
ENTRY_FIELDS = ("berkas", "sha256", "nama", "versi", "plugin", "core", "bergantung", "penulis")


class IndeksError(ValueError):
    """An index or a file that cannot be trusted. ``kode`` says why, for callers that add a hint:
    tidak_ada, rusak, tidak_bertanda, kunci_asing, tanda_tangan_salah, jenis_lain, tidak_tercantum, hash_beda."""

    def __init__(self, message: str, kode: str):
        super().__init__(message)
        self.kode = kode


@dataclass(frozen=True)
class Entri:
    """One approved file. For a module wheel: its plugin name, core range and the plugins it needs."""

    berkas: str  # the wheel's file name
    sha256: str
    nama: str = ""  # distribution name
    versi: str = ""
    plugin: str = ""  # the plugin name (entry point in balai.plugins); empty for a library wheel
    core: str = ""  # PEP 440 range of the Balai core the plugin runs on
    bergantung: tuple[str, ...] = ()  # plugins it needs installed
    penulis: str = ""
    lain: dict = field(default_factory=dict, compare=False)  # any other field, kept as signed

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in ENTRY_FIELDS}
        data["bergantung"] = list(self.bergantung)
        return {**self.lain, **data}

    @classmethod
    def from_dict(cls, data: dict) -> "Entri":
        known = {name: data[name] for name in ENTRY_FIELDS if name in data}
        known["bergantung"] = tuple(known.get("bergantung") or ())
        return cls(**known, lain={k: v for k, v in data.items() if k not in ENTRY_FIELDS})


@dataclass(frozen=True)
class Indeks:
    """A verified index: what it lists, and the trusted key that signed it."""

    jenis: str
    penerbit: str
    dibuat: str
    entri: tuple[Entri, ...]
    penandatangan: KunciTepercaya
    isi: dict  # the whole signed object, for fields a caller adds (a release's version, say)
    sumber: Path | None = None

    def cari(self, berkas: str) -> Entri | None:
        return next((e for e in self.entri if e.berkas == berkas), None)

    def periksa_berkas(self, path: Path) -> Entri:
        """The entry of the file at `path`, once its SHA-256 equals the signed one."""
        path = Path(path)
        entri = self.cari(path.name)
        if entri is None:
            raise IndeksError(f"Berkas {path.name} tidak tercantum di indeks yang ditandatangani "
                              f"{self.penandatangan.nama}; berkas ini tidak disetujui.", "tidak_tercantum")
        if sha256_berkas(path) != entri.sha256.lower():
            raise IndeksError(f"Isi berkas {path.name} tidak sama dengan yang ditandatangani (sha256 berbeda): "
                              "berkas rusak atau telah diubah. Jangan dipasang; minta salinan baru.", "hash_beda")
        return entri


def sha256_berkas(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def kanonik(isi: dict) -> bytes:
    return json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def buat_isi(entri: Iterable[Entri], penerbit: str, jenis: str = "modul", **lain) -> dict:
    """The content to sign: entries sorted by file name, with when it was made."""
    dibuat = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {**lain, "jenis": jenis, "penerbit": penerbit, "dibuat": dibuat,
            "entri": [e.as_dict() for e in sorted(entri, key=lambda e: e.berkas)]}


def tandatangani(isi: dict, kunci: Ed25519PrivateKey) -> dict:
    """The index file's whole content: the content and its signature."""
    return {"format": FORMAT, "isi": isi,
            "tanda_tangan": {"algoritma": "ed25519", "kunci": public_hex_of(kunci),
                             "nilai": sign_hex(kunci, PREFIX + kanonik(isi))}}


def tulis_indeks(path: Path, isi: dict, kunci: Ed25519PrivateKey) -> Path:
    Path(path).write_text(json.dumps(tandatangani(isi, kunci), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    return Path(path)


def _read(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndeksError(f"Berkas indeks {path} tidak ditemukan.", "tidak_ada") from None
    except (ValueError, UnicodeDecodeError):
        raise IndeksError(f"Berkas indeks {Path(path).name} rusak: bukan JSON yang sah.", "rusak") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("isi"), dict):
        raise IndeksError(f"Berkas {Path(path).name} bukan indeks Balai ({FORMAT}).", "rusak")
    return data


def jenis_indeks(path: Path) -> str | None:
    """What an index says it lists (modul, rilis), before and without verifying it: to pick the keys to verify with."""
    try:
        isi = json.loads(Path(path).read_text(encoding="utf-8")).get("isi")
        return str(isi.get("jenis")) if isinstance(isi, dict) else None
    except (OSError, ValueError, AttributeError):
        return None


def baca_indeks(path: Path, kunci_tepercaya: Iterable[KunciTepercaya], jenis: str | None = "modul") -> Indeks:
    """Read an index and verify its signature against the keys this nagari trusts.

    Raises IndeksError (Indonesian message, ``kode``) for a missing, damaged, unsigned, untrusted, altered
    or other-kind index. ``jenis=None`` accepts any kind."""
    path = Path(path)
    data = _read(path)
    isi, tanda = data["isi"], data.get("tanda_tangan")
    if not isinstance(tanda, dict) or not tanda.get("nilai") or not tanda.get("kunci"):
        raise IndeksError(f"Indeks {path.name} tidak ditandatangani; isinya tidak bisa dipercaya.", "tidak_bertanda")
    public = str(tanda["kunci"]).lower()
    signer = next((k for k in kunci_tepercaya if k.publik == public), None)
    try:
        kid = key_id(public)
    except ValueError:
        raise IndeksError(f"Berkas indeks {path.name} rusak: kunci penanda tangan tidak sah.", "rusak") from None
    if signer is None:
        raise IndeksError(f"Indeks {path.name} ditandatangani kunci {kid} (menurut indeks: "
                          f"{str(isi.get('penerbit') or '?')}), yang belum dipercaya nagari ini.", "kunci_asing")
    if tanda.get("algoritma", "ed25519") != "ed25519" or not verify_hex(public, str(tanda["nilai"]),
                                                                        PREFIX + kanonik(isi)):
        raise IndeksError(f"Tanda tangan indeks {path.name} tidak cocok dengan isinya: indeks telah diubah "
                          "setelah ditandatangani, atau tanda tangannya untuk isi lain.", "tanda_tangan_salah")
    if jenis is not None and isi.get("jenis") != jenis:
        raise IndeksError(f"Indeks {path.name} berisi {isi.get('jenis')!r}, bukan {jenis!r}.", "jenis_lain")
    try:
        entries = tuple(Entri.from_dict(e) for e in isi.get("entri") or ())
    except TypeError:
        raise IndeksError(f"Berkas indeks {path.name} rusak: entri tidak sah.", "rusak") from None
    return Indeks(jenis=str(isi.get("jenis")), penerbit=str(isi.get("penerbit") or ""),
                  dibuat=str(isi.get("dibuat") or ""), entri=entries, penandatangan=signer, isi=isi, sumber=path)
