"""A template's type settings: code, name, classification, paper, margins, validity, requirements, subject.

- Paper: OpenSID offers A1-A6 and F4; Balai prints on A4 and F4 (dokumen.PAPER). Another size takes the nearest
  of the two (by width and height) and the report says so. A landscape letter is printed upright (Balai's letter
  layout is portrait), also said.
- Margins: OpenSID keeps centimetres as JSON ({"kiri", "atas", "kanan", "bawah"}); Balai keeps whole millimetres as
  "top,right,bottom,left", 0 to 60 each. A template on OpenSID's global margins gets Balai's default.
- Validity: ``masa_berlaku`` in days (d), weeks (w), months (M, 30 days) or years (y, 365 days) -> days, at most 3650.
- Requirements: ``syarat_surat`` lists ids of OpenSID's requirement table; the twelve it ships are named here, other
  ids (added by the office) are listed in the report to be written in by hand.
- Subject: a template open to people from outside the village (``form_isian.individu.data`` other than "1") ->
  "penduduk_atau_luar"; one for people no longer living (its ``status_dasar`` other than "1") -> ``semua_status``.
"""

from __future__ import annotations

import re

from plugin_sdk.dokumen import PAPER

from plugins.surat.opensid.berkas import Templat

SIZES = {"A1": (594, 841), "A2": (420, 594), "A3": (297, 420), "A4": (210, 297), "A5": (148, 210),
         "A6": (105, 148), "F4": (215, 330), "FOLIO": (215, 330), "LEGAL": (216, 356), "LETTER": (216, 279)}
DEFAULT_MARGIN = "15,20,15,25"
UNITS = {"d": 1, "w": 7, "M": 30, "y": 365}
MAX_DAYS = 3650
# OpenSID's ref_syarat_surat as it ships (its seeder): id -> name. Offices may add their own after these.
REQUIREMENTS = {
    "1": "Surat Pengantar RT/RW", "2": "Fotokopi KK", "3": "Fotokopi KTP",
    "4": "Fotokopi Surat Nikah/Akta Nikah/Kutipan Akta Perkawinan",
    "5": "Fotokopi Akta Kelahiran/Surat Kelahiran bagi keluarga yang mempunyai anak",
    "6": "Surat Pindah Datang dari tempat asal",
    "7": "Surat Keterangan Kematian dari Rumah Sakit, Rumah Bersalin Puskesmas, atau visum Dokter",
    "8": "Surat Keterangan Cerai", "9": "Fotokopi Ijasah Terakhir", "10": "SK. PNS/KARIP/SK. TNI – POLRI",
    "11": "Surat Keterangan Kematian dari Kepala Desa/Kelurahan",
    "12": "Surat imigrasi / STMD (Surat Tanda Melapor Diri)",
}
CLASSIFICATION = re.compile(r"[^0-9A-Za-z./-]")


def type_code(url: str, taken: set[str]) -> str:
    """A Balai code from OpenSID's url_surat, the same for the same template (re-imports find it), unique in a file."""
    slug = re.sub(r"[^a-z0-9]+", "_", re.sub(r"^surat[-_]", "", url.lower())).strip("_") or "surat"
    code = f"opensid_{slug}"[:40].rstrip("_")
    candidate, number = code, 2
    while candidate in taken:
        suffix = f"_{number}"
        candidate, number = code[: 40 - len(suffix)] + suffix, number + 1
    return candidate


def name(t: Templat) -> str:
    """OpenSID titles a letter "Surat " + its name (FormatSurat::judul_surat); Balai keeps the title as the name."""
    return (t.nama if t.nama.lower().startswith("surat") else f"Surat {t.nama}")[:120]


def classification(t: Templat, notes: list[str]) -> str:
    code = CLASSIFICATION.sub("", t.kode_surat)[:40]
    if not code:
        notes.append("Kode klasifikasi surat kosong: diisi 400; sesuaikan di editor jenis surat.")
        return "400"
    return code


def paper(t: Templat, notes: list[str]) -> str:
    size = t.ukuran.strip().upper()
    if t.orientasi.strip().lower().startswith(("lan", "lscape")):
        notes.append("OpenSID mencetak surat ini mendatar (landscape); Balai mencetak surat tegak.")
    if size in PAPER:
        return size
    if size not in SIZES:
        notes.append(f"Ukuran kertas \"{t.ukuran or '-'}\" tidak dikenal: dipakai F4.")
        return "F4"
    width, height = SIZES[size]
    nearest = min(PAPER, key=lambda p: abs(PAPER[p][0] - width) + abs(PAPER[p][1] - height))
    if SIZES[size] != PAPER[nearest]:
        notes.append(f"Ukuran kertas {t.ukuran} tidak ada di Balai: dipakai {nearest}, yang terdekat.")
    return nearest


def margin(t: Templat, notes: list[str]) -> str:
    if t.margin_global:
        notes.append(f"Surat ini memakai margin umum OpenSID (tidak ikut di berkas): dipakai margin Balai "
                     f"{DEFAULT_MARGIN} mm.")
        return DEFAULT_MARGIN
    sides = []
    for side in ("atas", "kanan", "bawah", "kiri"):
        try:
            sides.append(round(float((t.margin or {})[side]) * 10))
        except (KeyError, TypeError, ValueError):
            notes.append(f"Margin OpenSID tidak terbaca: dipakai margin Balai {DEFAULT_MARGIN} mm.")
            return DEFAULT_MARGIN
    kept = [min(max(mm, 0), 60) for mm in sides]
    if kept != sides:
        notes.append("Margin di luar 0-60 mm disesuaikan ke batas itu.")
    return ",".join(str(mm) for mm in kept)


def validity_days(t: Templat, notes: list[str]) -> int:
    try:
        amount = int(t.masa_berlaku or 0)
    except (TypeError, ValueError):
        amount = 0
    if t.satuan not in UNITS:
        notes.append(f"Satuan masa berlaku \"{t.satuan}\" tidak dikenal: dihitung sebagai hari.")
    days = max(amount, 0) * UNITS.get(t.satuan, 1)
    if days > MAX_DAYS:
        notes.append(f"Masa berlaku lebih dari {MAX_DAYS} hari: dipakai {MAX_DAYS} hari.")
    return min(days, MAX_DAYS)


def requirements(t: Templat, notes: list[str]) -> str:
    known = [REQUIREMENTS[i] for i in t.syarat if i in REQUIREMENTS]
    unknown = [i for i in t.syarat if i not in REQUIREMENTS]
    if unknown:
        notes.append(f"Syarat nomor {', '.join(unknown)} buatan kantor di OpenSID tidak ikut di berkas: tuliskan di "
                     "persyaratan jenis surat ini.")
    return "\n".join(dict.fromkeys(known))


def subject(t: Templat) -> tuple[str, bool]:
    """(subjek, semua_status) from who OpenSID lets the letter be made for."""
    individu = t.form_isian.get("individu") if isinstance(t.form_isian.get("individu"), dict) else {}
    data = [str(d) for d in individu.get("data") or ["1"]] if isinstance(individu.get("data"), list) else \
        [str(individu.get("data") or "1")]
    status = individu.get("status_dasar") if isinstance(individu.get("status_dasar"), list) else []
    outside = any(d != "1" for d in data)
    return ("penduduk_atau_luar" if outside else "penduduk"), any(str(s) != "1" for s in status)


def wants(t: Templat, switch: str) -> bool:
    """Whether OpenSID's form asks for the subject's parents ("data_orang_tua") or spouse ("data_pasangan")."""
    individu = t.form_isian.get("individu")
    return isinstance(individu, dict) and str(individu.get(switch) or "0") == "1"


def other_notes(t: Templat, notes: list[str]) -> None:
    """What OpenSID knows of the template that does not travel to Balai."""
    if t.kunci:
        notes.append("Surat ini dikunci (nonaktif) di OpenSID: diimpor sebagai jenis surat nonaktif.")
    if t.lampiran.strip():
        notes.append(f"Lampiran OpenSID ({t.lampiran}) tidak ikut: Balai belum mencetak formulir lampiran itu.")
    if t.format_nomor.strip():
        notes.append("Format nomor khusus surat ini tidak ikut: Balai memakai format nomor di Pengaturan surat.")
    if t.logo_garuda:
        notes.append("Logo Garuda di kop tidak ikut: Balai mencetak kop nagari.")
    if t.mandiri:
        notes.append("Di OpenSID surat ini bisa diajukan warga sendiri: buka juga di menu Layanan mandiri bila "
                     "perlu.")
    if t.versi_desa:
        notes.append("Dipakai versi templat ubahan kantor (template_desa).")
