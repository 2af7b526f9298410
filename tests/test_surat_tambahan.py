"""A plugin's placeholders reach letter templates under its name; a disabled plugin's do not."""

from importlib.metadata import entry_points

import pytest

from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep
from tests.surat_helpers import demo_nagari, issue, letters, living_resident, pdf_text
from tests.test_surat_templat import editor_form
from plugin_sdk.testing import post_form


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("tambahan")]


@pytest.fixture
def balai_plugins():
    return ["tambahan"]


def test_a_plugin_adds_a_placeholder_to_letters(admin_client, balai):
    demo_nagari(balai, residents=5)
    template = '<p class="isi">{{ penduduk.nama }} bersuku {{ tambahan.tambahan.suku }}.</p>'
    form = editor_form("domisili", template)
    post_form(admin_client, "/admin/surat/jenis/domisili", form)
    person = living_resident()
    issue(admin_client, "domisili", person["id"])
    [letter] = letters()
    text = pdf_text(admin_client.get(f"/admin/surat/{letter['id']}/pdf").content)
    suku = "Piliang" if person["jenis_kelamin"] == 2 else "Chaniago"
    assert f"{person['nama']} bersuku {suku}." in text

    run_sync(balai.disable("tambahan"))
    refused = issue(admin_client, "domisili", person["id"])
    assert refused.status_code == 400 and "isian yang tidak ada: tambahan" in refused.text
    assert len(letters()) == 1
