"""Every built-in letter type is there on a fresh install and issues at the counter into a PDF that shows its data."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from core.penduduk.tables import Penduduk
from plugin_sdk.dokumen import tanggal_panjang
from plugin_sdk.testing import post_form, run_sync
from plugins.surat import jenis as jenis_mod
from plugins.surat.tables import JenisSurat
from tests.surat_helpers import demo_nagari, issue, letters, living_resident, pdf_text

AYAH, IBU = "Syamsul Bahri Uji", "Nurhayati Uji"
NAMES = {"calon": "Siti Rahmah Calon", "saksi_1": "Bujang Saksi Satu", "saksi_2": "Upik Saksi Dua",
         "pembeli": "Datuak Pembeli Uji", "penerima": "Rusli Penerima Kuasa", "kerabat": "Kemenakan Uji",
         "anak": "Anak Asuh Uji"}
CALON_PARENTS = {"peran_calon_nama_ayah": "Ayah Calon Uji", "peran_calon_nama_ibu": "Ibu Calon Uji"}
HEIRS = ["Rosmaniar Janda Pewaris", "Afrizal Anak Pertama", "Yulia Anak Kedua"]
# Values a template uses without printing them as typed: which N5 pages to add.
NOT_PRINTED = {("pengantar_nikah", "izin_orang_tua")}
CHOSEN = {("pengantar_nikah", "izin_orang_tua"): "Untuk keduanya"}
UNNAMED = {"kelahiran"}  # the newborn's letter names the baby typed in its fields, not the register's subject


def _field(kode: str, field: dict, n: int) -> tuple[str, list[str]]:
    """A form value for a required field and the texts the PDF must then show."""
    key, kind = field["kunci"], field.get("jenis", "teks")
    if (kode, key) in CHOSEN:
        value = CHOSEN[(kode, key)]
        return value, [] if (kode, key) in NOT_PRINTED else [value]
    if kind == "angka":
        number = 150_000_000 if key == "harga" else 7000 + 111 * n
        return str(number), [f"{number:,}".replace(",", ".")]
    if kind == "tanggal":
        day = date(2026, 11, 1 + n % 28)
        return day.isoformat(), [tanggal_panjang(day)]
    if kind == "pilihan":
        return field["pilihan"][0], [field["pilihan"][0]]
    if kind == "daftar":
        if key == "ahli_waris":
            rows = [[name, "", "", "Ahli waris"] for name in HEIRS]
        else:
            rows = [[f"{col['label']} {row}" for col in jenis_mod.columns(field)] for row in (1, 2)]
        return "\n".join("; ".join(cells) for cells in rows), [cells[0] for cells in rows]
    value = f"Isian{n} {key.replace('_', ' ')}"
    return value, [value]


def _form(entry: dict, subject: dict) -> tuple[dict, list[str]]:
    form, expected = {}, []
    for n, field in enumerate(entry.get("isian", [])):
        if field.get("wajib") or (entry["kode"], field["kunci"]) in CHOSEN:
            value, shown = _field(entry["kode"], field, n)
            form[f"isian_{field['kunci']}"] = value
            expected += shown
    for role in entry.get("peran", []):
        name = NAMES.get(role["kunci"], f"Orang {role['kunci']}")
        form |= {f"peran_{role['kunci']}_nama": name, f"peran_{role['kunci']}_pekerjaan": "Wiraswasta",
                 f"peran_{role['kunci']}_alamat": "Jalan Sudirman 4, Pekanbaru"}
        expected.append(name)
    if entry["kode"] == "pengantar_nikah":
        form |= CALON_PARENTS | {"peran_calon_jenis_kelamin": "2" if subject["jenis_kelamin"] == 1 else "1"}
        expected += [AYAH, IBU, *CALON_PARENTS.values()]
    return form, expected


def _issued_pdf(client, kode: str, subject_id: int, form: dict) -> tuple[bytes, str]:
    response = issue(client, kode, subject_id, **form)
    assert response.status_code in (302, 303), f"{kode}: {response.status_code} {response.text[:1500]}"
    letter = letters()[-1]
    if letter["status"] == "menunggu":  # types that need the head's approval get their number then
        post_form(client, f"/admin/surat/{letter['id']}/setujui")
        letter = letters()[-1]
    assert letter["status"] == "terbit" and letter["jenis_kode"] == kode
    return client.get(f"/admin/surat/{letter['id']}/pdf").content, letter["nomor"]


@pytest.mark.parametrize("balai_database_url", ["sqlite"], indirect=True)  # rendering, not the database, is tested
def test_every_builtin_type_is_seeded_and_issues_a_pdf_with_its_data(admin_client, balai):
    demo_nagari(balai)
    shipped = jenis_mod.builtin()
    seeded = {row["kode"]: row for row in run_sync(JenisSurat.select().run())}
    # A fresh install gets the types from migrations of frozen rows: they must be what bawaan/ ships.
    stale = [row["kode"] for row in shipped if {key: seeded.get(row["kode"], {}).get(key) for key in row} != row]
    assert len(shipped) >= 32 and not stale, f"bawaan/ berbeda dari yang dipasang migrasi: {stale}"

    subject = living_resident()
    run_sync(Penduduk.update({Penduduk.nama_ayah: AYAH, Penduduk.nama_ibu: IBU, Penduduk.nik_ayah: "",
                              Penduduk.nik_ibu: ""}).where(Penduduk.id == subject["id"]).run())
    family = [r["nama"] for r in run_sync(Penduduk.select(Penduduk.nama).where(
        (Penduduk.keluarga == subject["keluarga"]) & (Penduduk.status_dasar == 1)).run())]
    problems = []
    for entry in _entries():
        form, expected = _form(entry, subject)
        pdf, nomor = _issued_pdf(admin_client, entry["kode"], subject["id"], form)
        text = pdf_text(pdf).lower()
        named = [] if entry["kode"] in UNNAMED else [subject["nama"]]
        missing = [want for want in [*named, nomor, *expected] if want.lower() not in text]
        if missing:
            problems.append(f"{entry['kode']}: tidak tercetak {missing}")
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
        if entry["kode"] == "pengantar_nikah":
            forms = [m for m in ("Model N1", "Model N2", "Model N4", "Model N5") if m.lower() not in text]
            if len(pages) < 5 or forms or "pengantar nikah" not in pages[1].lower():
                problems.append(f"pengantar_nikah: {len(pages)} halaman, tanpa {forms}")
        if entry["kode"] == "jual_beli_tanah" and "seratus lima puluh juta rupiah" not in text:
            problems.append("jual_beli_tanah: harga tidak dengan terbilang")
        if entry["kode"] == "ahli_waris" and not all(heir in pages[-1] for heir in HEIRS):
            problems.append("ahli_waris: pernyataan ahli waris tidak memuat setiap ahli waris")
        if entry["kode"] == "pengantar_pindah" and not ("F-1.03" in pages[-1] and all(n in pages[-1] for n in family)):
            problems.append(f"pengantar_pindah: F-1.03 tidak memuat semua anggota keluarga {family}")
    assert not problems, "\n".join(problems)


def _entries() -> list[dict]:
    """The entries of bawaan/jenis.toml, with their fields and roles as lists."""
    import tomllib

    with (jenis_mod.BAWAAN / "jenis.toml").open("rb") as handle:
        return tomllib.load(handle)["jenis"]
