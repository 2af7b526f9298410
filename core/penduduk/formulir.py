"""Checking a resident's data as typed into a form: one message per field, in Bahasa Indonesia."""

from __future__ import annotations

from datetime import date

from core.dokumen.lembar import clean_text
from core.penduduk import kode
from core.penduduk.data_lengkap import FIELDS as DETAILS, clean_details
from core.penduduk.nik import check_nik, clean_number
from core.profil.waktu import today as nagari_today

REQUIRED_CODES = ("jenis_kelamin", "agama", "hubungan", "status_kawin", "pendidikan_kk", "pekerjaan",
                  "kewarganegaraan")
OPTIONAL_CODES = ("pendidikan_sedang", "golongan_darah", "cacat", "sakit_menahun", "cara_kb", "asuransi",
                  "status_ktp", "status_penduduk", "bahasa_huruf", "hamil")
TEXT = ("tempat_lahir", "alamat", "nama_ayah", "nama_ibu", "no_akta_lahir", "no_akta_kawin")
LABELS = {
    "jenis_kelamin": "Jenis kelamin", "agama": "Agama", "hubungan": "Hubungan dalam keluarga",
    "status_kawin": "Status perkawinan", "pendidikan_kk": "Pendidikan", "pekerjaan": "Pekerjaan",
    "kewarganegaraan": "Kewarganegaraan",
}
# The fields a correction (koreksi) may change; NIK is corrected too, but is checked for uniqueness.
EDITABLE = ("nik", "nama", "tempat_lahir", "tanggal_lahir", *REQUIRED_CODES, *OPTIONAL_CODES, *TEXT[1:],
            "nik_ayah", "nik_ibu", *DETAILS)


class FormErrors(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def clean_resident(form: dict[str, str], today: date | None = None) -> tuple[dict, list[str]]:
    """Validate a resident form; return (clean data, warnings) or raise FormErrors."""
    # Control characters never reach the register: one in a name breaks every spreadsheet and XML written later.
    form = {k: clean_text(v) if isinstance(v, str) else v for k, v in form.items()}
    today = today or nagari_today()
    errors: dict[str, str] = {}
    data: dict = {"nama": " ".join((form.get("nama") or "").split())}
    if not data["nama"]:
        errors["nama"] = "Nama wajib diisi."
    elif len(data["nama"]) > 120:
        errors["nama"] = "Nama paling panjang 120 huruf."
    for key in REQUIRED_CODES:
        if not kode.valid(key, form.get(key)):
            errors[key] = f"{LABELS[key]} wajib dipilih."
        else:
            data[key] = int(form[key])
    for key in OPTIONAL_CODES:
        raw = (form.get(key) or "").strip()
        if raw and not kode.valid(key, raw):
            errors[key] = "Pilihan tidak dikenal."
        data[key] = int(raw) if raw and key not in errors else None
    if data.get("status_penduduk") is None:
        data["status_penduduk"] = 1
    if data.get("golongan_darah") is None:
        data["golongan_darah"] = 13  # Tidak Tahu
    for key in TEXT:
        data[key] = (form.get(key) or "").strip()
    if not data["tempat_lahir"]:
        errors["tempat_lahir"] = "Tempat lahir wajib diisi."
    born = _date(form.get("tanggal_lahir"))
    if born is None:
        errors["tanggal_lahir"] = "Tanggal lahir wajib diisi (TTTT-BB-HH)."
    elif born > today:
        errors["tanggal_lahir"] = "Tanggal lahir tidak boleh di masa depan."
    elif born.year < today.year - 130:
        errors["tanggal_lahir"] = "Tanggal lahir terlalu jauh di masa lalu."
    else:
        data["tanggal_lahir"] = born
    warnings: list[str] = []
    nik = clean_number(form.get("nik"))
    if nik or not form.get("nik_sementara"):
        check = check_nik(nik, data.get("tanggal_lahir"), data.get("jenis_kelamin"))
        if check.errors:
            errors["nik"] = check.errors[0]
        warnings += check.warnings
        data["nik"] = nik
    for key in ("nik_ayah", "nik_ibu"):
        value = clean_number(form.get(key))
        if value and (len(value) != 16 or not value.isdigit()):
            errors[key] = "NIK orang tua harus 16 angka (atau kosong)."
        data[key] = value
    # Contact, documents, birth details: the same check as the import's (a WNI has no KITAS).
    details, detail_errors = clean_details({k: form.get(k) or "" for k in DETAILS}, data.get("kewarganegaraan"))
    data.update(details)
    errors.update(detail_errors)
    if errors:
        raise FormErrors(errors)
    return data, warnings
