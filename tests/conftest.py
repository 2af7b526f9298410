import pytest
from importlib.metadata import EntryPoint

pytest_plugins = ["plugin_sdk.testing"]

FIXTURES = "tests.fixtures.plugins"


def fixture_entry_point(name: str, module: str | None = None) -> EntryPoint:
    """An entry point to a test plugin module, as if a third-party package had registered it."""
    return EntryPoint(name=name, value=f"{FIXTURES}.{module or name}", group="balai.plugins")


@pytest.fixture
def fixture_plugins():
    return fixture_entry_point
