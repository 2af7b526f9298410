"""Importing OpenSID letter templates: the report, what is mapped, safety, all-or-nothing, re-import, CLI and page.

The fixture is a small export in OpenSID's own format (assets/import/template_surat_tinymce.json): a business
letter whose codes all have a Balai value, a death certificate with codes Balai cannot fill and a reporting person,
and a template whose picture names a file on the server.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plugin_sdk.testing import post_form, run_sync
from plugins.surat.cli import group
from plugins.surat.opensid import berkas, cli as opensid_cli, terapkan
from plugins.surat.opensid.ubah import DITOLAK, PERHATIAN, SIAP
from plugins.surat.tables import JenisSurat
from tests.surat_helpers import demo_nagari, issue, letter_type, letters, living_resident, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "opensid_templat_surat.json"
PAGE = "/admin/surat/jenis/impor-opensid"
USAHA, KEMATIAN = "opensid_keterangan_usaha", "opensid_keterangan_kematian"


def one_template(html: str) -> bytes:
    """The fixture's first template with other HTML, as an export of one letter."""
    first = json.loads(FIXTURE.read_text())[0]
    return json.dumps([{**first, "template": html}]).encode()


def type_count() -> int:
    return run_sync(JenisSurat.count().run())


def upload(client, content: bytes, name: str = "Template Surat TinyMCE.json"):
    token = client.cookies.get("balai_csrf") or (client.get("/masuk") and client.cookies.get("balai_csrf"))
    return client.post(PAGE, data={"_csrf_token": token}, files={"berkas": (name, content, "application/json")})


def token_of(page: str) -> str:
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("html, named", [
    ('<p>[nama]</p><script>fetch("http://contoh.test")</script>', "skrip <script>"),
    ('<p>[nama]</p><img src="http://169.254.169.254/latest/meta-data/">', "<img src=\"http://169.254.169.254"),
    ('<p>[nama]</p><img src="desa/upload/user_pict/ktp.jpg">', "<img src=\"desa/upload/user_pict/ktp.jpg\">"),
    ('<link rel="stylesheet" href="file:///etc/passwd"><p>[nama]</p>', "<link>"),
    ('<object data="/etc/hostname"></object>', "<object>"),
    ('<p style="background: url(/etc/passwd)">[nama]</p>', "url(/etc/passwd)"),
    ('<p onclick="alert(1)">[nama]</p>', "onclick"),
    ('<p><a href="javascript:alert(1)">[nama]</a></p>', "javascript:alert(1)"),
])
def test_a_template_reaching_outside_the_letter_is_refused_naming_what(html, named):
    [result] = terapkan.convert_all(one_template(html))
    assert result.status == DITOLAK and named in result.alasan and "ekspor lagi" in result.alasan
    assert not result.baris


def test_what_is_not_an_opensid_export_is_refused_with_what_is_wrong():
    cases = {b"": "kosong", b"PK\x03\x04 bukan json": "bukan JSON", b'{"nama": "x"}': "bukan objek tunggal",
             b"[]": "tidak berisi templat", b"[1]": "Templat ke-1 bukan objek",
             b'[{"nama": "Domisili", "template": "<p>x</p>"}]': "tidak punya kolom url_surat",
             b'[{"nama": "A", "url_surat": "a", "template": "", "kode_isian": "{rusak"}]': "kolom kode_isian rusak"}
    for content, message in cases.items():
        with pytest.raises(berkas.BukanEkspor, match=message):
            berkas.read(content)
    # Inline pictures reach nothing: dropped with a note. OpenSID's photo code is a code Balai cannot fill.
    [result] = terapkan.convert_all(one_template(
        '<p>[NAma]</p><p><img src="data:image/png;base64,iVBORw0KGgo="></p>'
        '<p><img src="http://desa.test/assets/images/pengguna/kuser.png" width="124" height="148"></p>'))
    assert result.status == PERHATIAN and [m["kode"] for m in result.tertinggal] == ["[foto_penduduk]"]
    assert any("Gambar yang ditempel" in note for note in result.catatan) and "<img" not in result.baris["template"]


def test_an_opensid_export_becomes_letter_types_that_issue_letters(admin_client, balai):
    demo_nagari(balai, residents=5)
    assert "Impor dari OpenSID" in admin_client.get("/admin/surat/jenis").text
    assert 'name="berkas"' in admin_client.get(PAGE).text
    before = type_count()

    # Wrong files change nothing and say why.
    wrong = upload(admin_client, b'{"data": []}')
    assert wrong.status_code == 400 and "bukan ekspor templat surat OpenSID" in wrong.text
    assert upload(admin_client, b"[]", name="surat.txt").status_code == 400 and type_count() == before

    report = upload(admin_client, FIXTURE.read_bytes())
    assert report.status_code == 200 and type_count() == before
    text = report.text
    assert 'data-status="siap"' in text and 'data-status="perlu_perhatian"' in text and 'data-status="ditolak"' in text
    assert "[Tanggal_kematiaN]" in text and "ktp_warga.jpg" in text and "dipakai A4" in text
    assert f'name="pilih-{USAHA}" value="1" checked>' in text and f'name="pilih-{KEMATIAN}" value="1">' in text
    token = token_of(text)

    done = post_form(admin_client, f"{PAGE}/terapkan", {"token": token, f"pilih-{USAHA}": "1",
                                                      f"pilih-{KEMATIAN}": "1", "pilih-opensid_keterangan_domisili": "1"},
                     follow_redirects=False)
    assert done.status_code in (302, 303) and type_count() == before + 2  # the refused one cannot be chosen

    usaha = letter_type(USAHA)
    assert usaha["aktif"] and usaha["nama"] == "Surat Keterangan Usaha" and usaha["kode_klasifikasi"] == "500"
    assert (usaha["kertas"], usaha["margin"], usaha["masa_berlaku_hari"]) == ("A4", "6,18,14,18", 30)
    assert usaha["persyaratan"].splitlines() == ["Fotokopi KK", "Fotokopi KTP", "Surat Pengantar RT/RW"]
    assert usaha["orang_tua"] and usaha["keluarga"] and not usaha["pasangan"]
    fields = {f["kunci"]: f for f in json.loads(usaha["isian"])}
    assert {k: f["jenis"] for k, f in fields.items()} == {
        "nama_usaha": "teks", "bidang_usaha": "pilihan", "modal_usaha": "angka", "mulai_usaha": "tanggal",
        "catatan": "teks_panjang"}  # [form_keperluan] is Balai's own purpose field
    assert fields["bidang_usaha"]["pilihan"] == ["Perdagangan", "Pertanian", "Jasa"] and fields["nama_usaha"]["wajib"]

    kematian = letter_type(KEMATIAN)
    assert not kematian["aktif"] and kematian["semua_status"] and kematian["orang_tua"]
    assert "[Tanggal_kematiaN]" in kematian["template"] and kematian["margin"] == "15,20,15,25"
    assert json.loads(kematian["peran"]) == [{"kunci": "pelapor", "label": "Pelapor", "wajib": True,
                                              "orang_tua": False}]
    assert admin_client.get(f"/admin/surat/buat/{KEMATIAN}").status_code == 404  # inactive until fixed
    editor = {"nama": kematian["nama"], "kode_klasifikasi": kematian["kode_klasifikasi"], "subjek": kematian["subjek"],
              "orang_tua": "1", "semua_status": "1", "template": kematian["template"], "kertas": kematian["kertas"],
              "masa_berlaku_hari": "0", "peran": "pelapor; Pelapor; wajib", "aktif": "1",
              **dict(zip(("margin_atas", "margin_kanan", "margin_bawah", "margin_kiri"), kematian["margin"].split(",")))}
    refused = post_form(admin_client, f"/admin/surat/jenis/{KEMATIAN}", editor)
    assert refused.status_code == 400 and "kode OpenSID yang belum diganti: [Penyebab_kematiaN], [Tanggal_kematiaN]" in refused.text
    assert not letter_type(KEMATIAN)["aktif"]

    # The imported type issues a letter with the resident's data, the fields, and OpenSID's Jinja-like text as text.
    person = living_resident()
    made = issue(admin_client, USAHA, person["id"], isian_nama_usaha="Kedai Kopi Sahabat",
                 isian_bidang_usaha="Jasa", isian_modal_usaha="2500000", isian_mulai_usaha="2024-03-01")
    assert made.status_code in (302, 303), made.text[:1000]
    pdf = pdf_text(admin_client.get(f"/admin/surat/{letters()[-1]['id']}/pdf").content)
    assert person["nama"].upper() in pdf and person["nik"] in pdf and "Kedai Kopi Sahabat" in pdf
    assert "jasa" in pdf and "2.500.000 (dua juta lima ratus ribu rupiah)" in pdf and "1 Maret 2024" in pdf
    assert "{{ 7*7 }} {% if true %}kurung{% endif %} {# catatan #}" in pdf
    assert "Yang bertanda tangan di bawah ini" in pdf and "Pemegang Surat" not in pdf and "[" not in pdf

    # Importing the same file again creates nothing and overwrites nothing.
    again = upload(admin_client, FIXTURE.read_bytes())
    assert again.text.count('data-status="sudah_ada"') == 2 and "pilih-" not in again.text
    post_form(admin_client, f"{PAGE}/terapkan", {"token": token_of(again.text), f"pilih-{USAHA}": "1"})
    assert type_count() == before + 2 and letter_type(USAHA)["template"] == usaha["template"]
    gone = post_form(admin_client, f"{PAGE}/terapkan", {"token": token, f"pilih-{USAHA}": "1"})
    assert gone.status_code == 400 and "Unggah lagi" in gone.text


def test_the_command_line_reports_first_and_applies_on_request(balai, tmp_path, monkeypatch):
    monkeypatch.setattr(opensid_cli, "RUN", run_sync)
    runner, before = CliRunner(), type_count()
    report = runner.invoke(group, ["impor-opensid", str(FIXTURE)])
    assert report.exit_code == 0, report.output
    assert "Surat Keterangan Usaha [Siap diimpor] -> opensid_keterangan_usaha" in report.output
    assert "Kode tanpa padanan [Penyebab_kematiaN]" in report.output and "Belum ada yang diubah" in report.output
    assert type_count() == before

    # All or nothing: the audit log failing on the second type leaves not even the first one.
    calls = []

    async def failing_log(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk penuh")

    with monkeypatch.context() as patched:
        patched.setattr(terapkan, "log_change", failing_log)
        broken = runner.invoke(group, ["impor-opensid", str(FIXTURE), "--terapkan", "--terima-perlu-perhatian"])
    assert broken.exit_code != 0 and len(calls) == 2 and type_count() == before

    ready = runner.invoke(group, ["impor-opensid", str(FIXTURE), "--terapkan"])
    assert ready.exit_code == 0 and f"Dibuat 1 jenis surat: {USAHA}." in ready.output
    accepted = runner.invoke(group, ["impor-opensid", str(FIXTURE), "--terapkan", "--terima-perlu-perhatian"])
    assert f"Dibuat 1 jenis surat: {KEMATIAN}." in accepted.output and "[Sudah ada]" in accepted.output
    assert type_count() == before + 2 and not letter_type(KEMATIAN)["aktif"]

    (tmp_path / "bukan.json").write_text('{"surat": []}')
    refused = runner.invoke(group, ["impor-opensid", str(tmp_path / "bukan.json"), "--terapkan"])
    assert refused.exit_code != 0 and "bukan ekspor templat surat OpenSID" in refused.output
    assert type_count() == before + 2
