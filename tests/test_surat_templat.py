"""Operator-edited templates cannot reach the database, the disk or the process (ENGINEERING-NOTES 2)."""

import json

import pytest

from core.penduduk.tables import Penduduk
from plugin_sdk import dokumen
from plugin_sdk.testing import post_form, run_sync
from tests.surat_helpers import demo_nagari, letter_type, pdf_text

PAYLOADS = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "tidak diizinkan"),
    ("{{ penduduk.__class__.__init__.__globals__ }}", "tidak diizinkan"),
    ("{{ penduduk.select().run_sync() }}", "isian yang tidak ada"),
    ("{{ penduduk.delete(force=True).run_sync() }}", "isian yang tidak ada"),
    ("{{ lipsum.__globals__['os'].system('id') }}", "isian yang tidak ada"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "tidak diizinkan"),
    ("{{ request.app.state }}", "isian yang tidak ada"),
    ("{{ config }}", "isian yang tidak ada"),
    ("{% include '/etc/passwd' %}", "tidak boleh memuat berkas lain"),
    ("{% import 'core/admin.html' as x %}", "tidak boleh memuat berkas lain"),
    ('<img src="/etc/passwd">', "tidak diizinkan: /etc/passwd"),
    ('<img src="file:///etc/hostname">', "tidak diizinkan"),
    ('<img src="http://169.254.169.254/latest/meta-data/">', "tidak diizinkan"),
    ("{{ penduduk.nama", "tidak dapat dibaca"),
]


def editor_form(kode: str, template: str) -> dict:
    row = letter_type(kode)
    form = {"nama": row["nama"], "kode_klasifikasi": row["kode_klasifikasi"], "subjek": row["subjek"],
            "persyaratan": row["persyaratan"], "template": template, "kertas": row["kertas"], "aktif": "1",
            "masa_berlaku_hari": str(row["masa_berlaku_hari"]), "margin_atas": "15", "margin_kanan": "20",
            "margin_bawah": "15", "margin_kiri": "25"}
    for index, field in enumerate(json.loads(row["isian"])):
        form.update({f"isian-{index}-kunci": field["kunci"], f"isian-{index}-label": field["label"],
                     f"isian-{index}-jenis": field["jenis"], f"isian-{index}-wajib": "1" if field["wajib"] else ""})
    return form


@pytest.mark.parametrize("payload, message", PAYLOADS, ids=range(len(PAYLOADS)))
def test_injection_payloads_fail_with_a_clear_message_and_change_nothing(admin_client, balai, payload, message):
    demo_nagari(balai, residents=5)
    before, people = letter_type("domisili")["template"], run_sync(Penduduk.count().run())
    saved = post_form(admin_client, "/admin/surat/jenis/domisili", editor_form("domisili", payload))
    assert saved.status_code == 400 and message in saved.text
    assert letter_type("domisili")["template"] == before
    preview = post_form(admin_client, "/admin/surat/jenis/domisili/pratinjau", editor_form("domisili", payload))
    assert preview.headers["content-type"].startswith("text/html") and "Pratinjau belum dapat dibuat" in preview.text
    assert run_sync(Penduduk.count().run()) == people > 0


def test_an_uploaded_file_cannot_be_pulled_into_a_letter(admin_client, balai):
    demo_nagari(balai, residents=2)
    upload = balai.settings.data_dir / "berkas" / "ktp" / "scan.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG\r\n\x1a\nRAHASIA-KTP")
    response = post_form(admin_client, "/admin/surat/jenis/domisili/pratinjau",
                         editor_form("domisili", f'<p>x</p><img src="{upload}">'))
    assert "tidak diizinkan" in response.text and "RAHASIA" not in response.text


def test_a_good_template_previews_as_pdf_with_sample_data_and_saves(admin_client, balai):
    demo_nagari(balai, residents=2)
    template = '<p class="isi">Menerangkan bahwa {{ penduduk.nama }} ({{ isian.sejak or "-" }}) {{ 1500000 | rupiah }}</p>'
    preview = post_form(admin_client, "/admin/surat/jenis/domisili/pratinjau", editor_form("domisili", template))
    assert preview.headers["content-type"] == "application/pdf"
    assert "Menerangkan bahwa Contoh Penduduk" in pdf_text(preview.content) and "Rp 1.500.000" in pdf_text(preview.content)
    saved = post_form(admin_client, "/admin/surat/jenis/domisili", editor_form("domisili", template))
    assert "disimpan" in saved.text and letter_type("domisili")["template"] == template


def test_templates_render_in_another_process():
    import os

    from core.dokumen.pdf import Dokumen, renderer

    result = run_sync(renderer().render(Dokumen(layout="kosong.html", body="<p>{{ a }}</p>", data={"a": "x"})))
    assert result.pdf.startswith(b"%PDF") and result.pid != os.getpid()


def test_template_data_must_be_plain():
    with pytest.raises(TypeError, match="data polos"):
        dokumen.freeze({"penduduk": Penduduk})
