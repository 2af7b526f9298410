"""Validating and saving the nagari profile (kept as one JSON value in the settings table)."""

from __future__ import annotations

import re
from collections.abc import Collection

from core.profil.wilayah import dotted, known, known_kabupaten, normalise, normalise_kabupaten

TERMS = ("sebutan_desa", "sebutan_dusun", "sebutan_kepala", "sebutan_sekretaris")
TEXT_FIELDS = ("nama", "kecamatan", "kabupaten", "provinsi", "alamat", "kode_pos", "telepon", "email", "situs",
               "pelindung_data_nama", "pelindung_data_kontak", *TERMS)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ProfileError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def clean_profile(form: dict[str, str], themes: Collection[str] | None = None, *, kabupaten: bool = False) -> dict:
    """Check a submitted profile form; raise ProfileError with a message per field.

    `themes` are the usable public-website themes; the form's ``tema`` is checked against them (a form without
    the field, such as first-run set-up, leaves the theme as it is). `kabupaten`: the profile of a kabupaten's
    hub (role hub): its own code (13.07), no kecamatan, and "Kabupaten" as the term its pages and open data use
    ("Pemerintah Kabupaten Lima Puluh Kota")."""
    errors: dict[str, str] = {}
    data = {key: (form.get(key) or "").strip() for key in TEXT_FIELDS}
    if themes is not None and "tema" in form:
        tema = (form.get("tema") or "").strip()
        if tema in themes:
            data["tema"] = tema
        else:
            errors["tema"] = "Pilih salah satu tema yang terpasang dan tidak rusak."
    code = (normalise_kabupaten if kabupaten else normalise)(form.get("kode", ""))
    if code is None:
        errors["kode"] = ("Kode wilayah Kemendagri kabupaten/kota harus 4 angka, mis. 13.07." if kabupaten else
                          "Kode wilayah Kemendagri harus 10 angka, mis. 13.07.05.2001.")
    else:
        data["kode"] = code
        if (entry := (known_kabupaten() if kabupaten else known()).get(code)) is not None:
            # A known nagari or kabupaten: the names come from the reference list, not from typing.
            for key in ("nama", "kecamatan", "kabupaten", "provinsi"):
                data[key] = data[key] or entry.get(key, "")
    if kabupaten:  # the hub is the kabupaten itself: one name for both
        data["nama"] = data["nama"] or data["kabupaten"]
        data["kabupaten"] = data["kabupaten"] or data["nama"]
        data["sebutan_desa"] = data["sebutan_desa"] or "Kabupaten"
    for key, label in (("nama", "Nama"), ("kecamatan", "Kecamatan"), ("kabupaten", "Kabupaten/kota"),
                       ("provinsi", "Provinsi")):
        if not data[key] and not (kabupaten and key == "kecamatan"):
            errors.setdefault(key, f"{label} wajib diisi.")
    if data["email"] and not EMAIL.match(data["email"]):
        errors["email"] = "Alamat email tidak valid."
    for key in TERMS:
        data[key] = data[key] or None
    zona = (form.get("zona_waktu") or "WIB").strip()
    if zona not in ("WIB", "WITA", "WIT"):
        errors["zona_waktu"] = "Zona waktu harus WIB, WITA atau WIT."
    data["zona_waktu"] = zona
    for key, low, high, label in (("lintang", -11.5, 6.5, "Lintang"), ("bujur", 94.5, 141.5, "Bujur")):
        raw = (form.get(key) or "").strip().replace(",", ".")
        if not raw:
            data[key] = None
            continue
        try:
            value = float(raw)
        except ValueError:
            errors[key] = f"{label} harus berupa angka desimal."
            continue
        if not low <= value <= high:
            errors[key] = f"{label} di luar wilayah Indonesia ({low} sampai {high})."
        data[key] = value
    if errors:
        raise ProfileError(errors)
    return {k: v for k, v in data.items() if v is not None}


def pick_list() -> list[dict]:
    return [{"kode": dotted(code), **{k: v for k, v in entry.items() if k != "kode"}}
            for code, entry in sorted(known().items())]
