"""The crowd, small and bounded for CI: operators and visitors at once on a real server, on both engines.

`python -m bench` runs the full crowd (50 operators and 200 visitors for 2 minutes); this is its
subset: the same generator and the same checks (no failed request, no issued letter missing afterwards).
"""

import os

import pytest

from bench import beban
from bench.database import PostgresDatabase
from plugin_sdk.testing import _postgres_available


def check(figures) -> None:
    for figure in figures:
        assert figure.error is None, figure.error
    errors, lost = (next(f for f in figures if f.key.endswith(end)) for end in ("_galat", "_hilang"))
    assert errors.value == 0, errors.details["anonim"]["examples"] + errors.details["operator"]["examples"]
    assert lost.value == 0
    assert errors.details["surat_terbit"] > 0, "no letter was issued: the crowd wrote nothing to check"
    assert errors.details["anonim"]["requests"] > 100 and errors.details["operator"]["requests"] > 20


def test_crowd_on_sqlite_loses_nothing_and_fails_nothing():
    check(beban.measure(None, "sqlite", 8, lambda _: None, residents=1000, operators=10, visitors=40))


@pytest.mark.postgres
def test_crowd_on_postgres_loses_nothing_and_fails_nothing():
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL wajib di CI: {problem}")
        pytest.skip(problem)
    with PostgresDatabase() as database:
        check(beban.measure(database.url, "postgres", 8, lambda _: None, residents=1000, operators=10, visitors=40))
