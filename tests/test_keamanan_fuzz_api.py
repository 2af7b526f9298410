"""API fuzzing: schemathesis generates requests from the app's own OpenAPI schema, anonymously and as every role.

Every operation in the schema, the core's and every plugin's, is covered without touching this file:
the schema is read from the running app. The bar: no server error, and every answer that claims
success matches its schema. Examples are bounded (EXAMPLES per operation and role) to keep CI short;
`python -m bench --fuzz` is the place for long runs.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from core.identity.users import create_user
from plugin_sdk.testing import csrf_headers, login, run_sync
from tests.surat_helpers import demo_nagari

EXAMPLES = int(os.environ.get("BALAI_FUZZ_EXAMPLES", "25"))
ROLES = ("administrator", "operator", "wali_nagari", "redaksi")
PASSWORD = "kata-sandi-uji-fuzz"
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def fuzz_operation(client, operation) -> int:
    """Send EXAMPLES generated requests of one operation; returns how many were sent. Fails on the first bad one."""
    sent = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        kwargs = case.as_transport_kwargs(base_url="http://testserver.local")
        kwargs.pop("cookies", None)  # the client's own session is what we are testing
        response = client.request(**{k: v for k, v in kwargs.items() if k in (
            "method", "url", "params", "headers", "json", "content", "data", "files")}, follow_redirects=False)
        sent.append(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()
    return len(sent)


@pytest.mark.parametrize("who", ["anonim", *ROLES])
def test_api_survives_generated_requests_from_every_role(balai, client, who):
    demo_nagari(balai, residents=20)
    if who != "anonim":
        run_sync(create_user(f"fuzz_{who}", who, PASSWORD, who))
        login(client, f"fuzz_{who}", PASSWORD)
    schema = schemathesis.openapi.from_dict(client.get("/api/docs/openapi.json").json())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6  # the register's API at least: a schema that lost it would fuzz nothing
    sent = sum(fuzz_operation(client, operation) for operation in operations)
    assert sent >= len(operations)
    # Still logged in and answering after the storm (a fuzzed logout or lock-out would hide later failures).
    assert client.get("/health").status_code == 200
    if who != "anonim":
        assert client.get("/api/v1/wilayah", headers=csrf_headers(client)).status_code in (200, 403)
