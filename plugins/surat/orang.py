"""The further persons of a letter (spouse-to-be, buyer, heir-giver, witnesses) and the subject's family card.

A letter type names them in its `peran` list. The operator types a person's NIK: when it belongs to someone on the
nagari's register, the letter takes that record (and its parents); otherwise the hand-typed data is used, so a
spouse-to-be from another kabupaten needs no record here.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import dokumen, register

from plugins.surat import jenis as jenis_mod

PERSON_KEYS = ("nama", "nik", "no_kk", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "tempat_tanggal_lahir",
               "umur", "agama", "status_kawin", "pekerjaan", "pendidikan", "kewarganegaraan", "golongan_darah",
               "hubungan", "alamat", "alamat_lengkap", "rt", "rw", "jorong", "nama_ayah", "nama_ibu", "no_akta_kawin")
# What the form asks of a hand-typed person, with its limit.
TYPED = {"nama": 120, "nik": 16, "tempat_lahir": 80, "tanggal_lahir": 10, "jenis_kelamin": 1, "agama": 40,
         "pekerjaan": 80, "kewarganegaraan": 40, "status_kawin": 40, "alamat": 200, "nama_ayah": 120, "nama_ibu": 120}
SEX = {"1": "Laki-laki", "2": "Perempuan"}
HIDUP = "Hidup"


def person(data: dict | None) -> dict | None:
    """A person as a letter keeps it: the known keys as text, nothing else of the record."""
    return {key: str(data.get(key, "") or "") for key in PERSON_KEYS} if data else None


def _named(name: str) -> dict | None:
    return {**{key: "" for key in PERSON_KEYS}, "nama": name} if name else None


def typed_person(form: dict, prefix: str, errors: dict, label: str) -> dict:
    """A person typed into the form under `<prefix>nama`, `<prefix>nik`, ...; problems go into `errors`."""
    raw = {key: (form.get(f"{prefix}{key}") or "").strip() for key in TYPED}
    if not raw["nama"]:
        errors[f"{prefix}nama"] = f"{label}: nama wajib diisi."
    if raw["nik"] and (len(raw["nik"]) != 16 or not raw["nik"].isdigit()):
        errors[f"{prefix}nik"] = f"{label}: NIK harus 16 angka (atau kosongkan)."
    born = None
    if raw["tanggal_lahir"]:
        try:
            born = date.fromisoformat(raw["tanggal_lahir"])
        except ValueError:
            errors[f"{prefix}tanggal_lahir"] = f"{label}: tanggal lahir tidak valid."
    for key, limit in TYPED.items():
        if len(raw[key]) > limit and key not in ("nik", "tanggal_lahir"):
            errors[f"{prefix}{key}"] = f"{label}: isian terlalu panjang (maksimal {limit} karakter)."
    long_born = dokumen.tanggal_panjang(born) if born else ""
    return {**{key: "" for key in PERSON_KEYS}, **{k: v for k, v in raw.items() if k in PERSON_KEYS},
            "tanggal_lahir": long_born, "jenis_kelamin": SEX.get(raw["jenis_kelamin"], ""),
            "tempat_tanggal_lahir": ", ".join(p for p in (raw["tempat_lahir"], long_born) if p),
            "alamat_lengkap": raw["alamat"]}


async def _with_parents(found: dict, record: dict | None, profile: dict) -> dict:
    if record is not None:
        ayah, ibu = await register.parents(record, profile)
    else:
        ayah = ibu = None
    found["ayah"] = person(ayah) or _named(found["nama_ayah"])
    found["ibu"] = person(ibu) or _named(found["nama_ibu"])
    return found


async def role_persons(jenis: dict, form: dict, profile: dict, errors: dict, subject_id: int | None) -> dict:
    """{role key: person or None} for the type's `peran`; problems go into `errors` under the form's names."""
    found = {}
    for role in jenis_mod.roles(jenis):
        key, label = role["kunci"], role["label"]
        prefix = f"peran_{key}_"
        nik = (form.get(f"{prefix}nik") or "").strip()
        if not nik and not (form.get(f"{prefix}nama") or "").strip():
            if role.get("wajib"):
                errors[f"{prefix}nik"] = f"{label} wajib diisi: tulis NIK-nya, atau namanya bila tidak ber-NIK."
            found[key] = None
            continue
        resident_id = await register.by_nik(nik) if len(nik) == 16 and nik.isdigit() else None
        record = await register.resident(resident_id, profile) if resident_id else None
        if record is not None and record["status_dasar"] != HIDUP:
            errors[f"{prefix}nik"] = f"{label}: {record['nama']} berstatus {record['status_dasar'].lower()}."
            continue
        if record is not None and record["id"] == subject_id:
            errors[f"{prefix}nik"] = f"{label} tidak boleh orang yang sama dengan yang dibuatkan surat."
            continue
        if record is None and nik and not (form.get(f"{prefix}nama") or "").strip():
            errors[f"{prefix}nik"] = (f"{label}: NIK {nik} tidak ada di buku induk penduduk (atau di luar wilayah "
                                      "Anda). Periksa NIK-nya, atau isi nama dan data orangnya sendiri.")
            continue
        one = person(record) if record is not None else typed_person(form, prefix, errors, label)
        found[key] = await _with_parents(one, record, profile) if role.get("orang_tua") else one
    return found


async def family_card(record: dict, profile: dict) -> dict | None:
    """The subject's family card as a letter keeps it: number, head, address and the living members."""
    card = await register.family(record, profile)
    if card is None:
        return None
    return {"no_kk": card["no_kk"], "kepala": card["kepala"], "alamat": card["alamat"],
            "anggota": [person(m) for m in card["anggota"]]}
