"""Fixtures for the adat module's tests: Balai's own (plugin_sdk.testing), with `adat` enabled."""

import pytest

pytest_plugins = ["plugin_sdk.testing"]


@pytest.fixture
def balai_plugins():
    return ["adat"]
