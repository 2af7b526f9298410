"""A service that did not start is named on the dashboard in words, with whom to call."""

from importlib.metadata import EntryPoint

import pytest

from tests.conftest import fixture_entry_point as ep
from tests.test_layar_kata_sistem import card, visible_text


@pytest.fixture
def balai_entry_points():
    return [EntryPoint(name="sistem", value="plugins.sistem.plugin", group="balai.plugins"), ep("gagal_mulai")]


@pytest.fixture
def balai_plugins():
    return ["sistem", "gagal_mulai"]


def test_a_service_that_failed_is_named_and_the_rest_is_not_said_to_run(admin_client):
    shown = visible_text(card(admin_client.get("/admin").text))
    assert "Layanan gagal mulai tidak berjalan, hubungi administrator." in shown
    assert "Semua layanan berjalan" not in shown
