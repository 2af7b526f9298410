"""Shared pieces of the CKAN API tests (test_satu_data_ckan*.py): the test plugin data_uji installed beside the
others, nothing the API keeps in memory carried from one test's database to the next, CKAN's timestamp form.

Import the fixtures by name into a test module (`from tests.satu_data_ckan_helpers import balai_entry_points,
balai_plugins, segar  # noqa: F401`); `segar` is autouse there."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.plugins import data_uji

#: CKAN's timestamp: UTC without a zone, always with microseconds.
CKAN_WAKTU = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$")


@pytest.fixture
def balai_entry_points():
    return data_uji.entry_points()


@pytest.fixture
def balai_plugins():
    return ["data_uji"]


@pytest.fixture(autouse=True)
def segar(monkeypatch):
    """Each test has its own database: nothing the API keeps in memory carries over; a change shows at once."""
    from plugins.satu_data import katalog
    from plugins.satu_data.ckan import paket

    monkeypatch.setattr(katalog, "CHECK_EVERY", 0.0)
    katalog.lupakan()
    paket.lupakan()
    yield
    katalog.lupakan()
    paket.lupakan()
