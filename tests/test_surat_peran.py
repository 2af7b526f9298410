"""Letters with further persons (from the register by NIK, or typed in), a list field, the family card and
pages of their own after the signature."""

import io
import json

from pypdf import PdfReader

from core.penduduk.tables import Penduduk
from plugin_sdk.testing import post_form, run_sync
from plugins.layanan_mandiri import permohonan as mandiri
from plugins.surat import api
from plugins.surat.tables import JenisSurat
from tests.surat_helpers import demo_nagari, letters, living_resident, pdf_text, wali_id

TEMPLATE = """<p>Pemohon {{ penduduk.nama }}.</p>
<p>Calon: {{ orang.calon.nama }} ({{ orang.calon.nik or 'tanpa NIK' }}), ayah {{ orang.calon.ayah.nama if orang.calon.ayah else '-' }}.</p>
{% if orang.saksi %}<p>Saksi: {{ orang.saksi.nama }}</p>{% endif %}
{% for w in isian.ahli_waris %}<p>Waris {{ loop.index }}: {{ w.nama }} / {{ w.hubungan }}</p>{% endfor %}
<div class="halaman-baru"></div>
<p>Lampiran keluarga {{ keluarga.no_kk }}: {% for a in keluarga.anggota %}{{ a.nama }} ({{ a.hubungan }}); {% endfor %}</p>"""


def _type() -> None:
    run_sync(JenisSurat.insert(JenisSurat(
        kode="uji_peran", nama="Surat Uji Peran", kode_klasifikasi="400.1", template=TEMPLATE, keluarga=True,
        peran=json.dumps([{"kunci": "calon", "label": "Calon pasangan", "wajib": True, "orang_tua": True},
                          {"kunci": "saksi", "label": "Saksi", "wajib": False}]),
        isian=json.dumps([{"kunci": "ahli_waris", "label": "Ahli waris", "jenis": "daftar", "wajib": True,
                           "kolom": [{"kunci": "nama", "label": "Nama"}, {"kunci": "hubungan", "label": "Hubungan"}]}]),
    )).run())


def _post(client, subject: dict, **fields):
    data = {"penduduk_id": str(subject["id"]), "keperluan": "Uji", "penandatangan": str(wali_id()), **fields}
    return post_form(client, "/admin/surat/buat/uji_peran", data, follow_redirects=False)


def test_roles_lists_family_and_following_pages(admin_client, balai):
    demo_nagari(balai)
    _type()
    subject = living_resident()
    other = run_sync(Penduduk.select().where((Penduduk.status_dasar == 1) & (Penduduk.id != subject["id"])
                                             & (Penduduk.keluarga != subject["keluarga"])).first().run())
    form = admin_client.get("/admin/surat/buat/uji_peran?penduduk=%d" % subject["id"]).text
    assert "Calon pasangan" in form and 'name="peran_calon_nik"' in form and 'name="isian_ahli_waris"' in form

    # Nothing is saved while anything is wrong: a required person missing, a list row with too many columns.
    bad = _post(admin_client, subject, isian_ahli_waris="Siti; Anak; lebih")
    assert bad.status_code == 400 and letters() == []
    assert "Calon pasangan wajib diisi" in bad.text and "Ahli waris baris 1" in bad.text
    unknown = _post(admin_client, subject, peran_calon_nik="1307050101990009", isian_ahli_waris="Siti; Anak")
    assert unknown.status_code == 400 and "tidak ada di buku induk" in unknown.text and letters() == []

    # The spouse-to-be from the register by NIK; a witness typed by hand.
    done = _post(admin_client, subject, peran_calon_nik=other["nik"], peran_saksi_nama="Bujang Saksi",
                 isian_ahli_waris="Siti Aminah; Anak kandung\nRahmat; Anak kandung\n")
    assert done.status_code in (302, 303), done.text[:1500]
    [letter] = letters()
    pdf = admin_client.get(f"/admin/surat/{letter['id']}/pdf").content
    text = pdf_text(pdf)
    assert f"Calon: {other['nama']} ({other['nik']})" in text and "Saksi: Bujang Saksi" in text
    assert "Waris 1: Siti Aminah / Anak kandung" in text and "Waris 2: Rahmat / Anak kandung" in text
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    second = " ".join(pages[-1].extract_text().split())
    assert f"Lampiran surat nomor {letter['nomor']}" in second and subject["nama"] in second
    assert "Lampiran keluarga" not in " ".join(pages[0].extract_text().split())

    # Residents cannot fill in another person's data from their phone: the type stays at the counter.
    assert run_sync(api.letter_type("uji_peran"))["perlu_loket"] is True
    post_form(admin_client, "/admin/mandiri/jenis", {"kode": ["uji_peran", "domisili"]})
    page = admin_client.get("/admin/mandiri/jenis").text
    assert "Hanya di loket: surat ini memerlukan data calon pasangan" in page
    assert [t["kode"] for t in run_sync(mandiri.letter_types())] == ["domisili"]
