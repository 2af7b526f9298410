"""surat 1.4: a plugin ships a letter type of its own (`add_letter_type`); the office's edits of it are kept."""

import pytest

from plugin_sdk import write_transaction
from plugin_sdk.testing import run_sync
from plugins.surat import api
from plugins.surat.tables import JenisSurat

JENIS = {"kode": "uji_tanah", "nama": "Surat Keterangan Tanah Uji", "kode_klasifikasi": "590", "subjek": "penduduk",
         "persyaratan": ["Fotokopi KTP-el"], "isian": [{"kunci": "luas", "label": "Luas (ha)", "jenis": "teks"}],
         "template": "<p>{{ penduduk.nama }} menggarap tanah seluas {{ isian.luas }} ha.</p>"}


def tambah(jenis: dict) -> bool:
    async def go():
        async with write_transaction():
            return await api.add_letter_type(jenis)

    return run_sync(go)


def test_a_plugins_letter_type_is_added_once_and_the_offices_wording_stays(balai, admin_client):
    assert tambah(JENIS) is True
    jenis = run_sync(lambda: api.letter_type("uji_tanah"))
    assert jenis["nama"] == "Surat Keterangan Tanah Uji" and [i["kunci"] for i in jenis["isian"]] == ["luas"]
    assert "Surat Keterangan Tanah Uji" in admin_client.get("/admin/surat/buat").text

    run_sync(JenisSurat.update({JenisSurat.template: "<p>Kata-kata kantor.</p>"}).where(
        JenisSurat.kode == "uji_tanah").run)
    assert tambah({**JENIS, "template": "<p>Versi baru plugin.</p>"}) is False
    row = run_sync(JenisSurat.select(JenisSurat.template).where(JenisSurat.kode == "uji_tanah").first().run)
    assert row["template"] == "<p>Kata-kata kantor.</p>"


def test_a_type_without_its_body_is_refused_and_nothing_is_added(balai):
    with pytest.raises(ValueError, match="template"):
        tambah({k: v for k, v in JENIS.items() if k != "template"})
    assert run_sync(lambda: api.letter_type("uji_tanah")) is None
