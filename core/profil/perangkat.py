"""Officials of the nagari and the rules for how they sign."""

from __future__ import annotations

import re
from datetime import date

SIGNING = {"kepala": "Atas nama sendiri (kepala)", "an": "a.n. kepala", "ub": "a.n. kepala u.b. atasan"}
NIP = re.compile(r"^\d{18}$")
PHOTO_FOLDER = "foto_perangkat"
PHOTO_WIDTH = 480  # a square portrait card on the structure page


def photo_url(official: dict) -> str:
    """Where the public website loads the official's photo (its stem in the URL, so a new photo shows at once)."""
    stem = official.get("foto") or ""
    return f"/berkas/perangkat/{official['id']}?v={stem}" if stem and official.get("id") else ""


class PerangkatError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _date(value: str, label: str, errors: dict, key: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[key] = f"{label} harus berupa tanggal (TTTT-BB-HH)."
        return None


def clean_perangkat(form: dict[str, str], own_id: int | None = None) -> dict:
    errors: dict[str, str] = {}
    data = {
        "nama": (form.get("nama") or "").strip(),
        "jabatan": (form.get("jabatan") or "").strip(),
        "nip": (form.get("nip") or "").replace(" ", ""),
        "nomor_staf": (form.get("nomor_staf") or "").strip(),
        "boleh_tanda_tangan": form.get("boleh_tanda_tangan") == "1",
        "cara_tanda_tangan": form.get("cara_tanda_tangan") or "an",
        "aktif": form.get("aktif", "1") == "1",
    }
    if not data["nama"]:
        errors["nama"] = "Nama wajib diisi."
    if not data["jabatan"]:
        errors["jabatan"] = "Jabatan wajib diisi."
    if data["nip"] and not NIP.match(data["nip"]):
        errors["nip"] = "NIP harus 18 angka."
    if data["cara_tanda_tangan"] not in SIGNING:
        errors["cara_tanda_tangan"] = "Cara tanda tangan tidak dikenal."
    atasan = (form.get("atasan") or "").strip()
    data["atasan"] = int(atasan) if atasan.isdigit() else None
    if data["cara_tanda_tangan"] == "ub" and data["atasan"] is None:
        errors["atasan"] = "Tanda tangan u.b. perlu atasan yang memberi perintah."
    if own_id is not None and data["atasan"] == own_id:
        errors["atasan"] = "Atasan tidak boleh dirinya sendiri."
    data["masa_mulai"] = _date(form.get("masa_mulai", ""), "Awal masa jabatan", errors, "masa_mulai")
    data["masa_selesai"] = _date(form.get("masa_selesai", ""), "Akhir masa jabatan", errors, "masa_selesai")
    if data["masa_mulai"] and data["masa_selesai"] and data["masa_selesai"] < data["masa_mulai"]:
        errors["masa_selesai"] = "Akhir masa jabatan sebelum awalnya."
    if errors:
        raise PerangkatError(errors)
    return data
