"""Shared pieces of the `bantuan` tests: load the plugin as an added one until the package metadata lists it (a
built-in once `pip install -e .` has run), and a second staff user to approve what the first prepared."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

import pytest

INSTALLED = any(e.name == "bantuan" for e in entry_points(group="balai.plugins"))


@pytest.fixture
def balai_entry_points():
    if INSTALLED:
        return None
    return [*entry_points(group="balai.plugins"), EntryPoint(name="bantuan", value="plugins.bantuan.plugin",
                                                             group="balai.plugins")]


@pytest.fixture
def balai_plugins():
    return [] if INSTALLED else ["bantuan"]
