"""Invented sample data for template previews: an operator tries a template without opening anyone's record."""

from __future__ import annotations

from datetime import timedelta

from litestar import Request

from plugin_sdk import dokumen, nagari_profile, public_url, today

from plugins.surat import jenis as jenis_mod
from plugins.surat.terbit import PERSON_KEYS, compose

SAMPLE = {"nama": "Contoh Penduduk", "nik": "1307050101900001", "no_kk": "1307050101900002",
          "jenis_kelamin": "Perempuan", "tempat_lahir": "Payakumbuh", "tanggal_lahir": "1 Januari 1990",
          "tempat_tanggal_lahir": "Payakumbuh, 1 Januari 1990", "umur": "36 tahun", "agama": "Islam",
          "status_kawin": "Kawin", "pekerjaan": "Petani/Pekebun", "pendidikan": "SLTA/Sederajat",
          "kewarganegaraan": "WNI", "golongan_darah": "O", "hubungan": "Istri", "alamat": "Jalan Contoh No. 1",
          "alamat_lengkap": "Jalan Contoh No. 1, Jorong Contoh", "rt": "001", "rw": "002", "jorong": "Contoh",
          "nama_ayah": "Contoh Ayah", "nama_ibu": "Contoh Ibu"}
SAMPLE_VALUE = {"teks": "(contoh isian)", "teks_panjang": "(contoh isian panjang)", "angka": 2500000}


def _person(name: str, sex: str) -> dict:
    return {key: SAMPLE.get(key, "") for key in PERSON_KEYS} | {"nama": name, "jenis_kelamin": sex}


def _role_person(role: dict) -> dict:
    one = _person(f"Contoh {role['label']}", "Laki-laki")
    if role.get("orang_tua"):
        one |= {"ayah": _person("Contoh Ayah " + role["label"], "Laki-laki"),
                "ibu": _person("Contoh Ibu " + role["label"], "Perempuan")}
    return one


async def sample_letter(request: Request, jenis: dict) -> bytes:
    day = today(request)
    values = {}
    for field in jenis_mod.fields(jenis):
        kind = field.get("jenis", "teks")
        if kind == "tanggal":
            values[field["kunci"]] = day.isoformat()
        elif kind == "pilihan":
            values[field["kunci"]] = (field.get("pilihan") or [""])[0]
        elif kind == "daftar":
            values[field["kunci"]] = [{c["kunci"]: f"(contoh {c['label'].lower()} {row})" for c in jenis_mod.columns(field)}
                                      for row in (1, 2)]
        else:
            values[field["kunci"]] = SAMPLE_VALUE.get(kind, "(contoh)")
    # Plugins' placeholders for the invented person, so a template that uses them can be previewed and saved.
    tambahan = await dokumen.placeholders(request, dict(SAMPLE))
    snapshot = {"penduduk": dict(SAMPLE), "isian": values, "keperluan": "Contoh keperluan", "tambahan": tambahan,
                "ayah": _person("Contoh Ayah", "Laki-laki") if jenis.get("orang_tua") else None,
                "ibu": _person("Contoh Ibu", "Perempuan") if jenis.get("orang_tua") else None,
                "pasangan": _person("Contoh Suami", "Laki-laki") if jenis.get("pasangan") else None,
                "orang": {role["kunci"]: _role_person(role) for role in jenis_mod.roles(jenis)},
                "keluarga": {"no_kk": SAMPLE["no_kk"], "kepala": "Contoh Kepala Keluarga", "alamat": SAMPLE["alamat_lengkap"],
                             "anggota": [_person("Contoh Kepala Keluarga", "Laki-laki") | {"hubungan": "Kepala Keluarga"},
                                         dict(SAMPLE)]} if jenis.get("keluarga") else None}
    days = jenis.get("masa_berlaku_hari") or 0
    signer = {"nama": "Nama Pejabat", "jabatan": "Jabatan"}
    profile = nagari_profile(request)
    block = {"atas": (f"{profile.get('sebutan_kepala', 'Kepala')} {profile.get('nama', '')}",), "nama": "NAMA PEJABAT",
             "nomor": "NIP. -"}
    return await compose(request, jenis, snapshot, "CONTOH/001/PRATINJAU", day,
                         day + timedelta(days=days) if days else None, f"{public_url(request)}/cek-surat/contoh",
                         signer, block)
