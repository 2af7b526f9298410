"""OpenSID's ``[placeholder]`` codes and the Balai template expression each one becomes.

The codes are OpenSID's own (app/Libraries/TinyMCE/KodeIsian*.php): the resident (``[nama]``, ``[ttl]``...), the
same for the parents, spouse and further persons with a suffix (``[nik_ayah]``, ``[nama_pelapor]``), the family
card's members (``[klg1_nama]``), the village (``[nama_desa]``), the letter (``[tgl_surat]``), the signatory
(``[nama_pamong]``) and the form fields (``[form_...]``). OpenSID matches them whatever their case and takes the case
of the value from how the code is written (its ``caseWord``): first and last letters capitals, the value as stored
(``[Nama_pamonG]``); first letter small, all small (``[nama]``); first two letters capitals, ALL CAPITALS (``[NAma]``);
a capital then a small letter, Every Word Capitalised (``[NaMa_desa]``); otherwise, First letter capitalised. The same
case becomes a Jinja filter here, so the imported letter prints as it did.

Every expression reads only the plain data `terbit.compose` gives a letter, guarded where a value may be missing
(no parents recorded, no family card), so a letter never fails for a person without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# OpenSID's [alamat] is the address inside the village (street, RT/RW, dusun): its templates go on with the village,
# kecamatan and kabupaten themselves. Balai's alamat_lengkap goes on to the kabupaten, so it is cut before the village.
ADDRESS = "alamat_lengkap.split(', ' ~ (nagari.sebutan_desa or 'Desa') ~ ' ')[0]"
# A person's values, by OpenSID code without the person suffix -> the key in a Balai person (orang.PERSON_KEYS).
PERSON = {
    "nik": "nik", "nama": "nama", "tanggallahir": "tanggal_lahir", "tempatlahir": "tempat_lahir",
    "tempat_tgl_lahir": "tempat_tanggal_lahir", "ttl": "tempat_tanggal_lahir", "usia": "umur",
    "jenis_kelamin": "jenis_kelamin", "agama": "agama", "pekerjaan": "pekerjaan", "warga_negara": "kewarganegaraan",
    "alamat": ADDRESS, "no_kk": "no_kk", "gol_darah": "golongan_darah", "pendidikan_kk": "pendidikan",
    "status_kawin": "status_kawin", "hubungan_kk": "hubungan",
}
# Only of the letter's own subject.
SUBJECT = {
    "alamat_jalan": "alamat", "nama_dusun": "jorong", "nama_rw": "rw", "nama_rt": "rt",
    "akta_perkawinan": "no_akta_kawin", "nama_ayah": "nama_ayah", "nama_ibu": "nama_ibu",
    "form_nama_non_warga": "nama", "form_nik_non_warga": "nik",  # a person from outside, typed at the counter
}
# A family card member's values ([klg1_nama] ... [klg10_nama]); "no" is the member's number.
MEMBER = {**PERSON, "golongan_darah": "golongan_darah", "nama_ayah": "nama_ayah", "nama_ibu": "nama_ibu"}
NAGARI = {
    "nama_desa": "nagari.nama", "kode_desa": "nagari.kode", "sebutan_desa": "nagari.sebutan_desa",
    "sebutan_kepala_desa": "nagari.sebutan_kepala", "sebutan_dusun": "nagari.sebutan_dusun",
    "nama_kecamatan": "nagari.kecamatan", "nama_kabupaten": "nagari.kabupaten", "nama_provinsi": "nagari.provinsi",
    "alamat_desa": "nagari.alamat", "alamat_kantor": "nagari.alamat",
}
# OpenSID settings Balai does not keep: the words Balai's own templates write.
WORDS = {"sebutan_kecamatan": "kecamatan", "sebutan_kec": "kec.", "sebutan_kabupaten": "kabupaten",
         "sebutan_kab": "kab.", "sebutan_camat": "camat"}
LETTER = {
    "judul_surat": "surat.judul", "format_nomor_surat": "surat.nomor", "kode_surat": "surat.kode_klasifikasi",
    "tgl_surat": "surat.tanggal", "mulai_berlaku": "surat.tanggal", "berlaku_sampai": "surat.berlaku_sampai",
    "form_keperluan": "surat.keperluan",  # every Balai letter asks its purpose: OpenSID's field is that one
    "tanggal_surat": "surat.tanggal.split(' ')[0]", "bulan_surat": "surat.tanggal.split(' ')[1]",
    "tahun_surat": "surat.tanggal.split(' ')[-1]", "tahun": "surat.tanggal.split(' ')[-1]",
    "nama_pamong": "penandatangan.nama", "jabatan": "penandatangan.jabatan",
}
SPOUSE_WORDS = {  # OpenSID's KodeIsianPasangan: words about the subject's spouse, from the subject's sex
    "jenis_kelamin_pasangan": "('Wanita' if penduduk.jenis_kelamin == 'Laki-laki' else 'Pria')",
    "bin_pasangan": "('Binti' if penduduk.jenis_kelamin == 'Laki-laki' else 'Bin')",
}
# Printed by Balai's layout itself (its letterhead and its signed QR): the code is dropped.
DROPPED = {"qr_code": "kode QR", "logo": "logo kop", "qr_bsre": "kode QR BSrE", "logo_bsre": "logo BSrE"}
FAMILY_MEMBERS = 10  # OpenSID offers [klg1_...] to [klg10_...]
MEMBER_CODE = re.compile(r"^klg(\d{1,2})_([a-z_]+)$")
TERBILANG = "terbilang"

SIGNATURE_HINT = ("Balai mencetak blok tanda tangan sendiri (jabatan, a.n./u.b., nama dan NIP penanda tangan): "
                  "hapus kode ini.")
HINTS = {
    "atas_nama": SIGNATURE_HINT, "nip_pamong": SIGNATURE_HINT, "sebutan_nip_desa": SIGNATURE_HINT,
    "form_nip_pamong": SIGNATURE_HINT, "simbol_an": SIGNATURE_HINT, "simbol_ub": SIGNATURE_HINT,
    "jabatan_an": SIGNATURE_HINT, "jabatan_ub": SIGNATURE_HINT,
    "nomer_surat": "Balai hanya punya nomor surat lengkap: pakai {{ surat.nomor }}.",
    "bulan_romawi": "Bulan romawi sudah ada di format nomor surat Balai ({bulan}); hapus kode ini atau tulis "
                    "bulannya langsung.",
    "bulan_romawi_surat": "Bulan romawi sudah ada di format nomor surat Balai ({bulan}); hapus kode ini.",
    "tgl_surat_hijri": "Balai belum mencetak tanggal Hijriah: hapus kode ini atau tambahkan isian.",
    "tgl_hari_surat": "Nama hari belum tersedia: pakai {{ surat.tanggal }} atau tambahkan isian.",
    "hari_surat": "Nama hari belum tersedia: tambahkan isian, atau hapus kode ini.",
    "bulan_angka_surat": "Pakai {{ surat.tanggal }} (tanggal lengkap) atau tambahkan isian.",
    "foto_penduduk": "Balai tidak mencetak foto penduduk pada surat: hapus kode ini.",
    "pendidikan_sedang": "Balai mencetak pendidikan dalam KK ({{ penduduk.pendidikan }}); pakai itu atau tambahkan "
                         "isian.",
    "nik_kepala_kk": "Centang \"Daftar keluarga\" lalu tulis {% for a in keluarga.anggota %}... atau tambahkan isian.",
    "pengikut_surat": "Pengikut belum dibawa: pakai daftar anggota keluarga (keluarga.anggota) atau isian jenis "
                      "Daftar.",
    "pengikut_pindah": "Pengikut belum dibawa: pakai isian jenis Daftar (satu baris per orang).",
    "pengikut_kis": "Data KIS belum dibawa: pakai isian jenis Daftar (satu baris per orang).",
    "pengikut_kartu_kis": "Data KIS belum dibawa: pakai isian jenis Daftar (satu baris per orang).",
    "hitung": "Perhitungan OpenSID ([hitung]) belum dibawa: tulis hasilnya sebagai isian angka.",
}
EVENT = re.compile(r"^(hari|tanggal|jam|tempat|penyebab|penolong|jenis|berat|panjang|alamat)_?"
                   r"(kelahiran|kematian|pindah|hilang|dilahirkan|bayi|lapor|tujuan|anak)n?$|^catatan$")
EVENT_HINT = ("Data peristiwa (kelahiran, kematian, pindah) diisi petugas di Balai: tambahkan isian untuk nilai ini "
              "lalu ganti kodenya dengan {{ isian.<kunci> }}.")


@dataclass(frozen=True)
class Peta:
    """What a code becomes: a Jinja expression ("" drops the code) and the type switches it needs."""

    expr: str
    perlu: frozenset = frozenset()  # "orang_tua", "pasangan", "keluarga"


def case_filter(written: str) -> str:
    """The Jinja filter giving the case OpenSID gives this code's value ("" for the value as stored)."""
    first, last = written[0], written[-1]
    second = written[1] if len(written) > 1 else ""
    if first.isupper() and last.isupper():
        return ""
    if first.islower():
        return "lower"
    if second.isupper():
        return "upper"
    if second.islower():
        return "title"
    return "capitalize"


def _guarded(owner: str, key: str) -> str:
    return f"({owner}.{key} if {owner} else '')"


def _member(number: int, key: str) -> Peta | None:
    if not 1 <= number <= FAMILY_MEMBERS:
        return None
    index = number - 1
    value = f"'{number}'" if key == "no" else f"keluarga.anggota[{index}].{MEMBER[key]}"
    return Peta(f"({value} if keluarga and keluarga.anggota|length > {index} else '')", frozenset({"keluarga"}))


def resolve(code: str, fields: dict[str, str], roles: dict[str, str]) -> Peta | None:
    """A code (lower case, without brackets) as Balai data, or None when Balai has nothing for it.

    `fields`: OpenSID form code -> Balai field key; `roles`: OpenSID person category (lower case) -> Balai role key.
    """
    if code in LETTER:
        return Peta(LETTER[code])
    if code in fields:
        return Peta(f"isian.{fields[code]}")
    if code in DROPPED:
        return Peta("")
    if code in NAGARI:
        return Peta(NAGARI[code])
    if code in WORDS:
        return Peta(f"'{WORDS[code]}'")
    if code in SUBJECT:
        return Peta(f"penduduk.{SUBJECT[code]}")
    if code in PERSON:
        return Peta(f"penduduk.{PERSON[code]}")
    if code in SPOUSE_WORDS:
        return Peta(SPOUSE_WORDS[code])
    if code == "kepala_kk":
        return Peta("(keluarga.kepala if keluarga else '')", frozenset({"keluarga"}))
    member = MEMBER_CODE.match(code)
    if member and (member.group(2) in MEMBER or member.group(2) == "no"):
        return _member(int(member.group(1)), member.group(2))
    for suffix in sorted(roles, key=len, reverse=True):  # a category named like a parent wins, as in OpenSID
        base = code[: -len(suffix) - 1]
        if code.endswith(f"_{suffix}") and base in PERSON:
            return Peta(_guarded(f"orang.{roles[suffix]}", PERSON[base]))
    for suffix, owner, switch in (("ayah", "ayah", "orang_tua"), ("ibu", "ibu", "orang_tua"),
                                  ("pasangan", "pasangan", "pasangan")):
        base = code[: -len(suffix) - 1]
        if code.endswith(f"_{suffix}") and base in PERSON:
            return Peta(_guarded(owner, PERSON[base]), frozenset({switch}))
    return None


def hint(code: str) -> str:
    """What the operator can do about a code Balai cannot fill."""
    if code in HINTS:
        return HINTS[code]
    if code.startswith("form_"):
        return (f"Isian {code[5:]} tidak ada di daftar isian templat ini: tambahkan isian dengan kunci "
                f"{code[5:][:40]} lalu ganti kodenya dengan {{{{ isian.{code[5:][:40]} }}}}, atau hapus kodenya.")
    if EVENT.match(code):
        return EVENT_HINT
    if MEMBER_CODE.match(code):
        return "Data anggota keluarga ini belum tersedia: pakai keluarga.anggota atau tambahkan isian."
    if code.startswith(("nama_kepala", "nip_kepala", "kode_", "email_", "telepon_", "website_", "alamat_surat")):
        return "Data kantor ini belum ada di profil nagari Balai: tulis langsung di templat."
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        return "Kode ini (mis. wilayah atau hitungan OpenSID) tidak dikenal Balai: tulis teksnya langsung."
    return ("Kode ini tidak dikenal Balai (mungkin kode alias buatan kantor di OpenSID): ganti dengan isian "
            "({{ isian.<kunci> }}) atau teks biasa.")
