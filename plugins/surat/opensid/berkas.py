"""Reading an OpenSID letter-template export: the JSON checked, each template's columns decoded.

The file is a JSON array of OpenSID's ``tweb_surat_format`` rows. Some columns are JSON text inside the JSON
(``margin``, ``syarat_surat``; ``form_isian`` and ``kode_isian`` in older exports), so both forms are accepted.
Anything that does not have this shape is refused as a whole, naming what is wrong: an operator who picked the wrong
file learns it before anything is converted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

LIMIT = 5 * 1024 * 1024  # bytes; OpenSID's own file with all its ~50 templates is 0.7 MB
MAX_TEMPLATES = 500
HINT = "Pilih berkas .json dari tombol Ekspor di menu Pengaturan Surat OpenSID."
TINYMCE = {"3", "4"}  # OpenSID's jenis: 1 and 2 are RTF letters (no HTML), 3 system and 4 office TinyMCE letters


class BukanEkspor(ValueError):
    """The file is not an OpenSID letter-template export; the message says what is wrong and what to do."""


@dataclass
class Templat:
    """One OpenSID template, its columns decoded into plain Python values."""

    nomor: int  # its position in the file, from 1
    nama: str
    url: str
    kode_surat: str = ""
    jenis: str = "3"
    html: str = ""  # the office's own version (template_desa) when it has one, else OpenSID's
    versi_desa: bool = False
    form_isian: dict = field(default_factory=dict)
    kode_isian: list = field(default_factory=list)
    syarat: list = field(default_factory=list)
    masa_berlaku: Any = 0
    satuan: str = "M"
    ukuran: str = ""
    orientasi: str = ""
    margin: Any = None  # {"kiri", "atas", "kanan", "bawah"} in cm, or None when unreadable
    margin_global: bool = False
    kunci: bool = False  # locked (switched off) in OpenSID
    lampiran: str = ""
    format_nomor: str = ""
    logo_garuda: bool = False
    mandiri: bool = False


def _flag(value: Any) -> bool:
    return value in (True, 1, "1", "true")


def _nested(value: Any, kind: type, what: str, nomor: int, nama: str) -> Any:
    """A column that may hold JSON text: decoded, and of the expected kind (None or "" mean empty)."""
    if value is None or value == "":
        return kind()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise BukanEkspor(f"Templat ke-{nomor} ({nama}): kolom {what} rusak (bukan JSON). {HINT}") from None
        if value is None:
            return kind()
    if kind is dict and isinstance(value, list) and not value:
        return {}  # PHP writes an empty object as []
    if not isinstance(value, kind):
        raise BukanEkspor(f"Templat ke-{nomor} ({nama}): kolom {what} tidak berbentuk seperti ekspor OpenSID. {HINT}")
    return value


def _margin(value: Any) -> Any:
    try:
        found = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _one(nomor: int, row: Any) -> Templat:
    if not isinstance(row, dict):
        raise BukanEkspor(f"Templat ke-{nomor} bukan objek JSON, jadi berkas ini bukan ekspor templat surat OpenSID. "
                          f"{HINT}")
    missing = [key for key in ("nama", "url_surat") if not isinstance(row.get(key), str) or not row[key].strip()]
    if "template" not in row and "template_desa" not in row:
        missing.append("template")
    if missing:
        raise BukanEkspor(f"Templat ke-{nomor} tidak punya kolom {', '.join(missing)}, jadi berkas ini bukan ekspor "
                          f"templat surat OpenSID. {HINT}")
    nama = row["nama"].strip()[:120]
    for key in ("template", "template_desa"):
        if row.get(key) is not None and not isinstance(row[key], str):
            raise BukanEkspor(f"Templat ke-{nomor} ({nama}): kolom {key} harus berupa teks HTML. {HINT}")
    desa = (row.get("template_desa") or "").strip()
    syarat = _nested(row.get("syarat_surat"), list, "syarat_surat", nomor, nama)
    return Templat(
        nomor=nomor, nama=nama, url=row["url_surat"].strip()[:200], kode_surat=str(row.get("kode_surat") or ""),
        jenis=str(row.get("jenis") or "3"), html=desa or (row.get("template") or ""), versi_desa=bool(desa),
        form_isian=_nested(row.get("form_isian"), dict, "form_isian", nomor, nama),
        kode_isian=[i for i in _nested(row.get("kode_isian"), list, "kode_isian", nomor, nama) if isinstance(i, dict)],
        syarat=[str(s) for s in syarat if isinstance(s, (str, int))],
        masa_berlaku=row.get("masa_berlaku") or 0, satuan=str(row.get("satuan_masa_berlaku") or "M"),
        ukuran=str(row.get("ukuran") or ""), orientasi=str(row.get("orientasi") or ""),
        margin=_margin(row.get("margin")), margin_global=_flag(row.get("margin_global")),
        kunci=_flag(row.get("kunci")), lampiran=str(row.get("lampiran") or ""),
        format_nomor=str(row.get("format_nomor") or ""), logo_garuda=_flag(row.get("logo_garuda")),
        mandiri=_flag(row.get("mandiri")))


def read(content: bytes) -> list[Templat]:
    """The templates of an export, in file order. Raises BukanEkspor with a message for the operator."""
    if not content.strip():
        raise BukanEkspor("Berkas kosong. " + HINT)
    if len(content) > LIMIT:
        raise BukanEkspor(f"Berkas terlalu besar: maksimal {LIMIT // (1024 * 1024)} MB. Ekspor sebagian templat saja.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BukanEkspor("Berkas bukan teks JSON (UTF-8). " + HINT) from None
    try:
        rows = json.loads(text)
    except ValueError as exc:
        where = f" (baris {exc.lineno}, kolom {exc.colno})" if hasattr(exc, "lineno") else ""
        raise BukanEkspor(f"Berkas bukan JSON yang utuh{where}: mungkin rusak atau terpotong. {HINT}") from None
    if not isinstance(rows, list):
        raise BukanEkspor("Berkas ini bukan ekspor templat surat OpenSID: isinya harus daftar templat (diawali "
                          f"tanda [), bukan {'objek tunggal' if isinstance(rows, dict) else 'nilai tunggal'}. {HINT}")
    if not rows:
        raise BukanEkspor("Berkas tidak berisi templat surat satu pun. " + HINT)
    if len(rows) > MAX_TEMPLATES:
        raise BukanEkspor(f"Berkas berisi {len(rows)} templat; paling banyak {MAX_TEMPLATES} sekali impor.")
    return [_one(nomor, row) for nomor, row in enumerate(rows, start=1)]
